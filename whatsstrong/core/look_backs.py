"""What a review looks back at, beyond the assessment it reviews.

A review (`assessments`) looks back at the wellbeing areas and hand-over of the assessment it
reviews. Other apps keep things a review should look back at too, such as the personal outcomes of
a support plan, but `assessments` may not import them (they build on it). So each such app
registers a `Source` here from its `AppConfig.ready()`: for a person it gives the extra subjects
(key, words, what they were, the latest score), and it takes the scaling score a review gives one
of its subjects. `assessments` asks this registry and knows nothing of the apps behind it.

A subject's key is "<prefix>:<id>", the prefix naming the source ("outcome:12").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LookBack:
    """One extra thing a review looks back at."""

    key: str
    label: str  # a heading: "Outcome: “I want to get back to my garden”"
    phrase: str  # after "Looking back: ", in the middle of a sentence (kept in its own case)
    then: str  # what it was, as the source recorded it
    then_label: str  # where "then" comes from: "In the support plan"
    latest_score: int | None = None  # the latest score recorded outside this review, 1 to 10
    latest_on: datetime.date | None = None


@dataclass(frozen=True)
class Source:
    prefix: str
    # A general name for a subject of this source, for lists that show many reviews' looks (history).
    noun: str
    # subjects(person_id, review_id, kept): what a review of this person looks back at now, plus
    # the subjects in `kept` (keys the review has already looked back at) that still exist.
    subjects: Callable[[int, int | None, set[str]], list[LookBack]]
    # scored(actor=, person=, review=, key=, score=, said=): a review gave a subject this scaling
    # score (None: the score was taken away). Called inside the review's save transaction.
    scored: Callable[..., None] | None = None


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    _sources[source.prefix] = source


def unregister(prefix: str) -> None:
    _sources.pop(prefix, None)


def source_of(key: str) -> Source | None:
    prefix, colon, _ = key.partition(":")
    return _sources.get(prefix) if colon else None


def subjects(person_id: int, review_id: int | None = None, kept: Iterable[str] = ()) -> list[LookBack]:
    """Every registered source's subjects for this person, sources in the order of their prefix."""
    kept = set(kept)
    found: list[LookBack] = []
    for prefix in sorted(_sources):
        source = _sources[prefix]
        found += source.subjects(person_id, review_id, {k for k in kept if k.startswith(f"{prefix}:")})
    return found


def noun(key: str) -> str | None:
    source = source_of(key)
    return source.noun if source else None


def scored(*, actor: Any, person: Any, review: Any, key: str, score: int | None, said: str = "") -> None:
    """Tell the subject's source the score a review gave it; nothing for a key no source owns."""
    source = source_of(key)
    if source is not None and source.scored is not None:
        source.scored(actor=actor, person=person, review=review, key=key, score=score, said=said)
