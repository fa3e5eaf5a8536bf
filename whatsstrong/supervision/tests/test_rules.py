"""The supervision rules, table by table: when supervision is next due and who is overdue, what each
record needs, and the data files' checks."""

import copy
import datetime

import pytest

from whatsstrong.supervision import rules
from whatsstrong.supervision.models import MODELS, QUESTIONS

D = datetime.date


@pytest.mark.parametrize(
    "last, weeks, today, overdue",
    [
        (D(2026, 1, 1), 4, D(2026, 1, 29), False),  # due that day: not yet overdue
        (D(2026, 1, 1), 4, D(2026, 1, 30), True),  # the day after: overdue
        (D(2026, 1, 1), 6, D(2026, 2, 1), False),  # a longer frequency set for them
        (D(2026, 1, 1), 1, D(2026, 1, 9), True),  # weekly
        (None, 4, D(2026, 1, 9), True),  # never supervised
    ],
)
def test_overdue(last, weeks, today, overdue):
    assert rules.is_overdue(last, weeks, today) is overdue


def test_next_due_is_the_frequency_after_the_last_session_or_a_start_date():
    assert rules.next_due(D(2026, 1, 1), 4) == D(2026, 1, 29)
    assert rules.next_due(None, 4) is None
    assert rules.next_due(None, 2, since=D(2026, 1, 1)) == D(2026, 1, 15)


def test_the_overview_puts_the_longest_overdue_first_and_the_default_frequency_in():
    today = D(2026, 3, 1)
    rows = [(1, D(2026, 2, 20), None), (2, D(2026, 1, 1), None), (3, None, None), (4, D(2026, 1, 20), 8)]
    found = rules.overview(rows, today)
    assert [s.supervisee_id for s in found] == [2, 3, 4, 1]
    assert found[0].overdue and found[0].days_overdue == 31
    assert found[0].every_weeks == rules.DEFAULT_EVERY_WEEKS
    assert not found[2].overdue and found[2].next_due_on == D(2026, 3, 17)  # eight weeks set for them
    assert not found[3].overdue and found[3].next_due_on == D(2026, 3, 20)


@pytest.mark.parametrize(
    "value, problem",
    [
        (4, None),
        (1, None),
        (26, None),
        (0, rules.EVERY_WEEKS_RANGE),
        (27, rules.EVERY_WEEKS_RANGE),
        (True, rules.EVERY_WEEKS_RANGE),
        ("4", rules.EVERY_WEEKS_RANGE),
    ],
)
def test_every_weeks(value, problem):
    assert rules.every_weeks_problem(value) == problem


@pytest.mark.parametrize(
    "held_on, agenda, problems",
    [
        (D(2026, 1, 1), "My outcomes", {}),
        (None, "My outcomes", {"held_on": rules.HELD_ON_NEEDED}),
        (D(2026, 1, 1), "  ", {"agenda": rules.AGENDA_NEEDED}),
    ],
)
def test_session_problems(held_on, agenda, problems):
    assert rules.session_problems(held_on=held_on, agenda=agenda) == problems


@pytest.mark.parametrize(
    "reflections, problems",
    [
        ({"see": "Something"}, {}),
        ({"see": " "}, {"reflections": rules.REFLECTION_NEEDED}),
        ({"nope": "x"}, {"reflections": "This model has no step called nope"}),
    ],
)
def test_reflection_problems(reflections, problems):
    assert rules.reflection_problems(reflections, ["see", "hear"]) == problems


@pytest.mark.parametrize(
    "what, due_on, problems",
    [
        ("Visit", D(2026, 1, 5), {}),
        ("", None, {"what": rules.WHAT_NEEDED}),
        ("Visit", D(2025, 12, 31), {"due_on": rules.DUE_BEFORE_SESSION}),
    ],
)
def test_action_problems(what, due_on, problems):
    assert rules.action_problems(what=what, due_on=due_on, held_on=D(2026, 1, 1)) == problems


def test_the_bundled_models_are_sound_and_all_five_are_there():
    assert rules.model_data_problems(MODELS) == []
    assert {c for c, _ in rules.model_choices(MODELS)} == {"kolb", "shared", "head_heart_hands", "mcclure", "kcvets"}
    assert [s["label"] for s in rules.model_named(MODELS, "kolb")["steps"]] == [
        "Experience",
        "Reflection",
        "Analysis",
        "Plan and act",
    ]
    assert len(rules.model_named(MODELS, "shared")["steps"]) == 6


def test_the_models_check_names_each_problem():
    broken = copy.deepcopy(MODELS)
    broken["models"][0]["steps"][0]["prompts"].append("Ask {person} about it")
    broken["models"][1]["code"] = "kolb"
    broken["models"][2]["steps"] = []
    problems = rules.model_data_problems(broken)
    assert any("only {name} may be filled in" in p for p in problems)
    assert any("repeats a code" in p for p in problems)
    assert any("has no steps" in p for p in problems)


def test_prompts_are_filled_with_the_preferred_name():
    assert rules.fill("What does {name} want?", "Peggy") == "What does Peggy want?"
    assert rules.fill("What does {name} want?", "") == "What does the person want?"


def test_the_self_reflection_questions():
    assert rules.question_data_problems(QUESTIONS) == []
    codes = rules.question_codes(QUESTIONS)
    assert len(codes) == 14
    answers = dict.fromkeys(codes, "yes")
    assert rules.self_reflection_problems(answers, codes) == {}
    del answers["jargon"]
    answers["risk_talk"] = "maybe"
    assert rules.self_reflection_problems(answers, codes) == {
        "jargon": rules.ANSWER_NEEDED,
        "risk_talk": rules.ANSWER_NEEDED,
    }


HELD = datetime.date(2026, 3, 2)


@pytest.mark.parametrize(
    "held_on, previous, weeks, late",
    [
        (HELD, None, 4, None),  # the first session recorded: nothing was due before it
        (HELD, HELD - datetime.timedelta(weeks=4), 4, 0),  # on the day due
        (HELD, HELD - datetime.timedelta(weeks=3), 4, 0),  # early
        (HELD, HELD - datetime.timedelta(weeks=4, days=1), 4, 1),
        (HELD, HELD - datetime.timedelta(weeks=6), 4, 14),
        (HELD, HELD - datetime.timedelta(weeks=6), 6, 0),
    ],
)
def test_days_late(held_on, previous, weeks, late):
    assert rules.days_late(held_on, previous, weeks) == late
