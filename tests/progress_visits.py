"""The progress pages of support plans for tests/test_every_page_html.py: progress with its charts,
recording a score, the stage of change, each form after a bad submission, and a review looking back
at a plan's outcome. The plan is made on first use from the world fixture's Peggy."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

from tests import assessment_visits

DAY = datetime.timedelta(days=1)


def progress(w):
    """Alice's plan for Peggy: an outcome with three scores, and one asking for change with two stages."""
    if not hasattr(w, "progress"):
        from whatsstrong.plans import services

        alice, peggy, today = w.staff["alice"], w.peggy, datetime.date.today()
        plan = services.plan_start(actor=alice, person=peggy)
        garden = services.outcome_add(
            actor=alice, person=peggy, plan_id=plan.pk, data={"text": "Back in my garden", "wellbeing": ["b", "e"]}
        )
        for score, days_ago in ((3, 90), (5, 40), (7, 3)):
            services.score_add(
                actor=alice, person=peggy, outcome_id=garden.pk, score=score, scored_on=today - days_ago * DAY
            )
        drink = services.outcome_add(
            actor=alice,
            person=peggy,
            plan_id=plan.pk,
            data={"text": "Drink less", "wellbeing": ["b"], "asks_for_change": True},
        )
        for stage, days_ago in (("contemplation", 30), ("decision", 5)):
            services.stage_add(
                actor=alice, person=peggy, outcome_id=drink.pk, stage=stage, noted_on=today - days_ago * DAY
            )
        w.progress = SimpleNamespace(plan=plan, garden=garden, drink=drink)
    return w.progress


def at(name, outcome=None):
    def build(w):
        p = progress(w)
        args = [w.peggy.pk, p.plan.pk] + ([getattr(p, outcome).pk] if outcome else [])
        return reverse(f"plans:{name}", args=args)

    return build


def outcome_look(w):
    """The look back at the garden outcome in Peggy's review (assessment_visits makes the review)."""
    p = progress(w)
    review = assessment_visits.assessments(w).review
    return reverse("assessments:review_look", args=[w.peggy.pk, review.pk, f"outcome-{p.garden.pk}"])


def visits(Visit):
    today = datetime.date.today()
    return [
        Visit("plan-progress", "plans:progress", "alice", at("progress"), shows="Wellbeing areas as a table"),
        Visit("plan-progress-reader", "plans:progress", "bob", at("progress"), shows="Scores as a table"),
        Visit("plan-score", "plans:score_add", "alice", at("score_add", "garden"), shows="Back in my garden"),
        Visit(
            "plan-score-errors",
            "plans:score_add",
            "alice",
            at("score_add", "garden"),
            errors=True,
            post=lambda w: {"score": "11", "scored_on_0": "", "scored_on_1": "", "scored_on_2": "", "said": "Kept"},
            shows="Enter a score from 1 to 10",
        ),
        Visit("plan-stage", "plans:stage", "alice", at("stage", "drink"), shows="Now: Decided to change"),
        Visit("plan-stage-reader", "plans:stage", "bob", at("stage", "drink"), shows="What to avoid"),
        Visit(
            "plan-stage-errors",
            "plans:stage",
            "alice",
            at("stage", "drink"),
            errors=True,
            post=lambda w: {
                "noted_on_0": str(today.day),
                "noted_on_1": str(today.month),
                "noted_on_2": str(today.year),
                "note": "Kept",
            },
            shows="Choose the stage that fits best",
        ),
        Visit("review-look-outcome", "assessments:review_look", "alice", outcome_look, shows="In the support plan"),
    ]
