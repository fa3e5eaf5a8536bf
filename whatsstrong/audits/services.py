"""Every write of practice quality assurance: loading the standards, starting and writing an audit,
sharing it, the practitioner's answer, moderation, and drawing a team's quarterly sample.

Each write checks the actor with core/access.py on the audit as stored (locked), names the actor in
its history row, and refuses a save made against an older version with `EditConflict`.
"""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.records import EditConflict, changed_since

from . import queries, rules
from .models import Audit, AuditAction, AuditRating, LearningTheme, RatingLevel, Sample, SampleCase, Standard

BUNDLED = Path(__file__).resolve().parent / "data" / "standards.json"
THEMES = Path(__file__).resolve().parent / "data" / "themes.json"
NOT_YOURS = "Only the auditor can change an audit, and only before it is shared."
NO_CONSENT = "Tick to confirm the person agreed to be observed: ask them before the visit or meeting"
NO_DATE = "Enter the date of the visit or meeting observed"
FUTURE = "The date observed must be today or in the past"
NO_PRACTITIONER = "Choose the practitioner whose work is audited"
NO_FOCUS = "Say what the review looks at across records"
NO_STRENGTHS = "Write the strengths of the practice before sharing the audit"
NO_SUPERVISEE = "Choose the member of staff whose supervision is audited"
NO_RECORDS = "Enter the record numbers of at least two people whose records the review looks at"
UNKNOWN_THEME = "Choose learning themes from the list"
ALREADY_DRAWN = "This team's sample for {quarter} has already been drawn: it is shown below"


@functools.cache
def bundled() -> dict:
    """The bundled data file, checked: a mistake in it stops the load with every problem named."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    problems = rules.data_problems(data)
    if problems:
        raise ValueError(f"{BUNDLED} has problems: " + "; ".join(problems))
    return data


def standards_load(*, standard_model=Standard, level_model=RatingLevel, data: dict | None = None) -> tuple[int, int]:
    """Add every bundled standard and rating the database does not have yet, by code. Rows already
    there stay as the organisation left them. Takes the models so a migration can pass its own."""
    data = data or bundled()
    added_standards = added_levels = 0
    with transaction.atomic():
        for level in data["scale"]:
            _, created = level_model.objects.get_or_create(
                code=level["code"],
                defaults={"label": level["label"], "description": level["description"], "value": level["value"]},
            )
            added_levels += created
        for n, standard in enumerate(data["standards"], start=1):
            _, created = standard_model.objects.get_or_create(
                code=standard["code"],
                defaults={
                    "group": standard["group"],
                    "name": standard["name"],
                    "expectation": standard["expectation"],
                    "evidence": "\n".join(standard["evidence"]),
                    "prescreen": " ".join(standard.get("prescreen", [])),
                    "order": n * 10,
                },
            )
            added_standards += created
    return added_standards, added_levels


def themes_load(*, theme_model=LearningTheme, data: dict | None = None) -> int:
    """Add every bundled learning theme (data/themes.json) the database does not have yet, by code."""
    data = data or json.loads(THEMES.read_text(encoding="utf-8"))
    problems = rules.themes_problems(data)
    if problems:
        raise ValueError(f"{THEMES} has problems: " + "; ".join(problems))
    added = 0
    with transaction.atomic():
        for n, theme in enumerate(data["themes"], start=1):
            _, created = theme_model.objects.get_or_create(
                code=theme["code"],
                defaults={"name": theme["name"], "description": theme.get("description", ""), "order": n * 10},
            )
            added += created
    return added


# --- Starting an audit ---------------------------------------------------------------------------


def audit_start(
    *,
    actor: Any,
    kind: str,
    person: Any = None,
    assessment: Any = None,
    practitioner: Any = None,
    focus: str = "",
    consent: bool = False,
    observed_on: datetime.date | None = None,
    team: Any = None,
    people: list | None = None,
    today: datetime.date | None = None,
) -> Audit:
    """Start an audit. A record audit and an observation are about a person (opened through the
    gate by the caller); the practitioner is the assessment's author, else the allocated worker."""
    today = today or timezone.localdate()
    problems = {}
    if kind not in rules.KINDS:
        raise ValidationError({"kind": "Choose the kind of audit"})
    if kind in ("record", "observation") and person is None:
        raise ValidationError({"person_id": "Choose whose record the audit is about"})
    if assessment is not None and (person is None or assessment.person_id != person.pk):
        raise ValidationError({"assessment": "That assessment is not part of this person's record"})
    if practitioner is None and kind == "record":
        practitioner = assessment.author if assessment is not None else person.allocated_worker
    if practitioner is None and kind != "thematic":
        problems["practitioner"] = NO_PRACTITIONER
    if kind == "observation":
        if not consent:
            problems["consent"] = NO_CONSENT
        if observed_on is None:
            problems["observed_on"] = NO_DATE
        elif observed_on > today:
            problems["observed_on"] = FUTURE
    if kind == "thematic" and not (focus or "").strip():
        problems["focus"] = NO_FOCUS
    if kind == "supervision" and "practitioner" in problems:
        problems["practitioner"] = NO_SUPERVISEE
    if kind == "supervision" and practitioner is not None and practitioner.pk == actor.pk:
        problems["practitioner"] = "Choose someone else: an auditor does not audit their own supervision"
    if kind == "thematic" and people is not None and len({p.pk for p in people}) < 2:
        problems["people"] = NO_RECORDS
    if problems:
        raise ValidationError(problems)
    # A thematic review looks at the team it names (a quality lead has no team of their own).
    if person is not None:
        team_id = person.team_id
    elif team is not None:
        team_id = team.pk
    else:
        team_id = practitioner.team_id if practitioner else actor.team_id
    if team_id is None or not access.can_audit(actor, team_id):
        raise PermissionDenied("Team managers audit their own team's work; quality leads audit any team's.")
    audit = Audit(
        kind=kind,
        person=person,
        assessment=assessment,
        practitioner=practitioner,
        team_id=team_id,
        auditor=actor,
        quarter=rules.quarter_of(today),
        focus=(focus or "").strip(),
        consent=consent if kind == "observation" else False,
        observed_on=observed_on if kind == "observation" else None,
    )
    if kind == "thematic" and people:
        if any(not access.can_audit(actor, p.team_id) for p in people):
            raise PermissionDenied("A thematic review looks only at records of teams you audit.")
    with transaction.atomic():
        audit._history_user = actor
        audit.save()
        if kind == "thematic" and people:
            audit.people.set({p.pk for p in people})
    return audit


