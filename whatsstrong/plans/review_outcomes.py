"""A review looks back at each personal outcome of the person's current plan (core.look_backs).

`assessments` may not import plans, so this registers a look-back source from PlansConfig.ready():
for a review of a person it offers "outcome:<id>" for each outcome of their current plan (agreed,
or else the latest), with the outcome's words as what it was then and its latest score; and a score
the review gives an outcome is added to that outcome's scores, marked as the review's
(services.score_add with review=, so saving the look again replaces it rather than adding another).
"""

from __future__ import annotations

from textwrap import shorten
from typing import Any

from django.db.models import Max
from django.utils import timezone

from whatsstrong.assessments.models import Conversation
from whatsstrong.core.look_backs import LookBack, Source

from . import services
from .models import OutcomeScore, PersonalOutcome
from .progress_queries import current_plan

PREFIX = "outcome"


def _outcome_id(key: str) -> int | None:
    prefix, _, rest = key.partition(":")
    return int(rest) if prefix == PREFIX and rest.isdigit() else None


def subjects(person_id: int, review_id: int | None, kept: set[str]) -> list[LookBack]:
    plan = current_plan(person_id)
    outcomes = list(PersonalOutcome.objects.filter(plan=plan)) if plan else []
    # Outcomes the review already looked back at stay with it, even after the plan moved on.
    earlier = {i for i in map(_outcome_id, kept) if i is not None} - {o.pk for o in outcomes}
    if earlier:
        outcomes += list(PersonalOutcome.objects.filter(person_id=person_id, pk__in=earlier))
    scores = OutcomeScore.objects.filter(outcome__in=[o.pk for o in outcomes])
    if review_id is not None:
        scores = scores.exclude(review_id=review_id)  # the latest before this review's own
    latest = {s.outcome_id: s for s in scores}  # oldest first, so the latest stays
    found = []
    for outcome in outcomes:
        words = shorten(outcome.text, 90, placeholder="…")
        score = latest.get(outcome.pk)
        found.append(
            LookBack(
                key=f"{PREFIX}:{outcome.pk}",
                label=f"Outcome: “{words}”",
                phrase=f"the outcome “{words}”",
                then=outcome.text,
                then_label="In the support plan",
                latest_score=score.score if score else None,
                latest_on=score.scored_on if score else None,
            )
        )
    return found


def scored(*, actor: Any, person: Any, review: Any, key: str, score: int | None, said: str = "") -> None:
    """The review's score for an outcome, dated the review's latest conversation (or today)."""
    outcome_id = _outcome_id(key)
    if outcome_id is None:
        return
    if score is None:
        services.review_score_withdraw(actor=actor, person=person, outcome_id=outcome_id, review=review)
        return
    talked = Conversation.objects.filter(assessment=review).aggregate(last=Max("happened_on"))["last"]
    day = talked or timezone.localdate()
    services.score_add(
        actor=actor, person=person, outcome_id=outcome_id, score=score, scored_on=day, said=said, review=review
    )


SOURCE = Source(prefix=PREFIX, noun="a personal outcome of the support plan", subjects=subjects, scored=scored)
