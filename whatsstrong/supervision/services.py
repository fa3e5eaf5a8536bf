"""Writing supervision: every change in one transaction, with a history row naming who made it.

Who may do what is asked of core/access.py: the two parties to a session add to it
(`can_change_supervision`); a supervisor sets how often their supervisees are supervised
(`can_supervise`); a case discussion names a person the supervisee may see (`view_decision`); an
action is marked done by its owner or anyone who may change the person's record it is about
(`can_finish_supervision_action`). A self-reflection is written by someone who may change the
person's record (`can_edit`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.models import User
from whatsstrong.core.records import EditConflict, changed_since, stored
from whatsstrong.people.models import Person

from . import rules
from .models import (
    MODELS,
    QUESTIONS,
    CaseDiscussion,
    PeerGroup,
    PeerGroupSession,
    SelfReflection,
    Supervisee,
    SupervisionAction,
    SupervisionSession,
)

NOT_A_PARTY = "Only the supervisor and the supervisee of this session can change it."
NOT_THEIR_SUPERVISOR = "Only this member of staff's supervisor can do this."
SESSION_FIELDS = {"held_on", "agenda", "wellbeing", "learning"}


def _only(data: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"{what} has no {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _too_long(data: dict[str, Any]) -> dict[str, str]:
    return {
        k: f"Keep this under {rules.MAX_TEXT:,} characters"
        for k, v in data.items()
        if isinstance(v, str) and len(v) > rules.MAX_TEXT
    }


def named_supervisor_id(supervisee: Any) -> int | None:
    return Supervisee.objects.filter(pk=supervisee.pk).values_list("supervisor_id", flat=True).first()


def supervisor_of(supervisee: Any) -> Any:
    """The supervisor named for them, or the first supervisor of their team, or None."""
    named = named_supervisor_id(supervisee)
    if named:
        return User.objects.filter(pk=named, is_active=True).first()
    if supervisee.team_id is None:
        return None
    return User.objects.filter(team_id=supervisee.team_id, role="supervisor", is_active=True).order_by("pk").first()


def require_supervisor(actor: Any, supervisee: Any) -> None:
    if not access.can_supervise(actor, supervisee, named_supervisor_id(supervisee)):
        raise PermissionDenied(NOT_THEIR_SUPERVISOR)


def set_frequency(*, actor: Any, supervisee: Any, every_weeks: Any) -> Supervisee:
    """How often this supervisee is supervised, set by their supervisor."""
    require_supervisor(actor, supervisee)
    problem = rules.every_weeks_problem(every_weeks)
    if problem:
        raise ValidationError({"every_weeks": problem})
    with transaction.atomic():
        row, _ = Supervisee.objects.select_for_update().get_or_create(user=supervisee)
        row.every_weeks = every_weeks
        if row.supervisor_id is None:
            row.supervisor = actor
        row.version += 1
        row._history_user = actor
        row.save()
    return row


def session_add(*, actor: Any, supervisee: Any, data: dict[str, Any]) -> SupervisionSession:
    """A session, planned or held: by the supervisee (preparing the agenda) or their supervisor."""
    data = _only(data, SESSION_FIELDS, "A supervision session")
    if not access.is_active_staff(actor):
        raise PermissionDenied(NOT_A_PARTY)
    if actor.pk == supervisee.pk:
        supervisor = supervisor_of(supervisee)
        if supervisor is None:
            raise ValidationError("No supervisor is set for you yet. Ask your team manager.")
    else:
        require_supervisor(actor, supervisee)
        supervisor = actor
    problems = rules.session_problems(held_on=data.get("held_on"), agenda=data.get("agenda") or "")
    problems |= _too_long(data)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        session = SupervisionSession(
            supervisor=supervisor,
            supervisee=supervisee,
            held_on=data["held_on"],
            agenda=data["agenda"],
            wellbeing=data.get("wellbeing") or "",
            learning=data.get("learning") or "",
            created_by=actor,
        )
        session._history_user = actor
        session.save()
    return session


def _locked(model, pk):
    return model._default_manager.select_for_update().get(pk=pk)


def _check_version(model, record, expected_version, data):
    if record.version != expected_version:
        changes, saved_by = changed_since(model, record, expected_version, data)
        raise EditConflict(record=record, changes=changes, saved_by=saved_by)


def session_update(*, actor: Any, session_id: int, expected_version: int, data: dict[str, Any]) -> SupervisionSession:
    data = _only(data, SESSION_FIELDS, "A supervision session")
    with transaction.atomic():
        session = _locked(SupervisionSession, session_id)
        if not access.can_change_supervision(actor, session):
            raise PermissionDenied(NOT_A_PARTY)
        merged = {f: data.get(f, getattr(session, f)) for f in SESSION_FIELDS}
        problems = rules.session_problems(held_on=merged["held_on"], agenda=merged["agenda"]) | _too_long(data)
        if problems:
            raise ValidationError(problems)
        shown = {k: v for k, v in data.items() if k != "wellbeing"}
        _check_version(SupervisionSession, session, expected_version, shown)
        for field, value in data.items():
            setattr(session, field, value)
        session.version += 1
        session._history_user = actor
        session.save()
    return session


def _person_the_supervisee_sees(session: Any, person_id: Any) -> Person:
    person = Person.objects.filter(pk=getattr(person_id, "pk", person_id)).first() if person_id else None
    if person is None:
        raise ValidationError({"person": rules.PERSON_NEEDED})
    supervisee = User.objects.get(pk=session.supervisee_id)
    if not access.view_decision(supervisee, person).allowed:
        raise ValidationError({"person": "Choose someone the supervisee may see the record of"})
    return person


def discussion_add(*, actor: Any, session_id: int, person: Any, model: str) -> CaseDiscussion:
    """Start a case discussion about a person, in one reflective model."""
    with transaction.atomic():
        session = _locked(SupervisionSession, session_id)
        if not access.can_change_supervision(actor, session):
            raise PermissionDenied(NOT_A_PARTY)
        problems = rules.discussion_problems(model=model or "", codes=[c for c, _ in rules.model_choices(MODELS)])
        try:
            found = _person_the_supervisee_sees(session, person)
        except ValidationError as error:
            problems |= {k: v[0] for k, v in error.message_dict.items()}
        if problems:
            raise ValidationError(problems)
        discussion = CaseDiscussion(session=session, person=found, model=model)
        discussion._history_user = actor
        discussion.save()
    return discussion


def discussion_write(
    *, actor: Any, discussion_id: int, expected_version: int, reflections: dict[str, str]
) -> CaseDiscussion:
    """What was said at each step of the discussion's model."""
    with transaction.atomic():
        discussion = _locked(CaseDiscussion, discussion_id)
        session = SupervisionSession.objects.get(pk=discussion.session_id)
        if not access.can_change_supervision(actor, session):
            raise PermissionDenied(NOT_A_PARTY)
        steps = [s["code"] for s in rules.model_named(MODELS, discussion.model)["steps"]]
        reflections = {k: (v or "").strip() for k, v in (reflections or {}).items()}
        problems = rules.reflection_problems(reflections, steps) | _too_long(reflections)
        if problems:
            raise ValidationError(problems)
        _check_version(CaseDiscussion, discussion, expected_version, {"reflections": reflections})
        discussion.reflections = {s: reflections[s] for s in steps if reflections.get(s)}
        discussion.version += 1
        discussion._history_user = actor
        discussion.save()
    return discussion


