"""When a record's personal data is due to go: the retention schedule (data/retention.json) read
and applied. Pure: plain values in, plain values out, no database.

A record is considered only once it is archived (a record in a caseload is in use). Every rule whose
condition holds applies, and the longest wins, so a special rule can only keep a record longer.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEDULE_FILE = Path(__file__).resolve().parent / "data" / "retention.json"
# What a rule may depend on; "always" is the standard rule every record falls under.
CONDITIONS = ("always", "safeguarding_enquiry", "died")
MAX_YEARS = 100
REASON_LENGTH = 2000
MIN_REASON = 10
# An archive reason starting with one of these marks a person who has died (people.Person has no date of death).
DIED_WORDS = ("died", "deceased", "death")


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    years: int
    when: str
    why: str


@dataclass(frozen=True)
class Facts:
    """What the schedule needs to know about one archived record."""

    last_contact: datetime.date
    safeguarding_enquiry: bool = False
    died: bool = False


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    due_on: datetime.date
    due: bool


def schedule_problems(data: Any) -> list[str]:
    """Everything wrong with a schedule file's contents, each named; none for a sound one."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        return ['The retention schedule needs a list of rules under "rules".']
    problems, codes = [], set()
    for number, rule in enumerate(data["rules"], start=1):
        where = f"Rule {number}"
        if not isinstance(rule, dict):
            problems.append(f"{where} is not an object.")
            continue
        code = rule.get("code")
        if not isinstance(code, str) or not code.strip():
            problems.append(f"{where} needs a code.")
        elif code in codes:
            problems.append(f"{where}: the code {code!r} is used twice.")
        codes.add(code)
        for name in ("label", "why"):
            if not isinstance(rule.get(name), str) or not rule[name].strip():
                problems.append(f"{where} needs a {name}.")
        years = rule.get("years")
        if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= MAX_YEARS:
            problems.append(f"{where}: years must be a whole number from 1 to {MAX_YEARS}.")
        if rule.get("when") not in CONDITIONS:
            problems.append(f"{where}: when must be one of {', '.join(CONDITIONS)}.")
    if not any(isinstance(r, dict) and r.get("when") == "always" for r in data["rules"]):
        problems.append("The schedule needs one rule that applies always (the standard period).")
    return problems


@cache
def read_schedule(path: Path = SCHEDULE_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def rules_of(data: dict) -> list[Rule]:
    return [Rule(r["code"], r["label"], r["years"], r["when"], r["why"]) for r in data["rules"]]


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def applies(rule: Rule, facts: Facts) -> bool:
    return (
        rule.when == "always"
        or (rule.when == "safeguarding_enquiry" and facts.safeguarding_enquiry)
        or (rule.when == "died" and facts.died)
    )


def verdict(facts: Facts, rules: list[Rule], today: datetime.date) -> Verdict:
    """The rule that keeps the record longest, the day it is due, and whether that day has come."""
    found = [(add_years(facts.last_contact, r.years), r) for r in rules if applies(r, facts)]
    due_on, rule = max(found, key=lambda pair: (pair[0], pair[1].years))
    return Verdict(rule, due_on, due_on <= today)


def died(archive_reason: str) -> bool:
    words = (archive_reason or "").strip().casefold()
    return words.startswith(DIED_WORDS)


def reason_problem(reason: str, what: str = "why") -> str | None:
    """A hold, and lifting one, needs a reason a reader will understand later."""
    reason = (reason or "").strip()
    if not reason:
        return f"Enter {what}"
    if len(reason) < MIN_REASON:
        return f"Enter at least {MIN_REASON} characters to say {what}"
    if len(reason) > REASON_LENGTH:
        return f"Keep it to {REASON_LENGTH} characters or fewer"
    return None


def redaction_names(text: str) -> list[str]:
    """Names typed one a line (or separated by commas) for the export to replace."""
    found = []
    for line in (text or "").replace(",", "\n").splitlines():
        name = " ".join(line.split())
        if name and name not in found:
            found.append(name)
    return found
