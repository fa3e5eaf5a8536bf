"""Supervision rules, pure Python (no Django): the reflective models' data check and prompts, how often
supervision is due and who is overdue, what a session, a case discussion, an action and a
self-reflection need. Table-driven tests in tests/test_rules.py."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# Supervision every four weeks unless the supervisor sets another frequency for someone.
DEFAULT_EVERY_WEEKS = 4
MIN_EVERY_WEEKS, MAX_EVERY_WEEKS = 1, 26
NAME = "{name}"
ANSWERS = {"yes": "Yes", "partly": "Partly", "no": "No", "not_relevant": "Not relevant to this work"}

HELD_ON_NEEDED = "Enter the date of the session"
AGENDA_NEEDED = "Enter what the supervisee wants from this session"
WHAT_NEEDED = "Enter what was agreed"
PERSON_NEEDED = "Choose who the case discussion is about"
MODEL_NEEDED = "Choose a reflective model"
MODEL_UNKNOWN = "Choose one of the reflective models listed"
REFLECTION_NEEDED = "Write something for at least one step of the model"
EVERY_WEEKS_RANGE = f"Enter a number of weeks from {MIN_EVERY_WEEKS} to {MAX_EVERY_WEEKS}"
ANSWER_NEEDED = "Answer each question: yes, partly, no, or not relevant to this work"
DUE_BEFORE_SESSION = "The date it is due must be the same as or after the session"
MAX_TEXT = 10000


# --- The reflective models (data/models.json) and the self-reflection questions (data/reflection.json) ----


def model_data_problems(data: dict) -> list[str]:
    """Every problem with the models file, named; an empty list when it is sound."""
    problems = []
    models = data.get("models")
    if not isinstance(models, list) or not models:
        return ["The file lists no models"]
    seen = set()
    for i, model in enumerate(models, 1):
        code = model.get("code")
        where = f"Model {i} ({code or 'no code'})"
        if not code or not isinstance(code, str):
            problems.append(f"{where} has no code")
        elif code in seen:
            problems.append(f"{where} repeats a code")
        seen.add(code)
        for key in ("name", "summary"):
            if not str(model.get(key) or "").strip():
                problems.append(f"{where} has no {key}")
        steps = model.get("steps") or []
        if not steps:
            problems.append(f"{where} has no steps")
        step_codes = set()
        for j, step in enumerate(steps, 1):
            sw = f"{where}, step {j}"
            if not step.get("code") or step["code"] in step_codes:
                problems.append(f"{sw} has no code of its own")
            step_codes.add(step.get("code"))
            if not str(step.get("label") or "").strip():
                problems.append(f"{sw} has no label")
            prompts = step.get("prompts") or []
            if not prompts:
                problems.append(f"{sw} has no prompts")
            for prompt in prompts:
                if not str(prompt).strip():
                    problems.append(f"{sw} has an empty prompt")
                problem = placeholder_problem(str(prompt))
                if problem:
                    problems.append(f"{sw}: {problem}")
    return problems


def placeholder_problem(text: str) -> str | None:
    """Only {name} may be filled in; any other brace is a typing slip."""
    rest = text.replace(NAME, "")
    if "{" in rest or "}" in rest:
        return f"only {NAME} may be filled in: “{text}”"
    return None


def fill(prompt: str, name: str) -> str:
    """A prompt with the person's preferred name in; 'the person' when there is none."""
    return prompt.replace(NAME, name or "the person")


def model_choices(data: dict) -> list[tuple[str, str]]:
    return [(m["code"], m["name"]) for m in data["models"]]


def model_named(data: dict, code: str) -> dict | None:
    return next((m for m in data["models"] if m["code"] == code), None)


def question_data_problems(data: dict) -> list[str]:
    problems = []
    groups = data.get("groups") or []
    if not groups:
        return ["The file lists no questions"]
    seen = set()
    for group in groups:
        if not str(group.get("label") or "").strip():
            problems.append(f"Group {group.get('code')} has no label")
        for q in group.get("questions") or []:
            if not q.get("code") or q["code"] in seen:
                problems.append(f"Question “{q.get('text')}” has no code of its own")
            seen.add(q.get("code"))
            if not str(q.get("text") or "").strip():
                problems.append(f"Question {q.get('code')} has no text")
    return problems


def question_codes(data: dict) -> list[str]:
    return [q["code"] for g in data["groups"] for q in g["questions"]]


# --- What each record needs ----------------------------------------------------------------------


def session_problems(*, held_on, agenda: str) -> dict[str, str]:
    problems = {}
    if not isinstance(held_on, datetime.date):
        problems["held_on"] = HELD_ON_NEEDED
    if not (agenda or "").strip():
        problems["agenda"] = AGENDA_NEEDED
    return problems


def discussion_problems(*, model: str, codes: Iterable[str]) -> dict[str, str]:
    """A model, one of those listed."""
    codes = list(codes)
    if not model:
        return {"model": MODEL_NEEDED}
    if model not in codes:
        return {"model": MODEL_UNKNOWN}
    return {}


def reflection_problems(reflections: dict[str, str], steps: Iterable[str]) -> dict[str, str]:
    steps = list(steps)
    unknown = sorted(set(reflections) - set(steps))
    if unknown:
        return {"reflections": f"This model has no step called {', '.join(unknown)}"}
    if not any((reflections.get(s) or "").strip() for s in steps):
        return {"reflections": REFLECTION_NEEDED}
    return {}