def action_add(*, actor: Any, session_id: int, data: dict[str, Any]) -> SupervisionAction:
    """An action agreed in a session: the supervisee owns it unless the supervisor takes it."""
    data = _only(data, {"what", "due_on", "person", "owner"}, "An action")
    with transaction.atomic():
        session = _locked(SupervisionSession, session_id)
        if not access.can_change_supervision(actor, session):
            raise PermissionDenied(NOT_A_PARTY)
        problems = rules.action_problems(
            what=data.get("what") or "", due_on=data.get("due_on"), held_on=session.held_on
        )
        problems |= _too_long(data)
        if data.get("due_on") is not None and not isinstance(data["due_on"], datetime.date):
            problems["due_on"] = "Enter a real date"
        person = None
        if data.get("person"):
            try:
                person = _person_the_supervisee_sees(session, data["person"])
            except ValidationError as error:
                problems |= {k: v[0] for k, v in error.message_dict.items()}
        owner_id = getattr(data.get("owner"), "pk", data.get("owner")) or session.supervisee_id
        if owner_id not in (session.supervisee_id, session.supervisor_id):
            problems["owner"] = "Choose the supervisee or the supervisor"
        if problems:
            raise ValidationError(problems)
        action = SupervisionAction(
            session=session, person=person, owner_id=owner_id, what=data["what"], due_on=data.get("due_on")
        )
        action._history_user = actor
        action.save()
    return action