def audit_start_for_case(*, actor: Any, case_id: int) -> Audit:
    """Start the record audit of a case in a team's sample, and link the two."""
    with transaction.atomic():
        case = SampleCase.objects.select_for_update().select_related("assessment", "person").get(pk=case_id)
        if case.audit_id:
            return case.audit
        audit = audit_start(actor=actor, kind="record", person=case.person, assessment=case.assessment)
        case.audit = audit
        case._history_user = actor
        case.save(update_fields=["audit"])
    return audit


# --- Writing and sharing ---------------------------------------------------------------------------


def _locked(audit_id: int, expected_version: int | None, submitted: dict) -> Audit:
    audit = Audit.objects.select_for_update().get(pk=audit_id)
    if expected_version is not None and audit.version != expected_version:
        changes, saved_by = changed_since(Audit, audit, expected_version, submitted)
        raise EditConflict(record=audit, changes=changes, saved_by=saved_by)
    return audit


def audit_save(
    *,
    actor: Any,
    audit_id: int,
    expected_version: int | None,
    ratings: dict[str, tuple[str | None, str]],
    strengths: str = "",
    learning: str = "",
    share: bool = False,
    themes: list[str] | None = None,
) -> Audit:
    """Save the ratings (standard code -> (rating code or None, evidence)), strengths and learning.
    Sharing needs every active standard rated and the strengths written, and then it is read-only.
    A rating outside the scale is refused with the standard named, and nothing is saved."""
    standards = {s.code: s for s in Standard.objects.filter(active=True)}
    scale = {level.code: level for level in RatingLevel.objects.filter(active=True)}
    problems = {}
    for code, standard in standards.items():
        given, _ = ratings.get(code, (None, ""))
        problem = rules.rating_problem(given, list(scale), standard.name, required=share)
        if problem:
            problems[f"rating_{code}"] = problem
    if share and not (strengths or "").strip():
        problems["strengths"] = NO_STRENGTHS
    offered = {t.code: t for t in LearningTheme.objects.filter(active=True)}
    if themes is not None and any(code not in offered for code in themes):
        problems["themes"] = UNKNOWN_THEME
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        audit = _locked(audit_id, expected_version, {"strengths": strengths, "learning": learning})
        if audit.auditor_id != actor.pk or audit.shared_at is not None or not access.is_active_staff(actor):
            raise PermissionDenied(NOT_YOURS)
        existing = {r.standard.code: r for r in audit.ratings.select_related("standard")}
        for code, standard in standards.items():
            given, evidence = ratings.get(code, (None, ""))
            row = existing.get(code)
            if not given:
                continue
            if row is None:
                row = AuditRating(audit=audit, standard=standard, rating=scale[given], evidence=evidence or "")
            elif row.rating_id == scale[given].pk and row.evidence == (evidence or ""):
                continue
            else:
                row.rating, row.evidence = scale[given], evidence or ""
            row._history_user = actor
            row.save()
        audit.strengths, audit.learning = strengths or "", learning or ""
        if themes is not None:
            audit.themes.set([offered[code] for code in themes])
        if share:
            audit.status, audit.shared_at = Audit.Status.SHARED, timezone.now()
        audit.version += 1
        audit._history_user = actor
        audit.save()
    return audit


