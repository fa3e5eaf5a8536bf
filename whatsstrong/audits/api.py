"""Practice quality assurance over JSON: the standards and scale, the pre-screen of a record or an
assessment, audits, their ratings, the practitioner's response and moderation. The access rules are
core/access.py's, as on the pages; a person is opened through core/gate.py."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import ValidationError

from whatsstrong.assessments.models import Assessment
from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person, require_people_role
from whatsstrong.core.models import User

from . import queries, rules, services
from .schemas import (
    AuditConflictOut,
    AuditIn,
    AuditOut,
    ModerationIn,
    PrescreenOut,
    RatingsIn,
    ResponseIn,
    StandardsOut,
    ThemesQuery,
    ThemesReportOut,
)

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: AuditConflictOut}
NOT_AN_AUDITOR = "The pre-screen is for team managers, quality leads and senior leaders."


def _in_range(value):
    if not 0 < value < 2**63:
        raise Http404("Not found.")
    return value


def _refused(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        items = [(f, m) for f, messages in error.message_dict.items() for m in messages]
    else:
        items = [("body", m) for m in error.messages]
    return ValidationError([{"loc": ("body", "payload", f), "msg": m, "type": "invalid"} for f, m in items])


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise _refused(error) from None


def _audit(request, audit_id, check=access.can_see_audit):
    require_people_role(request.auth)
    found = queries.audit_for_page(_in_range(audit_id))
    if found is None:
        raise Http404("Not found.")
    if not check(request.auth, found):
        raise PermissionDenied(
            "This audit is for its practitioner, its auditor, their team's managers and quality leads."
        )
    if found.person_id:
        open_person(request.auth, found.person_id, path=request.path)
    return found


def _may_prescreen(user, person):
    if not (access.can_audit(user, person.team_id) or access.can_read_audit_reports(user)):
        raise PermissionDenied(NOT_AN_AUDITOR)


def _prescreen_out(found):
    ind = found.indicators
    return {
        "indicators": [
            {k: row[k] for k in ("key", "label", "found", "reading")} for row in queries.prescreen_rows(found)
        ],
        "attention": found.attention,
        "quoted_letters": ind.quoted,
        "letters": ind.letters,
        "strengths": ind.strengths,
        "wellbeing_areas": ind.wellbeing,
        "network_members": ind.network,
        "outcomes": ind.outcomes,
        "outcomes_first_person": ind.outcomes_first_person,
        "deficit": ind.deficit,
        "jargon": ind.jargon,
        "days_since_review": ind.days_since_review,
        "review_overdue": ind.review_overdue,
    }


def _audit_out(found):
    return {
        "id": found.pk,
        "kind": found.kind,
        "status": found.status,
        "person_id": found.person_id,
        "assessment_id": found.assessment_id,
        "practitioner_id": found.practitioner_id,
        "auditor_id": found.auditor_id,
        "team_id": found.team_id,
        "quarter": found.quarter,
        "focus": found.focus,
        "consent": found.consent,
        "observed_on": found.observed_on,
        "strengths": found.strengths,
        "learning": found.learning,
        "themes": [t.code for t in found.themes.all()],
        "shared": found.shared_at is not None,
        "response": found.response,
        "moderator_id": found.moderator_id,
        "moderated": found.moderated_at is not None,
        "moderation_comment": found.moderation_comment,
        "version": found.version,
        "ratings": [
            {
                "standard": r.standard.code,
                "rating": r.rating.code,
                "evidence": r.evidence,
                "moderated": r.moderated.code if r.moderated_id else None,
                "moderation_reason": r.moderation_reason,
            }
            for r in queries.ratings_of(found)
        ],
        "actions": [{"id": a.pk, "text": a.text, "done": a.done} for a in found.actions.all()],
    }


@router.get("/standards", response={200: StandardsOut, 401: ErrorOut, 403: ErrorOut}, summary="Practice standards")
def standards(request):
    """The active practice standards and the organisation's rating scale."""
    require_people_role(request.auth)
    return {
        "standards": [
            {
                "code": s.code,
                "group": s.group,
                "name": s.name,
                "expectation": s.expectation,
                "evidence": s.evidence_list,
                "prescreen": s.prescreen.split(),
            }
            for s in queries.standards()
        ],
        "scale": [
            {"code": level.code, "label": level.label, "description": level.description, "value": level.value}
            for level in queries.scale()
        ],
    }


@router.get("/people/{person_id}/prescreen", response={200: PrescreenOut, **READ_ERRORS}, summary="Pre-screen a record")
def person_prescreen(request, person_id: int):
    """Indicators an auditor reads before the record itself: each on its own, never one score."""
    person = open_person(request.auth, _in_range(person_id), path=request.path)
    _may_prescreen(request.auth, person)
    return _prescreen_out(queries.prescreen_person(person))


@router.get(
    "/assessments/{assessment_id}/prescreen",
    response={200: PrescreenOut, **READ_ERRORS},
    summary="Pre-screen an assessment",
)
def assessment_prescreen(request, assessment_id: int):
    require_people_role(request.auth)
    assessment = Assessment.objects.filter(pk=_in_range(assessment_id)).only("id", "person_id").first()
    if assessment is None:
        raise Http404("Not found.")
    person = open_person(request.auth, assessment.person_id, path=request.path)
    _may_prescreen(request.auth, person)
    return _prescreen_out(queries.prescreen_assessments([assessment.pk])[assessment.pk])


