"""Writing positive risk assessments and the panel's records: each change in one transaction, access
decided on the records as stored, a history row naming who made it, and a version check wherever two
people could be changing the same thing.

Who writes what:
- the assessment, its risks and its agreement, a referral, and the decision after the panel: someone
  who may change the person's record (`access.require_edit`, through core/records.py);
- panel dates, putting a referral on a panel and what the panel said: a coordinator
  (`access.can_coordinate_panels`) who may see the person;
- actions: a coordinator, or someone who may change the person's record.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.models import Role, User
from whatsstrong.core.records import EditConflict, add_to_record, changed_since, save_versioned, stored

from . import rules
from .models import Panel, PanelAction, PanelReferral, Risk, RiskAssessment

ASSESSMENT_FIELDS = {
    "decision",
    "their_view",
    "benefits_to_them",
    "benefits_to_others",
    "keeping_benefits",
    "capacity",
    "capacity_finding",
    "consulted",
    "past_wishes",
    "present_wishes",
    "feelings_beliefs_values",
    "best_interests",
    "review_on",
}
RISK_FIELDS = {
    "what",
    "for_whom",
    "likelihood_theirs",
    "likelihood_ours",
    "severity_theirs",
    "severity_ours",
    "managed_by",
}
REFERRAL_FIELDS = {"situation", "tried", "their_view", "question", "assessment"}
PANEL_FIELDS = {"meets_on", "place", "chair", "attendance"}
RECORD_FIELDS = {"discussion", "advice", "recommendations", "follow_up_on"}
DECISION_FIELDS = {"decision", "reasons", "manager"}
ACTION_FIELDS = {"what", "owner", "due_on"}
AGREED = "This assessment has been agreed and is kept as it was. Review it to change it: that starts a new version."


def _only(data: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"{what} has no {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def _today() -> datetime.date:
    return timezone.localdate()


def _may_see(actor: Any, person: Any) -> None:
    if not access.view_decision(actor, person).allowed:
        raise PermissionDenied("You cannot open this person's record.")


def _coordinator(actor: Any, person: Any | None = None) -> None:
    access.require_coordinate_panels(actor)
    if person is not None:
        _may_see(actor, stored(person))


def _locked_save(model: type, *, actor: Any, record: Any, expected_version: int | None, data: dict[str, Any]) -> Any:
    """A versioned save for writers who are not changing the person's own record (panel coordinators):
    the caller has checked access and locked the row, inside a transaction."""
    if record.version != expected_version:
        changes, saved_by = changed_since(model, record, expected_version, data)
        raise EditConflict(record=record, changes=changes, saved_by=saved_by)
    for field, value in data.items():
        setattr(record, field, value)
    record.version += 1
    record._history_user = actor
    record.save()
    return record


# --- Positive risk assessments ------------------------------------------------------------------------


def _assessment_checks(data: dict[str, Any]) -> None:
    problems = {}
    if "decision" in data and not data["decision"]:
        problems["decision"] = "Enter the decision or activity this is about"
    if problem := rules.review_problem(data.get("review_on"), _today()):
        problems["review_on"] = problem
    problems |= rules.capacity_problems(data)
    _refuse(problems)


def assessment_start(
    *, actor: Any, person: Any, data: dict[str, Any], started_on: datetime.date | None = None
) -> RiskAssessment:
    data = _only(data, ASSESSMENT_FIELDS, "A positive risk assessment")
    data.setdefault("decision", "")
    _assessment_checks(data)
    return add_to_record(
        RiskAssessment, actor=actor, person=person, data=data, author=actor, started_on=started_on or _today()
    )


def _assessment_locked(actor: Any, person: Any, assessment_id: int) -> RiskAssessment:
    access.require_edit(actor, stored(person))
    found = RiskAssessment.objects.select_for_update().get(pk=assessment_id, person_id=person.pk)
    if found.status != RiskAssessment.Status.DRAFT:
        raise PermissionDenied(AGREED)
    return found


def assessment_save(
    *, actor: Any, person: Any, assessment_id: int, data: dict[str, Any], expected_version: int
) -> RiskAssessment:
    data = _only(data, ASSESSMENT_FIELDS, "A positive risk assessment")
    with transaction.atomic():
        found = _assessment_locked(actor, person, assessment_id)
        # Capacity and best interests are checked on the whole record, as it would be once saved.
        merged = {f: getattr(found, f) for f in ASSESSMENT_FIELDS} | data
        problems = rules.capacity_problems(merged)
        if "decision" in data and not data["decision"]:
            problems["decision"] = "Enter the decision or activity this is about"
        if "review_on" in data and (problem := rules.review_problem(data["review_on"], _today())):
            problems["review_on"] = problem
        _refuse(problems)
        return save_versioned(
            RiskAssessment,
            actor=actor,
            record_id=found.pk,
            expected_version=expected_version,
            data=data,
            person=person,
        )


def _risk_data(data: dict[str, Any]) -> dict[str, Any]:
    data = _only(data, RISK_FIELDS, "A risk")
    _refuse(rules.risk_problems(data))
    return data


def risk_add(*, actor: Any, person: Any, assessment_id: int, data: dict[str, Any]) -> Risk:
    data = _risk_data(data)
    with transaction.atomic():
        found = _assessment_locked(actor, person, assessment_id)
        return add_to_record(Risk, actor=actor, person=person, data=data, assessment=found)


def risk_save(
    *, actor: Any, person: Any, assessment_id: int, risk_id: int, data: dict[str, Any], expected_version: int
) -> Risk:
    data = _risk_data(data)
    with transaction.atomic():
        _assessment_locked(actor, person, assessment_id)
        Risk.objects.get(pk=risk_id, assessment_id=assessment_id)
        return save_versioned(
            Risk, actor=actor, record_id=risk_id, expected_version=expected_version, data=data, person=person
        )


def assessment_agree(
    *, actor: Any, person: Any, assessment_id: int, data: dict[str, Any], expected_version: int
) -> RiskAssessment:
    """Agree the assessment: who agreed, and the review date. Everything it needs is checked first."""
    data = _only(data, {"agreed_by", "review_on"}, "Agreeing an assessment")
    with transaction.atomic():
        found = _assessment_locked(actor, person, assessment_id)
        whole = {f: getattr(found, f) for f in ASSESSMENT_FIELDS} | data
        _refuse(rules.agree_problems(whole, found.risks.count(), _today()))
        return save_versioned(
            RiskAssessment,
            actor=actor,
            record_id=found.pk,
            expected_version=expected_version,
            data={**data, "status": RiskAssessment.Status.AGREED, "agreed_on": _today(), "recorded_by": actor},
            person=person,
        )


NOT_AGREED = "Only an agreed assessment is reviewed. This one is still being written: change it instead."
BEING_REVIEWED = "This assessment is being reviewed already: carry on with that review."
REVIEWED_SINCE = "This assessment has been reviewed since: review the newest agreed one."


def assessment_reopen(*, actor: Any, person: Any, assessment_id: int) -> RiskAssessment:
    """Reopen an agreed assessment for review, as a new assessment being written.

    The choice: a new version, not a reopened state. An agreed assessment is a record of what was
    agreed, with whom and when; a referral to the panel may name it, and the panel's advice was given
    on it. Turning it back into a draft would change what those point at, and would leave the agreement
    only in the history table. So the agreed assessment stays exactly as it was, and the review is a new
    assessment (`review_of` naming the agreed one) with its words and risks copied, written by whoever
    reopens it, without a review date (the next one is set when it is agreed). One review at a time,
    and only of the newest agreed version. The same people may do it as may change the record."""
    with transaction.atomic():
        access.require_edit(actor, stored(person))
        agreed = RiskAssessment.objects.select_for_update().get(pk=assessment_id, person_id=person.pk)
        if agreed.status != RiskAssessment.Status.AGREED:
            raise ValidationError(NOT_AGREED)
        later = RiskAssessment.objects.filter(review_of=agreed).values_list("status", flat=True)
        if RiskAssessment.Status.DRAFT in later:
            raise ValidationError(BEING_REVIEWED)
        if later:
            raise ValidationError(REVIEWED_SINCE)
        data = {f: getattr(agreed, f) for f in ASSESSMENT_FIELDS - {"review_on"}}
        review = add_to_record(
            RiskAssessment,
            actor=actor,
            person=person,
            data=data,
            author=actor,
            started_on=_today(),
            review_of=agreed,
        )
        for risk in agreed.risks.all():
            add_to_record(
                Risk, actor=actor, person=person, data={f: getattr(risk, f) for f in RISK_FIELDS}, assessment=review
            )
    return review


def open_review_of(assessment: RiskAssessment) -> RiskAssessment | None:
    """The review being written of this agreed assessment, if there is one."""
    return assessment.reviews.filter(status=RiskAssessment.Status.DRAFT).first()


# --- Referrals and the panel ---------------------------------------------------------------------------


def referral_add(
    *, actor: Any, person: Any, data: dict[str, Any], referred_on: datetime.date | None = None
) -> PanelReferral:
    data = _only(data, REFERRAL_FIELDS, "A referral")
    problems = {
        field: message
        for field, message in (
            ("situation", "Describe the situation"),
            ("tried", "Enter what has been tried"),
            ("their_view", "Write their view, in their words"),
            ("question", "Enter the question for the panel"),
        )
        if not data.get(field)
    }
    assessment = data.get("assessment")
    if assessment is not None:
        # An assessment of this person only, whatever id a caller sends.
        if isinstance(assessment, RiskAssessment):
            assessment = assessment.pk
        found = RiskAssessment.objects.filter(pk=assessment, person_id=person.pk).first()
        if found is None:
            problems["assessment"] = "Choose one of this person's positive risk assessments"
        data["assessment"] = found
    _refuse(problems)
    return add_to_record(
        PanelReferral, actor=actor, person=person, data=data, referred_by=actor, referred_on=referred_on or _today()
    )


def panel_add(*, actor: Any, data: dict[str, Any]) -> Panel:
    access.require_coordinate_panels(actor)
    data = _only(data, PANEL_FIELDS - {"attendance"}, "A panel")
    if problem := rules.panel_date_problem(data.get("meets_on"), _today()):
        raise ValidationError({"meets_on": problem})
    panel = Panel(**data, arranged_by=actor)
    panel._history_user = actor
    panel.save()
    return panel


def panel_save(*, actor: Any, panel_id: int, data: dict[str, Any], expected_version: int) -> Panel:
    access.require_coordinate_panels(actor)
    data = _only(data, PANEL_FIELDS, "A panel")
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel_id)
        if "meets_on" in data and data["meets_on"] != panel.meets_on:
            if problem := rules.panel_date_problem(data["meets_on"], _today()):
                raise ValidationError({"meets_on": problem})
        return _locked_save(Panel, actor=actor, record=panel, expected_version=expected_version, data=data)


def _referral_locked(person: Any, referral_id: int) -> PanelReferral:
    return (
        PanelReferral.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=referral_id, person_id=person.pk)
    )


def referral_schedule(
    *, actor: Any, person: Any, referral_id: int, panel_id: int, expected_version: int
) -> PanelReferral:
    with transaction.atomic():
        _coordinator(actor, person)
        referral = _referral_locked(person, referral_id)
        panel = Panel.objects.filter(pk=panel_id).first()
        if panel is None:
            raise ValidationError({"panel": "Choose a panel date from the list"})
        if problem := rules.schedule_problem(referral.status, panel.meets_on, _today()):
            raise ValidationError({"panel": problem})
        return _locked_save(
            PanelReferral,
            actor=actor,
            record=referral,
            expected_version=expected_version,
            data={"panel": panel, "status": PanelReferral.Status.SCHEDULED},
        )


def panel_record(
    *, actor: Any, person: Any, referral_id: int, data: dict[str, Any], expected_version: int
) -> PanelReferral:
    """What the panel discussed, advised and recommended. It does not decide: see `referral_decide`."""
    data = _only(data, RECORD_FIELDS, "What the panel said")
    with transaction.atomic():
        _coordinator(actor, person)
        referral = _referral_locked(person, referral_id)
        meets_on = referral.panel.meets_on if referral.panel else None
        _refuse(rules.record_problems(referral.status, meets_on, _today(), data))
        if referral.status == PanelReferral.Status.SCHEDULED:
            data["status"] = PanelReferral.Status.HEARD
        return _locked_save(PanelReferral, actor=actor, record=referral, expected_version=expected_version, data=data)


def managers_of(person: Any) -> list[User]:
    """Who may agree a decision with the practitioner: the supervisors of the person's team."""
    return list(User.objects.filter(role=Role.SUPERVISOR, team_id=person.team_id, is_active=True).order_by("pk"))


