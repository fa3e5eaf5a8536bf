"""The documents and the wellbeing areas, read once from data/*.json (no Django here)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from whatsstrong.core import look_backs

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def _documents() -> dict:
    return json.loads((DATA / "documents.json").read_text(encoding="utf-8"))


@functools.cache
def _wellbeing() -> dict:
    return json.loads((DATA / "wellbeing.json").read_text(encoding="utf-8"))


def document(kind: str) -> dict:
    """One kind of assessment: title, purpose, sections, and whether it has wellbeing and a hand-over."""
    return _documents()["documents"][kind]


def kinds() -> list[str]:
    return list(_documents()["documents"])


def sections(kind: str) -> list[dict]:
    return document(kind)["sections"]


def section(kind: str, key: str) -> dict | None:
    return next((s for s in sections(kind) if s["key"] == key), None)


def guidance(name: str) -> dict:
    """Guidance for the parts every fuller document shares: "analysis", "hand_over", "conversation"."""
    return _documents()[name]


def wellbeing_areas() -> list[dict]:
    return _wellbeing()["areas"]


def wellbeing_label(code: str) -> str:
    return next((a["label"] for a in wellbeing_areas() if a["code"] == code), code)


def subject_label(subject: str) -> str:
    """What a review looks back at, in words: a wellbeing area, the hand-over to the support plan,
    or, for a subject another app registered (core.look_backs), its general name."""
    if subject.startswith("wellbeing:"):
        return wellbeing_label(subject.split(":", 1)[1])
    if subject == "hand_over":
        return "What the support plan was to pick up"
    return look_backs.noun(subject) or subject


def subject_slug(subject: str) -> str:
    return subject.replace(":", "-").replace("_", "-")
