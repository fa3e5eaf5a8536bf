"""What question prompts add to the person's page (core.record_parts): a way to the prompts,
with the person's name filled in, for anyone planning a conversation with them."""

from whatsstrong.core.record_parts import TOP, RecordPart


def page_context(request, person, can_edit):
    return {}


PART = RecordPart(
    name="question prompts", order=20, place=TOP, template="prompts/person_link.html", context=page_context
)
