"""Reading case notes for the person's page: explicit SQL (core/sql.py), as the page is opened all day."""

import datetime
from typing import NamedTuple

from whatsstrong.core import sql
from whatsstrong.core.models import User

from .models import Addendum, CaseNote

RECENT_NOTES = 10


class AddendumRow(NamedTuple):
    text: str
    added_at: datetime.datetime
    author_name: str


class NoteRow(NamedTuple):
    pk: int
    happened_on: datetime.date
    kind_label: str
    present: str
    text: str
    author_id: int
    author_name: str
    created_at: datetime.datetime
    addenda: list


def _name(first, last, username):
    return f"{first} {last}".strip() or username


N, A, U = sql.table(CaseNote), sql.table(Addendum), sql.table(User)
NOTES_SQL = f"""SELECT n.id, n.happened_on, n.kind, n.present, n.text, n.author_id, u.first_name, u.last_name,
                       u.username, n.created_at
                FROM {N} n JOIN {U} u ON u.id = n.author_id
                WHERE n.person_id = %s ORDER BY n.happened_on DESC, n.created_at DESC, n.id DESC LIMIT %s"""
ADDENDA_SQL = f"""SELECT a.note_id, a.text, a.added_at, u.first_name, u.last_name, u.username
                  FROM {A} a JOIN {U} u ON u.id = a.author_id
                  WHERE a.person_id = %s AND a.note_id IN ({{notes}}) ORDER BY a.added_at, a.id"""
KIND_LABELS = dict(CaseNote.Kind.choices)


def recent_notes(person_id, limit=RECENT_NOTES):
    """The person's latest case notes, newest first, each with its author's name and its addenda."""
    notes = [
        NoteRow(
            pk,
            day,
            KIND_LABELS.get(kind, kind),
            present,
            text,
            author_id,
            _name(first, last, username),
            sql.aware(created_at),
            [],
        )
        for pk, day, kind, present, text, author_id, first, last, username, created_at in sql.fetch(
            NOTES_SQL, [person_id, limit]
        )
    ]
    if notes:
        by_note = {note.pk: note for note in notes}
        placeholders = ", ".join(["%s"] * len(notes))
        for note_id, text, added_at, first, last, username in sql.fetch(
            ADDENDA_SQL.format(notes=placeholders), [person_id, *by_note]
        ):
            by_note[note_id].addenda.append(AddendumRow(text, sql.aware(added_at), _name(first, last, username)))
    return notes
