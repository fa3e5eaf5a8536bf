"""Needs that change from day to day (regs 2(4) and 3(4)): circumstances recorded on several occasions."""

from datetime import date

import pytest

from whatsstrong.eligibility import CaseError, Occasion, decide_adult

from .helpers import ADULT, CARER, answer, error

SPAN = "between 3 March 2026 and 28 April 2026"


def occasion(day, **outcomes):
    return {"date": day, "outcomes": outcomes}


FIVE = [
    occasion("2026-03-03", a=["without_assistance"], b=[]),
    occasion("2026-03-20"),
    occasion("2026-04-28", b=["pain_distress_anxiety"]),
    occasion("2026-04-02", a=["endangers_health_safety"], b=[]),
    occasion("2026-04-10", b=[], c=["significantly_longer"]),
]


def test_an_outcome_counts_if_it_was_out_of_reach_on_any_occasion():
    out = answer({**ADULT, "over_period": FIVE})
    assert (out["eligible"], out["unable"]) == (True, ["a", "b", "c"])
    assert out["reasons"][2] == (
        "Unable to achieve 3 of the outcomes: getting enough to eat and drink; washing and keeping clean; "
        "using the toilet."
    )


def test_the_reasons_say_how_many_occasions_and_the_ways_are_the_union():
    reasons = answer({**ADULT, "over_period": FIVE})["reasons"]
    assert (
        f"Needs that change from day to day were looked at over 5 recorded occasions {SPAN}: "
        "an outcome counts if it was out of reach for the person on at least one of them." in reasons
    )
    assert (
        "Getting enough to eat and drink: needs help, or prompting, to do it; doing it alone puts their own or "
        f"someone else's health or safety at risk (on 2 of 5 occasions recorded {SPAN})." in reasons
    )
    assert (
        "Washing and keeping clean: doing it alone causes them significant pain, distress or anxiety "
        f"(on 1 of 5 occasions recorded {SPAN})." in reasons
    )


def test_one_bad_day_in_each_of_two_outcomes_makes_an_adult_eligible():
    out = answer(
        {
            **ADULT,
            "over_period": [
                occasion("2026-05-01", e=["without_assistance"]),
                occasion("2026-05-08", f=["without_assistance"]),
            ],
        }
    )
    assert (out["eligible"], out["unable"]) == (True, ["e", "f"])


def test_good_days_throughout_mean_no_outcome_counts():
    out = answer({**ADULT, "over_period": [occasion("2026-05-01", a=[]), occasion("2026-05-08")]})
    assert (out["eligible"], out["unable"]) == (False, [])


def test_the_outcomes_at_the_assessment_count_beside_the_occasions():
    out = answer(
        {
            **ADULT,
            "outcomes": {"g": ["without_assistance"]},
            "over_period": [occasion("2026-03-03"), occasion("2026-04-28", h=["without_assistance"])],
        }
    )
    assert (out["eligible"], out["unable"]) == (True, ["g", "h"])
    assert (
        "Keeping up relationships with family and friends: needs help, or prompting, to do it "
        f"(at the assessment, and on none of the 2 occasions recorded {SPAN})." in out["reasons"]
    )


@pytest.mark.parametrize(
    "days, said",
    [
        (["2026-03-03"], "(on the one occasion recorded on 3 March 2026)"),
        (["2026-03-03", "2026-03-03"], "(on 2 of 2 occasions recorded on 3 March 2026)"),
    ],
)
def test_one_day_is_named_as_one_day(days, said):
    out = answer({**ADULT, "over_period": [occasion(d, a=["without_assistance"]) for d in days]})
    assert f"Getting enough to eat and drink: needs help, or prompting, to do it {said}." in out["reasons"]


