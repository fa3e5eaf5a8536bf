"""What outcomes forums add to the person's page and history (core.record_parts): the forums that
heard them and what each decided; the next step of bringing them to one. One query for someone
never heard, and nothing drawn."""

from django.urls import reverse

from whatsstrong.core.history import entries_for
from whatsstrong.core.record_parts import BOTTOM, RecordPart

from .models import Hearing
from .queries import hearings_of


def page_context(request, person, can_edit):
    hearings = hearings_of(person.pk)
    if not hearings:
        return None
    return {"hearings": hearings, "can_edit": can_edit}


def actions(request, person, can_edit):
    if not can_edit:
        return []
    return [("Bring to an outcomes forum", reverse("forums:hear", args=[person.pk]))]


def history(person):
    return entries_for(
        Hearing.history.filter(person_id=person.pk),
        Hearing,
        lambda row: "Outcomes forum hearing" + (f": {row.get_decision_display().lower()}" if row.decision else ""),
    )


PART = RecordPart(
    name="forums",
    order=45,
    place=BOTTOM,
    template="forums/person_hearings.html",
    context=page_context,
    actions=actions,
    history=history,
)
