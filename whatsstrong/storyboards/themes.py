"""The practice themes a story can show, read from data/themes.json (pure: no Django). A mistake in
the file stops the app loading, with every problem named (`rules.theme_problems`)."""

import functools
import json
from pathlib import Path

from .rules import theme_problems

FILE = Path(__file__).resolve().parent / "data" / "themes.json"


@functools.cache
def themes() -> tuple[dict, ...]:
    data = json.loads(FILE.read_text(encoding="utf-8"))
    problems = theme_problems(data)
    if problems:
        raise ValueError(f"{FILE} has problems: " + "; ".join(problems))
    return tuple(data["themes"])


def codes() -> set[str]:
    return {t["code"] for t in themes()}


def labels() -> dict[str, str]:
    return {t["code"]: t["label"] for t in themes()}


def choices() -> list[tuple[str, str]]:
    return [(t["code"], t["label"]) for t in themes()]
