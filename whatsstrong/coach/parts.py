"""The language check on the person's page, for the people who oversee practice (core.record_parts)."""

from whatsstrong.core.access import can_read_history
from whatsstrong.core.record_parts import BOTTOM, RecordPart

from .queries import summary_for_person


def page_context(request, person, can_edit):
    if not can_read_history(request.user):
        return None
    return {"language": summary_for_person(person.pk)}


PART = RecordPart(
    name="language check", order=90, place=BOTTOM, template="coach/person_language.html", context=page_context
)
