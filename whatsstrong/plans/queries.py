"""Reading support plans for pages: each page's joins in one place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from whatsstrong.assessments import rules as assessment_rules
from whatsstrong.assessments.models import Assessment
from whatsstrong.core import sql
from whatsstrong.core.models import User
from whatsstrong.directory.models import Service
from whatsstrong.people.models import NetworkMember

from . import rules, services
from .models import (
    Contribution,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)


def plans_of(person_id: int) -> list[SupportPlan]:
    """The person's plans, newest first, with their author. The person's page shows them, so explicit
    SQL (core/sql.py) in the order of `plan_person_idx`."""
    plans = []
    for row in sql.fetch(PLANS_SQL, [person_id]):
        plan = sql.instance(SupportPlan, row)
        plan.author = sql.instance(User, row, sql.width(SupportPlan))
        plans.append(plan)
    return plans


def hand_overs(person_id: int) -> list[Assessment]:
    """Signed-off fuller assessments a new plan may start from, newest first."""
    return list(
        Assessment.objects.filter(
            person_id=person_id, kind__in=assessment_rules.FULLER_KINDS, status=Assessment.Status.AUTHORISED
        ).order_by("-started_at", "-pk")
    )


@dataclass
class OutcomeView:
    outcome: PersonalOutcome
    # (kind, label, contributions) in the order the plan shows them; kinds with none are left out.
    groups: list[tuple[str, str, list[Contribution]]] = field(default_factory=list)
    scores: list[OutcomeScore] = field(default_factory=list)

    @property
    def latest(self) -> OutcomeScore | None:
        return self.scores[-1] if self.scores else None


@dataclass
class PlanView:
    plan: SupportPlan
    outcomes: list[OutcomeView]
    # The agreements of the people it relies on (relied_on), by network member.
    agreements: dict[int, NetworkAgreement]
    relied_on: dict[int, str]
    totals: rules.Totals
    steps: list[PlanSignOff]
    # The family group conferences that feed the plan, newest first (for `_copy_links.html`).
    conferences: list[FamilyGroupConference] = field(default_factory=list)


KIND_LABELS = dict(Contribution.Kind.choices)

# The plan page is opened all day, so its reads are explicit SQL (core/sql.py): compiling five
# querysets cost more than the database's answers. Rows come back as the models the page expects.
OUTCOMES, PARTS, MEMBERS = sql.table(PersonalOutcome), sql.table(Contribution), sql.table(NetworkMember)
S, A, F, U = sql.table(OutcomeScore), sql.table(NetworkAgreement), sql.table(PlanSignOff), sql.table(User)
# Each contribution with its network member and that member's agreement to the plan, if any.
PARTS_SQL = f"""SELECT {sql.columns(PersonalOutcome, "o")}, {sql.columns(Contribution, "c")},
                       {sql.columns(NetworkMember, "m")}, {sql.columns(NetworkAgreement, "a")}
                FROM {OUTCOMES} o LEFT JOIN {PARTS} c ON c.outcome_id = o.id
                     LEFT JOIN {MEMBERS} m ON m.id = c.network_member_id
                     LEFT JOIN {A} a ON a.plan_id = o.plan_id AND a.network_member_id = c.network_member_id
                WHERE o.plan_id = %s ORDER BY o.position, o.id, c.position, c.id"""
SCORES_SQL = f"""SELECT {sql.columns(OutcomeScore, "s")} FROM {S} s
                 WHERE s.outcome_id IN ({{outcomes}}) ORDER BY s.scored_on, s.id"""
STEPS_SQL = f"""SELECT {sql.columns(PlanSignOff, "f")}, {sql.columns(User, "u")}
                FROM {F} f JOIN {U} u ON u.id = f.actor_id WHERE f.plan_id = %s ORDER BY f.at, f.id"""
CONFERENCES_SQL = f"""SELECT {sql.columns(FamilyGroupConference, "g")} FROM {sql.table(FamilyGroupConference)} g
                      WHERE g.plan_id = %s ORDER BY g.referred_on DESC, g.id DESC"""
OUTCOME_WIDTH, PART_WIDTH, MEMBER_WIDTH = sql.width(PersonalOutcome), sql.width(Contribution), sql.width(NetworkMember)


PLANS_SQL = f"""SELECT {sql.columns(SupportPlan, "p")}, {sql.columns(User, "u")}
                FROM {sql.table(SupportPlan)} p JOIN {sql.table(User)} u ON u.id = p.author_id
                WHERE p.person_id = %s ORDER BY p.started_at DESC, p.id DESC"""
PLAN_SQL = f"""SELECT {sql.columns(SupportPlan, "p")}, {sql.columns(User, "u")}, {sql.columns(Assessment, "a")}
               FROM {sql.table(SupportPlan)} p JOIN {U} u ON u.id = p.author_id
                    LEFT JOIN {sql.table(Assessment)} a ON a.id = p.assessment_id
               WHERE p.id = %s AND p.person_id = %s"""


def plan_for_page(person_id: int, plan_id: int) -> SupportPlan | None:
    """The person's plan with its author and the assessment it starts from, in one read; None when the
    person has no such plan. The plan page's `get_object_or_404` with `select_related` does the same
    through a queryset, which costs about 0.4 ms more to compile."""
    rows = sql.fetch(PLAN_SQL, [plan_id, person_id]) if 0 < plan_id < 2**63 else []
    if not rows:
        return None
    plan = sql.instance(SupportPlan, rows[0])
    plan.author = sql.instance(User, rows[0], sql.width(SupportPlan))
    if plan.assessment_id is not None:
        plan.assessment = sql.instance(Assessment, rows[0], sql.width(SupportPlan) + sql.width(User))
    return plan


def _parts(plan_id: int) -> tuple[list[PersonalOutcome], dict[int, list[Contribution]], dict[int, NetworkAgreement]]:
    outcomes, by_outcome, agreements = {}, {}, {}
    for row in sql.fetch(PARTS_SQL, [plan_id]):
        outcome_id = row[0]
        if outcome_id not in outcomes:
            outcomes[outcome_id] = sql.instance(PersonalOutcome, row)
            by_outcome[outcome_id] = []
        if row[OUTCOME_WIDTH] is None:
            continue  # an outcome nobody has been named for yet
        part = sql.instance(Contribution, row, OUTCOME_WIDTH)
        if part.network_member_id is not None:
            part.network_member = sql.instance(NetworkMember, row, OUTCOME_WIDTH + PART_WIDTH)
            agreed_at = OUTCOME_WIDTH + PART_WIDTH + MEMBER_WIDTH
            if row[agreed_at] is not None and part.network_member_id not in agreements:
                agreements[part.network_member_id] = sql.instance(NetworkAgreement, row, agreed_at)
        by_outcome[outcome_id].append(part)
    return list(outcomes.values()), by_outcome, agreements


def _scores(outcome_ids: list[int]) -> dict[int, list[OutcomeScore]]:
    scores: dict[int, list[OutcomeScore]] = {pk: [] for pk in outcome_ids}
    if outcome_ids:
        placeholders = ", ".join(["%s"] * len(outcome_ids))
        for row in sql.fetch(SCORES_SQL.format(outcomes=placeholders), outcome_ids):
            score = sql.instance(OutcomeScore, row)
            scores[score.outcome_id].append(score)
    return scores


def _steps(plan_id: int) -> list[PlanSignOff]:
    steps = []
    for row in sql.fetch(STEPS_SQL, [plan_id]):
        step = sql.instance(PlanSignOff, row)
        step.actor = sql.instance(User, row, sql.width(PlanSignOff))
        steps.append(step)
    return steps


def plan_view(plan: SupportPlan) -> PlanView:
    """The plan page: outcomes with who does what grouped by kind, scores, agreements, money, sign-off
    steps and the family group conferences feeding it; in four queries."""
    outcomes, by_outcome, agreements = _parts(plan.pk)
    scores = _scores([o.pk for o in outcomes])
    views = []
    for o in outcomes:
        parts = by_outcome[o.pk]
        groups = []
        for kind in rules.sorted_kinds(c.kind for c in parts):
            groups.append((kind, KIND_LABELS[kind], [c for c in parts if c.kind == kind]))
        views.append(OutcomeView(o, groups, scores[o.pk]))
    contributions = [c for o in outcomes for c in by_outcome[o.pk]]
    _with_services(contributions)
    relied = {}
    for c in sorted(contributions, key=lambda c: c.network_member.name if c.network_member else ""):
        if c.kind == Contribution.Kind.NETWORK and c.network_member:
            relied[c.network_member_id] = c.network_member.name
    return PlanView(
        plan=plan,
        outcomes=views,
        agreements=agreements,
        relied_on=relied,
        totals=rules.totals((c.cost, c.cost_per, c.from_budget) for c in contributions),
        steps=_steps(plan.pk),
        conferences=[sql.instance(FamilyGroupConference, row) for row in sql.fetch(CONFERENCES_SQL, [plan.pk])],
    )


def _with_services(contributions: list[Contribution]) -> None:
    """The directory services named by community contributions, with their organisation, in one read
    (none when nothing names one)."""
    ids = {c.service_id for c in contributions if c.service_id}
    found = Service.objects.select_related("organisation").in_bulk(ids) if ids else {}
    for c in contributions:
        if c.service_id:
            c.service = found[c.service_id]


def copy_content(plan: SupportPlan) -> tuple[dict, int, datetime.date | None]:
    """What the person's copy shows: the latest agreed version as it was agreed (content, number, the
    day agreed), even while the next is being written; before any is agreed, the plan as it stands,
    with no day."""
    agreed = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if agreed is not None:
        return agreed.content, agreed.number, timezone.localdate(agreed.agreed_at)
    return services.snapshot(plan), plan.edition, None


PERSONS_CONFERENCES_SQL = f"""SELECT {sql.columns(FamilyGroupConference, "g")} FROM {sql.table(FamilyGroupConference)} g
                              WHERE g.person_id = %s ORDER BY g.referred_on DESC, g.id DESC"""


def conferences_of(person_id: int) -> list[FamilyGroupConference]:
    """The person's family group conferences, newest first: on their page, so explicit SQL."""
    return [sql.instance(FamilyGroupConference, row) for row in sql.fetch(PERSONS_CONFERENCES_SQL, [person_id])]
