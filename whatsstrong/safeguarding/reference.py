"""The Safeguarding Adults Collection's categories, read from data/sac.json, and the check that the file
is whole (run by `manage.py check` and the tests). Records keep the codes, never the labels."""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path

FILE = Path(__file__).parent / "data" / "sac.json"
# Every list the app and the return use; the file may hold more, never fewer.
LISTS = (
    "enquiry_kind",
    "abuse_type",
    "location",
    "source_of_risk",
    "action_result",
    "risk_outcome",
    "capacity",
    "advocacy",
    "asked",
    "achieved",
)


@functools.cache
def data() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


def items(name: str) -> list[dict]:
    return data()["lists"][name]["items"]


def current(name: str, day: datetime.date | None = None) -> list[dict]:
    """The items of a list still in use on `day` (today when not given): what a form offers."""
    day = day or datetime.date.today()
    return [i for i in items(name) if not i.get("valid_to") or datetime.date.fromisoformat(i["valid_to"]) >= day]


def choices(name: str) -> list[tuple[str, str]]:
    return [(i["code"], i["label"]) for i in current(name)]


def codes(name: str) -> list[str]:
    return [i["code"] for i in items(name)]


def label(name: str, code: str) -> str:
    return next((i["label"] for i in items(name) if i["code"] == code), code or "")


def hints(name: str) -> dict[str, str]:
    return {i["code"]: i["hint"] for i in items(name) if i.get("hint")}


def data_problems(content: dict) -> list[str]:
    """What is wrong with the file: a list missing or empty, a code or label missing or repeated,
    a date that is not a date. Empty when the file is whole."""
    problems = []
    if not (content.get("source") or "").strip():
        problems.append("The file does not name its source.")
    lists = content.get("lists") or {}
    for name in LISTS:
        found = lists.get(name)
        if not found or not found.get("items"):
            problems.append(f"The list {name!r} is missing or empty.")
            continue
        seen_codes, seen_labels = set(), set()
        for position, item in enumerate(found["items"], start=1):
            where = f"{name} item {position}"
            code, text = item.get("code") or "", item.get("label") or ""
            if not code.strip() or not text.strip():
                problems.append(f"{where} needs a code and a label.")
            if code in seen_codes:
                problems.append(f"{where}: the code {code!r} is used twice.")
            if text in seen_labels:
                problems.append(f"{where}: the label {text!r} is used twice.")
            seen_codes.add(code)
            seen_labels.add(text)
            if len(code) > 30:
                problems.append(f"{where}: the code {code!r} is longer than 30 characters.")
            if item.get("valid_to"):
                try:
                    datetime.date.fromisoformat(item["valid_to"])
                except ValueError:
                    problems.append(f"{where}: valid_to {item['valid_to']!r} is not a date like 2026-03-31.")
    return problems
