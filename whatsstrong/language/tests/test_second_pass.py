"""The coach's second pass: replacements that fit the sentence, care done to a person in every
tense, abbreviations in any case, medical short forms, explanations in the text, and the words for
a home or a person as a problem."""

import pytest

from whatsstrong.language import check
from whatsstrong.language.replacement import tense_of, verb_form

from .helpers import flagged, phrases


def replacements(text):
    return [(text[f.start : f.end], f.replacement) for f in check(text)]


# -- inflection ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "base, tense, form",
    [
        ("decline", "s", "declines"),
        ("decline", "ed", "declined"),
        ("decline", "ing", "declining"),
        ("walk", "ed", "walked"),
        ("help", "ing", "helping"),
        ("live", "ing", "living"),
        ("carry", "s", "carries"),
        ("carry", "ed", "carried"),
        ("stop", "ed", "stopped"),
        ("wash", "s", "washes"),
        ("keep", "ed", "kept"),
        ("get", "ing", "getting"),
        ("agree", "ed", "agreed"),
        ("agree", "ing", "agreeing"),
    ],
)
def test_verb_forms(base, tense, form):
    assert verb_form(base, tense) == form


@pytest.mark.parametrize(
    "word, tense",
    [("refuses", "s"), ("refused", "ed"), ("refusing", "ing"), ("refuse", "base"), ("fed", "ed"), ("feed", "base")],
)
def test_the_tense_of_a_word(word, tense):
    assert tense_of(word) == tense


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He refuses his tablets.", [("refuses", "declines")]),
        ("He refused his tablets.", [("refused", "declined")]),
        ("He is refusing his tablets.", [("refusing", "declining")]),
        ("He will refuse, I think.", [("refuse", "decline")]),
        ("She suffers from asthma.", [("suffers from", "lives with")]),
        ("She has suffered with asthma.", [("suffered with", "lived with")]),
        ("She wandered to the shop.", [("wandered", "walked")]),
        ("She hoards newspapers.", [("hoards", "keeps")]),
        ("She hoarded newspapers.", [("hoarded", "kept")]),
        ("An elderly neighbour called.", [("elderly", "older")]),
        ("He wears nappies at night.", [("nappies", "continence pads")]),
        ("The OTs came.", [("OTs", "occupational therapists")]),
    ],
)
def test_the_replacement_takes_the_form_of_the_words_it_replaces(text, expected):
    assert replacements(text) == expected


# -- capitals ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Refused lunch.", [("Refused", "Declined")]),
        ("She ate. Refused pudding.", [("Refused", "Declined")]),
        ("Asked twice.\nRefused both times.", [("Refused", "Declined")]),
        ("Elderly neighbours help.", [("Elderly", "Older")]),
        ("OT to visit.", [("OT", "Occupational therapist")]),
        ("Mid-morning the OT came.", [("OT", "occupational therapist")]),
        ("Toileted at six.", [("Toileted", "Helped to use the toilet")]),
    ],
)
def test_a_capital_at_the_start_of_a_sentence_is_kept(text, expected):
    assert replacements(text) == expected


# -- no button ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase",
    [
        ("She is challenging.", "challenging"),
        ("His challenging behaviour was noted.", "challenging behaviour"),
        ("The flat is cluttered.", "cluttered"),
        ("Mr Farouk is frail.", "frail"),
        ("Bilal is high risk.", "high risk"),
        ("Mrs Zhou lacks capacity.", "lacks capacity"),
        ("She struggles with stairs.", "struggles"),
        ("Her refusal was noted.", "refusal"),
        ("Dariusz is wheelchair-bound.", "wheelchair-bound"),
        ("An MDT is booked.", "MDT"),  # "an meeting" would not fit
        ("Her POC has changed.", "POC"),
    ],
)
def test_where_no_word_fits_there_is_no_replacement(text, phrase):
    assert replacements(text) == [(phrase, None)]


