"""The typed functions check what a Python caller gives them, as decide() checks JSON."""

import dataclasses
from datetime import date, datetime

import pytest

from whatsstrong.eligibility import CaseError, Occasion, decide_adult, decide_carer

TODAY = date(2026, 12, 1)


def problems(**given):
    args = {"needs_from_impairment": True, "outcomes": None, "significant_impact": True, "today": TODAY, **given}
    with pytest.raises(CaseError) as caught:
        decide_adult(**args)
    return caught.value.problems


@pytest.mark.parametrize(
    "over_period, problem",
    [
        ([], "over_period is empty: give at least one occasion, or leave it out"),
        ((), "over_period is empty: give at least one occasion, or leave it out"),
        ("", "over_period must be a list of occasions, not a string"),
        ("2026-03-03", "over_period must be a list of occasions, not a string"),
        (5, "over_period must be a list of occasions, not a number"),
        ({"date": "2026-03-03"}, "over_period must be a list of occasions, not an object"),
        ([{"date": "2026-03-03", "outcomes": {}}], "over_period[0] must be an Occasion, not an object"),
        ([Occasion(on="2026-03-03")], "over_period[0].date must be a date, not a string"),
        ([Occasion(on=datetime(2026, 3, 3, 9, 30))], "over_period[0].date must be a date, not datetime"),
        ([Occasion(on=None)], "over_period[0].date must be a date, not null"),
    ],
)
def test_a_bad_period_is_named(over_period, problem):
    assert problems(outcomes={}, over_period=over_period) == [problem]


def test_no_outcomes_and_no_period_is_refused():
    assert problems() == ["outcomes is missing: give the outcomes, or the occasions over a period"]


def test_the_error_message_joins_every_problem():
    with pytest.raises(CaseError) as caught:
        decide_carer(needs_from_caring=0, health_deteriorating=True, outcomes={"ix": []}, significant_impact=True)
    assert str(caught.value) == (
        "needs_from_caring must be true or false, not a number; "
        'outcomes: "ix" is not a carer outcome code; use one of i, ii, iii, iv, v, vi, vii, viii'
    )


def test_codes_are_quoted_as_written():
    assert problems(outcomes={"é": []}) == [
        'outcomes: "é" is not an adult outcome code; use one of a, b, c, d, e, f, g, h, i, j'
    ]


def test_today_must_be_a_date_not_a_time():
    with pytest.raises(TypeError):
        decide_adult(needs_from_impairment=True, outcomes={}, significant_impact=True, today=datetime(2026, 12, 1))


def test_an_occasion_cannot_be_changed_once_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Occasion(on=TODAY).on = date(2026, 1, 1)


def test_one_occasion_is_spoken_of_as_one():
    d = decide_adult(
        needs_from_impairment=True,
        outcomes=None,
        significant_impact=True,
        over_period=[Occasion(on=date(2026, 3, 3), outcomes={"a": ["without_assistance"]})],
        today=TODAY,
    )
    assert d.reasons[4] == (
        "Needs that change from day to day were looked at over 1 recorded occasion on 3 March 2026: "
        "an outcome counts if it was out of reach for the person on at least one of them."
    )


def test_two_occasions_are_spoken_of_as_two():
    d = decide_adult(
        needs_from_impairment=True,
        outcomes=None,
        significant_impact=True,
        over_period=[Occasion(on=date(2026, 3, 3)), Occasion(on=date(2026, 3, 4))],
        today=TODAY,
    )
    assert d.reasons[4].startswith("Needs that change from day to day were looked at over 2 recorded occasions between")