def referral_decide(
    *, actor: Any, person: Any, referral_id: int, data: dict[str, Any], expected_version: int
) -> PanelReferral:
    """The practitioner's and their manager's decision, with their reasons, after the panel."""
    data = _only(data, DECISION_FIELDS, "A decision")
    with transaction.atomic():
        access.require_edit(actor, stored(person))
        referral = _referral_locked(person, referral_id)
        manager = data.get("manager")
        manager_id = manager.pk if isinstance(manager, User) else manager
        problems = rules.decision_problems(referral.status, data)
        if manager_id and "manager" not in problems:
            found = next((m for m in managers_of(person) if m.pk == manager_id), None)
            if found is None:
                problems["manager"] = "Choose a manager of the person's team"
            data["manager"] = found
        _refuse(problems)
        return save_versioned(
            PanelReferral,
            actor=actor,
            record_id=referral.pk,
            expected_version=expected_version,
            data={**data, "decided_by": actor, "decided_on": _today(), "status": PanelReferral.Status.DECIDED},
            person=person,
        )


def _may_act(actor: Any, person: Any) -> None:
    now = stored(person)
    if not (access.can_coordinate_panels(actor) and access.view_decision(actor, now).allowed):
        access.require_edit(actor, now)


def action_add(*, actor: Any, person: Any, referral_id: int, data: dict[str, Any]) -> PanelAction:
    data = _only(data, ACTION_FIELDS, "An action")
    _refuse(rules.action_problems(data))
    with transaction.atomic():
        _may_act(actor, person)
        referral = _referral_locked(person, referral_id)
        if referral.status == PanelReferral.Status.WAITING:
            raise ValidationError({"what": "Put this referral on a panel before adding actions"})
        action = PanelAction(referral=referral, person=person, **data)
        action._history_user = actor
        action.save()
        return action


def action_done(*, actor: Any, person: Any, action_id: int, done: bool, expected_version: int) -> PanelAction:
    with transaction.atomic():
        _may_act(actor, person)
        action = PanelAction.objects.select_for_update().get(pk=action_id, person_id=person.pk)
        return _locked_save(
            PanelAction,
            actor=actor,
            record=action,
            expected_version=expected_version,
            data={"done": done, "done_on": _today() if done else None},
        )
