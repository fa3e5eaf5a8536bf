"""Care Act eligibility: do an adult's or a carer's needs meet the national eligibility criteria?

The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313) decide every detail:

- An adult (regulation 2) is eligible when all three hold: the needs come from a physical or mental
  impairment or illness; because of them the adult is unable to achieve TWO or more of the outcomes
  a to j; and there is, or is likely to be, a significant impact on their wellbeing.
- A carer (regulation 3) is eligible when all three hold: the needs come from providing care the
  adult needs; the carer's health is getting worse or at risk of it, OR the carer is unable to
  achieve ANY ONE of the outcomes i to viii; and there is, or is likely to be, a significant impact
  on their wellbeing.
- "Unable to achieve" an outcome means one of the ways in outcomes.json: needs help (or prompting);
  can do it alone but with significant pain, distress or anxiety; can do it alone but it puts
  someone's health or safety at risk; or, for adults only, takes far longer than usual.

Decisions this library takes where the regulations leave the shape of the data to us:

- An outcome with an empty list of ways, or left out, is one the person can achieve.
- A carer given "significantly_longer" is not an error: the fact may well be true, it just does not
  count (reg 3(3) leaves it out). It is set aside, it never makes an outcome count, and a reason
  names the outcomes it was set aside for. A way that is not one of the four is an error.
- Fluctuating needs (regs 2(4) and 3(4)): "over_period" records the person's circumstances on
  several occasions. An outcome counts as one they are unable to achieve if it was so on ANY
  recorded occasion (the needs of bad days count), the ways counted are the union over the
  occasions, and a reason says on how many occasions, e.g. "on 2 of 5 occasions recorded between
  3 March 2026 and 28 April 2026". With "over_period", "outcomes" may be left out; if it is given
  too, it counts as the picture at the assessment. Dates are real dates written YYYY-MM-DD and none
  may be after `today` (default date.today()); two occasions may share a date.
- Reasons come first with the overall answer, then one sentence for each of the three conditions
  (met or not, and why), so when a case is not eligible every missing condition is named; then one
  sentence for each outcome counted, saying how (and when, over a period).
- A case with fields it should not have (a carer's "needs_from_caring" on an adult's case, a
  misspelt name) is an error, so that nothing typed is silently ignored.

Use from Python:

    >>> from whatsstrong.eligibility import decide_adult
    >>> d = decide_adult(needs_from_impairment=True, significant_impact=True,
    ...                  outcomes={"a": ["without_assistance"], "b": ["pain_distress_anxiety"]})
    >>> d.eligible, d.unable
    (True, ['a', 'b'])

JSON-lines contract (python -m whatsstrong.eligibility --jsonl [FILE...] [--today YYYY-MM-DD]):

    adult case  {"id", "who": "adult", "needs_from_impairment": bool,
                 "outcomes": {CODE: [WAY, ...]}, "significant_impact": bool,
                 "over_period": [{"date": "YYYY-MM-DD", "outcomes": {...}}, ...] (optional)}
    carer case  {"id", "who": "carer", "needs_from_caring": bool, "health_deteriorating": bool,
                 "outcomes": {CODE: [WAY, ...]}, "significant_impact": bool, "over_period" (optional)}
    answer      {"id", "eligible": bool, "unable": [CODE, ...], "reasons": [sentence, ...]}
    error       {"id", "error": "what is wrong"}   (id null when the case has none or is not an object)

One line in:

    {"id": 7, "who": "carer", "needs_from_caring": true, "health_deteriorating": false, "outcomes": {"viii": ["pain_distress_anxiety"]}, "significant_impact": true}

and out:

    {"id": 7, "eligible": true, "unable": ["viii"], "reasons": ["Eligible: all 3 conditions are met.", "The carer's needs come from providing care that the adult needs.", "Unable to achieve 1 of the outcomes: having time for hobbies and things they enjoy.", "The needs have, or are likely to have, a significant impact on the carer's wellbeing.", "Having time for hobbies and things they enjoy: doing it alone causes them significant pain, distress or anxiety."]}

Blank lines are skipped; a line that is not JSON, or not an object, gets an error answer and the
run goes on; the exit status is 0 unless the command line itself is wrong.

Pure Python, standard library only (no Django), like whatsstrong.language.
"""  # noqa: E501 - a JSON line is one line

from .cases import decide
from .reference import DataFileError, Outcome, Reference, Scheme, Way, load_reference
from .rules import ADULT_MIN_UNABLE, CARER_MIN_UNABLE, CaseError, Decision, Occasion, decide_adult, decide_carer

__all__ = [
    "ADULT_MIN_UNABLE",
    "CARER_MIN_UNABLE",
    "CaseError",
    "DataFileError",
    "Decision",
    "Occasion",
    "Outcome",
    "Reference",
    "Scheme",
    "Way",
    "decide",
    "decide_adult",
    "decide_carer",
    "load_reference",
]