def action_done(*, actor: Any, action_id: int, done: bool = True) -> SupervisionAction:
    """Mark an action done (or not done after all)."""
    with transaction.atomic():
        action = _locked(SupervisionAction, action_id)
        person = stored(action.person) if action.person_id else None
        if not access.can_finish_supervision_action(actor, action, person):
            raise PermissionDenied("Only the person who owns this action, or who works with the person, can mark it.")
        action.done_at = timezone.now() if done else None
        action.done_by = actor if done else None
        action.version += 1
        action._history_user = actor
        action.save()
    return action


def self_reflection_add(
    *, actor: Any, person: Any, answers: dict[str, str], notes: str = "", assessment: Any = None
) -> SelfReflection:
    """The practitioner's self-questions, answered before closing their work with the person."""
    codes = rules.question_codes(QUESTIONS)
    problems = rules.self_reflection_problems(answers or {}, codes)
    if len(notes or "") > rules.MAX_TEXT:
        problems["notes"] = f"Keep this under {rules.MAX_TEXT:,} characters"
    if assessment is not None and getattr(assessment, "person_id", None) != person.pk:
        problems["assessment"] = "Choose one of this person's assessments"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        access.require_edit(actor, stored(person))
        reflection = SelfReflection(
            person=person, practitioner=actor, assessment=assessment, answers=answers, notes=(notes or "").strip()
        )
        reflection._history_user = actor
        reflection.save()
    return reflection


# --- Peer group supervision ----------------------------------------------------------------------

NOT_IN_GROUP = "Only the group's members and its supervisor can change it."
GROUP_FIELDS = {"name", "frequency", "duration", "place", "preparation", "recording", "confidentiality", "apologies"}
GROUP_FIELDS |= {"agreed_on"}


def _member_ids(group: PeerGroup) -> set:
    return set(group.members.values_list("pk", flat=True))


def group_add(*, actor: Any, data: dict[str, Any], member_ids: list) -> PeerGroup:
    """A peer group and its agreement, started by a supervisor, who is its supervisor."""
    if not access.can_start_peer_group(actor):
        raise PermissionDenied("Only supervisors start peer supervision groups.")
    data = _only(data, GROUP_FIELDS, "A peer group")
    members = list(User.objects.filter(pk__in=[int(m) for m in member_ids or []], is_active=True))
    problems = rules.group_problems(
        name=data.get("name") or "",
        member_ids=[m.pk for m in members],
        frequency=data.get("frequency") or "",
        duration=data.get("duration") or "",
    )
    problems |= _too_long(data)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        group = PeerGroup(supervisor=actor, **{k: v for k, v in data.items() if v is not None})
        group._history_user = actor
        group.save()
        group.members.set(members)
    return group


def group_update(
    *, actor: Any, group_id: int, expected_version: int, data: dict[str, Any], member_ids: list
) -> PeerGroup:
    """The group's agreement and members changed after it was made: by its members or its supervisor
    (`access.can_change_peer_agreement`), against the version they opened, each change a history row."""
    data = _only(data, GROUP_FIELDS, "A peer group")
    with transaction.atomic():
        group = _locked(PeerGroup, group_id)
        if not access.can_change_peer_agreement(actor, _member_ids(group), group.supervisor_id):
            raise PermissionDenied(NOT_IN_GROUP)
        members = list(User.objects.filter(pk__in=[int(m) for m in member_ids or []], is_active=True))
        merged = {f: data.get(f, getattr(group, f)) for f in GROUP_FIELDS}
        problems = rules.group_problems(
            name=merged["name"] or "",
            member_ids=[m.pk for m in members],
            frequency=merged["frequency"] or "",
            duration=merged["duration"] or "",
        )
        problems |= _too_long(data)
        if problems:
            raise ValidationError(problems)
        _check_version(PeerGroup, group, expected_version, {k: v for k, v in data.items() if v is not None})
        for field, value in data.items():
            setattr(group, field, value if value is not None or field == "agreed_on" else "")
        group.version += 1
        group._history_user = actor
        group.save()
        if {m.pk for m in members} != _member_ids(group):
            group.members.set(members)
    return group


