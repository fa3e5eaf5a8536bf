"""decide(case): one case as a JSON object in, one answer as a JSON object out.

The contract is written out in the package's docstring (whatsstrong/eligibility/__init__.py).
"""

from __future__ import annotations

import re
from datetime import date

from .reference import WHO
from .rules import CaseError, Occasion, decide_adult, decide_carer, json_type, quoted

# Every field each kind of case may have; the flags are required, "outcomes" is required unless
# "over_period" is given.
FLAGS = {
    "adult": ("needs_from_impairment", "significant_impact"),
    "carer": ("needs_from_caring", "health_deteriorating", "significant_impact"),
}
OPTIONAL = ("id", "who", "outcomes", "over_period")
OCCASION_FIELDS = ("date", "outcomes")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _error(case_id, problems) -> dict:
    return {"id": case_id, "error": "; ".join(problems)}


def _date(where: str, item: dict, problems: list[str]) -> date | None:
    if "date" not in item:
        return None
    text = item["date"]
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        problems.append(f"{where}.date must be a date written YYYY-MM-DD, not {quoted(text)}")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f'{where}.date: "{text}" is not a real date')
        return None


def _occasions(raw, problems: list[str]) -> list[Occasion] | None:
    if not isinstance(raw, list):
        problems.append(f"over_period must be a list of occasions, not {json_type(raw)}")
        return None
    if not raw:
        problems.append("over_period is empty: give at least one occasion, or leave it out")
        return None
    # One Occasion for every item, in order, so that the value checks name the same index; an item
    # whose date is unreadable gets a stand-in date, and the case is refused for it anyway.
    occasions = []
    for n, item in enumerate(raw):
        where = f"over_period[{n}]"
        if not isinstance(item, dict):
            problems.append(f"{where} must be an object with a date and outcomes, not {json_type(item)}")
            occasions.append(Occasion(on=date.min, outcomes={}))
            continue
        for name in OCCASION_FIELDS:
            if name not in item:
                problems.append(f'{where}: missing field "{name}"')
        for name in item:
            if name not in OCCASION_FIELDS:
                problems.append(f'{where}: unknown field "{name}"; an occasion has only "date" and "outcomes"')
        on = _date(where, item, problems)
        occasions.append(Occasion(on=on or date.min, outcomes=item.get("outcomes", {})))
    return occasions


def decide(case, *, today: date | None = None) -> dict:
    """Decide one case given as a JSON object; a malformed case gets {"id", "error"} instead.

    `today` (default date.today()) is the day after which no occasion may be dated.
    """
    if not isinstance(case, dict):
        return _error(None, [f"a case must be a JSON object, not {json_type(case)}"])
    case_id = case.get("id")
    if "who" not in case:
        return _error(case_id, ['missing field "who": say "adult" or "carer"'])
    who = case["who"]
    if who not in WHO:
        return _error(case_id, [f'"who" must be "adult" or "carer", not {quoted(who)}'])
    problems = []
    flags = FLAGS[who]
    for name in flags:
        if name not in case:
            problems.append(f'missing field "{name}"')
    if "outcomes" not in case and "over_period" not in case:
        problems.append('missing field "outcomes"')
    for name in case:
        if name not in flags and name not in OPTIONAL:
            problems.append(f'unknown field "{name}" for {"an adult" if who == "adult" else "a carer"}')
    if "outcomes" in case and case["outcomes"] is None:
        problems.append("outcomes must be an object of outcome codes, not null")
    occasions = _occasions(case["over_period"], problems) if "over_period" in case else None
    # Check the values too, so that one answer names every problem, unless a field the checks
    # need is missing.
    complete = all(name in case for name in flags) and (case.get("outcomes") is not None or occasions)
    if complete:
        args = {name: case[name] for name in flags}
        try:
            decision = (decide_adult if who == "adult" else decide_carer)(
                **args, outcomes=case.get("outcomes"), over_period=occasions or None, today=today
            )
        except CaseError as exc:
            problems += exc.problems
    if problems:
        return _error(case_id, problems)
    return {"id": case_id, **decision.as_dict()}
