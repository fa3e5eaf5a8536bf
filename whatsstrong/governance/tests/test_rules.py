import datetime

import pytest

from whatsstrong.governance import rules

D = datetime.date
SCHEDULE = rules.rules_of(rules.read_schedule())


def test_the_bundled_schedule_is_sound():
    assert rules.schedule_problems(rules.read_schedule()) == []


@pytest.mark.parametrize(
    ("facts", "today", "rule", "due_on", "due"),
    [
        (rules.Facts(D(2017, 6, 1)), D(2026, 12, 1), "adult_social_care", D(2025, 6, 1), True),
        (rules.Facts(D(2018, 12, 2)), D(2026, 12, 1), "adult_social_care", D(2026, 12, 2), False),
        (rules.Facts(D(2018, 12, 1)), D(2026, 12, 1), "adult_social_care", D(2026, 12, 1), True),
        (
            rules.Facts(D(2017, 6, 1), safeguarding_enquiry=True),
            D(2026, 12, 1),
            "safeguarding_enquiry",
            D(2032, 6, 1),
            False,
        ),
        (
            rules.Facts(D(2010, 1, 1), safeguarding_enquiry=True),
            D(2026, 12, 1),
            "safeguarding_enquiry",
            D(2025, 1, 1),
            True,
        ),
        (rules.Facts(D(2016, 2, 29)), D(2026, 12, 1), "adult_social_care", D(2024, 2, 29), True),
    ],
)
def test_the_longest_rule_that_applies_decides(facts, today, rule, due_on, due):
    found = rules.verdict(facts, SCHEDULE, today)
    assert (found.rule.code, found.due_on, found.due) == (rule, due_on, due)


def test_a_year_without_29_february_moves_it_to_the_28th():
    assert rules.add_years(D(2020, 2, 29), 1) == D(2021, 2, 28)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({}, 'The retention schedule needs a list of rules under "rules".'),
        (
            {"rules": [{"code": "a", "label": "A", "why": "w", "years": 0, "when": "always"}]},
            "Rule 1: years must be a whole number from 1 to 100.",
        ),
        (
            {"rules": [{"code": "a", "label": "A", "why": "w", "years": 8, "when": "sometimes"}]},
            "Rule 1: when must be one of always, safeguarding_enquiry, died.",
        ),
        (
            {"rules": [{"code": "a", "label": "A", "why": "w", "years": 8, "when": "died"}]},
            "The schedule needs one rule that applies always (the standard period).",
        ),
        (
            {"rules": [{"code": "a", "label": "A", "why": "w", "years": 8, "when": "always"}] * 2},
            "Rule 2: the code 'a' is used twice.",
        ),
    ],
)
def test_a_schedule_that_is_not_sound_is_named(data, problem):
    assert problem in rules.schedule_problems(data)


def test_an_archive_reason_saying_the_person_died_marks_it():
    assert rules.died("Died in hospital on 3 May")
    assert not rules.died("Moved to another council")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Enter why"),
        ("too short", "Enter at least 10 characters to say why"),
        ("x" * 2001, "Keep it to 2000 characters or fewer"),
    ],
)
def test_a_reason_must_say_something(text, problem):
    assert rules.reason_problem(text, "why") == problem


def test_names_to_withhold_are_one_a_line_or_by_commas():
    assert rules.redaction_names(" Ruth  Marsh \nJo, Ruth Marsh\n\n") == ["Ruth Marsh", "Jo"]
