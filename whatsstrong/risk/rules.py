"""The rules of positive risk assessments and the risk enablement panel: pure functions over plain
values, no Django. The scales are data (`data/scales.json`), checked by `scale_data_problems`.

Each `*_problems` function gives {field: message} for what stops a step, in the words the pages and
the API both use, so a client hears what a practitioner reads.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

SCALES_FILE = Path(__file__).parent / "data" / "scales.json"
LACKS = "lacks"
CAPACITY_CHOICES = ("has", LACKS)
SCALE_FIELDS = {
    "likelihood_theirs": ("likelihood", "how likely it is, in their view"),
    "likelihood_ours": ("likelihood", "how likely it is, in your view"),
    "severity_theirs": ("severity", "how serious it would be, in their view"),
    "severity_ours": ("severity", "how serious it would be, in your view"),
}
# What the best-interests record must hold when the person lacks capacity for the decision.
BEST_INTERESTS = {
    "capacity_finding": "Enter how capacity for this decision was assessed and what was found",
    "consulted": "Enter who was consulted about their best interests",
    "past_wishes": "Enter their past wishes, or say that none are known",
    "present_wishes": "Enter their wishes now, as far as they can be found out",
    "feelings_beliefs_values": "Enter their feelings, beliefs and values that bear on this decision",
    "best_interests": "Enter the decision in their best interests, and why",
}


@cache
def scales() -> dict:
    return json.loads(SCALES_FILE.read_text(encoding="utf-8"))


def scale(name: str) -> list[dict]:
    return scales()[name]


def scale_label(name: str, value: int | None) -> str:
    return next((s["label"] for s in scale(name) if s["value"] == value), "")


def scale_data_problems(data: dict) -> list[str]:
    """What is wrong with the scales file: each scale 1 to N in order, labelled, with a source named."""
    problems = [] if str(data.get("source", "")).strip() else ["The scales file names no source"]
    for name in ("likelihood", "severity"):
        steps = data.get(name) or []
        if [s.get("value") for s in steps] != list(range(1, len(steps) + 1)) or len(steps) < 2:
            problems.append(f"{name}: the values must run 1, 2, 3 ... in order")
        if any(not str(s.get("label", "")).strip() for s in steps):
            problems.append(f"{name}: every step needs a label")
    return problems


def scale_problem(field: str, value: object) -> str | None:
    """A likelihood or severity must be a whole number on its scale."""
    name, what = SCALE_FIELDS[field]
    steps = scale(name)
    top = steps[-1]["value"]
    if value is None or value == "":
        return f"Choose {what}"
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        return f"Choose {what}: a number from 1 ({steps[0]['label'].lower()}) to {top} ({steps[-1]['label'].lower()})"
    return None


def risk_problems(data: dict) -> dict[str, str]:
    problems = {}
    if not str(data.get("what") or "").strip():
        problems["what"] = "Enter what could go wrong"
    if data.get("for_whom") not in ("them", "others"):
        problems["for_whom"] = "Choose whether it is a risk for them or for others"
    for field in SCALE_FIELDS:
        if problem := scale_problem(field, data.get(field)):
            problems[field] = problem
    return problems


def combined(likelihood: int, severity: int) -> int:
    """How much a risk weighs, 1 to 9: how likely times how serious."""
    return likelihood * severity


def views_differ(risk: dict) -> bool:
    """The person and the practitioner place the risk differently: worth talking about."""
    return (risk["likelihood_theirs"], risk["severity_theirs"]) != (risk["likelihood_ours"], risk["severity_ours"])


def review_problem(review_on: datetime.date | None, today: datetime.date, *, required: bool = False) -> str | None:
    if review_on is None:
        return "Enter a review date" if required else None
    if review_on <= today:
        return "The review date must be in the future"
    return None


def capacity_problems(data: dict) -> dict[str, str]:
    """Capacity is found for this one decision. When they lack it, the best-interests record is needed."""
    capacity = data.get("capacity") or ""
    if capacity == "":
        return {}
    if capacity not in CAPACITY_CHOICES:
        return {"capacity": "Choose whether they have capacity to make this decision"}
    if capacity != LACKS:
        return {}
    return {field: message for field, message in BEST_INTERESTS.items() if not str(data.get(field) or "").strip()}


def agree_problems(assessment: dict, risks: int, today: datetime.date) -> dict[str, str]:
    """What must be there before an assessment is agreed."""
    problems = {}
    if not str(assessment.get("agreed_by") or "").strip():
        problems["agreed_by"] = "Enter who agreed: the person, and anyone else"
    if not str(assessment.get("their_view") or "").strip():
        problems["their_view"] = "Write their view, in their words, before agreeing"
    if not str(assessment.get("benefits_to_them") or "").strip():
        problems["benefits_to_them"] = "Write what they gain before agreeing"
    if not str(assessment.get("keeping_benefits") or "").strip():
        problems["keeping_benefits"] = "Write how the benefits are kept and the risks managed before agreeing"
    if risks == 0:
        problems["risks"] = "Add at least one risk before agreeing"
    if not assessment.get("capacity"):
        problems["capacity"] = "Record whether they have capacity to make this decision before agreeing"
    problems |= capacity_problems(assessment)
    if problem := review_problem(assessment.get("review_on"), today, required=True):
        problems["review_on"] = problem
    return problems


# --- The panel ---------------------------------------------------------------------------------------


def panel_date_problem(meets_on: datetime.date | None, today: datetime.date) -> str | None:
    if meets_on is None:
        return "Enter the date of the panel"
    if meets_on < today:
        return "The date of the panel must be today or in the future"
    return None


def schedule_problem(status: str, meets_on: datetime.date, today: datetime.date) -> str | None:
    if status not in ("waiting", "scheduled"):
        return "The panel has already heard this referral"
    if meets_on < today:
        return "Choose a panel that has not met yet"
    return None


def record_problems(status: str, meets_on: datetime.date | None, today: datetime.date, data: dict) -> dict[str, str]:
    """What the panel said can be recorded from the day it meets, once the referral is on it."""
    if status == "waiting" or meets_on is None:
        return {"advice": "Put this referral on a panel first"}
    if meets_on > today:
        return {"advice": "The panel has not met yet. Record what it said on or after the day it meets"}
    problems = {}
    if not str(data.get("discussion") or "").strip():
        problems["discussion"] = "Enter what the panel discussed"
    if not str(data.get("advice") or "").strip() and not str(data.get("recommendations") or "").strip():
        problems["advice"] = "Enter the panel's advice or its recommendations"
    if (follow_up := data.get("follow_up_on")) is not None and follow_up < meets_on:
        problems["follow_up_on"] = "The follow-up date must be on or after the day of the panel"
    return problems


def decision_problems(status: str, data: dict) -> dict[str, str]:
    """The decision is the practitioner's and their manager's, recorded after the panel has been heard."""
    if status in ("waiting", "scheduled"):
        return {"decision": "Record the decision after the panel has heard the referral and its advice is written"}
    problems = {}
    if not str(data.get("decision") or "").strip():
        problems["decision"] = "Enter the decision"
    if not str(data.get("reasons") or "").strip():
        problems["reasons"] = "Enter the reasons for the decision"
    if not data.get("manager"):
        problems["manager"] = "Choose the manager who agreed the decision"
    return problems


def overdue(due_on: datetime.date, done: bool, today: datetime.date) -> bool:
    return not done and due_on < today


def action_problems(data: dict) -> dict[str, str]:
    problems = {}
    if not str(data.get("what") or "").strip():
        problems["what"] = "Enter what is to be done"
    if not str(data.get("owner") or "").strip():
        problems["owner"] = "Enter who will do it"
    if data.get("due_on") is None:
        problems["due_on"] = "Enter the date it is due by"
    return problems
