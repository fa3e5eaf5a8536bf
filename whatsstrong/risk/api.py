"""Positive risk assessments and panel referrals over JSON: the person opened through the same gate as
the pages (core/gate.py), then one query or service call, so access, history, versions and the rules
apply alike. Scheduling a referral and recording what the panel said are coordinators' pages only."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import services
from .models import PanelReferral, RiskAssessment
from .schemas import (
    AgreeIn,
    AssessmentIn,
    AssessmentPatch,
    PanelDecisionIn,
    PanelReferralOut,
    ReferralIn,
    RiskAssessmentOut,
    RiskConflictOut,
    RiskIn,
    RiskOut,
)

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: RiskConflictOut}
ASSESSMENT = "/{person_id}/risk-assessments/{assessment_id}"
REFERRAL = "/{person_id}/panel-referrals/{referral_id}"
AS_SENT = {"assessment": "assessment_id", "manager": "manager_id"}


def _open(request, pk, *, for_edit=False):
    return open_person(request.auth, pk, path=request.path, for_edit=for_edit)


def _call(service, **kwargs):
    """A service's refusal as a 422 naming each field, in the words the pages use."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            items = [(AS_SENT.get(f, f), m) for f, messages in error.message_dict.items() for m in messages]
        else:
            items = [("body", m) for m in error.messages]
        raise ValidationError(
            [{"loc": ("body", "payload", field), "msg": msg, "type": "invalid"} for field, msg in items]
        ) from None


def _found(queryset, **lookups):
    if any(isinstance(v, int) and not 0 < v < 2**63 for v in lookups.values()):
        raise Http404("Not found.")
    return get_object_or_404(queryset, **lookups)


def _ref(user):
    return {"id": user.pk, "name": user.display_name} if user else None


def _assessment(a):
    fields = [f.name for f in RiskAssessment._meta.concrete_fields]
    out = {f: getattr(a, f) for f in fields if f not in ("person", "author", "recorded_by")}
    return {**out, "author": _ref(a.author), "risks": list(a.risks.all())}


def _assessment_out(person, pk):
    return _assessment(_found(RiskAssessment.objects.select_related("author"), pk=pk, person=person))


def _referral(r):
    names = ("id", "status", "referred_on", "assessment_id", "situation", "tried", "their_view", "question")
    names += ("discussion", "advice", "recommendations", "follow_up_on", "decision", "reasons", "decided_on")
    names += ("version",)
    return {
        **{f: getattr(r, f) for f in names},
        "referred_by": _ref(r.referred_by),
        "panel_on": r.panel.meets_on if r.panel else None,
        "attendance": r.panel.attendance if r.panel else "",
        "decided_by": _ref(r.decided_by),
        "manager": _ref(r.manager),
        "actions": list(r.actions.all()),
    }


REFERRAL_JOINS = ("referred_by", "panel", "decided_by", "manager")


def _referral_out(person, pk):
    return _referral(_found(PanelReferral.objects.select_related(*REFERRAL_JOINS), pk=pk, person=person))


@router.get(
    "/{person_id}/risk-assessments",
    response={200: list[RiskAssessmentOut], **READ_ERRORS},
    summary="A person's positive risk assessments, newest first",
)
def list_assessments(request, person_id: int):
    person = _open(request, person_id)
    found = RiskAssessment.objects.filter(person=person).select_related("author").prefetch_related("risks")
    return [_assessment(a) for a in found]


@router.post(
    "/{person_id}/risk-assessments",
    response={201: RiskAssessmentOut, **WRITE_ERRORS},
    summary="Start a positive risk assessment for a decision or activity the person wants",
)
def create_assessment(request, person_id: int, payload: AssessmentIn):
    person = _open(request, person_id, for_edit=True)
    made = _call(services.assessment_start, actor=request.auth, person=person, data=payload.model_dump())
    return Status(201, _assessment_out(person, made.pk))


@router.get(ASSESSMENT, response={200: RiskAssessmentOut, **READ_ERRORS}, summary="Read a positive risk assessment")
def get_assessment(request, person_id: int, assessment_id: int):
    return _assessment_out(_open(request, person_id), assessment_id)