@pytest.mark.parametrize(
    "text, replacement",
    [
        ("She has a UTI.", "urine infection"),
        ("He had an MI.", None),  # "an heart attack" would not fit
        ("He had a MI.", "heart attack"),
        ("She is an OAP.", "older person"),
    ],
)
def test_a_or_an_before_the_words_must_still_fit(text, replacement):
    assert [f.replacement for f in check(text)] == [replacement]


def test_with_no_replacement_the_suggestion_asks_for_what_happened():
    [f] = check("She is challenging.")
    assert "describe what happened" in f.suggest


# -- care done to a person, every verb form and tense --------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Carers toilet her after lunch.", "toilet her"),
        ("Staff toileted him at two.", "toileted him"),
        ("She was toileted by staff.", "toileted"),
        ("He is toileted hourly.", "toileted"),
        ("We will toilet him after tea.", "toilet him"),
        ("They are toileting her now.", "toileting her"),
        ("Staff feed him at noon.", "feed him"),
        ("The carer feeds her slowly.", "feeds her"),
        ("Her son fed her soup.", "fed her"),
        ("We will feed her at one.", "feed her"),
        ("Staff have been feeding him.", "feeding him"),
        ("She was fed by the nurse.", "fed"),
        ("He needs to be fed.", "fed"),
        ("He is being fed.", "fed"),
        ("She needs feeding at meals.", "needs feeding"),
        ("They hoist her to bed.", "hoist her"),
        ("Staff will hoist him later.", "hoist him"),
        ("She was hoisted into the bath.", "hoisted"),
        ("He has been hoisted twice today.", "hoisted"),
        ("Carers are hoisting her.", "hoisting her"),
        ("We have hoisted Mrs Kaur safely.", "hoisted"),
        ("Night staff put him to bed.", "put him to bed"),
        ("She was put to bed at seven.", "put to bed"),
        ("They are putting her to bed.", "putting her to bed"),
        ("She was placed in a care home.", "placed"),
    ],
)
def test_care_done_to_a_person_is_found_in_every_tense(text, phrase):
    assert flagged(text) and flagged(text)[0][:2] == (phrase, "deficit")


@pytest.mark.parametrize(
    "text",
    [
        "She feeds the birds every morning.",
        "He uses the hoist and says he feels safe in it.",
        "She puts herself to bed when she is ready.",
        "She said she was fed up of waiting.",
        "He toilets himself with a rail.",
        "The hoist was serviced on Friday.",
    ],
)
def test_care_words_in_other_senses_are_not_flagged(text):
    assert phrases(text) == []


# -- abbreviations in any case -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The Dols was granted.", "Dols"),
        ("The dols was granted.", "dols"),
        ("The DOLS was granted.", "DOLS"),
        ("Her poc starts Monday.", "poc"),
        ("Her Poc starts Monday.", "Poc"),
        ("The ot will bring a seat.", "ot"),
        ("Rang the cpn.", "cpn"),
        ("An Imca has been asked for.", "Imca"),
        ("The mdts are on Fridays.", "mdts"),
    ],
)
def test_abbreviations_are_found_in_any_letter_case(text, phrase):
    assert flagged(text)[0][:2] == (phrase, "jargon")


@pytest.mark.parametrize(
    "text",
    [
        "Salt and pepper on the table.",
        "She went to see her pa.",
        "The meeting is on 3 Mar.",
        "He sobbed; sob stories are not his style.",
        "There is a bias in the report.",
        "The peg on the line broke.",
        "Tia is her granddaughter.",
        "Mr Ng lives next door.",
    ],
)
def test_an_abbreviation_that_is_an_everyday_word_counts_only_in_its_own_letter_case(text):
    assert phrases(text) == []


# -- medical abbreviations ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase, replacement",
    [
        ("She has a UTI.", "UTI", "urine infection"),
        ("He had a CVA in 2019.", "CVA", "stroke"),
        ("Her BP is high.", "BP", "blood pressure"),
        ("Tablets BD with food.", "BD", "twice a day"),
        ("Admitted with SOB.", "SOB", "shortness of breath"),
        ("The #NOF was repaired.", "#NOF", "broken hip"),
        ("Diagnosed with T2DM.", "T2DM", "type 2 diabetes"),
        ("His obs were normal.", "obs", "checks of pulse, temperature and blood pressure"),
        ("Treated for a uti.", "uti", "urine infection"),
    ],
)
def test_medical_short_forms_are_jargon_with_the_plain_words(text, phrase, replacement):
    [f] = check(text)
    assert (text[f.start : f.end], f.kind, f.replacement) == (phrase, "jargon", replacement)


