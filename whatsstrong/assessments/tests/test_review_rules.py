"""Review scheduling, overdue detection and the scaling score, as tables (rules.py is pure)."""

import datetime

import pytest

from whatsstrong.assessments import rules
from whatsstrong.people.rules import may_see_team_reviews

TODAY = datetime.date(2026, 12, 1)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "due_on, overdue, soon, tag",
    [
        (None, False, False, None),  # no review planned, or support closed
        (TODAY - DAY, True, False, "overdue"),  # due yesterday: overdue today
        (TODAY - 400 * DAY, True, False, "overdue"),
        (TODAY, False, True, "soon"),  # due today: not overdue yet
        (TODAY + DAY, False, True, "soon"),
        (TODAY + 28 * DAY, False, True, "soon"),
        (TODAY + 29 * DAY, False, False, "planned"),
    ],
)
def test_when_a_review_is_overdue_or_due_soon(due_on, overdue, soon, tag):
    assert rules.review_overdue(due_on, TODAY) is overdue
    assert rules.review_due_soon(due_on, TODAY) is soon
    assert rules.review_tag(due_on, TODAY) == tag


@pytest.mark.parametrize(
    "signed_on, months, due",
    [
        (datetime.date(2026, 3, 4), 12, datetime.date(2027, 3, 4)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),  # no 29 February next year
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
    ],
)
def test_the_first_review_is_due_months_after_sign_off(signed_on, months, due):
    assert rules.first_review_due(signed_on, months) == due


def test_the_first_review_defaults_to_twelve_months():
    assert rules.first_review_due(datetime.date(2026, 1, 10)) == datetime.date(2027, 1, 10)


@pytest.mark.parametrize(
    "result, chosen, next_due",
    [
        ("revise_plan", TODAY + 90 * DAY, TODAY + 90 * DAY),
        ("carry_on", TODAY + 365 * DAY, TODAY + 365 * DAY),
        ("close", None, None),
        ("close", TODAY + 90 * DAY, None),  # closing clears the date whatever was typed
    ],
)
def test_the_next_review_after_a_review(result, chosen, next_due):
    assert rules.next_review_due(result, chosen) == next_due


@pytest.mark.parametrize(
    "typed, score, problem",
    [
        (0, None, rules.BAD_SCORE),
        (11, None, rules.BAD_SCORE),
        (5.5, None, rules.BAD_SCORE),
        ("5.5", None, rules.BAD_SCORE),
        ("seven", None, rules.BAD_SCORE),
        ("-1", None, rules.BAD_SCORE),
        (True, None, rules.BAD_SCORE),
        ("", None, None),
        ("  ", None, None),
        (None, None, None),
        (1, 1, None),
        (10, 10, None),
        ("7", 7, None),
        (" 3 ", 3, None),
        (8.0, 8, None),
    ],
)
def test_the_scaling_score_is_a_whole_number_from_1_to_10_or_nothing(typed, score, problem):
    assert rules.scaling_score(typed) == (score, problem)


@pytest.mark.parametrize(
    "result, next_on, problems",
    [
        ("revise_plan", TODAY + DAY, {}),
        ("carry_on", TODAY + 300 * DAY, {}),
        ("close", None, {}),
        ("", None, {"result": rules.NO_RESULT}),
        ("stop", None, {"result": rules.NO_RESULT}),
        ("carry_on", None, {"next_review_on": rules.NO_NEXT_REVIEW}),
        ("revise_plan", TODAY, {"next_review_on": rules.PAST_NEXT_REVIEW}),
        ("revise_plan", TODAY - DAY, {"next_review_on": rules.PAST_NEXT_REVIEW}),
        ("close", TODAY + DAY, {"next_review_on": rules.NEXT_REVIEW_WHEN_CLOSING}),
    ],
)
def test_what_a_review_leads_to(result, next_on, problems):
    assert rules.review_result_problems(result=result, next_review_on=next_on, today=TODAY) == problems


@pytest.mark.parametrize(
    "due_on, reason, problems",
    [
        (TODAY + DAY, "They asked to meet sooner", {}),
        (TODAY, "Moved to today", {}),
        (None, "No review is needed now", {}),
        (TODAY - DAY, "Back-dated", {"due_on": "The review date must be today or later"}),
        (TODAY + DAY, "  ", {"reason": rules.NO_REVIEW_REASON}),
    ],
)
def test_changing_the_review_date(due_on, reason, problems):
    assert rules.review_date_problems(due_on=due_on, today=TODAY, reason=reason) == problems


@pytest.mark.parametrize(
    "ranked, hand_over, subjects",
    [
        ([("e", 2), ("a", 1)], "Keep the visits", ["wellbeing:a", "wellbeing:e", "hand_over"]),
        ([], "Keep the visits", ["hand_over"]),
        ([("c", 1)], "  ", ["wellbeing:c"]),
        ([], "", []),
    ],
)
def test_what_a_review_looks_back_at(ranked, hand_over, subjects):
    assert rules.review_subjects(ranked, hand_over) == subjects


@pytest.mark.parametrize(
    "result, has_reviewed, problems",
    [
        ("carry_on", True, 0),
        ("", True, 1),
        ("close", False, 1),
        ("", False, 2),
    ],
)
def test_a_review_is_sent_for_sign_off_with_a_result(result, has_reviewed, problems):
    assert len(rules.review_submit_problems(result=result, has_reviewed=has_reviewed)) == problems


@pytest.mark.parametrize(
    "role, own_team, team, allowed",
    [
        ("supervisor", 1, 1, True),
        ("supervisor", 2, 1, False),
        ("supervisor", None, 1, False),
        ("practitioner", 1, 1, False),
        ("quality_lead", None, 1, True),
        ("senior_leader", None, 1, True),
        ("administrator", None, 1, True),
        ("directory_editor", None, 1, False),
    ],
)
def test_who_sees_a_teams_overdue_reviews(role, own_team, team, allowed):
    assert may_see_team_reviews(role=role, own_team_id=own_team, team_id=team) is allowed
