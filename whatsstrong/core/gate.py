"""The one way into a person's record, for pages and the API alike.

Every record in a domain app belongs to a person, so opening any of them starts by opening the
person: `open_person` checks the role before looking anything up (so a role without people's
records learns nothing, not even whether a record number exists), reads the person, asks
`access.view_decision`, logs the view or the refusal, and for a change checks `can_edit`.

The person is read by the function the `CASE_RECORD_LOADER` setting names (as Django names its
authentication backends), so core never imports a domain app. A restricted record raises
`ReasonNeeded`: pages turn it into a
redirect to the reason page (`ReasonNeededMiddleware`); the API answers 403 saying where to give one.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string

from . import access

NO_PEOPLE_ROLE = "Your role does not include people's records."


class ReasonNeeded(PermissionDenied):
    """The record is restricted and this user has not given a reason to open it."""

    def __init__(self, person_id: int) -> None:
        super().__init__("This record is restricted. Say why you need to open it.")
        self.person_id = person_id


@functools.cache
def _loader(path: str) -> Any:
    return import_string(path)


def require_people_role(user: Any) -> None:
    if not access.can_see_people(user):
        raise PermissionDenied(NO_PEOPLE_ROLE)


def find_person(person_id: int, *, archived: bool = False) -> Any:
    """The person with their team and worker, or Http404. Archived people only when asked for."""
    # A record number no database column can hold is simply one that does not exist.
    found = _loader(settings.CASE_RECORD_LOADER)(person_id, archived=archived) if 0 < person_id < 2**63 else None
    if found is None:
        raise Http404("No one has this record number.")
    return found


def open_person(user: Any, person_id: int, *, path: str = "", for_edit: bool = False, archived: bool = False) -> Any:
    """The person, if this user may see them now (and change them, `for_edit`); logged either way."""
    require_people_role(user)
    person = find_person(person_id, archived=archived)
    decision = access.view_decision(user, person)
    if not decision.allowed:
        access.log_view(user=user, record=person, path=path, refused=True)
        if decision.needs_reason:
            raise ReasonNeeded(person.pk)
        raise PermissionDenied(decision.why)
    if for_edit:
        access.require_edit(user, person)
    access.log_view(user=user, record=person, path=path)
    return person


def open_person_page(request: HttpRequest, person_id: int, **options: Any) -> Any:
    """`open_person` for a page: the signed-in user and the page's path."""
    return open_person(request.user, person_id, path=request.get_full_path(), **options)


def reason_url(person_id: int, next_path: str) -> str:
    return f"{reverse('core:give_reason', args=[person_id])}?{urlencode({'next': next_path})}"


class ReasonNeededMiddleware:
    """A page that meets a restricted record sends the user to say why they need it, then back."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if isinstance(exception, ReasonNeeded):
            return redirect(reason_url(exception.person_id, request.get_full_path()))
        return None
