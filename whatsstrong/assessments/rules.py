"""Rules about assessments, as pure functions over plain values (no Django here).

- How much of an assessment is in the person's own words (`own_words`, `own_words_sentence`).
- What a conversation must hold (`conversation_problems`), and the person's ranking of their
  wellbeing priorities (`rank_problems`).
- Sign-off: who may change an assessment, who may sign it off, and where sending it goes
  (`editable`, `submit_problems`, `sign_off_route`, `decide_problem`, `return_problem`).
- Eligibility: which kind of assessment asks about whose needs (`eligibility_who`), the facts each
  kind of case holds (`ELIGIBILITY_FACTS`), and the impact written when it is significant
  (`impact_problem`). The decision itself is whatsstrong.eligibility's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from whatsstrong.language.context import quoted_ranges
from whatsstrong.people.rules import (  # noqa: F401  (when a review is overdue: the caseload needs it too)
    DUE_SOON_DAYS,
    review_due_soon,
    review_overdue,
    review_tag,
)

# --- The person's own words -------------------------------------------------------------------------

QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def _counted(text: str) -> int:
    """Letters and digits only: spaces, punctuation and the quotation marks themselves do not count."""
    return sum(1 for ch in text if ch.isalnum())


def split_quotes(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, each marked True when it is inside quotation marks (marks left out)."""
    pieces, at = [], 0
    for start, end in quoted_ranges(text):
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start + 1 : end - 1], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def own_words(texts: list[str]) -> tuple[int, int]:
    """(letters inside quotation marks, letters in all) across the texts."""
    quoted = total = 0
    for text in texts:
        if not text:
            continue
        total += _counted(text)
        quoted += sum(_counted(piece) for piece, inside in split_quotes(text) if inside)
    return quoted, total


# How to say the share in their own words: the first row whose upper bound it does not pass.
SHARE_WORDS = [
    (0.07, "A little of this assessment is in {name}'s own words"),
    (0.17, "About a tenth of this assessment is in {name}'s own words"),
    (0.29, "About a quarter of this assessment is in {name}'s own words"),
    (0.42, "About a third of this assessment is in {name}'s own words"),
    (0.58, "About half of this assessment is in {name}'s own words"),
    (0.71, "About two thirds of this assessment is in {name}'s own words"),
    (0.9, "About three quarters of this assessment is in {name}'s own words"),
    (1.0, "Nearly all of this assessment is in {name}'s own words"),
]


def own_words_sentence(quoted: int, total: int, name: str) -> str:
    if total <= 0:
        return "Nothing is written in this assessment yet"
    if quoted <= 0:
        return f"None of this assessment is in {name}'s own words yet"
    if quoted >= total:
        return f"All of this assessment is in {name}'s own words"
    share = quoted / total
    return next(words for upper, words in SHARE_WORDS if share <= upper).format(name=name)


# --- Conversations ----------------------------------------------------------------------------------

EMPTY_CONVERSATION = "Enter what was talked about: a conversation with nothing in it cannot be saved"
FUTURE_DATE = "The date of the conversation must be today or in the past"
NO_DATE = "Enter the date of the conversation"
NO_ADVOCATE_NAME = "Enter the advocate's name, or say no advocate took part"
NO_LANGUAGE = "Enter the language the interpreter worked in, or say no interpreter took part"


def conversation_problems(
    *,
    happened_on: datetime.date | None,
    today: datetime.date,
    text: str,
    advocate: bool = False,
    advocate_name: str = "",
    interpreter: bool = False,
    interpreter_language: str = "",
) -> dict[str, str]:
    """What stops a conversation being recorded, by field; empty when nothing does."""
    problems = {}
    if happened_on is None:
        problems["happened_on"] = NO_DATE
    elif happened_on > today:
        problems["happened_on"] = FUTURE_DATE
    if not (text or "").strip():
        problems["text"] = EMPTY_CONVERSATION
    if advocate and not (advocate_name or "").strip():
        problems["advocate_name"] = NO_ADVOCATE_NAME
    if interpreter and not (interpreter_language or "").strip():
        problems["interpreter_language"] = NO_LANGUAGE
    return problems


# --- Wellbeing priorities ---------------------------------------------------------------------------

WELLBEING_CODES = tuple("abcdefghi")


