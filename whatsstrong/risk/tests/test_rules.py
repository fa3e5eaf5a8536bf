"""The risk rules, as tables of cases; no database."""

import datetime

import pytest

from whatsstrong.risk import rules

TODAY = datetime.date(2026, 6, 1)


def test_the_scales_file_is_sound():
    assert rules.scale_data_problems(rules.scales()) == []


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"source": "", "likelihood": [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}]}, "names no source"),
        ({"source": "x", "likelihood": [{"value": 1, "label": "a"}, {"value": 3, "label": "b"}]}, "in order"),
        ({"source": "x", "severity": [{"value": 1, "label": ""}, {"value": 2, "label": "b"}]}, "needs a label"),
    ],
)
def test_a_broken_scales_file_is_named(data, problem):
    assert any(problem in p for p in rules.scale_data_problems(data))


@pytest.mark.parametrize(
    "value, fine",
    [
        (1, True),
        (2, True),
        (3, True),
        (0, False),
        (4, False),
        (7, False),
        (-1, False),
        (True, False),
        ("2", False),
        (None, False),
        (2.0, False),
    ],
)
def test_a_likelihood_is_a_whole_number_on_its_scale(value, fine):
    problem = rules.scale_problem("likelihood_theirs", value)
    assert (problem is None) is fine
    if not fine and value is not None:
        assert problem == "Choose how likely it is, in their view: a number from 1 (unlikely) to 3 (likely)"


@pytest.mark.parametrize(
    "review_on, required, problem",
    [
        (None, False, None),
        (None, True, "Enter a review date"),
        (TODAY, False, "The review date must be in the future"),
        (TODAY - datetime.timedelta(days=1), False, "The review date must be in the future"),
        (TODAY + datetime.timedelta(days=1), True, None),
    ],
)
def test_the_review_date_is_in_the_future(review_on, required, problem):
    assert rules.review_problem(review_on, TODAY, required=required) == problem


FULL = {
    "capacity": "lacks",
    "capacity_finding": "f",
    "consulted": "c",
    "past_wishes": "p",
    "present_wishes": "n",
    "feelings_beliefs_values": "v",
    "best_interests": "b",
}


def test_best_interests_are_not_asked_for_when_they_have_capacity_or_it_is_not_recorded():
    assert rules.capacity_problems({"capacity": "has"}) == {}
    assert rules.capacity_problems({"capacity": ""}) == {}


def test_when_they_lack_capacity_every_part_of_the_best_interests_record_is_needed():
    assert rules.capacity_problems(FULL) == {}
    for field in rules.BEST_INTERESTS:
        assert rules.capacity_problems({**FULL, field: "  "}) == {field: rules.BEST_INTERESTS[field]}
    assert set(rules.capacity_problems({"capacity": "lacks"})) == set(rules.BEST_INTERESTS)


def test_agreeing_needs_their_view_benefits_a_risk_capacity_and_a_future_review():
    ready = {
        "agreed_by": "Peggy",
        "their_view": "yes",
        "benefits_to_them": "b",
        "keeping_benefits": "k",
        "capacity": "has",
        "review_on": TODAY + datetime.timedelta(days=30),
    }
    assert rules.agree_problems(ready, 1, TODAY) == {}
    assert set(rules.agree_problems(ready, 0, TODAY)) == {"risks"}
    assert set(rules.agree_problems({**ready, "capacity": ""}, 1, TODAY)) == {"capacity"}
    assert set(rules.agree_problems({**ready, "capacity": "lacks"}, 1, TODAY)) == set(rules.BEST_INTERESTS)
    assert rules.agree_problems({**ready, "review_on": TODAY}, 1, TODAY) == {
        "review_on": "The review date must be in the future"
    }


@pytest.mark.parametrize(
    "status, meets_on, problem",
    [
        ("waiting", TODAY, None),
        ("scheduled", TODAY + datetime.timedelta(days=7), None),
        ("waiting", TODAY - datetime.timedelta(days=1), "Choose a panel that has not met yet"),
        ("heard", TODAY, "The panel has already heard this referral"),
        ("decided", TODAY, "The panel has already heard this referral"),
    ],
)
def test_a_referral_goes_on_a_panel_still_to_meet(status, meets_on, problem):
    assert rules.schedule_problem(status, meets_on, TODAY) == problem


def test_the_panel_is_recorded_from_the_day_it_meets_and_must_advise_or_recommend():
    said = {"discussion": "d", "advice": "a"}
    assert rules.record_problems("waiting", None, TODAY, said) == {"advice": "Put this referral on a panel first"}
    assert (
        "has not met yet"
        in rules.record_problems("scheduled", TODAY + datetime.timedelta(days=1), TODAY, said)["advice"]
    )
    assert rules.record_problems("scheduled", TODAY, TODAY, said) == {}
    assert rules.record_problems("scheduled", TODAY, TODAY, {"discussion": "d", "recommendations": "r"}) == {}
    assert set(rules.record_problems("scheduled", TODAY, TODAY, {"discussion": "d"})) == {"advice"}


def test_the_decision_comes_after_the_panel_with_reasons_and_a_manager():
    decided = {"decision": "d", "reasons": "r", "manager": 4}
    assert "after the panel" in rules.decision_problems("scheduled", decided)["decision"]
    assert "after the panel" in rules.decision_problems("waiting", decided)["decision"]
    assert rules.decision_problems("heard", decided) == {}
    assert set(rules.decision_problems("heard", {"decision": "d"})) == {"reasons", "manager"}


def test_an_action_is_overdue_the_day_after_it_was_due_unless_done():
    yesterday = TODAY - datetime.timedelta(days=1)
    assert rules.overdue(yesterday, False, TODAY)
    assert not rules.overdue(yesterday, True, TODAY)
    assert not rules.overdue(TODAY, False, TODAY)


def test_views_differ_when_the_person_and_practitioner_place_a_risk_apart():
    same = {"likelihood_theirs": 2, "severity_theirs": 2, "likelihood_ours": 2, "severity_ours": 2}
    assert not rules.views_differ(same)
    assert rules.views_differ({**same, "likelihood_ours": 3})