@router.get(
    "/themes",
    response={200: ThemesReportOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="The quarterly themes report",
)
def themes_report(request, period: Query[ThemesQuery]):
    """Figures across teams for the quarters asked for (at most 12): ratings by standard, team and
    quarter (the moderator's where they changed one), moderation agreement, learning themes, and
    actions done and outstanding. For quality leads and senior leaders; no names of people."""
    if not access.can_read_themes_report(request.auth):
        raise PermissionDenied("The quarterly themes report is for quality leads and senior leaders.")
    current = rules.quarter_of(timezone.localdate())
    first, last = (period.first or rules.quarters_back(current, 4)).strip(), (period.last or current).strip()
    problems = rules.period_problems(first, last)
    if problems:
        raise ValidationError([{"loc": ("query", f), "msg": m, "type": "invalid"} for f, m in problems.items()])
    report = queries.themes_report(rules.quarters_between(first, last))
    codes = [level.code for level in report.levels]
    return {
        "quarters": report.quarters,
        "totals": report.totals(),
        "ratings": [
            {
                "standard": standard.code,
                "standard_name": standard.name,
                "team": team,
                "quarter": quarter,
                "counts": [{"level": c, "count": n} for c, n in zip(codes, counts, strict=True)],
                "total": total,
            }
            for standard, team, quarter, counts, total in report.rating_rows()
        ],
        "moderation": [
            {"quarter": q, "moderated": rated, "agreed": agreed, "agreed_percent": share}
            for q, rated, agreed, share in report.moderation_rows()
        ],
        "themes": [
            {"theme": t.code, "name": t.name, "by_quarter": per, "total": total}
            for t, per, total in report.theme_rows()
        ],
        "actions": [
            {"team": team, "quarter": q, "done": done, "outstanding": outstanding}
            for team, q, done, outstanding in report.action_rows()
        ],
    }


@router.post("/", response={201: AuditOut, **WRITE_ERRORS}, summary="Start an audit")
def audit_start(request, payload: AuditIn):
    require_people_role(request.auth)
    person = open_person(request.auth, _in_range(payload.person_id), path=request.path) if payload.person_id else None
    assessment = None
    if payload.assessment_id:
        assessment = Assessment.objects.filter(pk=_in_range(payload.assessment_id)).select_related("author").first()
        if assessment is None:
            raise _refused(DjangoValidationError({"assessment_id": "No assessment has this number"}))
    practitioner = None
    if payload.practitioner_id:
        practitioner = User.objects.filter(pk=_in_range(payload.practitioner_id), is_active=True).first()
        if practitioner is None:
            raise _refused(DjangoValidationError({"practitioner_id": "No active member of staff has this number"}))
    found = _call(
        services.audit_start,
        actor=request.auth,
        kind=payload.kind,
        person=person,
        assessment=assessment,
        practitioner=practitioner,
        focus=payload.focus,
        consent=payload.consent,
        observed_on=payload.observed_on,
    )
    return Status(201, _audit_out(queries.audit_for_page(found.pk)))


@router.get("/{audit_id}", response={200: AuditOut, **READ_ERRORS}, summary="An audit")
def audit(request, audit_id: int):
    return _audit_out(_audit(request, audit_id))


@router.put("/{audit_id}/ratings", response={200: AuditOut, **WRITE_ERRORS}, summary="Rate the standards")
def audit_ratings(request, audit_id: int, payload: RatingsIn):
    """Ratings, evidence, strengths and learning; `share` shares it with the practitioner."""
    found = _audit(request, audit_id)
    _call(
        services.audit_save,
        actor=request.auth,
        audit_id=found.pk,
        expected_version=payload.version,
        ratings={r.standard: (r.rating, r.evidence) for r in payload.ratings},
        strengths=payload.strengths,
        learning=payload.learning,
        share=payload.share,
        themes=payload.themes,
    )
    return _audit_out(queries.audit_for_page(found.pk))


@router.put("/{audit_id}/moderation", response={200: AuditOut, **WRITE_ERRORS}, summary="Moderate an audit")
def audit_moderation(request, audit_id: int, payload: ModerationIn):
    """Agree with each rating (no rating) or give your own with the reason."""
    found = _audit(request, audit_id)
    _call(
        services.audit_moderate,
        actor=request.auth,
        audit_id=found.pk,
        expected_version=payload.version,
        moderated={r.standard: r.rating for r in payload.ratings},
        reasons={r.standard: r.reason for r in payload.ratings},
        comment=payload.comment,
    )
    return _audit_out(queries.audit_for_page(found.pk))


@router.put("/{audit_id}/response", response={200: AuditOut, **WRITE_ERRORS}, summary="Respond to an audit")
def audit_response(request, audit_id: int, payload: ResponseIn):
    found = _audit(request, audit_id)
    _call(
        services.audit_respond,
        actor=request.auth,
        audit_id=found.pk,
        expected_version=payload.version,
        response=payload.response,
    )
    return _audit_out(queries.audit_for_page(found.pk))
