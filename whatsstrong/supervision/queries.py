"""Reading supervision for pages and the API: a few queries each, with the joins each page needs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from whatsstrong.core import sql
from whatsstrong.core.models import Role

from . import rules
from .models import CaseDiscussion, SelfReflection, Supervisee, SupervisionAction, SupervisionSession


def session(session_id: int) -> SupervisionSession | None:
    if not 0 < session_id < 2**63:
        return None
    return SupervisionSession.objects.select_related("supervisor", "supervisee").filter(pk=session_id).first()


def sessions_for(user_id: int, limit: int = 20) -> list[SupervisionSession]:
    """The latest sessions this user took part in, either way round."""
    return list(
        SupervisionSession.objects.filter(Q(supervisee_id=user_id) | Q(supervisor_id=user_id)).select_related(
            "supervisor", "supervisee"
        )[:limit]
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


@dataclass(frozen=True)
class Member:
    """A supervisee as the overview shows them: no model instance, one row of one query."""

    pk: int
    display_name: str


@dataclass(frozen=True)
class SessionRow:
    pk: int
    held_on: datetime.date
    supervisor_name: str


def _name(first, last, username):
    return f"{first} {last}".strip() or username


# The overview and a supervisee's history are read on every supervisor's page: explicit SQL
# (core/sql.py explains why), each checked against the ORM's answer in tests/test_queries.py.
OVERVIEW_SQL = """
SELECT u.id, u.first_name, u.last_name, u.username, sv.every_weeks,
  (SELECT MAX(s.held_on) FROM supervision_supervisionsession s WHERE s.supervisee_id = u.id AND s.held_on <= %s)
FROM core_user u
LEFT JOIN supervision_supervisee sv ON sv.user_id = u.id
WHERE u.is_active AND u.id <> %s AND u.role IN ('practitioner', 'supervisor')
"""
FOR_SUPERVISOR = """
  AND ((u.team_id = %s AND u.role = 'practitioner') OR sv.supervisor_id = %s)
  AND (sv.supervisor_id IS NULL OR sv.supervisor_id = %s)
"""
HISTORY_SQL = """
SELECT s.id, s.held_on, u.first_name, u.last_name, u.username
FROM supervision_supervisionsession s JOIN core_user u ON u.id = s.supervisor_id
WHERE s.supervisee_id = %s ORDER BY s.held_on DESC, s.id DESC
"""
WEEKS_SQL = "SELECT every_weeks FROM supervision_supervisee WHERE user_id = %s"


def _date(value):
    """SQLite gives a date computed in SQL (MAX) back as text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def overview(user, today: datetime.date) -> list[tuple[Member, rules.Standing]]:
    """Whom this user oversees (a supervisor: their team's practitioners and anyone naming them, not
    those named to another supervisor; a quality lead: every practitioner and supervisor), each with
    their last session, how often, the next due, overdue first: one query."""
    query, params = OVERVIEW_SQL, [today, user.pk]
    if user.role == Role.SUPERVISOR:
        query, params = query + FOR_SUPERVISOR, params + [user.team_id, user.pk, user.pk]
    members, rows = {}, []
    for pk, first, family, username, weeks, held in sql.fetch(query, params):
        members[pk] = Member(pk, _name(first, family, username))
        rows.append((pk, _date(held), weeks))
    return [(members[s.supervisee_id], s) for s in rules.overview(rows, today)]


def history(user_id: int, today: datetime.date) -> tuple[list[SessionRow], rules.Standing]:
    """A supervisee's sessions, the latest first, and their standing: two queries."""
    found = [
        SessionRow(pk, _date(held_on), _name(first, family, username))
        for pk, held_on, first, family, username in sql.fetch(HISTORY_SQL, [user_id])
    ]
    weeks = next(iter(sql.fetch(WEEKS_SQL, [user_id])), (None,))[0]
    last = next((r.held_on for r in found if r.held_on <= today), None)
    return found, rules.standing(user_id, last, weeks or rules.DEFAULT_EVERY_WEEKS, today)


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


def groups_for(user) -> list:
    from .models import PeerGroup

    found = PeerGroup.objects.prefetch_related("members").select_related("supervisor")
    if user.role != Role.QUALITY_LEAD:
        found = found.filter(Q(members=user) | Q(supervisor=user)).distinct()
    return list(found)


def group(group_id: int):
    from .models import PeerGroup

    if not 0 < group_id < 2**63:
        return None
    return PeerGroup.objects.select_related("supervisor").prefetch_related("members").filter(pk=group_id).first()


def group_sessions(group_id: int) -> list:
    from .models import PeerGroupSession

    return list(
        PeerGroupSession.objects.filter(group_id=group_id).select_related(
            "facilitator", "note_taker", "presenter", "person"
        )
    )


def group_session(group_id: int, session_id: int):
    from .models import PeerGroupSession

    if not 0 < session_id < 2**63:
        return None
    return (
        PeerGroupSession.objects.filter(group_id=group_id, pk=session_id)
        .select_related("facilitator", "note_taker", "presenter", "person", "group")
        .first()
    )


def group_actions(session_id: int) -> list:
    return list(
        SupervisionAction.objects.filter(group_session_id=session_id).select_related("person", "owner", "done_by")
    )


def previous_group_session(made):
    """The group's session before this one, whose actions the next session looks back on."""
    from .models import PeerGroupSession

    return (
        PeerGroupSession.objects.filter(group_id=made.group_id)
        .filter(Q(held_on__lt=made.held_on) | Q(held_on=made.held_on, pk__lt=made.pk))
        .order_by("-held_on", "-pk")
        .first()
    )
