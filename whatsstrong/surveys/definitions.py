"""The surveys on offer: the bundled ones (data/surveys.json) and any licensed packs an organisation
has loaded (`QuestionPack`), read into plain dataclasses. Another app (a supervision survey, say)
may add its own file of the same shape with `register_file`.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import rules

DATA = Path(__file__).resolve().parent / "data" / "surveys.json"
# The supervision experience survey, for staff: same shape, its own file.
STAFF_DATA = Path(__file__).resolve().parent / "data" / "supervision.json"
_extra_files: list[Path] = [STAFF_DATA]


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    easy: str
    agrees: bool = False


@dataclass(frozen=True)
class Statement:
    code: str
    text: str
    easy: tuple[str, ...]
    theme: str = ""
    theme_label: str = ""
    picture: str = ""


@dataclass(frozen=True)
class Survey:
    code: str
    title: str
    easy_title: str
    intro: str
    easy_intro: tuple[str, ...]
    for_whom: str
    question: str
    easy_question: str
    choices: tuple[Choice, ...]
    statements: tuple[Statement, ...]
    more: dict | None = None
    licence_holder: str = ""  # set for an organisation's own licensed pack
    audience: str = "people"  # "staff" for a survey of staff (supervision), answered by code the same way
    extra: dict = field(default_factory=dict, compare=False)

    def statement(self, code: str) -> Statement | None:
        return next((s for s in self.statements if s.code == code), None)

    def choice(self, code: str) -> Choice | None:
        if code == rules.PREFER_NOT:
            return Choice(rules.PREFER_NOT, rules.PREFER_NOT_LABEL, rules.PREFER_NOT_EASY)
        return next((c for c in self.choices if c.code == code), None)

    @property
    def for_staff(self) -> bool:
        return self.audience == "staff"

    @property
    def all_choices(self) -> tuple[Choice, ...]:
        return (*self.choices, self.choice(rules.PREFER_NOT))

    @property
    def agreeing(self) -> set[str]:
        return {c.code for c in self.choices if c.agrees}


def register_file(path: Path) -> None:
    """Another app's own surveys, in a file of the same shape, offered beside the bundled ones."""
    if path not in _extra_files:
        _extra_files.append(path)
        _bundled.cache_clear()


def read_file(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def build(data: dict, *, scales: dict | None = None, licence_holder: str = "") -> dict[str, Survey]:
    """Surveys from a checked definitions file."""
    scales = {**(scales or {}), **(data.get("scales") or {})}
    themes = data.get("themes") or {}
    found = {}
    for raw in data["surveys"]:
        scale = scales[raw["scale"]]
        found[raw["code"]] = Survey(
            code=raw["code"],
            title=raw["title"],
            easy_title=raw["easy_title"],
            intro=raw["intro"],
            easy_intro=tuple(raw.get("easy_intro") or (raw["intro"],)),
            for_whom=raw.get("for_whom", ""),
            question=scale.get("question", "How much do you agree?"),
            easy_question=scale.get("easy_question", scale.get("question", "")),
            choices=tuple(Choice(a["code"], a["label"], a["easy"], bool(a.get("agrees"))) for a in scale["answers"]),
            statements=tuple(
                Statement(
                    code=s["code"],
                    text=s["text"],
                    easy=tuple(s["easy"]),
                    theme=s.get("theme", ""),
                    theme_label=themes.get(s.get("theme", ""), ""),
                    picture=s.get("picture", ""),
                )
                for s in raw["statements"]
            ),
            more=raw.get("more"),
            licence_holder=licence_holder,
            audience=raw.get("audience", "people"),
        )
    return found


def bundled_data() -> dict:
    return read_file(DATA)


@functools.cache
def _bundled() -> dict[str, Survey]:
    found = {}
    for path in [DATA, *_extra_files]:
        data = read_file(path)
        problems = rules.definition_problems(data, path.read_text(encoding="utf-8"))
        if problems:
            raise ValueError(f"{path.name}: " + "; ".join(problems))
        found |= build(data)
    return found


def bundled_scales() -> dict:
    return bundled_data()["scales"]


def all_surveys() -> dict[str, Survey]:
    """Every survey on offer, by code: the bundled ones, then loaded packs (one query)."""
    from .models import QuestionPack

    found = dict(_bundled())
    for pack in QuestionPack.objects.order_by("code"):
        found |= build(pack.definitions, scales=bundled_scales(), licence_holder=pack.licence_holder)
    return found


def survey(code: str) -> Survey | None:
    if code in _bundled():
        return _bundled()[code]
    return all_surveys().get(code)


def people_surveys() -> list[Survey]:
    """The surveys a person who draws on support is invited to."""
    return [s for s in all_surveys().values() if not s.for_staff]


def staff_surveys() -> list[Survey]:
    return [s for s in all_surveys().values() if s.for_staff]
