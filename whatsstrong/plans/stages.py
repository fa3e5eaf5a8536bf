"""The motivational interviewing helper's reference data, read once from data/change_stages.json
(no Django here): for each stage of change what it looks like, what the person is aiming for, what
helps and what to avoid; when not to use the approach; and questions that invite change talk."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .rules import STAGES

DATA = Path(__file__).resolve().parent / "data" / "change_stages.json"
# The kinds of change talk the prompts invite, in the order a conversation usually reaches them.
TALK_KINDS = ("desire", "ability", "reasons", "need", "commitment")


@dataclass(frozen=True)
class StageGuide:
    code: str
    description: str
    aim: str
    helps: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Talk:
    kind: str
    label: str
    prompts: tuple[str, ...]


@functools.cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def source() -> str:
    return _data()["source"]


def guide(code: str) -> StageGuide:
    """What helps at one stage; KeyError for a code that is not a stage."""
    found = next((s for s in _data()["stages"] if s["code"] == code), None)
    if found is None:
        raise KeyError(code)
    return StageGuide(code, found["description"], found["aim"], tuple(found["helps"]), tuple(found["avoid"]))


def guides() -> list[StageGuide]:
    """Every stage, in the order of the cycle."""
    return [guide(code) for code in STAGES]


def not_when() -> tuple[str, tuple[str, ...]]:
    """The sentence leading into when not to use the approach, and the cases."""
    part = _data()["not_when"]
    return part["lead"], tuple(part["items"])


def change_talk() -> list[Talk]:
    return [Talk(t["kind"], t["label"], tuple(t["prompts"])) for t in _data()["change_talk"]]


def data_problems(data: dict | None = None) -> list[str]:
    """What is wrong with the file, in words; empty when it is sound (a test runs this on the file)."""
    data = _data() if data is None else data
    problems = []
    if not (data.get("source") or "").strip():
        problems.append("The file must name its source")
    stages = {s.get("code"): s for s in data.get("stages", [])}
    for code in STAGES:
        if code not in stages:
            problems.append(f"Stage {code} is missing")
            continue
        for key in ("description", "aim"):
            if not (stages[code].get(key) or "").strip():
                problems.append(f"Stage {code} has no {key}")
        for key, words in (("helps", "what helps"), ("avoid", "what to avoid")):
            items = stages[code].get(key) or []
            if not items or any(not (item or "").strip() for item in items):
                problems.append(f"Stage {code} needs a list of {words}, with nothing empty in it")
    problems += [f"{code} is not a stage" for code in stages if code not in STAGES]
    not_when_part = data.get("not_when") or {}
    if not (not_when_part.get("lead") or "").strip() or not not_when_part.get("items"):
        problems.append("Say when not to use the approach")
    talk = {t.get("kind"): t for t in data.get("change_talk", [])}
    for kind in TALK_KINDS:
        if kind not in talk or not talk[kind].get("prompts") or not (talk[kind].get("label") or "").strip():
            problems.append(f"Change talk about {kind} needs a label and prompts")
    return problems