# -- explained in the text ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The DoLS (Deprivation of Liberty Safeguards) review is due.",
        "The Dols (Deprivation of Liberty Safeguards) review is due. The Dols lasts a year.",
        "Deprivation of Liberty Safeguards (DoLS) apply. The DoLS lasts a year.",
        "He has AF, which stands for atrial fibrillation.",
        "He has AF, which means his heart beats unevenly.",
        "The poc, short for package of care, has changed.",
        "Her TIA, a short warning stroke, happened in May.",
        "She has a UTI (urine infection).",
        "The MDT - a meeting of everyone involved - is on Friday.",
        "The ot (occupational therapist) visited.",
    ],
)
def test_an_abbreviation_explained_in_the_text_is_not_flagged(text):
    assert phrases(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The OT came. The OT (occupational therapist) will return.", ["OT"]),
        ("The OT, the DN and the GP visited.", ["OT", "DN"]),
        ("The OT (Tuesday) will call.", ["OT"]),
    ],
)
def test_an_abbreviation_not_yet_explained_is_flagged(text, expected):
    assert phrases(text) == expected


# -- words for a home or a person as a problem --------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase, rule",
    [
        ("The flat is cluttered.", "cluttered", "clutter"),
        ("A cluttered kitchen.", "cluttered", "clutter"),
        ("There is clutter in every room.", "clutter", "clutter"),
        ("He lives in squalor.", "squalor", "squalor"),
        ("The house was squalid.", "squalid", "squalor"),
        ("Mr Nowak is frail.", "frail", "frail"),
        ("A frail older man.", "frail", "frail"),
        ("She is stubborn about washing.", "stubborn", "stubborn"),
        ("He is set in his ways.", "set in his ways", "set-in-ways"),
        ("Bilal is high risk.", "high risk", "high-risk"),
        ("A high-risk family.", "high-risk", "high-risk"),
        ("Mrs Zhou lacks capacity.", "lacks capacity", "lacks-capacity-unspecified"),
        ("She does not have capacity.", "does not have capacity", "lacks-capacity-unspecified"),
        ("He has no capacity at present.", "has no capacity", "lacks-capacity-unspecified"),
        ("Anton is non-verbal.", "non-verbal", "non-verbal"),
        ("Kemal is nonverbal.", "nonverbal", "non-verbal"),
        ("She is selectively mute.", "mute", "non-verbal"),
    ],
)
def test_the_words_for_a_home_or_a_person_as_a_problem(text, phrase, rule):
    assert flagged(text) == [(phrase, "deficit", rule)]


@pytest.mark.parametrize(
    "text",
    [
        "She lacks capacity to decide where to live.",
        "He lacks capacity about his money but not his meals.",
        "The team lacks capacity this winter.",
        "She is at high risk of falls on the stairs.",
        "His desktop is cluttered with icons.",
        "Her hearing is frail but her memory is sharp.",
        "She reads non-verbal cues well.",
        "The stubborn stain came out.",
        "He uses non-verbal communication as well as words.",
    ],
)
def test_those_words_are_fine_where_they_say_what_they_mean(text):
    assert phrases(text) == []


@pytest.mark.parametrize(
    "text, replacement",
    [
        ("She is stubborn.", "determined"),
        ("Anton is non-verbal.", "non-speaking"),
        ("He is set in his ways.", "clear about his routines"),
    ],
)
def test_new_words_with_a_kinder_word_offer_it(text, replacement):
    assert [f.replacement for f in check(text)] == [replacement]


def test_a_medical_short_form_with_two_meanings_gets_advice_and_no_button():
    [f] = check("She took an OD last year.")
    assert f.rule == "OD" and f.kind == "jargon" and f.replacement is None and "overdose" in f.suggest