@router.patch(
    ASSESSMENT,
    response={200: RiskAssessmentOut, **WRITE_ERRORS},
    summary="Change a positive risk assessment being written (send its `version`)",
    description="Capacity `lacks` needs the capacity finding and the whole best-interests record.",
)
def update_assessment(request, person_id: int, assessment_id: int, payload: AssessmentPatch):
    person = _open(request, person_id, for_edit=True)
    _found(RiskAssessment, pk=assessment_id, person=person)
    _call(
        services.assessment_save,
        actor=request.auth,
        person=person,
        assessment_id=assessment_id,
        data=payload.model_dump(exclude_unset=True, exclude={"version"}),
        expected_version=payload.version,
    )
    return _assessment_out(person, assessment_id)


@router.post(
    ASSESSMENT + "/risks",
    response={201: RiskOut, **WRITE_ERRORS},
    summary="Add a risk: what could go wrong, for whom, how likely and how serious in each view",
)
def create_risk(request, person_id: int, assessment_id: int, payload: RiskIn):
    person = _open(request, person_id, for_edit=True)
    _found(RiskAssessment, pk=assessment_id, person=person)
    made = _call(
        services.risk_add, actor=request.auth, person=person, assessment_id=assessment_id, data=payload.model_dump()
    )
    return Status(201, made)


@router.put(
    ASSESSMENT + "/agreement",
    response={200: RiskAssessmentOut, **WRITE_ERRORS},
    summary="Agree a positive risk assessment: who agreed and the review date (send its `version`)",
)
def agree_assessment(request, person_id: int, assessment_id: int, payload: AgreeIn):
    person = _open(request, person_id, for_edit=True)
    _found(RiskAssessment, pk=assessment_id, person=person)
    _call(
        services.assessment_agree,
        actor=request.auth,
        person=person,
        assessment_id=assessment_id,
        data=payload.model_dump(exclude={"version"}),
        expected_version=payload.version,
    )
    return _assessment_out(person, assessment_id)


@router.get(
    "/{person_id}/panel-referrals",
    response={200: list[PanelReferralOut], **READ_ERRORS},
    summary="A person's referrals to the complex case and risk enablement panel, newest first",
)
def list_referrals(request, person_id: int):
    person = _open(request, person_id)
    found = PanelReferral.objects.filter(person=person).select_related(*REFERRAL_JOINS).prefetch_related("actions")
    return [_referral(r) for r in found]


@router.post(
    "/{person_id}/panel-referrals",
    response={201: PanelReferralOut, **WRITE_ERRORS},
    summary="Refer to the complex case and risk enablement panel",
)
def create_referral(request, person_id: int, payload: ReferralIn):
    person = _open(request, person_id, for_edit=True)
    data = payload.model_dump(exclude={"assessment_id"})
    if payload.assessment_id is not None:
        data["assessment"] = payload.assessment_id if 0 < payload.assessment_id < 2**63 else 0
    made = _call(services.referral_add, actor=request.auth, person=person, data=data)
    return Status(201, _referral_out(person, made.pk))


@router.get(
    REFERRAL,
    response={200: PanelReferralOut, **READ_ERRORS},
    summary="Read a referral: the panel's advice, the decision after it, and the actions",
)
def get_referral(request, person_id: int, referral_id: int):
    return _referral_out(_open(request, person_id), referral_id)


@router.put(
    REFERRAL + "/decision",
    response={200: PanelReferralOut, **WRITE_ERRORS},
    summary="Record the practitioner's and their manager's decision after the panel (send its `version`)",
    description="The panel advises; it never decides. Refused until the panel's advice is recorded.",
)
def decide_referral(request, person_id: int, referral_id: int, payload: PanelDecisionIn):
    person = _open(request, person_id, for_edit=True)
    _found(PanelReferral, pk=referral_id, person=person)
    data = {"decision": payload.decision, "reasons": payload.reasons, "manager": payload.manager_id}
    if not 0 < payload.manager_id < 2**63:
        data["manager"] = -1
    _call(
        services.referral_decide,
        actor=request.auth,
        person=person,
        referral_id=referral_id,
        data=data,
        expected_version=payload.version,
    )
    return _referral_out(person, referral_id)
