"""The one way into a person's safeguarding records, for pages and the API alike.

The person is opened through core/gate.py first (so a restricted record still needs its own reason);
then core/access.py decides on safeguarding before any concern is looked up, so someone outside
need-to-know learns nothing, not even whether a concern number exists. Every view and every refusal
is logged in the access log (core.AccessEvent) against the concern.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from whatsstrong.core import access
from whatsstrong.core.gate import open_person

from . import queries
from .models import Concern


class ConcernReasonNeeded(PermissionDenied):
    """A quality lead must say why they need this concern before it opens."""

    def __init__(self, person_id: int, concern_id: int) -> None:
        super().__init__(
            "Say why you need to open this safeguarding record, in the web app "
            f"(/people/{person_id}/safeguarding/{concern_id}/reason/); the API then lets you in for the same time."
        )
        self.person_id, self.concern_id = person_id, concern_id


def open_safeguarding(user: Any, person_id: int, *, path: str = "") -> Any:
    """The person, if this user may see safeguarding records of theirs at all (need-to-know or oversight)."""
    person = open_person(user, person_id, path=path)
    if not (access.safeguarding_need_to_know(user, person) or access.safeguarding_oversight(user)):
        access.log_view(user=user, record=person, path=path, refused=True)
        raise PermissionDenied(access.NOT_SAFEGUARDING)
    return person


def open_concern(user: Any, person_id: int, concern_id: int, *, path: str = "") -> tuple[Any, Concern]:
    """The person and the concern, if this user may open it now; logged either way."""
    person = open_safeguarding(user, person_id, path=path)
    try:
        concern = queries.concern(person, concern_id)
    except Concern.DoesNotExist:
        raise Http404("This person has no safeguarding concern with this number.") from None
    decision = access.safeguarding_decision(user, person, concern)
    if not decision.allowed:
        access.log_safeguarding_view(user=user, record=concern, path=path, refused=True)
        if decision.needs_reason:
            raise ConcernReasonNeeded(person.pk, concern.pk)
        raise PermissionDenied(decision.why)
    access.log_safeguarding_view(user=user, record=concern, path=path)
    return person, concern
