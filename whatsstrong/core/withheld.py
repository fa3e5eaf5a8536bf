"""Names that must never appear in anything made for the person to keep (their copy of a plan or an
assessment), and the one way to leave them out.

An app that records someone the person must not be pointed to (safeguarding records an alleged source
of harm) registers a function from its `AppConfig.ready()`: given the person, it returns those names.
Whatever draws a person's copy asks `names_for(person)` and hides them with `Withheld`, so no app
that draws a copy needs to know which apps hold such names, and core imports none of them.

Plain Python: no Django, so pure modules such as `plans/copy.py` use it too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

SOMEONE = "someone"

_sources: dict[str, Callable[[Any], Iterable[str]]] = {}


def register(name: str, names_of: Callable[[Any], Iterable[str]]) -> None:
    """`names_of(person)` gives names that must never be in that person's copy of anything."""
    _sources[name] = names_of


def names_for(person: Any) -> list[str]:
    """Every registered app's names for this person, each once, in a steady order."""
    found: set[str] = set()
    for key in sorted(_sources):
        found |= {" ".join(n.split()) for n in _sources[key](person) if n and n.strip()}
    return sorted(found)


def fold(name: str) -> str:
    return " ".join((name or "").split()).casefold()


class Withheld:
    """Names to keep out: whole names, and the first word of each, matched as whole words in any case."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = {fold(n) for n in names if fold(n)}
        terms = set(self.names) | {n.split()[0] for n in self.names}
        # Longest first, so "Gary Stone" goes as one before "Gary" is looked for.
        alternatives = "|".join(
            r"\s+".join(re.escape(word) for word in term.split()) for term in sorted(terms, key=len, reverse=True)
        )
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if terms else None

    def named(self, text: str) -> bool:
        return bool(self.pattern and self.pattern.search(text or ""))

    def hide(self, text: str) -> str:
        if not self.pattern or not text:
            return text or ""

        def replace(match: re.Match) -> str:
            before = text[: match.start()].rstrip()
            return SOMEONE.capitalize() if not before or before[-1] in ".!?:\n" else SOMEONE

        return self.pattern.sub(replace, text)
