"""Safeguarding concerns and enquiries over JSON, opened through the same way in as the pages
(opening.py: core/gate.py, then core/access.py's safeguarding rules, every view logged), then one
query or service call. Who is alleged to have caused harm is sent only to need-to-know."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import queries, services
from .models import Enquiry
from .opening import open_concern, open_safeguarding
from .schemas import (
    CloseIn,
    ConcernCreate,
    ConcernDecisionIn,
    ConcernOut,
    ConcernSummaryOut,
    EnquiryOut,
    OutcomeIn,
    RaisedOut,
)

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: ErrorOut}
CONCERN = "/{person_id}/safeguarding/concerns/{concern_id}"
ENQUIRY = "/{person_id}/safeguarding/enquiries/{enquiry_id}"


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            items = [(f, m) for f, messages in error.message_dict.items() for m in messages]
        else:
            items = [("body", m) for m in error.messages]
        raise ValidationError(
            [{"loc": ("body", "payload", f), "msg": m, "type": "invalid"} for f, m in items]
        ) from None


def _ref(user):
    return {"id": user.pk, "display_name": user.display_name} if user else None


def _enquiry_out(view, names):
    e = view.enquiry
    sources = [
        {
            "id": s.pk,
            "kind": s.kind,
            "kind_label": s.get_kind_display(),
            "name": (s.network_member.name if s.network_member_id else s.name) if names else None,
            "relationship": (s.network_member.relationship if s.network_member_id else s.relationship)
            if names
            else None,
            "network_member_id": s.network_member_id if names else None,
        }
        for s in view.sources
    ]
    fields = ("id", "concern_id", "kind", "started_on", "asked", "capacity", "advocacy", "advocate_name", "location")
    fields += ("actions", "action_result", "risk_outcome", "concluded_on", "survey", "survey_on", "version")
    return {
        **{f: getattr(e, f) for f in fields},
        "abuse_types": view.abuse_types,
        "outcomes": [{"id": o.pk, "text": o.text, "achieved": o.achieved, "version": o.version} for o in view.outcomes],
        "sources": sources,
        "closed_by": _ref(e.closed_by),
    }


def _concern_out(user, person, concern):
    view = queries.enquiry_of(concern)
    fields = ("id", "raised_by", "raised_on", "what_happened", "happened_on", "immediate_safety", "decision")
    fields += ("decision_reasons", "decided_on", "version")
    return {
        **{f: getattr(concern, f) for f in fields},
        "recorded_by": _ref(concern.recorded_by),
        "decided_by": _ref(concern.decided_by),
        "enquiry": _enquiry_out(view, access.can_see_source_of_harm(user, person)) if view else None,
    }


def _open_enquiry(request, person_id, enquiry_id):
    person = open_safeguarding(request.auth, person_id, path=request.path)
    if not 0 < enquiry_id < 2**63:
        raise Http404("Not found.")
    concern_id = Enquiry.objects.filter(pk=enquiry_id, person=person).values_list("concern_id", flat=True).first()
    if concern_id is None:
        raise Http404("Not found.")
    return open_concern(request.auth, person_id, concern_id, path=request.path)


@router.get(
    "/{person_id}/safeguarding/concerns",
    response={200: list[ConcernSummaryOut], **READ_ERRORS},
    summary="A person's safeguarding concerns (need-to-know; quality leads see those they gave a reason for)",
)
def list_concerns(request, person_id: int):
    user = request.auth
    person = open_safeguarding(user, person_id, path=request.path)
    close = access.safeguarding_need_to_know(user, person)
    shown = []
    for c in queries.concerns_of(person.pk):
        if close or access.safeguarding_decision(user, person, c).allowed:
            access.log_safeguarding_view(user=user, record=c, path=request.path)
            e = c.found_enquiry
            shown.append(
                {
                    "id": c.pk,
                    "raised_on": c.raised_on,
                    "decision": c.decision,
                    "enquiry_id": e.pk if e else None,
                    "enquiry_open": bool(e and not e.closed),
                }
            )
    return shown


@router.post(
    "/{person_id}/safeguarding/concerns",
    response={201: RaisedOut, **WRITE_ERRORS},
    summary="Raise a safeguarding concern",
)
def raise_concern(request, person_id: int, payload: ConcernCreate):
    user = request.auth
    person = open_person(user, person_id, path=request.path, for_edit=True)
    if not access.can_raise_concern(user, person):
        raise PermissionDenied(services.NOT_RAISE)
    made = _call(services.concern_raise, actor=user, person=person, data=payload.model_dump())
    return Status(201, {"id": made.pk, "opens_for_you": access.safeguarding_need_to_know(user, person)})


@router.get(CONCERN, response={200: ConcernOut, **READ_ERRORS}, summary="Read a concern, its decision and enquiry")
def get_concern(request, person_id: int, concern_id: int):
    person, concern = open_concern(request.auth, person_id, concern_id, path=request.path)
    return _concern_out(request.auth, person, concern)


@router.post(
    CONCERN + "/decision",
    response={200: ConcernOut, **WRITE_ERRORS},
    summary="Decide whether a concern needs an enquiry (a supervisor of the person's team)",
    description="A section 42 or other enquiry starts on the day decided. Send the concern's `version` as read.",
)
def decide(request, person_id: int, concern_id: int, payload: ConcernDecisionIn):
    user = request.auth
    person, concern = open_concern(user, person_id, concern_id, path=request.path)
    if not access.can_decide_enquiry(user, person):
        raise PermissionDenied(services.NOT_DECIDE)
    _call(
        services.concern_decide,
        actor=user,
        person=person,
        concern_id=concern.pk,
        expected_version=payload.version,
        data=payload.model_dump(exclude={"version"}),
    )
    return _concern_out(user, person, queries.concern(person, concern.pk))


@router.get(ENQUIRY, response={200: EnquiryOut, **READ_ERRORS}, summary="Read an enquiry")
def get_enquiry(request, person_id: int, enquiry_id: int):
    person, concern = _open_enquiry(request, person_id, enquiry_id)
    return _enquiry_out(queries.enquiry_of(concern), access.can_see_source_of_harm(request.auth, person))


@router.post(
    ENQUIRY + "/outcomes",
    response={201: EnquiryOut, **WRITE_ERRORS},
    summary="Add what the person wants to happen, in their words",
)
def add_outcome(request, person_id: int, enquiry_id: int, payload: OutcomeIn):
    person, concern = _open_enquiry(request, person_id, enquiry_id)
    _call(services.outcome_add, actor=request.auth, person=person, enquiry_id=enquiry_id, text=payload.text)
    return Status(201, _enquiry_out(queries.enquiry_of(concern), access.can_see_source_of_harm(request.auth, person)))


@router.post(
    ENQUIRY + "/close",
    response={200: EnquiryOut, **WRITE_ERRORS},
    summary="Close an enquiry: what it found, the risk at the end, and each desired outcome's answer",
    description="Refused with every missing answer named, and nothing saved, when any is missing.",
)
def close(request, person_id: int, enquiry_id: int, payload: CloseIn):
    person, concern = _open_enquiry(request, person_id, enquiry_id)
    answers = {a.outcome_id: a.achieved for a in payload.achieved}
    _call(
        services.enquiry_close,
        actor=request.auth,
        person=person,
        enquiry_id=enquiry_id,
        expected_version=payload.version,
        data=payload.model_dump(exclude={"version", "achieved"}),
        achieved=answers,
    )
    return _enquiry_out(queries.enquiry_of(concern), access.can_see_source_of_harm(request.auth, person))
