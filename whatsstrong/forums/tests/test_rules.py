"""The forum's pure rules, as tables."""

import datetime
import json
from pathlib import Path

import pytest

from whatsstrong.forums import rules

DAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("decision", "reasons", "changes", "changes_by", "expected"),
    [
        ("agreed", "Strong network and a clear plan", "", None, {}),
        ("changes", "Telecare not yet tried", "Try a bed sensor first", DAY, {}),
        ("changes", "Telecare not yet tried", "", DAY, {"changes": rules.CHANGES_NEEDED}),
        ("changes", "Telecare not yet tried", "Try a sensor", None, {"changes_by": rules.CHANGES_BY_NEEDED}),
        (
            "changes",
            "Why",
            "Try a sensor",
            DAY - datetime.timedelta(days=1),
            {"changes_by": rules.CHANGES_BY_EARLY},
        ),
        ("agreed", "Why", "Something left over", None, {"changes": rules.CHANGES_WHEN_AGREED}),
        ("", "", "", None, {"decision": rules.DECISION_NEEDED, "reasons": rules.REASONS_NEEDED}),
        ("maybe", "Why", "", None, {"decision": rules.DECISION_NEEDED}),
        ("agreed", "   ", "", None, {"reasons": rules.REASONS_NEEDED}),
    ],
)
def test_what_a_decision_needs(decision, reasons, changes, changes_by, expected):
    assert (
        rules.decision_problems(decision=decision, reasons=reasons, changes=changes, changes_by=changes_by, held_on=DAY)
        == expected
    )


@pytest.mark.parametrize(
    ("name", "discipline", "expected"),
    [
        ("Sue", "social_work", {}),
        ("", "social_work", {"name": rules.NAME_NEEDED}),
        ("Sue", "", {"discipline": rules.DISCIPLINE_NEEDED}),
        ("Sue", "finance", {"discipline": rules.DISCIPLINE_UNKNOWN}),
    ],
)
def test_a_member_needs_a_name_and_a_listed_discipline(name, discipline, expected):
    assert rules.member_problems(name=name, discipline=discipline, codes={"social_work"}) == expected


def test_the_list_of_disciplines_is_sound_and_names_the_five():
    data = json.loads((Path(rules.__file__).parent / "data" / "disciplines.json").read_text("utf-8"))
    assert rules.discipline_list_problems(data) == []
    assert [label for _, label in rules.disciplines(data)] == [
        "Social work",
        "Occupational therapy",
        "Technology enabled care",
        "Commissioning",
        "Brokerage",
    ]


def test_a_broken_list_of_disciplines_is_caught():
    broken = {"disciplines": [{"code": "Social Work", "label": ""}, {"code": "x"}, {"code": "x", "label": "X"}]}
    problems = rules.discipline_list_problems(broken)
    assert "The list names no source" in problems
    assert "Discipline 1 needs a code of small letters and underscores" in problems
    assert "Discipline 1 needs a label" in problems and "The code x is used twice" in problems


def test_a_later_hearing_follows_an_earlier_one_of_the_same_person():
    assert rules.follows_problem(earlier_person=None, person=1, earlier_held_on=None, held_on=DAY) is None
    assert rules.follows_problem(earlier_person=1, person=1, earlier_held_on=DAY, held_on=DAY) is None
    assert rules.follows_problem(earlier_person=2, person=1, earlier_held_on=DAY, held_on=DAY)
    later = DAY + datetime.timedelta(days=1)
    assert rules.follows_problem(earlier_person=1, person=1, earlier_held_on=later, held_on=DAY)


def test_what_the_budget_pays_a_year():
    from decimal import Decimal

    money = rules.what_the_budget_pays(Decimal("100.00"), "week", Decimal("2080.00"))
    assert money == {
        "budget_a_year": Decimal("5200.00"),
        "pays_a_year": Decimal("2080.00"),
        "left_a_year": Decimal("3120.00"),
    }
    assert rules.what_the_budget_pays(None, "", Decimal("0"))["left_a_year"] is None