def rank_problems(ranks: dict[str, int | None]) -> dict[str, str]:
    """The person's own order of priority: numbers from 1 to 9, each used once; any area may be left
    unranked. Problems by area code; empty when the ranking can be kept."""
    problems = {}
    seen: dict[int, str] = {}
    for code in WELLBEING_CODES:
        rank = ranks.get(code)
        if rank is None:
            continue
        if not 1 <= rank <= len(WELLBEING_CODES):
            problems[code] = f"Give a number from 1 to {len(WELLBEING_CODES)}, or leave it empty"
        elif rank in seen:
            problems[code] = f"Priority {rank} is given to two areas: give each area its own number"
        else:
            seen[rank] = code
    for code in ranks:
        if code not in WELLBEING_CODES:
            problems[code] = "There is no wellbeing area with this code"
    return problems


def new_strength_key(level: str, description: str) -> tuple[str, str]:
    """Two strengths are the same when the level matches and the words do, ignoring case and spacing."""
    return level, " ".join(description.split()).casefold()


# --- Sign-off ---------------------------------------------------------------------------------------

DRAFT, AWAITING, RETURNED, AUTHORISED = "draft", "awaiting_sign_off", "returned", "authorised"
EDITABLE = {DRAFT, RETURNED}
SUPERVISOR = "supervisor"
SELF, TO_SUPERVISOR = "self", "supervisor"


def editable(status: str) -> bool:
    """An assessment can be changed until it is sent for sign-off, and again if it is returned.
    Once signed off it is kept as it is: an addendum or a new assessment is the way on."""
    return status in EDITABLE


def submit_problems(*, status: str, kind: str, conversations: int, analysis: str) -> list[str]:
    problems = []
    if not editable(status):
        problems.append("This assessment has already been sent for sign-off")
    if conversations < 1:
        problems.append("Record at least one conversation before sending the assessment for sign-off")
    if not (analysis or "").strip():
        problems.append("Write your analysis before sending the assessment for sign-off")
    return problems


def sign_off_route(*, author_id: int, actor_id: int, actor_qualified: bool) -> str:
    """A qualified practitioner signs off their own assessment; anything else goes to a supervisor."""
    return SELF if actor_qualified and actor_id == author_id else TO_SUPERVISOR


@dataclass(frozen=True)
class Decider:
    id: int
    role: str
    team_id: int | None
    active: bool = True


def decide_problem(
    *, status: str, decider: Decider, person_team_id: int | None, author_id: int, thing: str = "assessment"
) -> str | None:
    """Why this person may not sign off or return the assessment (or another `thing` signed off the
    same way, like a support plan); None when they may."""
    if status != AWAITING:
        return f"This {thing} is not waiting for sign-off"
    if not decider.active or decider.role != SUPERVISOR:
        return f"Only a supervisor of the person's team can sign off {article(thing)}"
    if decider.team_id is None or decider.team_id != person_team_id:
        return f"Only a supervisor of the person's team can sign off {article(thing)}"
    if decider.id == author_id:
        return f"Someone else must sign off {article(thing)} you wrote: ask another supervisor of the team"
    return None


def article(thing: str) -> str:
    return f"{'an' if thing[:1] in 'aeiou' else 'a'} {thing}"


def return_problem(comment: str) -> str | None:
    if not (comment or "").strip():
        return "Enter your comments: say what needs to change before you can sign it off"
    return None


# What a contact may end with on its own page, without a fuller assessment.
CONTACT_ENDS = {"information_and_advice", "signposting", "no_further_action"}


def contact_complete_problem(offered: str) -> str | None:
    if offered not in CONTACT_ENDS:
        return (
            "A contact can be completed here only when it ends with information and advice. "
            "Save it, then start a fuller assessment"
        )
    return None


# --- Eligibility ------------------------------------------------------------------------------------

# A strengths and wellbeing assessment asks about an adult's needs (regulation 2), a carer's
# wellbeing assessment about a carer's (regulation 3); a contact has no eligibility decision.
ELIGIBILITY_WHO = {"strengths_and_wellbeing": "adult", "carers_wellbeing": "carer"}
# The facts of each kind of case, as whatsstrong.eligibility takes them (no period of occasions here).
# Fluctuating needs: at most this many other days recorded besides the picture at the assessment,
# kept in the facts as "over_period", as whatsstrong.eligibility's JSON contract has it.
MOST_OCCASIONS = 3

ELIGIBILITY_FACTS = {
    "adult": ("needs_from_impairment", "outcomes", "significant_impact"),
    "carer": ("needs_from_caring", "health_deteriorating", "outcomes", "significant_impact"),
}
NO_ELIGIBILITY = "A contact assessment has no eligibility decision: start a fuller assessment for one"
NO_IMPACT = "Describe the impact on their wellbeing, or answer No to whether there is a significant impact"


