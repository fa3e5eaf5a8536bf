"""Reading outcomes forums for pages: the list, one forum with its members and hearings, a hearing
with the plan it brings, and a person's hearings for their page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from whatsstrong.core import sql
from whatsstrong.directory.models import Gap
from whatsstrong.plans import queries as plan_queries
from whatsstrong.plans.models import SupportPlan

from . import rules
from .models import Forum, ForumGap, ForumMember, Hearing


def forums(limit: int = 100) -> list[Forum]:
    """Forums, the latest first, with their chair and how many people each hears."""
    return list(
        Forum.objects.select_related("chair").annotate(heard=Count("hearings")).order_by("-held_on", "-pk")[:limit]
    )


def forums_with_members(limit: int = 100) -> list[Forum]:
    """Forums, the latest first, with their chair, members and hearings (for the API's list)."""
    return list(
        Forum.objects.select_related("chair")
        .prefetch_related("members", "hearings")
        .order_by("-held_on", "-pk")[:limit]
    )


def forum_detail(forum_id: int) -> Forum | None:
    if not 0 < forum_id < 2**63:
        return None
    return (
        Forum.objects.filter(pk=forum_id)
        .select_related("chair")
        .prefetch_related(
            Prefetch("members", queryset=ForumMember.objects.order_by("discipline", "name", "pk")),
            Prefetch(
                "hearings",
                queryset=Hearing.objects.select_related("person", "presenter").order_by("pk"),
            ),
            Prefetch("gaps", queryset=ForumGap.objects.select_related("gap", "gap__category").order_by("pk")),
        )
        .first()
    )


def members_by_discipline(forum: Forum) -> list[tuple[str, list[ForumMember]]]:
    """(discipline, members) in the list's order, every listed discipline shown, even with nobody."""
    from .models import DISCIPLINE_LIST

    members = list(forum.members.all())
    listed = rules.disciplines(DISCIPLINE_LIST, active_only=False)
    return [(label, [m for m in members if m.discipline == code]) for code, label in listed]


def forums_to_join(limit: int = 30) -> list[Forum]:
    """Forums a person may be brought to: the most recent and those still to come."""
    return list(Forum.objects.select_related("chair").order_by("-held_on", "-pk")[:limit])


def open_plans(person_id: int) -> list[SupportPlan]:
    """The person's plans that have not ended, newest first: one may be brought to a forum."""
    return [p for p in plan_queries.plans_of(person_id) if p.status != SupportPlan.Status.ENDED]


def earlier_hearings(person_id: int) -> list[Hearing]:
    return list(Hearing.objects.filter(person_id=person_id).select_related("forum").order_by("-forum__held_on", "-pk"))


def hearing_of(person_id: int, hearing_id: int) -> Hearing | None:
    if not 0 < hearing_id < 2**63:
        return None
    return (
        Hearing.objects.filter(pk=hearing_id, person_id=person_id)
        .select_related("forum", "forum__chair", "plan", "presenter", "decided_by", "follows", "follows__forum")
        .first()
    )


@dataclass
class HearingView:
    hearing: Hearing
    plan: plan_queries.PlanView
    money: dict
    gaps: list[Gap]
    followed_by: list[Hearing]


def hearing_view(hearing: Hearing) -> HearingView:
    """A hearing with the plan it brings (its outcomes, who does what, and what the budget pays: read
    from plans), the gaps it raised and any later hearing that follows it."""
    plan = plan_queries.plan_for_page(hearing.person_id, hearing.plan_id)
    view = plan_queries.plan_view(plan)
    money = rules.what_the_budget_pays(plan.budget, plan.budget_per, view.totals.from_budget_a_year)
    gaps = [link.gap for link in ForumGap.objects.filter(hearing=hearing).select_related("gap", "gap__category")]
    later = list(Hearing.objects.filter(follows=hearing).select_related("forum"))
    return HearingView(hearing, view, money, gaps, later)


H, F = sql.table(Hearing), sql.table(Forum)
PERSONS_HEARINGS_SQL = f"""SELECT {sql.columns(Hearing, "h")}, {sql.columns(Forum, "f")}
                           FROM {H} h JOIN {F} f ON f.id = h.forum_id
                           WHERE h.person_id = %s ORDER BY f.held_on DESC, h.id DESC"""


def hearings_of(person_id: int) -> list[Hearing]:
    """The person's hearings with their forum, the latest first, in one read: on their page."""
    found = []
    for row in sql.fetch(PERSONS_HEARINGS_SQL, [person_id]):
        hearing = sql.instance(Hearing, row)
        hearing.forum = sql.instance(Forum, row, sql.width(Hearing))
        found.append(hearing)
    return found
