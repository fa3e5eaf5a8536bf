"""The change history of a person's record: their own sections, network and strengths, then what
every other app registers as a record part (case notes, and later assessments and plans)."""

from textwrap import shorten

from whatsstrong.core import record_parts
from whatsstrong.core.history import entries_for, newest_first

from .models import Asset, NetworkMember, Person


def history_entries(person, user=None):
    entries = entries_for(Person.history.filter(id=person.pk), Person, lambda row: "Personal record")
    entries += entries_for(
        NetworkMember.history.filter(person_id=person.pk), NetworkMember, lambda row: f"Network: {row.name}"
    )
    entries += entries_for(
        Asset.history.filter(person_id=person.pk),
        Asset,
        lambda row: f"Strength: {shorten(row.description, 60, placeholder='…')}",
    )
    return newest_first(entries + record_parts.history_entries(person, user))
