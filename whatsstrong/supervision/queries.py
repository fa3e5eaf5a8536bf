"""Reading supervision for pages and the API: a few queries each, with the joins each page needs."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q

from whatsstrong.core.models import Role, User

from . import rules
from .models import CaseDiscussion, SelfReflection, Supervisee, SupervisionAction, SupervisionSession


def session(session_id: int) -> SupervisionSession | None:
    if not 0 < session_id < 2**63:
        return None
    return SupervisionSession.objects.select_related("supervisor", "supervisee").filter(pk=session_id).first()


def sessions_of(supervisee_id: int, limit: int | None = None) -> list[SupervisionSession]:
    """A supervisee's sessions, the latest first."""
    found = SupervisionSession.objects.filter(supervisee_id=supervisee_id).select_related("supervisor")
    return list(found[:limit] if limit else found)


def sessions_for(user_id: int) -> list[SupervisionSession]:
    """Sessions this user took part in, either way round."""
    return list(
        SupervisionSession.objects.filter(Q(supervisee_id=user_id) | Q(supervisor_id=user_id)).select_related(
            "supervisor", "supervisee"
        )[:200]
    )


def discussions_in(session_id: int) -> list[CaseDiscussion]:
    return list(CaseDiscussion.objects.filter(session_id=session_id).select_related("person"))


def discussion(session_id: int, discussion_id: int) -> CaseDiscussion | None:
    if not 0 < discussion_id < 2**63:
        return None
    return (
        CaseDiscussion.objects.filter(session_id=session_id, pk=discussion_id)
        .select_related("person", "session__supervisor", "session__supervisee")
        .first()
    )


def discussions_of_person(person_id: int) -> list[CaseDiscussion]:
    return list(
        CaseDiscussion.objects.filter(person_id=person_id)
        .select_related("session__supervisee", "session__supervisor")
        .order_by("-session__held_on", "-pk")
    )


def actions_in(session_id: int) -> list[SupervisionAction]:
    return list(SupervisionAction.objects.filter(session_id=session_id).select_related("person", "owner", "done_by"))


def previous_session(session: SupervisionSession) -> SupervisionSession | None:
    """The supervisee's session before this one."""
    return (
        SupervisionSession.objects.filter(supervisee_id=session.supervisee_id)
        .filter(Q(held_on__lt=session.held_on) | Q(held_on=session.held_on, pk__lt=session.pk))
        .order_by("-held_on", "-pk")
        .first()
    )


def open_actions_of_person(person_id: int) -> list[SupervisionAction]:
    return list(
        SupervisionAction.objects.filter(person_id=person_id, done_at__isnull=True).select_related("owner", "session")
    )


def open_actions_of_owner(user_id: int) -> list[SupervisionAction]:
    return list(
        SupervisionAction.objects.filter(owner_id=user_id, done_at__isnull=True).select_related("person", "session")[
            :50
        ]
    )


def action(action_id: int) -> SupervisionAction | None:
    if not 0 < action_id < 2**63:
        return None
    return SupervisionAction.objects.select_related("person", "session").filter(pk=action_id).first()


def reflections_of_person(person_id: int) -> list[SelfReflection]:
    return list(SelfReflection.objects.filter(person_id=person_id).select_related("practitioner", "assessment"))


def reflection(person_id: int, reflection_id: int) -> SelfReflection | None:
    if not 0 < reflection_id < 2**63:
        return None
    return (
        SelfReflection.objects.filter(person_id=person_id, pk=reflection_id)
        .select_related("practitioner", "assessment")
        .first()
    )


def supervisees_for(user) -> list[User]:
    """Whom this user oversees: a supervisor, their team's case staff and anyone naming them;
    a quality lead, every practitioner and supervisor."""
    staff = User.objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.SUPERVISOR]).exclude(pk=user.pk)
    if user.role == Role.SUPERVISOR:
        named_elsewhere = Supervisee.objects.exclude(supervisor_id=user.pk).exclude(supervisor__isnull=True)
        staff = staff.filter(
            Q(team_id=user.team_id, role=Role.PRACTITIONER) | Q(supervision__supervisor_id=user.pk)
        ).exclude(pk__in=named_elsewhere.values("user_id"))
    return list(staff.select_related("team", "supervision").order_by("first_name", "last_name", "pk"))


def overview(user, today: datetime.date) -> list[tuple[User, rules.Standing]]:
    """Each supervisee's last session, how often, the next due, overdue first: two queries."""
    people = supervisees_for(user)
    ids = [u.pk for u in people]
    last = dict(
        SupervisionSession.objects.filter(supervisee_id__in=ids, held_on__lte=today)
        .values("supervisee_id")
        .annotate(last=Max("held_on"))
        .values_list("supervisee_id", "last")
    )
    by_id = {u.pk: u for u in people}
    rows = [(u.pk, last.get(u.pk), _weeks(u)) for u in people]
    return [(by_id[s.supervisee_id], s) for s in rules.overview(rows, today)]


def _weeks(user) -> int | None:
    try:
        return user.supervision.every_weeks
    except Supervisee.DoesNotExist:
        return None


def standing_of(user, today: datetime.date) -> rules.Standing:
    last = (
        SupervisionSession.objects.filter(supervisee_id=user.pk, held_on__lte=today)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    weeks = Supervisee.objects.filter(pk=user.pk).values_list("every_weeks", flat=True).first()
    return rules.standing(user.pk, last, weeks or rules.DEFAULT_EVERY_WEEKS, today)


def discussion_for_person(person_id: int, discussion_id: int) -> CaseDiscussion | None:
    if not 0 < discussion_id < 2**63:
        return None
    return (
        CaseDiscussion.objects.filter(person_id=person_id, pk=discussion_id)
        .select_related("session__supervisor", "session__supervisee")
        .first()
    )


def assessments_of(person_id: int) -> list:
    from whatsstrong.assessments.models import Assessment

    return list(Assessment.objects.filter(person_id=person_id).order_by("-pk")[:50])
