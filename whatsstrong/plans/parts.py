"""What support plans add to the person's page and to the history of their record (core.record_parts)."""

from whatsstrong.core.history import entries_for
from whatsstrong.core.record_parts import TOP, RecordPart

from .models import SupportPlan
from .queries import plans_of


def page_context(request, person, can_edit):
    return {"plans": plans_of(person.pk), "can_edit": can_edit}


def history(person):
    return entries_for(
        SupportPlan.history.filter(person_id=person.pk), SupportPlan, lambda row: f"Support plan (number {row.id})"
    )


PART = RecordPart(
    name="plans",
    order=30,
    place=TOP,
    template="plans/person_plans.html",
    context=page_context,
    history=history,
)
