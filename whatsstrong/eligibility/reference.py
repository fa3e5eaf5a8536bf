"""The outcomes and the ways of being unable to achieve one, loaded from outcomes.json.

The data file's shape (every label is our own plain English, not the regulations' wording):

    source    the regulations the codes come from
    ways      [{"code", "label"}]: every way of being unable to achieve an outcome, in the
              regulations' order; the label completes "<outcome>: ..." in a reason
    adult     {"regulation": "2", "ways_regulation": "2(3)", "ways": [way codes that count],
               "outcomes": [{"code": "a".."j", "regulation": "2(2)(a)", "label"}]}
    carer     the same for carers: regulation "3", ways_regulation "3(3)" (no
              "significantly_longer"), outcomes "i".."viii" with regulation "3(2)(b)(i)" and so on

Records should store the codes, never the labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_PATH = Path(__file__).with_name("outcomes.json")
WHO = ("adult", "carer")


class DataFileError(ValueError):
    """outcomes.json is malformed."""


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    regulation: str


@dataclass(frozen=True)
class Way:
    code: str
    label: str


@dataclass(frozen=True)
class Scheme:
    """The outcomes of one kind of person (adult or carer) and the ways that count for them."""

    who: str
    regulation: str
    ways_regulation: str
    outcomes: tuple[Outcome, ...]
    ways: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.outcomes)

    def outcome(self, code: str) -> Outcome:
        for o in self.outcomes:
            if o.code == code:
                return o
        raise KeyError(code)


@dataclass(frozen=True)
class Reference:
    source: str
    ways: tuple[Way, ...]
    adult: Scheme
    carer: Scheme

    @property
    def way_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.ways)

    def way(self, code: str) -> Way:
        for w in self.ways:
            if w.code == code:
                return w
        raise KeyError(code)

    def scheme(self, who: str) -> Scheme:
        if who not in WHO:
            raise KeyError(who)
        return self.adult if who == "adult" else self.carer


def _text(obj, key, where):
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: {key!r} must be a non-empty string")
    return value


def _scheme(raw, who, way_codes) -> Scheme:
    if not isinstance(raw, dict):
        raise DataFileError(f"{who}: must be an object")
    outcomes = []
    for n, item in enumerate(raw.get("outcomes") or []):
        where = f"{who}.outcomes[{n}]"
        outcomes.append(
            Outcome(_text(item, "code", where), _text(item, "label", where), _text(item, "regulation", where))
        )
    if not outcomes:
        raise DataFileError(f"{who}: no outcomes")
    codes = [o.code for o in outcomes]
    if len(set(codes)) != len(codes):
        raise DataFileError(f"{who}: an outcome code is repeated")
    ways = raw.get("ways")
    if not isinstance(ways, list) or not ways or any(w not in way_codes for w in ways):
        raise DataFileError(f"{who}: 'ways' must list codes from the top-level 'ways'")
    return Scheme(
        who=who,
        regulation=_text(raw, "regulation", who),
        ways_regulation=_text(raw, "ways_regulation", who),
        outcomes=tuple(outcomes),
        ways=tuple(w for w in way_codes if w in ways),
    )


def parse_reference(data: dict) -> Reference:
    if not isinstance(data, dict):
        raise DataFileError("the data file must hold one object")
    ways = tuple(
        Way(_text(item, "code", f"ways[{n}]"), _text(item, "label", f"ways[{n}]"))
        for n, item in enumerate(data.get("ways") or [])
    )
    if not ways:
        raise DataFileError("no ways of being unable")
    way_codes = tuple(w.code for w in ways)
    return Reference(
        source=_text(data, "source", "top level"),
        ways=ways,
        adult=_scheme(data.get("adult"), "adult", way_codes),
        carer=_scheme(data.get("carer"), "carer", way_codes),
    )


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """The bundled outcomes.json, read once."""
    with DATA_PATH.open(encoding="utf-8") as f:
        return parse_reference(json.load(f))