def test_a_carer_over_a_period_counts_only_the_ways_that_count_for_carers():
    period = [
        occasion("2026-03-03", v=["significantly_longer"]),
        occasion("2026-04-28", v=["significantly_longer"], vii=["without_assistance"]),
    ]
    out = answer({**CARER, "over_period": period})
    assert (out["eligible"], out["unable"]) == (True, ["vii"])
    assert (
        "Using local places and services, such as shops and leisure: needs help, or prompting, to do it "
        f"(on 1 of 2 occasions recorded {SPAN})." in out["reasons"]
    )
    assert out["reasons"][-1].endswith("set aside for: keeping up relationships with family and friends.")


@pytest.mark.parametrize(
    "day, problem",
    [
        ("2026-02-30", 'over_period[0].date: "2026-02-30" is not a real date'),
        ("2026-13-01", 'over_period[0].date: "2026-13-01" is not a real date'),
        ("3 March 2026", 'over_period[0].date must be a date written YYYY-MM-DD, not "3 March 2026"'),
        ("20260303", 'over_period[0].date must be a date written YYYY-MM-DD, not "20260303"'),
        ("2026-03-03T10:00", 'over_period[0].date must be a date written YYYY-MM-DD, not "2026-03-03T10:00"'),
        (20260303, "over_period[0].date must be a date written YYYY-MM-DD, not a number"),
        ("2026-12-02", "over_period[0].date: 2026-12-02 is in the future (today is 2026-12-01)"),
    ],
)
def test_dates_must_be_real_and_not_in_the_future(day, problem):
    assert error({**ADULT, "over_period": [occasion(day)]}) == problem


def test_today_is_the_last_day_allowed():
    assert answer({**ADULT, "over_period": [occasion("2026-12-01")]})["eligible"] is False


def test_today_defaults_to_the_real_today():
    tomorrow = date.fromordinal(date.today().toordinal() + 1)
    with pytest.raises(CaseError, match="is in the future"):
        decide_adult(
            needs_from_impairment=True, outcomes=None, significant_impact=True, over_period=[Occasion(tomorrow)]
        )
    assert (
        decide_adult(
            needs_from_impairment=True, outcomes=None, significant_impact=True, over_period=[Occasion(date.today())]
        ).eligible
        is False
    )


def test_today_must_be_a_date():
    with pytest.raises(TypeError):
        decide_adult(needs_from_impairment=True, outcomes={}, significant_impact=True, today="2026-12-01")


@pytest.mark.parametrize(
    "period, problem",
    [
        ([], "over_period is empty: give at least one occasion, or leave it out"),
        ({"2026-03-03": {}}, "over_period must be a list of occasions, not an object"),
        (["2026-03-03"], "over_period[0] must be an object with a date and outcomes, not a string"),
        ([{"outcomes": {}}], 'over_period[0]: missing field "date"'),
        ([{"date": "2026-03-03"}], 'over_period[0]: missing field "outcomes"'),
        (
            [{"date": "2026-03-03", "outcomes": {}, "note": "x"}],
            'over_period[0]: unknown field "note"; an occasion has only "date" and "outcomes"',
        ),
        (
            [occasion("2026-03-03"), occasion("2026-03-04", z=["without_assistance"])],
            'over_period[1].outcomes: "z" is not an adult outcome code; use one of a, b, c, d, e, f, g, h, i, j',
        ),
        (
            [{"date": "2026-03-03", "outcomes": ["a"]}],
            "over_period[0].outcomes must be an object of outcome codes, not a list",
        ),
    ],
    ids=["empty", "object", "not-an-object", "no-date", "no-outcomes", "unknown-field", "bad-code", "outcomes-list"],
)
def test_a_malformed_period_is_named(period, problem):
    assert error({**ADULT, "over_period": period}) == problem


def test_a_bad_occasion_does_not_shift_the_index_of_the_next():
    got = error({**ADULT, "over_period": [7, occasion("2027-01-01")]})
    assert got == (
        "over_period[0] must be an object with a date and outcomes, not a number; "
        "over_period[1].date: 2027-01-01 is in the future (today is 2026-12-01)"
    )
