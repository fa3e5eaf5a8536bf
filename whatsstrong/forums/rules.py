"""The outcomes forum's rules: pure functions over plain values, no Django.

An outcomes forum stands where a finance panel used to (DHSC Strengths-based approach: practice
framework and handbook, 2019): practitioners bring the person's story and support plan, members from
several disciplines (a list kept as data, data/disciplines.json) share what they know, and the forum
agrees the plan or asks for changes, saying why. Gaps in what the community or market offers are
recorded for commissioners (through the directory's gaps).
"""

from __future__ import annotations

import datetime
import re

AGREED, CHANGES = "agreed", "changes"
DECISIONS = {AGREED: "Agreed the plan", CHANGES: "Asked for changes"}

DECISION_NEEDED = "Choose whether the forum agreed the plan or asked for changes"
REASONS_NEEDED = "Say why the forum decided this"
CHANGES_NEEDED = "Say what needs to change in the plan"
CHANGES_BY_NEEDED = "Enter the date the changes are needed by"
CHANGES_BY_EARLY = "The date the changes are needed by must be on or after the day of the forum"
CHANGES_WHEN_AGREED = (
    "The forum agreed the plan, so leave what needs to change empty, or choose that it asked for changes"
)
STORY_NEEDED = "Say, in a few lines, the person's story as you will bring it to the forum"
NAME_NEEDED = "Enter the member's name"
DISCIPLINE_NEEDED = "Choose the member's discipline"
DISCIPLINE_UNKNOWN = "Choose a discipline from the list"


def disciplines(data: dict, *, active_only: bool = True) -> list[tuple[str, str]]:
    """(code, label) of each discipline in the list's order, from data/disciplines.json as read."""
    return [(d["code"], d["label"]) for d in data["disciplines"] if d.get("active", True) or not active_only]


def discipline_list_problems(data: object) -> list[str]:
    """What is wrong with the list of disciplines: a source, and each with a code and a label, codes once."""
    if not isinstance(data, dict):
        return ["The list must be a JSON object"]
    problems = [] if str(data.get("source") or "").strip() else ["The list names no source"]
    rows = data.get("disciplines")
    if not isinstance(rows, list) or not rows:
        return [*problems, "The list has no disciplines"]
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        row = row if isinstance(row, dict) else {}
        code = row.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[a-z_]{1,40}", code):
            problems.append(f"Discipline {n} needs a code of small letters and underscores")
        elif code in seen:
            problems.append(f"The code {code} is used twice")
        else:
            seen.add(code)
        if not str(row.get("label") or "").strip():
            problems.append(f"Discipline {n} needs a label")
        if not isinstance(row.get("active", True), bool):
            problems.append(f"Discipline {n}: active is true or false")
    return problems


def member_problems(*, name: str, discipline: str, codes: set[str]) -> dict[str, str]:
    problems = {}
    if not (name or "").strip():
        problems["name"] = NAME_NEEDED
    if not discipline:
        problems["discipline"] = DISCIPLINE_NEEDED
    elif discipline not in codes:
        problems["discipline"] = DISCIPLINE_UNKNOWN
    return problems


def decision_problems(
    *,
    decision: str,
    reasons: str,
    changes: str,
    changes_by: datetime.date | None,
    held_on: datetime.date,
) -> dict[str, str]:
    """What stops a forum's decision being recorded, by field. Asking for changes says what and by
    when; agreeing asks for none; either way the forum says why."""
    problems = {}
    if decision not in DECISIONS:
        problems["decision"] = DECISION_NEEDED
    if not (reasons or "").strip():
        problems["reasons"] = REASONS_NEEDED
    if decision == CHANGES:
        if not (changes or "").strip():
            problems["changes"] = CHANGES_NEEDED
        if changes_by is None:
            problems["changes_by"] = CHANGES_BY_NEEDED
        elif changes_by < held_on:
            problems["changes_by"] = CHANGES_BY_EARLY
    elif decision == AGREED and ((changes or "").strip() or changes_by is not None):
        problems["changes"] = CHANGES_WHEN_AGREED
    return problems


def follows_problem(*, earlier_person: int | None, person: int, earlier_held_on, held_on) -> str | None:
    """A later hearing follows an earlier one of the same person, held before it."""
    if earlier_person is None:
        return None
    if earlier_person != person:
        return "Choose an earlier hearing of this person"
    if earlier_held_on is not None and held_on is not None and earlier_held_on > held_on:
        return "The hearing it follows must be at a forum on or before this one"
    return None


def what_the_budget_pays(budget, per: str, from_budget_a_year) -> dict:
    """The budget a year beside what the plan pays from it a year (`Decimal`s, or None without a budget)."""
    if budget is None:
        return {"budget_a_year": None, "pays_a_year": from_budget_a_year, "left_a_year": None}
    a_year = budget * 52 if per == "week" else budget
    return {"budget_a_year": a_year, "pays_a_year": from_budget_a_year, "left_a_year": a_year - from_budget_a_year}
