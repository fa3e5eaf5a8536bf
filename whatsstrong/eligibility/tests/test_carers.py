"""Regulation 3: a carer needs all three conditions; the second is health or any one outcome."""

import pytest

from whatsstrong.eligibility import decide_carer

from .helpers import answer, carer

CARING_MET = "The carer's needs come from providing care that the adult needs."
CARING_MISSING = "The carer's needs do not come from providing care that the adult needs."
HEALTH = "The carer's physical or mental health is getting worse, or is at risk of getting worse."
ONE_OUTCOME = "Unable to achieve 1 of the outcomes: getting enough to eat and drink."
NEITHER = (
    "The carer's health is not getting worse or at risk of it, and the carer can achieve every outcome; "
    "one of these is needed."
)
IMPACT_MET = "The needs have, or are likely to have, a significant impact on the carer's wellbeing."
IMPACT_MISSING = "The needs do not have, and are not likely to have, a significant impact on the carer's wellbeing."
SET_ASIDE = "Taking far longer than usual does not count for carers (regulation 3(3)), so it was set aside for: "


@pytest.mark.parametrize(
    "fields, eligible, said",
    [
        ({}, True, ["Eligible: all 3 conditions are met.", CARING_MET, ONE_OUTCOME, IMPACT_MET]),
        (
            {"needs_from_caring": False},
            False,
            ["Not eligible: 1 of the 3 conditions is not met.", CARING_MISSING, ONE_OUTCOME, IMPACT_MET],
        ),
        (
            {"outcomes": {}},
            False,
            ["Not eligible: 1 of the 3 conditions is not met.", CARING_MET, NEITHER, IMPACT_MET],
        ),
        (
            {"significant_impact": False},
            False,
            ["Not eligible: 1 of the 3 conditions is not met.", CARING_MET, ONE_OUTCOME, IMPACT_MISSING],
        ),
        (
            {"needs_from_caring": False, "outcomes": {"iv": []}, "significant_impact": False},
            False,
            ["Not eligible: 3 of the 3 conditions are not met.", CARING_MISSING, NEITHER, IMPACT_MISSING],
        ),
        # Deteriorating health meets the second condition with no outcome out of reach.
        (
            {"outcomes": {}, "health_deteriorating": True},
            True,
            ["Eligible: all 3 conditions are met.", CARING_MET, HEALTH, IMPACT_MET],
        ),
        (
            {"health_deteriorating": True},
            True,
            ["Eligible: all 3 conditions are met.", CARING_MET, HEALTH, ONE_OUTCOME, IMPACT_MET],
        ),
        (
            {"outcomes": {}, "health_deteriorating": True, "needs_from_caring": False},
            False,
            ["Not eligible: 1 of the 3 conditions is not met.", CARING_MISSING, HEALTH, IMPACT_MET],
        ),
        (
            {"outcomes": {}, "health_deteriorating": True, "significant_impact": False},
            False,
            ["Not eligible: 1 of the 3 conditions is not met.", CARING_MET, HEALTH, IMPACT_MISSING],
        ),
    ],
    ids=[
        "all-met",
        "not-from-caring",
        "no-health-no-outcome",
        "no-impact",
        "all-missing",
        "health-only",
        "health-and-outcome",
        "health-but-not-from-caring",
        "health-but-no-impact",
    ],
)
def test_each_condition_is_needed_and_every_missing_one_is_named(fields, eligible, said):
    out = answer(carer(**fields))
    assert out["eligible"] is eligible
    assert out["reasons"][: len(said)] == said


@pytest.mark.parametrize("code", ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"])
def test_any_one_outcome_is_enough(code):
    out = answer(carer(outcomes={code: ["without_assistance"]}))
    assert (out["eligible"], out["unable"]) == (True, [code])


@pytest.mark.parametrize(
    "way, said",
    [
        ("without_assistance", "needs help, or prompting, to do it"),
        ("pain_distress_anxiety", "doing it alone causes them significant pain, distress or anxiety"),
        ("endangers_health_safety", "doing it alone puts their own or someone else's health or safety at risk"),
    ],
)
def test_three_ways_of_being_unable_count_for_carers(way, said):
    out = answer(carer(outcomes={"viii": [way]}))
    assert out["eligible"] is True and out["unable"] == ["viii"]
    assert f"Having time for hobbies and things they enjoy: {said}." in out["reasons"]
    assert not any(r.startswith(SET_ASIDE) for r in out["reasons"])


def test_taking_far_longer_does_not_count_for_a_carer_and_is_set_aside_with_a_reason():
    out = answer(carer(outcomes={"iii": ["significantly_longer"], "vi": ["significantly_longer"]}))
    assert "error" not in out
    assert (out["eligible"], out["unable"]) == (False, [])
    assert NEITHER in out["reasons"]
    assert out["reasons"][-1] == (
        SET_ASIDE + "keeping their own home fit to live in; taking part in work, study, training or volunteering."
    )


def test_taking_far_longer_beside_a_way_that_counts_leaves_the_outcome_counted():
    out = answer(carer(outcomes={"iii": ["significantly_longer", "pain_distress_anxiety"]}))
    assert (out["eligible"], out["unable"]) == (True, ["iii"])
    assert (
        "Keeping their own home fit to live in: doing it alone causes them significant pain, distress or anxiety."
        in out["reasons"]
    )
    assert out["reasons"][-1] == SET_ASIDE + "keeping their own home fit to live in."


def test_several_outcomes_are_listed_in_the_regulations_order():
    out = answer(carer(outcomes={"viii": ["without_assistance"], "i": ["endangers_health_safety"]}))
    assert out["unable"] == ["i", "viii"]
    assert (
        "Unable to achieve 2 of the outcomes: looking after a child they are responsible for; "
        "having time for hobbies and things they enjoy." in out["reasons"]
    )


def test_the_typed_function():
    decision = decide_carer(needs_from_caring=True, health_deteriorating=True, outcomes={}, significant_impact=True)
    assert (decision.eligible, decision.unable) == (True, [])
    assert HEALTH in decision.reasons
