"""What case notes add to the person's page and to the history of their record (core.record_parts)."""

from textwrap import shorten

from django.urls import reverse

from whatsstrong.core.history import Entry, by_whom, entries_for
from whatsstrong.core.record_parts import TOP, RecordPart

from . import services
from .models import Addendum, CaseNote
from .queries import recent_notes


def page_context(request, person, can_edit):
    notes = recent_notes(person.pk)
    return {
        "notes": notes,
        "can_edit": can_edit,
        "correctable": {n.pk for n in notes if can_edit and services.may_correct(request.user, n)},
    }


def actions(request, person, can_edit):
    return [("Add a case note", reverse("conversations:add_note", args=[person.pk]))] if can_edit else []


def history(person):
    entries = entries_for(
        CaseNote.history.filter(person_id=person.pk), CaseNote, lambda row: CaseNote.title_for(row.happened_on)
    )
    for row in Addendum.history.filter(person_id=person.pk, history_type="+").select_related("history_user", "note"):
        entries.append(
            Entry(
                row.history_date,
                by_whom(row),
                f"Addendum to the {str(row.note)[0].lower()}{str(row.note)[1:]}",
                "Added",
                [("What was added", "", shorten(row.text, 300, placeholder="…"))],
            )
        )
    return entries


PART = RecordPart(
    name="case notes",
    order=10,
    place=TOP,
    template="conversations/person_notes.html",
    context=page_context,
    actions=actions,
    history=history,
)
