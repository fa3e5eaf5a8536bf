"""Reading support plans for pages: each page's joins in one place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from whatsstrong.assessments import rules as assessment_rules
from whatsstrong.assessments.models import Assessment

from . import rules, services
from .models import (
    Contribution,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)


def plans_of(person_id: int) -> list[SupportPlan]:
    """The person's plans, newest first, with their author."""
    return list(SupportPlan.objects.filter(person_id=person_id).select_related("author"))


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
    agreements: dict[int, NetworkAgreement]
    relied_on: dict[int, str]
    totals: rules.Totals
    steps: list[PlanSignOff]


KIND_LABELS = dict(Contribution.Kind.choices)


def plan_view(plan: SupportPlan) -> PlanView:
    """The plan page: outcomes with who does what grouped by kind, scores, agreements, money."""
    outcomes = list(PersonalOutcome.objects.filter(plan=plan))
    by_outcome: dict[int, list[Contribution]] = {o.pk: [] for o in outcomes}
    contributions = Contribution.objects.filter(plan=plan).select_related("network_member")
    for c in contributions:
        by_outcome[c.outcome_id].append(c)
    scores: dict[int, list[OutcomeScore]] = {o.pk: [] for o in outcomes}
    for s in OutcomeScore.objects.filter(outcome__plan=plan):
        scores[s.outcome_id].append(s)
    views = []
    for o in outcomes:
        parts = by_outcome[o.pk]
        groups = []
        for kind in rules.sorted_kinds(c.kind for c in parts):
            groups.append((kind, KIND_LABELS[kind], [c for c in parts if c.kind == kind]))
        views.append(OutcomeView(o, groups, scores[o.pk]))
    relied = {}
    for c in sorted(contributions, key=lambda c: c.network_member.name if c.network_member else ""):
        if c.kind == Contribution.Kind.NETWORK and c.network_member:
            relied[c.network_member_id] = c.network_member.name
    return PlanView(
        plan=plan,
        outcomes=views,
        agreements={a.network_member_id: a for a in NetworkAgreement.objects.filter(plan=plan)},
        relied_on=relied,
        totals=rules.totals((c.cost, c.cost_per, c.from_budget) for c in contributions),
        steps=list(PlanSignOff.objects.filter(plan=plan).select_related("actor")),
    )


def copy_content(plan: SupportPlan) -> tuple[dict, int, datetime.date | None]:
    """What the person's copy shows: the latest agreed version as it was agreed (content, number, the
    day agreed), even while the next is being written; before any is agreed, the plan as it stands,
    with no day."""
    agreed = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if agreed is not None:
        return agreed.content, agreed.number, timezone.localdate(agreed.agreed_at)
    return services.snapshot(plan), plan.edition, None