def action_problems(*, what: str, due_on, held_on) -> dict[str, str]:
    problems = {}
    if not (what or "").strip():
        problems["what"] = WHAT_NEEDED
    if due_on is not None and held_on is not None and due_on < held_on:
        problems["due_on"] = DUE_BEFORE_SESSION
    return problems


def every_weeks_problem(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not (MIN_EVERY_WEEKS <= value <= MAX_EVERY_WEEKS):
        return EVERY_WEEKS_RANGE
    return None


def self_reflection_problems(answers: dict[str, str], codes: Iterable[str]) -> dict[str, str]:
    problems = {}
    for code in codes:
        if answers.get(code) not in ANSWERS:
            problems[code] = ANSWER_NEEDED
    for code in set(answers) - set(codes):
        problems[code] = "There is no such question"
    return problems


# --- How often, and who is overdue -------------------------------------------------------------


def next_due(last_held_on: datetime.date | None, every_weeks: int, *, since: datetime.date | None = None):
    """The day the next session is due: `every_weeks` after the last one held; with none held yet, the
    same span after `since` (when they joined, say), or nothing known."""
    start = last_held_on or since
    if start is None:
        return None
    return start + datetime.timedelta(weeks=every_weeks)


def is_overdue(last_held_on, every_weeks: int, today: datetime.date, *, since=None) -> bool:
    """Overdue from the day after the next session was due; never supervised and no start date: overdue."""
    due = next_due(last_held_on, every_weeks, since=since)
    if due is None:
        return True
    return today > due


def days_late(held_on: datetime.date, previous_held_on: datetime.date | None, every_weeks: int) -> int | None:
    """How many days after it was due a session was held: 0 when on time (on or before the day due,
    `every_weeks` after the session before), None for the first session recorded (nothing to be due from)."""
    due = next_due(previous_held_on, every_weeks)
    if due is None:
        return None
    return max((held_on - due).days, 0)


@dataclass(frozen=True)
class Standing:
    supervisee_id: int
    every_weeks: int
    last_held_on: datetime.date | None
    next_due_on: datetime.date | None
    overdue: bool
    days_overdue: int


def standing(supervisee_id, last_held_on, every_weeks, today, *, since=None) -> Standing:
    due = next_due(last_held_on, every_weeks, since=since)
    overdue = is_overdue(last_held_on, every_weeks, today, since=since)
    days = (today - due).days if (overdue and due is not None) else 0
    return Standing(supervisee_id, every_weeks, last_held_on, due, overdue, days)


def overview(rows: Iterable[tuple[int, datetime.date | None, int | None]], today) -> list[Standing]:
    """Each supervisee's standing from (id, last held, weeks or None for the default); overdue first,
    the longest overdue at the top, then by the next date due."""
    found = [standing(sid, last, weeks or DEFAULT_EVERY_WEEKS, today) for sid, last, weeks in rows]
    return sorted(
        found,
        key=lambda s: (not s.overdue, -s.days_overdue, s.next_due_on or datetime.date.min, s.supervisee_id),
    )


# --- Peer group supervision ----------------------------------------------------------------------

GROUP_NAME_NEEDED = "Enter a name for the group"
MEMBERS_NEEDED = "Choose at least two members"
FREQUENCY_NEEDED = "Enter how often the group meets"
DURATION_NEEDED = "Enter how long each session lasts"
ROLE_NOT_A_MEMBER = "Choose a member of the group"
NEXT_BEFORE_SESSION = "The next session must be after this one"


def group_problems(*, name: str, member_ids, frequency: str, duration: str) -> dict[str, str]:
    problems = {}
    if not (name or "").strip():
        problems["name"] = GROUP_NAME_NEEDED
    if len(set(member_ids or ())) < 2:
        problems["members"] = MEMBERS_NEEDED
    if not (frequency or "").strip():
        problems["frequency"] = FREQUENCY_NEEDED
    if not (duration or "").strip():
        problems["duration"] = DURATION_NEEDED
    return problems


def group_session_problems(*, held_on, member_ids, roles: dict, model: str, codes, next_on=None) -> dict[str, str]:
    """A date; the facilitator, note taker and the one bringing the case all members; a listed model."""
    problems = {}
    if not isinstance(held_on, datetime.date):
        problems["held_on"] = HELD_ON_NEEDED
    for field, user_id in roles.items():
        if user_id not in member_ids:
            problems[field] = ROLE_NOT_A_MEMBER
    problems |= discussion_problems(model=model, codes=codes)
    if next_on is not None and isinstance(held_on, datetime.date) and next_on <= held_on:
        problems["next_on"] = NEXT_BEFORE_SESSION
    return problems


def next_facilitator(member_ids_in_order: list[int], last_facilitator_id: int | None) -> int | None:
    """The facilitator rota: the member after the last facilitator, round the list."""
    if not member_ids_in_order:
        return None
    if last_facilitator_id not in member_ids_in_order:
        return member_ids_in_order[0]
    i = member_ids_in_order.index(last_facilitator_id)
    return member_ids_in_order[(i + 1) % len(member_ids_in_order)]
