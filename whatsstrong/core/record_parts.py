"""What each domain app adds to the person's page and to the record's history.

The person's page and history page belong to `people`, but case notes, assessments, plans and the
rest belong to their own apps, which depend on `people` and never the other way round. So each app
registers its parts here from its `AppConfig.ready()`: a template drawn on the person's page with
the context its function gives, and a function giving its entries for the history page. `people`
draws whatever is registered, in `order`, without importing any of those apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .history import Entry

# Where a part sits on the person's page: the work in hand near the top, reference further down.
TOP, BOTTOM = "top", "bottom"


@dataclass(frozen=True)
class RecordPart:
    name: str
    order: int = 100
    place: str = BOTTOM
    # Drawn on the person's page: `template` with what `context(request, person, can_edit)` gives.
    # A context function that returns None leaves the part off the page (not for this user, say).
    template: str | None = None
    context: Callable[[Any, Any, bool], dict | None] | None = None
    # Links to the part's next steps, put with the person's own at the top of their page:
    # `actions(request, person, can_edit)` gives (label, url) pairs, none when there is nothing to do.
    actions: Callable[[Any, Any, bool], list[tuple[str, str]]] | None = None
    # Entries for the history page of this person's record.
    history: Callable[[Any], list[Entry]] | None = None
    # Entries only some readers of the history page may see: `private_history(person, user)` decides.
    private_history: Callable[[Any, Any], list[Entry]] | None = None


_parts: dict[str, RecordPart] = {}


def register(part: RecordPart) -> None:
    _parts[part.name] = part


def registered() -> list[RecordPart]:
    return sorted(_parts.values(), key=lambda p: (p.order, p.name))


def page_parts(request: Any, person: Any, *, can_edit: bool, place: str) -> list[tuple[str, dict]]:
    """(template, context) for each part shown in this place on the person's page, for this user."""
    shown = []
    for part in registered():
        if part.place != place or not part.template or not part.context:
            continue
        context = part.context(request, person, can_edit)
        if context is not None:
            shown.append((part.template, context))
    return shown


def page_actions(request: Any, person: Any, *, can_edit: bool) -> list[tuple[str, str]]:
    """(label, url) of every part's next steps for this user, in the parts' order."""
    found = []
    for part in registered():
        if part.actions:
            found += part.actions(request, person, can_edit)
    return found


def history_entries(person: Any, user: Any = None) -> list[Entry]:
    """Every part's entries; those a part keeps to some readers only when `user` is one of them."""
    entries = []
    for part in registered():
        if part.history:
            entries += part.history(person)
        if part.private_history and user is not None:
            entries += part.private_history(person, user)
    return entries
