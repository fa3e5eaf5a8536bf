"""Reading progress for pages: each outcome's scores and stage of change, the wellbeing overview,
and the plan a review looks back at. Kept apart from queries.py, which reads the plan itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from whatsstrong.assessments.queries import wellbeing_areas

from . import charts
from .models import ChangeStage, OutcomeScore, PersonalOutcome, SupportPlan


def current_plan(person_id: int) -> SupportPlan | None:
    """The plan a review looks back at: the agreed one, or else the latest."""
    plans = SupportPlan.objects.filter(person_id=person_id).order_by("-started_at", "-pk")
    return plans.filter(status=SupportPlan.Status.AGREED).first() or plans.first()


@dataclass
class OutcomeProgress:
    outcome: PersonalOutcome
    scores: list[OutcomeScore] = field(default_factory=list)  # oldest first
    stage: ChangeStage | None = None  # the current stage, for an outcome that asks for change

    @property
    def latest(self) -> OutcomeScore | None:
        return self.scores[-1] if self.scores else None


@dataclass
class Progress:
    plan: SupportPlan
    outcomes: list[OutcomeProgress]
    bars: list[charts.Bar]


def progress_of(plan: SupportPlan) -> Progress:
    """Every outcome of the plan with its scores (and who gave them) and current stage, and the
    wellbeing overview from the latest scores: three queries."""
    outcomes = {o.pk: OutcomeProgress(o) for o in PersonalOutcome.objects.filter(plan=plan)}
    for score in OutcomeScore.objects.filter(outcome__plan=plan).select_related("recorded_by"):
        outcomes[score.outcome_id].scores.append(score)
    for stage in ChangeStage.objects.filter(outcome__plan=plan):
        outcomes[stage.outcome_id].stage = stage  # in date order, so the last one stays
    found = list(outcomes.values())
    latest = [(p.outcome.wellbeing, p.latest.score if p.latest else None) for p in found]
    return Progress(plan, found, charts.bars([(a["code"], a["label"]) for a in wellbeing_areas()], latest))


@dataclass(frozen=True)
class StageRow:
    """One row of an outcome's stage history, with the stage before it when it was a move."""

    stage: ChangeStage
    moved_from: str | None


def stage_history(outcome: PersonalOutcome) -> list[StageRow]:
    """The outcome's stages, oldest first, each with the stage it moved on from (None for the first,
    and for the same stage noted again)."""
    rows, before = [], None
    for stage in ChangeStage.objects.filter(outcome=outcome).select_related("recorded_by"):
        moved = before.get_stage_display() if before is not None and before.stage != stage.stage else None
        rows.append(StageRow(stage, moved))
        before = stage
    return rows
