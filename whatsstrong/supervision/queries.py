"""Reading supervision for pages and the API: a few queries each, with the joins each page needs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Q
from django.urls import reverse

from whatsstrong.core import access, sql
from whatsstrong.core.history import Entry, entries_for, label_of, shown_value
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


# --- A peer group's agreement, version by version ---------------------------------------------------

# The agreement's fields in the order the group page shows them.
AGREEMENT_FIELDS = (
    "name",
    "members",
    "supervisor",
    "frequency",
    "duration",
    "place",
    "preparation",
    "recording",
    "confidentiality",
    "apologies",
    "agreed_on",
)


@dataclass(frozen=True)
class AgreementVersion:
    number: int
    entry: Entry  # when, who, and for a later version what changed (label, before, after)
    first: list  # the first version only: (label, what was agreed) for each field agreed


def agreement_versions(group_id: int) -> list[AgreementVersion]:
    """Each version of a peer group's agreement, the newest first: when, who saved it and, field by
    field, what changed, through core/history.py. A save that changes the members writes two history
    rows of the same version (the fields, then the members); the last row of each version is the
    version as saved, so each save is one entry."""
    from .models import PeerGroup

    saved = PeerGroup.history.filter(id=group_id).order_by("history_date", "history_id")
    last_row_of = {}
    for history_id, version in saved.values_list("history_id", "version"):
        last_row_of[version] = history_id
    rows = PeerGroup.history.filter(history_id__in=last_row_of.values())
    entries = entries_for(rows, PeerGroup, lambda row: "the agreement")
    order = {label_of(PeerGroup, f): i for i, f in enumerate(AGREEMENT_FIELDS)}
    first_row = rows.order_by("history_date", "history_id").first()
    found = []
    for number, entry in enumerate(entries, 1):
        entry.changes.sort(key=lambda change: order.get(change[0], len(order)))
        first = _as_agreed(PeerGroup, first_row) if number == 1 and first_row is not None else []
        found.append(AgreementVersion(number, entry, first))
    return found[::-1]  # entries_for gives them in the order saved


def _as_agreed(model, row) -> list[tuple[str, object]]:
    values = []
    for name in AGREEMENT_FIELDS:
        if name == "members":
            key = model._meta.get_field(name).m2m_reverse_field_name()
            value = shown_value(model, name, list(row.members.values(key)))
        else:
            value = shown_value(model, name, getattr(row, f"{name}_id" if name == "supervisor" else name))
        if value not in (None, ""):
            values.append((label_of(model, name), value))
    return values


# --- A supervisee's one-to-one sessions, for a staff supervision audit ----------------------------------


@dataclass(frozen=True)
class AuditedSession:
    """A one-to-one session as an audit of the supervisee's supervision lists it: never the wellbeing
    notes (not read at all), nor any other words written in it."""

    pk: int
    held_on: datetime.date
    supervisor_name: str
    days_late: int | None  # 0: on time; None: the first session recorded, nothing due before it
    discussions: int
    actions: int
    url: str  # the session's page, which the reader may open (access.can_see_supervision)


def sessions_for_audit(supervisee_id: int, *, reader, until: datetime.date, limit: int = 8) -> list[AuditedSession]:
    """The supervisee's latest one-to-one sessions held on or before `until`, the latest first, that
    `reader` may see (`access.can_see_supervision`): date, supervisor, whether each was held by the day it
    was due after the one before (at their current frequency), and how many case discussions and actions
    it has. Two queries. For the audits app, which reads supervision only through this."""
    rows = list(
        SupervisionSession.objects.filter(supervisee_id=supervisee_id, held_on__lte=until)
        .order_by("-held_on", "-pk")
        .values(
            "pk",
            "held_on",
            "supervisor_id",
            "supervisee_id",
            "supervisee__team_id",
            "supervisor__first_name",
            "supervisor__last_name",
            "supervisor__username",
        )
        .annotate(discussion_count=Count("discussions", distinct=True), action_count=Count("actions", distinct=True))[
            : limit + 1
        ]
    )
    weeks = Supervisee.objects.filter(pk=supervisee_id).values_list("every_weeks", flat=True).first()
    weeks = weeks or rules.DEFAULT_EVERY_WEEKS
    found = []
    for row, before in zip(rows[:limit], rows[1:] + [None], strict=False):
        session = SimpleNamespace(
            supervisor_id=row["supervisor_id"],
            supervisee_id=row["supervisee_id"],
            supervisee=SimpleNamespace(team_id=row["supervisee__team_id"]),
        )
        if not access.can_see_supervision(reader, session):
            continue
        found.append(
            AuditedSession(
                pk=row["pk"],
                held_on=row["held_on"],
                supervisor_name=_name(
                    row["supervisor__first_name"], row["supervisor__last_name"], row["supervisor__username"]
                ),
                days_late=rules.days_late(row["held_on"], before["held_on"] if before else None, weeks),
                discussions=row["discussion_count"],
                actions=row["action_count"],
                url=reverse("supervision:session", args=[row["pk"]]),
            )
        )
    return found
