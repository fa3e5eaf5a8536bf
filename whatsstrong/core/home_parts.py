"""What domain apps add to a user's home page (the caseload), without `people` importing them.

Like `record_parts` for the person's page: an app registers a part from its `AppConfig.ready()`, a
template drawn with what `context(request)` gives; a context function returning None leaves the
part off the page (not for this user, or nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomePart:
    name: str
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


_parts: dict[str, HomePart] = {}


def register(part: HomePart) -> None:
    _parts[part.name] = part


def page_parts(request: Any) -> list[tuple[str, dict]]:
    """(template, context) for each part shown on this user's home page, in the parts' order."""
    shown = []
    for part in sorted(_parts.values(), key=lambda p: (p.order, p.name)):
        context = part.context(request)
        if context is not None:
            shown.append((part.template, context))
    return shown
