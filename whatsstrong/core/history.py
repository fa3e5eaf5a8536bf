"""Readable history entries from django-simple-history, for any app's records.

Each app turns its own history rows into `Entry` objects with `entries_for` and registers them as a
record part (`core.record_parts`), so the history page shows every change to a person's record,
whichever app holds it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone

# Bookkeeping fields that change on every save and mean nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "family_name_key", "given_name_key", "preferred_name_key"}


@dataclass
class Entry:
    at: datetime.datetime
    by: str
    record: str
    action: str
    changes: list = field(default_factory=list)  # (label, before, after)


def label_of(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


def shown_value(model: type[models.Model], name: str, value: Any) -> Any:
    """A stored value as a reader would say it: a choice's label, Yes or No, a date in words."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(model_field, models.ManyToManyField) and isinstance(value, list):
        return _names_of(model_field, value)
    if isinstance(model_field, models.ForeignKey) and value is not None:
        related = model_field.related_model._base_manager.filter(pk=value).first()
        return getattr(related, "display_name", None) or str(related or value)
    return value


def _names_of(model_field: models.ManyToManyField, rows: list) -> str:
    """A many-to-many value as simple-history's diff gives it (one dict per link row) as the names of
    the records linked, in alphabetical order, joined with commas."""
    key = model_field.m2m_reverse_field_name()
    ids = [row.get(key) for row in rows if isinstance(row, dict) and row.get(key) is not None]
    found = {r.pk: r for r in model_field.related_model._base_manager.filter(pk__in=ids)}
    names = [getattr(found.get(pk), "display_name", None) or str(found.get(pk) or pk) for pk in ids]
    return ", ".join(sorted(names, key=str.casefold))


def by_whom(row: Any) -> str:
    user = row.history_user
    return (user.get_full_name() or user.username) if user else "System"


def entries_for(history: Any, model: type[models.Model], describe: Callable[[Any], str]) -> list[Entry]:
    """An entry when each record was added, and one for each save that changed something shown."""
    entries = []
    previous: dict[Any, Any] = {}
    for row in history.select_related("history_user").order_by("history_date", "history_id"):
        prior = previous.get(row.id)
        if prior is None:
            entries.append(Entry(row.history_date, by_whom(row), describe(row), "Added"))
        else:
            delta = row.diff_against(prior)
            changes = [
                (label_of(model, c.field), shown_value(model, c.field, c.old), shown_value(model, c.field, c.new))
                for c in delta.changes
                if c.field not in HIDDEN_FIELDS
            ]
            if changes:
                entries.append(Entry(row.history_date, by_whom(row), describe(row), "Changed", changes))
        previous[row.id] = row
    return entries


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.at, reverse=True)
