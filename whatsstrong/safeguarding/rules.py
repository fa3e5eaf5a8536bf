"""Decisions about safeguarding records: pure functions over plain values, no Django.

- `sac_year`: the Safeguarding Adults Collection counts a year from 1 April to 31 March; the year
  2025 is 1 April 2025 to 31 March 2026 (the 2025-26 return).
- `decision_problems`: a decision needs one of the three answers and its reasons.
- `close_problems`: what must be there to close an enquiry (what it found, the risk at the end where a
  risk was found, an answer for every desired outcome, a date not before it started nor in the future).
- `enquiry_achieved`: the answer the return wants for one enquiry from the answers for each outcome.
"""

from __future__ import annotations

import datetime

DECISIONS = ("s42", "other", "none")
ENQUIRY_DECISIONS = ("s42", "other")
ASKED_AND_EXPRESSED = "expressed"
# Results after which the risk at the end is asked for: a risk was found, or could not be ruled out.
RISK_FOUND = ("identified_action", "identified_no_action", "inconclusive_action", "inconclusive_no_action")
# The return counts the risk outcome for this result only (SAC SG2d).
RISK_OUTCOME_COUNTED = "identified_action"
SURVEY_STATES = ("not_offered", "offered", "declined", "sent")
EARLIEST_YEAR, LATEST_YEAR = 2010, 2100


def sac_year(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the reporting year starting in April of `year`."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def sac_year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def sac_year_problem(text: str) -> str | None:
    """Why `text` is not a reporting year, or None."""
    if not (text or "").strip().isdigit():
        return "Give the year the return starts in as four figures, like 2025 for April 2025 to March 2026."
    year = int(text)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"Give a year from {EARLIEST_YEAR} to {LATEST_YEAR}."
    return None


def decision_problems(decision: str, reasons: str, *, decided_on=None, raised_on=None, today=None) -> dict:
    problems = {}
    if decision not in DECISIONS:
        problems["decision"] = "Choose whether an enquiry is needed"
    if not (reasons or "").strip():
        problems["decision_reasons"] = "Give the reasons for the decision"
    if decided_on and today and decided_on > today:
        problems["decided_on"] = "The date decided must be today or in the past"
    elif decided_on and raised_on and decided_on < raised_on:
        problems["decided_on"] = "The date decided must be on or after the day the concern was raised"
    return problems


def risk_outcome_needed(action_result: str) -> bool:
    return action_result in RISK_FOUND


def close_problems(
    *,
    asked: str,
    action_result: str,
    risk_outcome: str,
    outcomes: list[tuple[int, str]],
    concluded_on: datetime.date | None,
    started_on: datetime.date,
    today: datetime.date,
) -> dict:
    """Field name -> what to put right, for closing an enquiry. `outcomes` are (number, achieved code);
    an outcome's field is `achieved_<number>`."""
    problems = {}
    if not asked:
        problems["asked"] = "Say whether they were asked what they want to happen"
    elif asked == ASKED_AND_EXPRESSED and not outcomes:
        problems["asked"] = "Add what they want to happen, in their words, before closing: they said what they want"
    if not action_result:
        problems["action_result"] = "Choose what the enquiry found and whether action was taken"
    if risk_outcome_needed(action_result) and not risk_outcome:
        problems["risk_outcome"] = "Choose whether the risk was removed, reduced or remains"
    for number, achieved in outcomes:
        if not achieved:
            problems[f"achieved_{number}"] = f"Say whether desired outcome {number} was achieved: fully, partly or not"
    if concluded_on is None:
        problems["concluded_on"] = "Enter the date the enquiry closed"
    elif concluded_on > today:
        problems["concluded_on"] = "The date the enquiry closed must be today or in the past"
    elif concluded_on < started_on:
        problems["concluded_on"] = "The date the enquiry closed must be on or after the day it started"
    return problems


def enquiry_achieved(answers: list[str]) -> str | None:
    """One answer for an enquiry: fully when every outcome was, partly when any was at least in part,
    not when none was; None without answers."""
    answers = [a for a in answers if a]
    if not answers:
        return None
    if all(a == "fully" for a in answers):
        return "fully"
    if any(a in ("fully", "partly") for a in answers):
        return "partly"
    return "not"


def survey_problems(state: str, day: datetime.date | None, *, closed: bool, today: datetime.date) -> dict:
    problems = {}
    if state not in SURVEY_STATES:
        problems["survey"] = "Choose where the survey invitation is"
    elif state != "not_offered" and not closed:
        problems["survey"] = "The survey is offered once the enquiry has closed"
    if state != "not_offered" and day is None:
        problems["survey_on"] = "Enter the date"
    elif day and day > today:
        problems["survey_on"] = "The date must be today or in the past"
    return problems
