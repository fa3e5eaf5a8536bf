"""Writing question prompts: loading the bundled set, and switching prompts on and off.

Administrators otherwise change prompts through the admin, which keeps each change in history
with their name (django-simple-history's request middleware).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.db import transaction

from . import rules

BUNDLED = Path(__file__).resolve().parent / "data" / "prompts.json"


@functools.cache
def bundled() -> dict:
    """The bundled data file, checked: a mistake in it stops the load with every problem named."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    problems = rules.data_problems(data)
    if problems:
        raise ValueError(f"{BUNDLED} has problems: " + "; ".join(problems))
    return data


def tag_labels() -> dict[str, str]:
    """Wellbeing area code -> its label, from the data file."""
    return dict(bundled()["tags"])


def prompts_load(*, group_model, prompt_model, data: dict | None = None) -> tuple[int, int]:
    """Add every bundled group and prompt the database does not have yet, by code.

    Takes the model classes so a data migration can pass its historical models. Rows already
    there are left as they are, so an organisation's rewording, order and switching off stand.
    Returns how many groups and prompts were added.
    """
    data = data or bundled()
    added_groups = added_prompts = 0
    with transaction.atomic():
        for g, group in enumerate(data["groups"], start=1):
            row, created = group_model.objects.get_or_create(
                code=group["code"],
                defaults={
                    "name": group["name"],
                    "kind": group["kind"],
                    "description": group.get("description", ""),
                    "source": group.get("source", ""),
                    "order": g * 10,
                },
            )
            added_groups += created
            for p, prompt in enumerate(group["prompts"], start=1):
                _, created = prompt_model.objects.get_or_create(
                    code=prompt["code"],
                    defaults={
                        "group": row,
                        "text": prompt["text"],
                        "order": p * 10,
                        "tags": " ".join(prompt.get("tags", [])),
                    },
                )
                added_prompts += created
    return added_groups, added_prompts


def prompts_switch(*, actor, prompts, active: bool) -> int:
    """Switch prompts on or off, each saved on its own so its history names the actor."""
    changed = 0
    with transaction.atomic():
        for prompt in prompts:
            if prompt.active != active:
                prompt.active = active
                prompt._history_user = actor
                prompt.save(update_fields=["active", "updated_at"])
                changed += 1
    return changed
