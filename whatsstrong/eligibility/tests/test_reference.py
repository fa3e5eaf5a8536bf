"""The outcomes and ways in outcomes.json, as the regulations list them."""

import copy
import json

import pytest

from whatsstrong.eligibility import DataFileError, load_reference
from whatsstrong.eligibility.reference import DATA_PATH, parse_reference

REF = load_reference()


def test_adult_outcomes_are_a_to_j_in_the_regulations_order():
    assert REF.adult.codes == tuple("abcdefghij")
    assert [o.regulation for o in REF.adult.outcomes] == [f"2(2)({c})" for c in "abcdefghij"]


def test_carer_outcomes_are_i_to_viii_in_the_regulations_order():
    numerals = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
    assert REF.carer.codes == numerals
    assert [o.regulation for o in REF.carer.outcomes] == [f"3(2)(b)({n})" for n in numerals]


def test_the_four_ways_count_for_adults_and_three_for_carers():
    four = ("without_assistance", "pain_distress_anxiety", "endangers_health_safety", "significantly_longer")
    assert REF.way_codes == four
    assert REF.adult.ways == four
    assert REF.carer.ways == four[:3]  # reg 3(3) has no "takes significantly longer"


@pytest.mark.parametrize("scheme", [REF.adult, REF.carer], ids=["adult", "carer"])
def test_every_label_is_plain_short_and_different(scheme):
    labels = [o.label for o in scheme.outcomes]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert label == label.strip() and label[0].islower() and not label.endswith(".")
        assert len(label.split()) <= 12


def test_the_ways_have_labels():
    assert all(w.label and not w.label.endswith(".") for w in REF.ways)


def test_scheme_lookups():
    assert REF.scheme("carer") is REF.carer
    assert REF.adult.outcome("c").regulation == "2(2)(c)"
    with pytest.raises(KeyError):
        REF.scheme("child")
    with pytest.raises(KeyError):
        REF.carer.outcome("ix")
    with pytest.raises(KeyError):
        REF.way("slowly")


def raw():
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def _without_label(d):
    del d["adult"]["outcomes"][0]["label"]


def _repeat_code(d):
    d["carer"]["outcomes"][1]["code"] = "i"


def _unknown_way(d):
    d["carer"]["ways"].append("slowly")


def _no_ways(d):
    d["ways"] = []


def _no_outcomes(d):
    d["adult"]["outcomes"] = []


def _scheme_not_object(d):
    d["carer"] = []


@pytest.mark.parametrize(
    "spoil", [_without_label, _repeat_code, _unknown_way, _no_ways, _no_outcomes, _scheme_not_object]
)
def test_a_malformed_data_file_is_refused(spoil):
    data = copy.deepcopy(raw())
    spoil(data)
    with pytest.raises(DataFileError):
        parse_reference(data)


def test_the_bundled_file_parses_to_what_is_loaded():
    assert parse_reference(raw()) == REF