def eligibility_who(kind: str) -> str | None:
    return ELIGIBILITY_WHO.get(kind)


def impact_problem(significant_impact: object, impact: str) -> str | None:
    """A significant impact must be described in the practitioner's words."""
    if significant_impact is True and not (impact or "").strip():
        return NO_IMPACT
    return None


def eligibility_status(eligible: bool | None) -> str:
    """The eligibility step's status in the task list: None when no decision is recorded yet."""
    if eligible is None:
        return "Not started"
    return "Eligible" if eligible else "Not eligible"


# --- Reviews ----------------------------------------------------------------------------------------
#
# A review looks back at what the person's last signed-off fuller assessment set out to change: each
# wellbeing area the person ranked as a priority, and the hand-over to the support plan. Each thing
# looked back at has a subject key ("wellbeing:<code>", "hand_over"). When support plans with personal
# outcomes land, each outcome becomes one more subject ("outcome:<id>") with the same three answers;
# nothing else here needs to change.

FULLER_KINDS = ("strengths_and_wellbeing", "carers_wellbeing")
REVIEW = "review"
REVISE, CARRY_ON, CLOSE = "revise_plan", "carry_on", "close"
# Signing off a fuller assessment plans the first review this many months later (the Care Act
# statutory guidance expects a review no later than 12 months after a plan is agreed). A setting,
# REVIEW_FIRST_MONTHS, may change it.
FIRST_REVIEW_MONTHS = 12
SCORE_MIN, SCORE_MAX = 1, 10
BAD_SCORE = f"Give a whole number from {SCORE_MIN} to {SCORE_MAX}, or leave the score empty"
NO_RESULT = "Choose what the review leads to"
NO_NEXT_REVIEW = "Enter the date of the next review, or choose to close"
PAST_NEXT_REVIEW = "The next review must be after today"
NEXT_REVIEW_WHEN_CLOSING = "Leave the next review empty when support closes"
NO_REVIEW_REASON = "Say why the review date is changing"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month, `months` later; the month's last day when it is shorter."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def first_review_due(signed_on: datetime.date, months: int = FIRST_REVIEW_MONTHS) -> datetime.date:
    return add_months(signed_on, months)


def next_review_due(result: str, chosen: datetime.date | None) -> datetime.date | None:
    """When the person is next reviewed after a review signed off with this result: none after closing."""
    return None if result == CLOSE else chosen


def scaling_score(value: object) -> tuple[int | None, str | None]:
    """A scaling score as typed or sent: (the score, None), (None, None) when empty, or (None, why not)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, BAD_SCORE
    if isinstance(value, float):
        if not value.is_integer():
            return None, BAD_SCORE
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit():
            return None, BAD_SCORE
        value = int(text)
    if not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
        return None, BAD_SCORE
    return value, None


def review_result_problems(
    *, result: str, next_review_on: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    problems = {}
    if result not in (REVISE, CARRY_ON, CLOSE):
        problems["result"] = NO_RESULT
    elif result == CLOSE:
        if next_review_on is not None:
            problems["next_review_on"] = NEXT_REVIEW_WHEN_CLOSING
    elif next_review_on is None:
        problems["next_review_on"] = NO_NEXT_REVIEW
    elif next_review_on <= today:
        problems["next_review_on"] = PAST_NEXT_REVIEW
    return problems


def review_submit_problems(*, result: str, has_reviewed: bool) -> list[str]:
    problems = []
    if not has_reviewed:
        problems.append("A review needs a signed-off fuller assessment to look back at")
    if not result:
        problems.append("Say what the review leads to before sending it for sign-off")
    return problems


def review_date_problems(*, due_on: datetime.date | None, today: datetime.date, reason: str) -> dict[str, str]:
    problems = {}
    if due_on is not None and due_on < today:
        problems["due_on"] = "The review date must be today or later"
    if not (reason or "").strip():
        problems["reason"] = NO_REVIEW_REASON
    return problems


def review_subjects(ranked: list[tuple[str, int]], hand_over: str) -> list[str]:
    """What a review looks back at, in order: the ranked wellbeing areas by the person's priority,
    then the hand-over when one was written."""
    subjects = [f"wellbeing:{code}" for code, _ in sorted(ranked, key=lambda pair: (pair[1], pair[0]))]
    if (hand_over or "").strip():
        subjects.append("hand_over")
    return subjects
