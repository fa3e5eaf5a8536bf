"""Writing outcomes forums: every change in one transaction with a history row naming who made it.

Who may do what (core/access.py): supervisors, quality leads and senior leaders arrange a forum,
record who attended and record what it decided (`can_hold_forums`), for people they may see; the
practitioner bringing someone adds them to a forum from their record (`can_edit`, through
core/records.py). Gaps raised at a forum are the directory's (`directory.services.gap_record`, source
"forum"); the forum keeps which it raised (`ForumGap`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.models import User
from whatsstrong.core.records import EditConflict, add_to_record, changed_since, save_versioned, stored
from whatsstrong.directory import services as directory_services
from whatsstrong.directory.models import Gap
from whatsstrong.plans.models import SupportPlan

from . import rules
from .models import DISCIPLINE_LIST, Forum, ForumGap, ForumMember, Hearing

NOT_A_CHAIR = "Only supervisors, quality leads and senior leaders arrange outcomes forums and record what they decide."
FORUM_FIELDS = {"held_on", "chair", "place"}
HEARING_FIELDS = {"plan", "story", "follows"}
DECISION_FIELDS = {"decision", "reasons", "changes", "changes_by"}


def require_chair_role(actor: Any) -> None:
    if not access.can_hold_forums(actor):
        raise PermissionDenied(NOT_A_CHAIR)


def _only(data: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"{what} has no {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _id(value: Any) -> Any:
    return getattr(value, "pk", value)


def forum_add(*, actor: Any, data: dict[str, Any]) -> Forum:
    """Arrange a forum: its day, who chairs it (someone who may hold forums) and where."""
    require_chair_role(actor)
    data = _only(data, FORUM_FIELDS, "A forum")
    problems = {}
    if not isinstance(data.get("held_on"), datetime.date):
        problems["held_on"] = "Enter the date of the forum"
    chair = User.objects.filter(pk=_id(data.get("chair"))).first() if _id(data.get("chair")) else None
    if chair is None or not access.can_hold_forums(chair):
        problems["chair"] = "Choose who chairs the forum: a supervisor, quality lead or senior leader"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        forum = Forum(held_on=data["held_on"], chair=chair, place=data.get("place") or "", arranged_by=actor)
        forum._history_user = actor
        forum.save()
    return forum


def forum_save(
    *, actor: Any, forum_id: int, expected_version: int | None, data: dict[str, Any], remove: list[int] = ()
) -> Forum:
    """Change a forum's day, chair or place, and take off members recorded by mistake, at the version
    its editor opened: two people changing it at once meet a conflict, not a loss. Its day cannot move
    after a decision it has recorded (a decision is never before the forum)."""
    require_chair_role(actor)
    data = _only(data, FORUM_FIELDS, "A forum")
    problems = {}
    if not isinstance(data.get("held_on"), datetime.date):
        problems["held_on"] = "Enter the date of the forum"
    chair = User.objects.filter(pk=_id(data.get("chair"))).first() if _id(data.get("chair")) else None
    if chair is None or not access.can_hold_forums(chair):
        problems["chair"] = "Choose who chairs the forum: a supervisor, quality lead or senior leader"
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=forum_id)
        first_decided = Hearing.objects.filter(forum=forum, decided_on__isnull=False).order_by("decided_on").first()
        if "held_on" not in problems and first_decided and data["held_on"] > first_decided.decided_on:
            problems["held_on"] = (
                f"The forum recorded a decision on {first_decided.decided_on:%-d %B %Y}: "
                "its date must be on or before that"
            )
        unknown = set(remove) - set(forum.members.values_list("pk", flat=True))
        if unknown:
            problems["remove"] = "Choose members of this forum to take off"
        if problems:
            raise ValidationError(problems)
        if expected_version is not None and forum.version != expected_version:
            submitted = {"held_on": data["held_on"], "chair": chair, "place": data.get("place") or ""}
            changes, saved_by = changed_since(Forum, forum, expected_version, submitted)
            raise EditConflict(record=forum, changes=changes, saved_by=saved_by)
        forum.held_on, forum.chair, forum.place = data["held_on"], chair, data.get("place") or ""
        forum.version += 1
        forum._history_user = actor
        forum.save()
        for member in ForumMember.objects.filter(forum=forum, pk__in=list(remove)):
            member._history_user = actor
            member.delete()
    return forum


def member_add(*, actor: Any, forum_id: int, data: dict[str, Any]) -> ForumMember:
    """Record someone attending, with their discipline from the list."""
    require_chair_role(actor)
    data = _only(data, {"name", "discipline"}, "A member")
    codes = {code for code, _ in rules.disciplines(DISCIPLINE_LIST)}
    problems = rules.member_problems(name=data.get("name") or "", discipline=data.get("discipline") or "", codes=codes)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=forum_id)
        member = ForumMember(forum=forum, name=data["name"], discipline=data["discipline"])
        member._history_user = actor
        member.save()
    return member


def member_remove(*, actor: Any, forum_id: int, member_id: int) -> None:
    require_chair_role(actor)
    with transaction.atomic():
        member = ForumMember.objects.get(pk=member_id, forum_id=forum_id)
        member._history_user = actor
        member.delete()


def hearing_add(*, actor: Any, person: Any, forum_id: int, data: dict[str, Any]) -> Hearing:
    """Bring a person to a forum: their support plan (theirs, not ended), their story as the
    practitioner will tell it, and the earlier hearing this one follows, if any. The actor presents."""
    data = _only(data, HEARING_FIELDS, "A hearing")
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise ValidationError({"forum": "Choose a forum from the list"})
    problems = {}
    plan = (
        SupportPlan.objects.filter(pk=_id(data.get("plan")), person_id=person.pk)
        .exclude(status=SupportPlan.Status.ENDED)
        .first()
        if _id(data.get("plan"))
        else None
    )
    if plan is None:
        problems["plan"] = "Choose one of their support plans that has not ended"
    if not (data.get("story") or "").strip():
        problems["story"] = rules.STORY_NEEDED
    follows = None
    if _id(data.get("follows")):
        follows = Hearing.objects.select_related("forum").filter(pk=_id(data["follows"])).first()
        problem = rules.follows_problem(
            earlier_person=follows.person_id if follows else -1,
            person=person.pk,
            earlier_held_on=follows.forum.held_on if follows else None,
            held_on=forum.held_on,
        )
        if problem:
            problems["follows"] = problem
    if problems:
        raise ValidationError(problems)
    if Hearing.objects.filter(forum=forum, person_id=person.pk).exists():
        raise ValidationError({"forum": "This person is already being heard at that forum"})
    return add_to_record(
        Hearing,
        actor=actor,
        person=person,
        data={"story": data["story"]},
        forum=forum,
        plan=plan,
        presenter=actor,
        follows=follows,
    )


def hearing_decide(*, actor: Any, person: Any, hearing_id: int, expected_version: int, data: dict[str, Any]) -> Hearing:
    """Record what the forum decided: agreed, or changes asked for (what, by when), and why. Saved at
    the version its writer opened, so two people recording at once meet a conflict, not a loss."""
    require_chair_role(actor)
    data = _only(data, DECISION_FIELDS, "A decision")
    hearing = Hearing.objects.select_related("forum").get(pk=hearing_id, person_id=person.pk)
    problems = rules.decision_problems(
        decision=data.get("decision") or "",
        reasons=data.get("reasons") or "",
        changes=data.get("changes") or "",
        changes_by=data.get("changes_by"),
        held_on=hearing.forum.held_on,
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if not access.view_decision(actor, stored(person)).allowed:
            raise PermissionDenied("This record is restricted. Say why you need to open it.")
        record = Hearing.objects.select_for_update().get(pk=hearing_id)
        if record.version != expected_version:
            # As core.records.save_versioned does; that asks can_edit, which a chair from another
            # team lacks, so the version is checked here in the same way.
            changes, saved_by = changed_since(Hearing, record, expected_version, data)
            raise EditConflict(record=record, changes=changes, saved_by=saved_by)
        for name in DECISION_FIELDS:
            setattr(record, name, data.get(name) or ("" if name != "changes_by" else None))
        record.decided_by = actor
        record.decided_on = timezone.localdate()
        record.version += 1
        record._history_user = actor
        record.save()
    return record


def hearing_story_save(*, actor: Any, person: Any, hearing_id: int, expected_version: int, story: str) -> Hearing:
    """The presenter's side changes the story before the forum (anyone who may change the record)."""
    if not (story or "").strip():
        raise ValidationError({"story": rules.STORY_NEEDED})
    Hearing.objects.get(pk=hearing_id, person_id=person.pk)
    return save_versioned(
        Hearing,
        actor=actor,
        record_id=hearing_id,
        expected_version=expected_version,
        data={"story": story.strip()},
        person=person,
    )


def hearing_gap(
    *, actor: Any, person: Any, hearing_id: int, data: dict[str, Any], on: datetime.date | None = None
) -> Gap:
    """A gap raised while hearing the person: recorded in the directory (counted for commissioners by
    category, area and quarter, without names) and kept against this hearing."""
    with transaction.atomic():
        hearing = Hearing.objects.select_for_update().get(pk=hearing_id, person_id=person.pk)
        gap = directory_services.gap_record(actor=actor, person=person, data=data, source=Gap.Source.FORUM, on=on)
        link = ForumGap(hearing=hearing, forum_id=hearing.forum_id, person_id=person.pk, gap=gap)
        link._history_user = actor
        link.save()
    return gap