def group_session_add(*, actor: Any, group_id: int, data: dict[str, Any]) -> PeerGroupSession:
    data = _only(data, {"held_on", "facilitator", "note_taker", "presenter", "person", "model", "next_on"}, "A session")
    with transaction.atomic():
        group = PeerGroup.objects.select_for_update().get(pk=group_id)
        members = _member_ids(group)
        if not access.can_keep_peer_group(actor, members, group.supervisor_id):
            raise PermissionDenied(NOT_IN_GROUP)
        roles = {f: getattr(data.get(f), "pk", data.get(f)) for f in ("facilitator", "note_taker", "presenter")}
        problems = rules.group_session_problems(
            held_on=data.get("held_on"),
            member_ids=members,
            roles=roles,
            model=data.get("model") or "",
            codes=[c for c, _ in rules.model_choices(MODELS)],
            next_on=data.get("next_on"),
        )
        person = None
        if data.get("person") and "presenter" not in problems:
            person = Person.objects.filter(pk=getattr(data["person"], "pk", data["person"])).first()
            presenter = User.objects.get(pk=roles["presenter"])
            if person is None or not access.view_decision(presenter, person).allowed:
                problems["person"] = "Choose someone the person bringing the case may see the record of"
        if problems:
            raise ValidationError(problems)
        made = PeerGroupSession(
            group=group,
            held_on=data["held_on"],
            facilitator_id=roles["facilitator"],
            note_taker_id=roles["note_taker"],
            presenter_id=roles["presenter"],
            person=person,
            model=data["model"],
            next_on=data.get("next_on"),
        )
        made._history_user = actor
        made.save()
    return made


def group_notes(*, actor: Any, group_session_id: int, expected_version: int, data: dict[str, Any]) -> PeerGroupSession:
    """The notes in the session's model, the decisions and the summary for the supervisor."""
    data = _only(data, {"reflections", "decisions", "summary"}, "A session's notes")
    with transaction.atomic():
        made = PeerGroupSession.objects.select_for_update().get(pk=group_session_id)
        group = PeerGroup.objects.get(pk=made.group_id)
        if not access.can_keep_peer_group(actor, _member_ids(group), group.supervisor_id):
            raise PermissionDenied(NOT_IN_GROUP)
        steps = [s["code"] for s in rules.model_named(MODELS, made.model)["steps"]]
        reflections = {k: (v or "").strip() for k, v in (data.get("reflections") or {}).items()}
        problems = rules.reflection_problems(reflections, steps) | _too_long(reflections)
        problems |= _too_long({k: v for k, v in data.items() if k != "reflections"})
        if problems:
            raise ValidationError(problems)
        _check_version(PeerGroupSession, made, expected_version, {"decisions": data.get("decisions", "")})
        made.reflections = {s: reflections[s] for s in steps if reflections.get(s)}
        made.decisions = data.get("decisions") or ""
        made.summary = data.get("summary") or ""
        made.version += 1
        made._history_user = actor
        made.save()
    return made


def group_summary_share(*, actor: Any, group_session_id: int) -> PeerGroupSession:
    """The facilitator shares the session's summary with the group's supervisor."""
    with transaction.atomic():
        made = PeerGroupSession.objects.select_for_update().get(pk=group_session_id)
        if actor.pk != made.facilitator_id or not access.is_active_staff(actor):
            raise PermissionDenied("Only the session's facilitator shares its summary.")
        if not made.summary.strip():
            raise ValidationError({"summary": "Write the summary before sharing it"})
        made.summary_shared_at = timezone.now()
        made.version += 1
        made._history_user = actor
        made.save()
    return made


def group_action_add(*, actor: Any, group_session_id: int, data: dict[str, Any]) -> SupervisionAction:
    """An action from a peer group session: owned by a member, perhaps about a person."""
    data = _only(data, {"what", "due_on", "person", "owner"}, "An action")
    with transaction.atomic():
        made = PeerGroupSession.objects.select_for_update().get(pk=group_session_id)
        group = PeerGroup.objects.get(pk=made.group_id)
        members = _member_ids(group)
        if not access.can_keep_peer_group(actor, members, group.supervisor_id):
            raise PermissionDenied(NOT_IN_GROUP)
        problems = rules.action_problems(what=data.get("what") or "", due_on=data.get("due_on"), held_on=made.held_on)
        problems |= _too_long(data)
        owner_id = getattr(data.get("owner"), "pk", data.get("owner")) or made.presenter_id
        if owner_id not in members:
            problems["owner"] = rules.ROLE_NOT_A_MEMBER
        person = None
        if data.get("person"):
            person = Person.objects.filter(pk=getattr(data["person"], "pk", data["person"])).first()
            owner = User.objects.filter(pk=owner_id).first()
            if person is None or owner is None or not access.view_decision(owner, person).allowed:
                problems["person"] = "Choose someone the action's owner may see the record of"
        if problems:
            raise ValidationError(problems)
        action = SupervisionAction(
            group_session=made, person=person, owner_id=owner_id, what=data["what"], due_on=data.get("due_on")
        )
        action._history_user = actor
        action.save()
    return action
