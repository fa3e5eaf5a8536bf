"""Information governance over JSON: the retention schedule's list of records due, and legal holds.
The access rules are core/access.py's, as on the pages; a person is opened through core/gate.py."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import queries, services
from .models import LegalHold

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut}
NOT_GOVERNANCE = "Retention is for quality leads, senior leaders and administrators."
NOT_HOLDER = "Only quality leads and administrators put a record on legal hold or lift one."


class GovernanceRetentionOut(Schema):
    person_id: int
    last_contact: datetime.date
    rule: str = Field(description="The code of the rule in the retention schedule that keeps the record longest")
    due_on: datetime.date
    due: bool
    legal_hold_id: int | None = Field(description="The legal hold that stops removal, if there is one")


class GovernanceLegalHoldOut(Schema):
    id: int
    person_id: int
    reason: str
    set_by: str
    set_at: datetime.datetime
    lifted_by: str | None
    lifted_at: datetime.datetime | None
    lift_reason: str


class GovernanceHoldIn(Input):
    reason: str = Field(max_length=2000, description="Why the record must be kept, or why the hold is lifted")


def _hold_out(hold):
    return {
        "id": hold.pk,
        "person_id": hold.person_id,
        "reason": hold.reason,
        "set_by": hold.set_by.display_name,
        "set_at": hold.set_at,
        "lifted_by": hold.lifted_by.display_name if hold.lifted_by else None,
        "lifted_at": hold.lifted_at,
        "lift_reason": hold.lift_reason,
    }


def _refused(field, message):
    return ValidationError([{"loc": ("body", "payload", field), "msg": message, "type": "invalid"}])


def _in_range(value):
    if not 0 < value < 2**63:
        raise Http404("Not found.")
    return value


@router.get(
    "/retention",
    response={200: list[GovernanceRetentionOut], **READ_ERRORS},
    summary="Archived records and when the retention schedule makes them due",
)
def retention(request, due_only: bool = True):
    if not access.can_see_retention(request.auth):
        raise PermissionDenied(NOT_GOVERNANCE)
    rows = queries.retention_rows(timezone.localdate())
    return [
        {
            "person_id": r.person_id,
            "last_contact": r.last_contact,
            "rule": r.verdict.rule.code,
            "due_on": r.verdict.due_on,
            "due": r.verdict.due,
            "legal_hold_id": r.hold.pk if r.hold else None,
        }
        for r in rows
        if r.verdict.due or not due_only
    ]


@router.get("/legal-holds", response={200: list[GovernanceLegalHoldOut], **READ_ERRORS}, summary="Live legal holds")
def legal_holds(request):
    if not access.can_see_retention(request.auth):
        raise PermissionDenied(NOT_GOVERNANCE)
    return [_hold_out(h) for h in queries.live_holds().values()]


@router.post(
    "/people/{person_id}/legal-holds",
    response={201: GovernanceLegalHoldOut, **WRITE_ERRORS},
    summary="Put a record on legal hold",
)
def hold_set(request, person_id: int, payload: GovernanceHoldIn):
    if not access.can_hold_records(request.auth):
        raise PermissionDenied(NOT_HOLDER)
    person = open_person(request.auth, _in_range(person_id), path=request.path, archived=True)
    try:
        hold = services.hold_set(actor=request.auth, person=person, reason=payload.reason, path=request.path)
    except services.HoldProblem as problem:
        raise _refused(problem.field, problem.message) from None
    return Status(201, _hold_out(hold))


@router.post(
    "/legal-holds/{hold_id}/lift", response={200: GovernanceLegalHoldOut, **WRITE_ERRORS}, summary="Lift a legal hold"
)
def hold_lift(request, hold_id: int, payload: GovernanceHoldIn):
    if not access.can_hold_records(request.auth):
        raise PermissionDenied(NOT_HOLDER)
    found = LegalHold.objects.filter(pk=_in_range(hold_id)).first()
    if found is None:
        raise Http404("Not found.")
    open_person(request.auth, found.person_id, path=request.path, archived=True)
    try:
        hold = services.hold_lift(actor=request.auth, hold_id=found.pk, reason=payload.reason, path=request.path)
    except services.HoldProblem as problem:
        raise _refused(problem.field, problem.message) from None
    return _hold_out(LegalHold.objects.select_related("set_by", "lifted_by").get(pk=hold.pk))
