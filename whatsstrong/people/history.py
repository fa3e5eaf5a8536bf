"""The change history of a person's record, read from django-simple-history, as readable entries."""

from dataclasses import dataclass, field
from textwrap import shorten
from datetime import datetime

# Bookkeeping fields that change on every save and mean nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "family_name_key", "given_name_key", "preferred_name_key"}


@dataclass
class Entry:
    at: datetime
    by: str
    record: str
    action: str
    changes: list = field(default_factory=list)  # (label, before, after)


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def _display(model, name, value):
    try:
        f = model._meta.get_field(name)
    except Exception:
        return value
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def _entries_for(history_qs, model, describe):
    entries = []
    records = list(history_qs.select_related("history_user").order_by("history_date", "history_id"))
    previous = {}
    for rec in records:
        by = rec.history_user.get_full_name() or rec.history_user.username if rec.history_user else "System"
        what = describe(rec)
        prior = previous.get(rec.id)
        if prior is None:
            entries.append(Entry(rec.history_date, by, what, "Added"))
        else:
            delta = rec.diff_against(prior)
            changes = [(_label(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new))
                       for c in delta.changes if c.field not in HIDDEN_FIELDS]
            if changes:
                entries.append(Entry(rec.history_date, by, what, "Changed", changes))
        previous[rec.id] = rec
    return entries


def history_entries(person):
    from .models import Asset, NetworkMember, Person

    entries = _entries_for(Person.history.filter(id=person.pk), Person, lambda r: "Personal record")
    entries += _entries_for(NetworkMember.history.filter(person_id=person.pk), NetworkMember,
                            lambda r: f"Network: {r.name}")
    entries += _entries_for(Asset.history.filter(person_id=person.pk), Asset, lambda r: f"Strength: {shorten(r.description, 60, placeholder='…')}")
    return sorted(entries, key=lambda e: e.at, reverse=True)
