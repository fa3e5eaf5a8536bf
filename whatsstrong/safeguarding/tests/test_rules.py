"""The pure rules, table by table, and the reference data's check."""

import copy
import datetime

import pytest
from django.core import checks

from whatsstrong.safeguarding import reference, rules

D = datetime.date


@pytest.mark.parametrize(
    "year,first,last", [(2024, D(2024, 4, 1), D(2025, 3, 31)), (2025, D(2025, 4, 1), D(2026, 3, 31))]
)
def test_the_reporting_year_runs_april_to_march(year, first, last):
    assert rules.sac_year(year) == (first, last)


def test_the_year_is_labelled_as_the_collection_does():
    assert rules.sac_year_label(2025) == "2025-26" and rules.sac_year_label(2099) == "2099-00"


@pytest.mark.parametrize(
    "answers,expected",
    [
        ([], None),
        (["fully"], "fully"),
        (["fully", "fully"], "fully"),
        (["fully", "not"], "partly"),
        (["partly", "partly"], "partly"),
        (["not", "not"], "not"),
        (["not", ""], "not"),
    ],
)
def test_one_answer_for_an_enquiry(answers, expected):
    assert rules.enquiry_achieved(answers) == expected


BASE = {
    "asked": "expressed",
    "action_result": "identified_action",
    "risk_outcome": "reduced",
    "outcomes": [(1, "fully")],
    "concluded_on": D(2026, 1, 10),
    "started_on": D(2026, 1, 1),
    "today": D(2026, 2, 1),
}


@pytest.mark.parametrize(
    "change,fields",
    [
        ({}, set()),
        ({"risk_outcome": ""}, {"risk_outcome"}),
        ({"action_result": "identified_no_action", "risk_outcome": ""}, {"risk_outcome"}),
        ({"action_result": "inconclusive_action", "risk_outcome": ""}, {"risk_outcome"}),
        ({"action_result": "none_no_action", "risk_outcome": ""}, set()),
        ({"action_result": "ceased", "risk_outcome": ""}, set()),
        ({"action_result": ""}, {"action_result"}),
        ({"outcomes": [(1, "fully"), (2, "")]}, {"achieved_2"}),
        ({"outcomes": []}, {"asked"}),
        ({"asked": "not_expressed", "outcomes": []}, set()),
        ({"asked": ""}, {"asked"}),
        ({"concluded_on": None}, {"concluded_on"}),
        ({"concluded_on": D(2026, 3, 1)}, {"concluded_on"}),
        ({"concluded_on": D(2025, 12, 31)}, {"concluded_on"}),
    ],
)
def test_what_closing_needs(change, fields):
    assert set(rules.close_problems(**(BASE | change))) == fields


@pytest.mark.parametrize(
    "decision,reasons,decided_on,fields",
    [
        ("s42", "Needs", None, set()),
        ("maybe", "Needs", None, {"decision"}),
        ("none", " ", None, {"decision_reasons"}),
        ("other", "Needs", D(2026, 3, 1), {"decided_on"}),
        ("other", "Needs", D(2025, 1, 1), {"decided_on"}),
    ],
)
def test_what_a_decision_needs(decision, reasons, decided_on, fields):
    found = rules.decision_problems(
        decision, reasons, decided_on=decided_on, raised_on=D(2026, 1, 1), today=D(2026, 2, 1)
    )
    assert set(found) == fields


def test_the_survey_waits_for_the_close_and_needs_a_date():
    today = D(2026, 2, 1)
    assert rules.survey_problems("offered", today, closed=False, today=today) == {
        "survey": "The survey is offered once the enquiry has closed"
    }
    assert set(rules.survey_problems("sent", None, closed=True, today=today)) == {"survey_on"}
    assert rules.survey_problems("not_offered", None, closed=False, today=today) == {}
    assert set(rules.survey_problems("lost", today, closed=True, today=today)) == {"survey"}


def test_the_reference_file_is_whole():
    assert reference.data_problems(reference.data()) == []
    assert len(reference.items("abuse_type")) == 11 and len(reference.items("location")) == 9
    assert reference.label("asked", "dont_know") == "Don't Know"


def test_the_check_finds_a_missing_list_a_repeated_code_and_a_bad_date():
    broken = copy.deepcopy(reference.data())
    del broken["lists"]["risk_outcome"]
    broken["lists"]["location"]["items"].append({"code": "own_home", "label": "Own Home again"})
    broken["lists"]["asked"]["items"][0]["valid_to"] = "next March"
    problems = reference.data_problems(broken)
    assert any("'risk_outcome' is missing" in p for p in problems)
    assert any("'own_home' is used twice" in p for p in problems)
    assert any("not a date" in p for p in problems)


def test_manage_py_check_runs_the_data_check(monkeypatch):
    broken = copy.deepcopy(reference.data())
    broken["source"] = ""
    monkeypatch.setattr(reference, "data", lambda: broken)
    found = [e for e in checks.run_checks(tags=["safeguarding"]) if e.id == "safeguarding.E001"]
    assert [e.msg for e in found] == ["The file does not name its source."]


def test_a_retired_category_is_kept_for_reading_but_not_offered(monkeypatch):
    changed = copy.deepcopy(reference.data())
    changed["lists"]["location"]["items"][-1]["valid_to"] = "2020-03-31"
    monkeypatch.setattr(reference, "data", lambda: changed)
    assert "other" not in [code for code, _ in reference.choices("location")]
    assert reference.label("location", "other") == "Other"
