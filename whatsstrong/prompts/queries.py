"""Reading question prompts for the prompts page, the picker beside long text fields, and the API.

A few hundred rows at most, so search reads the active prompts once and filters them in Python:
every word typed must appear in the prompt, its group's name or its wellbeing areas, compared
without case or accents (`rules.fold`). That works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import rules, services
from .models import Prompt


@dataclass(frozen=True)
class ShownPrompt:
    id: int
    code: str
    text: str  # with the person's name filled in
    tags: tuple[str, ...]  # wellbeing area labels


@dataclass
class ShownGroup:
    code: str
    name: str
    kind: str
    description: str
    source: str
    prompts: list[ShownPrompt] = field(default_factory=list)


def active_prompts(query: str = "") -> list[Prompt]:
    """Active prompts in active groups, in page order, whose words match the query (all if empty)."""
    rows = (
        Prompt.objects.filter(active=True, group__active=True)
        .select_related("group")
        .order_by("group__order", "group__name", "order", "pk")
    )
    words = rules.query_words(query)
    if not words:
        return list(rows)
    labels = services.tag_labels()
    return [
        row
        for row in rows
        if rules.matches(
            words,
            rules.fold(" ".join([row.text, row.group.name, *(labels.get(t, t) for t in row.tag_list)])),
        )
    ]


def prompt_groups(*, name: str | None = None, query: str = "") -> list[ShownGroup]:
    """The matching prompts under their groups, `{name}` filled with this name ("the person" without one)."""
    labels = services.tag_labels()
    groups: dict[int, ShownGroup] = {}
    for row in active_prompts(query):
        group = groups.get(row.group_id)
        if group is None:
            g = row.group
            group = groups[row.group_id] = ShownGroup(g.code, g.name, g.kind, g.description, g.source)
        group.prompts.append(
            ShownPrompt(row.pk, row.code, rules.fill(row.text, name), tuple(labels.get(t, t) for t in row.tag_list))
        )
    return list(groups.values())


def picker_groups(person) -> list[ShownGroup]:
    """Every active prompt for the picker beside a long text field, naming this person."""
    return prompt_groups(name=person.known_as if person is not None else None)
