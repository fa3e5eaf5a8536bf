"""Regulation 2: an adult needs all three conditions."""

import pytest

from whatsstrong.eligibility import Decision, decide_adult

from .helpers import adult, answer

IMPAIRMENT_MET = "The needs come from a physical or mental impairment or illness."
IMPAIRMENT_MISSING = "The needs do not come from a physical or mental impairment or illness."
IMPACT_MET = "The needs have, or are likely to have, a significant impact on the person's wellbeing."
IMPACT_MISSING = "The needs do not have, and are not likely to have, a significant impact on the person's wellbeing."
TWO_MET = "Unable to achieve 2 of the outcomes: getting enough to eat and drink; washing and keeping clean."
NONE_MISSING = "Able to achieve every outcome; being unable to achieve at least 2 is needed."


@pytest.mark.parametrize(
    "fields, eligible, summary, said",
    [
        ({}, True, "Eligible: all 3 conditions are met.", [IMPAIRMENT_MET, TWO_MET, IMPACT_MET]),
        (
            {"needs_from_impairment": False},
            False,
            "Not eligible: 1 of the 3 conditions is not met.",
            [IMPAIRMENT_MISSING, TWO_MET, IMPACT_MET],
        ),
        (
            {"outcomes": {}},
            False,
            "Not eligible: 1 of the 3 conditions is not met.",
            [IMPAIRMENT_MET, NONE_MISSING, IMPACT_MET],
        ),
        (
            {"significant_impact": False},
            False,
            "Not eligible: 1 of the 3 conditions is not met.",
            [IMPAIRMENT_MET, TWO_MET, IMPACT_MISSING],
        ),
        (
            {"needs_from_impairment": False, "significant_impact": False},
            False,
            "Not eligible: 2 of the 3 conditions are not met.",
            [IMPAIRMENT_MISSING, TWO_MET, IMPACT_MISSING],
        ),
        (
            {"needs_from_impairment": False, "outcomes": {"a": []}, "significant_impact": False},
            False,
            "Not eligible: 3 of the 3 conditions are not met.",
            [IMPAIRMENT_MISSING, NONE_MISSING, IMPACT_MISSING],
        ),
    ],
    ids=["all-met", "no-impairment", "no-outcomes", "no-impact", "two-missing", "all-missing"],
)
def test_each_condition_is_needed_and_every_missing_one_is_named(fields, eligible, summary, said):
    out = answer(adult(**fields))
    assert out["eligible"] is eligible
    assert out["reasons"][:4] == [summary, *said]


@pytest.mark.parametrize(
    "outcomes, eligible, unable",
    [
        ({}, False, []),
        ({"a": [], "b": [], "c": []}, False, []),  # an empty list: the person can achieve it
        ({"c": ["without_assistance"]}, False, ["c"]),  # one outcome is not enough
        ({"c": ["without_assistance"], "j": []}, False, ["c"]),
        ({"c": ["without_assistance"], "j": ["significantly_longer"]}, True, ["c", "j"]),  # two are
        ({code: ["without_assistance"] for code in "abcdefghij"}, True, list("abcdefghij")),
    ],
    ids=["none", "all-empty", "one", "one-and-an-empty", "two", "all-ten"],
)
def test_two_or_more_outcomes_are_needed(outcomes, eligible, unable):
    out = answer(adult(outcomes=outcomes))
    assert (out["eligible"], out["unable"]) == (eligible, unable)


def test_one_outcome_is_named_as_not_enough():
    out = answer(adult(outcomes={"c": ["without_assistance"]}))
    assert "Unable to achieve only 1 of the outcomes (using the toilet); at least 2 are needed." in out["reasons"]


@pytest.mark.parametrize(
    "way, said",
    [
        ("without_assistance", "needs help, or prompting, to do it"),
        ("pain_distress_anxiety", "doing it alone causes them significant pain, distress or anxiety"),
        ("endangers_health_safety", "doing it alone puts their own or someone else's health or safety at risk"),
        ("significantly_longer", "doing it alone takes them far longer than usual"),
    ],
)
def test_each_of_the_four_ways_of_being_unable_counts_for_adults(way, said):
    out = answer(adult(outcomes={"d": [way], "h": [way]}))
    assert out["eligible"] is True and out["unable"] == ["d", "h"]
    assert f"Dressing suitably: {said}." in out["reasons"]


def test_unable_is_in_the_regulations_order_whatever_the_order_given():
    out = answer(adult(outcomes={"j": ["without_assistance"], "a": ["pain_distress_anxiety"], "e": []}))
    assert out["unable"] == ["a", "j"]
    assert (
        "Unable to achieve 2 of the outcomes: getting enough to eat and drink; "
        "looking after a child they are responsible for." in out["reasons"]
    )


def test_the_ways_of_one_outcome_are_listed_once_each_in_order():
    out = answer(adult(outcomes={"a": ["significantly_longer", "without_assistance", "significantly_longer"], "b": []}))
    assert (
        "Getting enough to eat and drink: needs help, or prompting, to do it; "
        "doing it alone takes them far longer than usual." in out["reasons"]
    )


def test_the_typed_function_gives_a_frozen_decision():
    decision = decide_adult(
        needs_from_impairment=True,
        outcomes={"f": ["endangers_health_safety"], "g": ["pain_distress_anxiety"]},
        significant_impact=True,
    )
    assert isinstance(decision, Decision)
    assert decision.eligible is True and decision.unable == ["f", "g"]
    assert decision.reasons[0] == "Eligible: all 3 conditions are met."
    with pytest.raises(AttributeError):
        decision.eligible = False
    assert decision.as_dict() == {"eligible": True, "unable": ["f", "g"], "reasons": decision.reasons}