def action_add(*, actor: Any, audit_id: int, text: str) -> AuditAction:
    if not (text or "").strip():
        raise ValidationError({"text": "Enter what the practitioner will do"})
    with transaction.atomic():
        audit = Audit.objects.select_for_update().get(pk=audit_id)
        if audit.auditor_id != actor.pk or not access.is_active_staff(actor):
            raise PermissionDenied("Only the auditor adds actions.")
        action = AuditAction(audit=audit, text=text.strip())
        action._history_user = actor
        action.save()
    return action


def action_done(*, actor: Any, action_id: int, done: bool) -> AuditAction:
    """The practitioner, or the auditor, marks an action done (or not done after all)."""
    with transaction.atomic():
        action = AuditAction.objects.select_for_update().select_related("audit").get(pk=action_id)
        audit = action.audit
        if not access.is_active_staff(actor) or actor.pk not in (audit.auditor_id, audit.practitioner_id):
            raise PermissionDenied("Only the practitioner and the auditor mark actions done.")
        if actor.pk == audit.practitioner_id and audit.shared_at is None:
            raise PermissionDenied("The audit has not been shared with you yet.")
        if action.done != done:
            action.done, action.done_at = done, timezone.now() if done else None
            action._history_user = actor
            action.save()
    return action


def audit_respond(*, actor: Any, audit_id: int, expected_version: int | None, response: str) -> Audit:
    if not (response or "").strip():
        raise ValidationError({"response": "Write your response to the audit"})
    with transaction.atomic():
        audit = _locked(audit_id, expected_version, {"response": response})
        if not access.can_respond_to_audit(actor, audit):
            raise PermissionDenied("Only the practitioner the audit is about can respond, once it is shared.")
        audit.response, audit.responded_at = response.strip(), timezone.now()
        audit.version += 1
        audit._history_user = actor
        audit.save()
    return audit


def audit_moderate(
    *,
    actor: Any,
    audit_id: int,
    expected_version: int | None,
    moderated: dict[str, str | None],
    reasons: dict[str, str],
    comment: str = "",
) -> Audit:
    """A senior manager agrees each rating or gives their own with a reason. Changing a rating
    without a reason, or to one outside the scale, is refused with the standard named; nothing is saved."""
    with transaction.atomic():
        audit = _locked(audit_id, expected_version, {"moderation_comment": comment})
        if not access.can_moderate(actor, audit):
            raise PermissionDenied("Senior managers moderate shared audits they did not write.")
        rows = list(audit.ratings.select_related("standard", "rating"))
        scale = {level.code: level for level in RatingLevel.objects.all()}
        given = {r.standard.code: r.rating.code for r in rows}
        names = {r.standard.code: r.standard.name for r in rows}
        problems = rules.moderation_problems(given, moderated, reasons, list(scale), names)
        if problems:
            raise ValidationError({f"moderated_{code}": message for code, message in problems.items()})
        for row in rows:
            theirs = moderated.get(row.standard.code)
            new = scale[theirs] if theirs and theirs != row.rating.code else None
            reason = (reasons.get(row.standard.code) or "").strip() if new else ""
            if row.moderated_id != (new.pk if new else None) or row.moderation_reason != reason:
                row.moderated, row.moderation_reason = new, reason
                row._history_user = actor
                row.save()
        audit.moderator, audit.moderated_at = actor, timezone.now()
        audit.moderation_comment = (comment or "").strip()
        audit.version += 1
        audit._history_user = actor
        audit.save()
    return audit


# --- Sampling ------------------------------------------------------------------------------------


def sample_draw(*, actor: Any, team: Any, quarter: str, seed: str, size: int, share: float = 0.1, today=None) -> Sample:
    """Draw and keep a team's sample for a quarter (see rules.SAMPLE_RULE). One per team and quarter."""
    problems = rules.sample_problems(size=size, seed=seed, quarter=quarter)
    if problems:
        raise ValidationError(problems)
    if not access.can_audit(actor, team.pk):
        raise PermissionDenied("Team managers draw their own team's sample; quality leads any team's.")
    if Sample.objects.filter(team=team, quarter=quarter).exists():
        raise ValidationError({"quarter": ALREADY_DRAWN.format(quarter=quarter)})
    chosen = queries.sample_plan(team.pk, quarter, seed=seed, size=size, share=share, today=today)
    with transaction.atomic():
        sample = Sample(team=team, quarter=quarter, seed=seed, size=size, self_authorised_share=share, drawn_by=actor)
        sample._history_user = actor
        sample.save()
        for case in chosen:
            row = SampleCase(
                sample=sample,
                assessment_id=case.assessment_id,
                person_id=case.person_id,
                reason=case.reason,
                notes="; ".join(case.notes)[:400],
            )
            row._history_user = actor
            row.save()
    return sample
