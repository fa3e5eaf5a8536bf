"""What safeguarding adds to the person's page and to their record's history (core.record_parts).

Only for those with need-to-know (core/access.py): the allocated worker and the supervisors of the
person's team see the list of concerns; a quality lead sees when each was raised and gives a reason to
open one. Anyone else who may change the record sees only the link to raise a concern, and everyone
else nothing, with no query at all. One query at most (the list), read once per request.
"""

from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.record_parts import TOP, RecordPart

from .queries import concerns_of, trail


def _concerns(request, person):
    kept = request.__dict__.setdefault("_safeguarding_concerns", {})
    if person.pk not in kept:
        kept[person.pk] = concerns_of(person.pk)
    return kept[person.pk]


def page_context(request, person, can_edit):
    user = request.user
    close = access.safeguarding_need_to_know(user, person)
    oversight = access.safeguarding_oversight(user)
    can_raise = access.can_raise_concern(user, person)
    if not (close or oversight):
        return {"concerns": [], "close": False, "can_raise": True} if can_raise else None
    concerns = _concerns(request, person)
    if not concerns and not can_raise:
        return None
    return {"concerns": concerns, "close": close, "can_raise": can_raise}


def actions(request, person, can_edit):
    """Carry on with an open enquiry, for those who work on it."""
    if not access.can_work_on_safeguarding(request.user, person):
        return []
    for concern in _concerns(request, person):
        enquiry = concern.found_enquiry
        if enquiry is not None and not enquiry.closed:
            return [
                (
                    "Carry on with the safeguarding enquiry",
                    reverse("safeguarding:concern", args=[person.pk, concern.pk]),
                )
            ]
    return []


def private_history(person, user):
    """On the history page only for need-to-know. Quality leads read a concern's trail on its own page,
    after giving their reason, without the sources' names."""
    if access.safeguarding_need_to_know(user, person):
        return trail(person.pk)
    return []


PART = RecordPart(
    name="safeguarding",
    order=20,
    place=TOP,
    template="safeguarding/person_part.html",
    context=page_context,
    actions=actions,
    private_history=private_history,
)
