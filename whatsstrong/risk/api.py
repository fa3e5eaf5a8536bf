"""Positive risk assessments and panel referrals over JSON: the person opened through the same gate as
the pages (core/gate.py), then one query or service call, so access, history, versions and the rules
apply alike. Recording what the panel said is on the coordinators' pages only.

`panels_router` (mounted at /api/risk) is the coordinators' scheduling, as on /risk-panels/: panel
dates set and changed, the referrals waiting for one, and putting a referral on a panel. Each asks
`access.require_coordinate_panels` first, then (for a referral) opens its person through the gate,
as the schedule page does."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import queries, services
from .models import Panel, PanelReferral, RiskAssessment
from .schemas import (
    RiskAgreeIn,
    RiskAssessmentIn,
    RiskAssessmentOut,
    RiskAssessmentPatch,
    RiskConflictOut,
    RiskIn,
    RiskOut,
    RiskPanelDecisionIn,
    RiskPanelIn,
    RiskPanelOut,
    RiskPanelPatch,
    RiskPanelReferralOut,
    RiskReferralIn,
    RiskScheduleIn,
    RiskWaitingReferralOut,
)

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: RiskConflictOut}
ASSESSMENT = "/{person_id}/risk-assessments/{assessment_id}"
REFERRAL = "/{person_id}/panel-referrals/{referral_id}"
AS_SENT = {"assessment": "assessment_id", "manager": "manager_id", "panel": "panel_id"}


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
    out = {f: getattr(a, f) for f in fields if f not in ("person", "author", "recorded_by", "review_of")}
    return {**out, "author": _ref(a.author), "risks": list(a.risks.all()), "review_of_id": a.review_of_id}


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
def create_assessment(request, person_id: int, payload: RiskAssessmentIn):
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
def update_assessment(request, person_id: int, assessment_id: int, payload: RiskAssessmentPatch):
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
def agree_assessment(request, person_id: int, assessment_id: int, payload: RiskAgreeIn):
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


@router.post(
    ASSESSMENT + "/review",
    response={201: RiskAssessmentOut, **WRITE_ERRORS},
    summary="Reopen an agreed positive risk assessment for review: a new version to change and agree",
    description="The agreed assessment is kept as it was; the answer is the new version (its `review_of_id` "
    "names the agreed one), with the same words and risks and no review date yet. One review at a time.",
)
def review_assessment(request, person_id: int, assessment_id: int):
    person = _open(request, person_id, for_edit=True)
    _found(RiskAssessment, pk=assessment_id, person=person)
    made = _call(services.assessment_reopen, actor=request.auth, person=person, assessment_id=assessment_id)
    return Status(201, _assessment_out(person, made.pk))


@router.get(
    "/{person_id}/panel-referrals",
    response={200: list[RiskPanelReferralOut], **READ_ERRORS},
    summary="A person's referrals to the complex case and risk enablement panel, newest first",
)
def list_referrals(request, person_id: int):
    person = _open(request, person_id)
    found = PanelReferral.objects.filter(person=person).select_related(*REFERRAL_JOINS).prefetch_related("actions")
    return [_referral(r) for r in found]


@router.post(
    "/{person_id}/panel-referrals",
    response={201: RiskPanelReferralOut, **WRITE_ERRORS},
    summary="Refer to the complex case and risk enablement panel",
)
def create_referral(request, person_id: int, payload: RiskReferralIn):
    person = _open(request, person_id, for_edit=True)
    data = payload.model_dump(exclude={"assessment_id"})
    if payload.assessment_id is not None:
        data["assessment"] = payload.assessment_id if 0 < payload.assessment_id < 2**63 else 0
    made = _call(services.referral_add, actor=request.auth, person=person, data=data)
    return Status(201, _referral_out(person, made.pk))


@router.get(
    REFERRAL,
    response={200: RiskPanelReferralOut, **READ_ERRORS},
    summary="Read a referral: the panel's advice, the decision after it, and the actions",
)
def get_referral(request, person_id: int, referral_id: int):
    return _referral_out(_open(request, person_id), referral_id)


@router.put(
    REFERRAL + "/decision",
    response={200: RiskPanelReferralOut, **WRITE_ERRORS},
    summary="Record the practitioner's and their manager's decision after the panel (send its `version`)",
    description="The panel advises; it never decides. Refused until the panel's advice is recorded.",
)
def decide_referral(request, person_id: int, referral_id: int, payload: RiskPanelDecisionIn):
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


# --- Scheduling the panel: coordinators only ----------------------------------------------------------

panels_router = Router()


def _panel(p):
    return {
        **{f: getattr(p, f) for f in ("id", "meets_on", "place", "chair", "attendance", "version")},
        "arranged_by": _ref(p.arranged_by),
        "referral_ids": sorted(r.pk for r in p.referrals.all()),
    }


def _panel_out(pk):
    return _panel(_found(Panel.objects.select_related("arranged_by").prefetch_related("referrals"), pk=pk))


@panels_router.get(
    "/panels",
    response={200: list[RiskPanelOut], 401: ErrorOut, 403: ErrorOut},
    summary="Panels still to meet, soonest first (coordinators)",
)
def list_panels(request):
    access.require_coordinate_panels(request.auth)
    found = Panel.objects.filter(meets_on__gte=timezone.localdate()).select_related("arranged_by")
    return [_panel(p) for p in found.prefetch_related("referrals").order_by("meets_on", "pk")]


@panels_router.post("/panels", response={201: RiskPanelOut, **WRITE_ERRORS}, summary="Set a panel date (coordinators)")
def create_panel(request, payload: RiskPanelIn):
    access.require_coordinate_panels(request.auth)
    made = _call(services.panel_add, actor=request.auth, data=payload.model_dump())
    return Status(201, _panel_out(made.pk))


@panels_router.get("/panels/{panel_id}", response={200: RiskPanelOut, **READ_ERRORS}, summary="One panel")
def get_panel(request, panel_id: int):
    access.require_coordinate_panels(request.auth)
    return _panel_out(panel_id)


@panels_router.patch(
    "/panels/{panel_id}",
    response={200: RiskPanelOut, **WRITE_ERRORS},
    summary="Change a panel's date, place, chair or who attended (send its `version`)",
)
def update_panel(request, panel_id: int, payload: RiskPanelPatch):
    access.require_coordinate_panels(request.auth)
    _found(Panel, pk=panel_id)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "meets_on" in data and data["meets_on"] is None:
        raise ValidationError(
            [{"loc": ("body", "payload", "meets_on"), "msg": "Enter the date of the panel", "type": "invalid"}]
        )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    _call(services.panel_save, actor=request.auth, panel_id=panel_id, data=data, expected_version=payload.version)
    return _panel_out(panel_id)


@panels_router.get(
    "/referrals/waiting",
    response={200: list[RiskWaitingReferralOut], 401: ErrorOut, 403: ErrorOut},
    summary="Referrals waiting for a panel date, oldest first (coordinators; the first 50)",
)
def waiting_referrals(request):
    """Only ids and dates: the person is opened through /api/people/{id}, where access is asked and logged."""
    access.require_coordinate_panels(request.auth)
    return [
        {"id": r.pk, "person_id": r.person_id, "referred_on": r.referred_on, "status": r.status}
        for r in queries.coordinator_lists(timezone.localdate()).waiting
    ]


@panels_router.put(
    "/referrals/{referral_id}/panel",
    response={200: RiskPanelReferralOut, **WRITE_ERRORS},
    summary="Put a referral on a panel that has not met yet (coordinators; send the referral's `version`)",
)
def schedule_referral(request, referral_id: int, payload: RiskScheduleIn):
    access.require_coordinate_panels(request.auth)
    person_id = _found(PanelReferral.objects.only("person_id"), pk=referral_id).person_id
    person = open_person(request.auth, person_id, path=request.path)
    _call(
        services.referral_schedule,
        actor=request.auth,
        person=person,
        referral_id=referral_id,
        panel_id=payload.panel_id,
        expected_version=payload.version,
    )
    return _referral_out(person, referral_id)
