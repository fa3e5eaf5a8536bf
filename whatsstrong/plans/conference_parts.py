"""What family group conferences add to the person's page and to their record's history
(core.record_parts): the list of conferences, just after support plans."""

from whatsstrong.core.history import entries_for
from whatsstrong.core.record_parts import TOP, RecordPart

from .models import FamilyAction, FamilyGroupConference
from .queries import conferences_of


def page_context(request, person, can_edit):
    return {"conferences": conferences_of(person.pk), "can_edit": can_edit}


def history(person):
    entries = entries_for(
        FamilyGroupConference.history.filter(person_id=person.pk),
        FamilyGroupConference,
        lambda row: f"Family group conference (number {row.id})",
    )
    return entries + entries_for(
        FamilyAction.history.filter(person_id=person.pk),
        FamilyAction,
        lambda row: f"Family group conference (number {row.conference_id}): the family's plan",
    )


PART = RecordPart(
    name="conferences",
    order=31,
    place=TOP,
    template="plans/conference_list.html",
    context=page_context,
    history=history,
)
