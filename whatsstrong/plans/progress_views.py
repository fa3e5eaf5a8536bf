"""Progress pages: an outcome's scaling scores, charts of them and of the wellbeing areas, and the
motivational interviewing helper for an outcome that asks for change. Each opens the person through
core/gate.py, reads through progress_queries.py and writes through services.py."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from markupsafe import Markup

from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page

from . import charts, progress_queries, services, stages
from .models import PersonalOutcome, SupportPlan
from .progress_forms import ScoreForm, StageForm


def _plan(person, plan_id):
    return get_object_or_404(SupportPlan, pk=plan_id, person=person)


def _outcome(person, plan_id, oid):
    return get_object_or_404(PersonalOutcome.objects.select_related("plan"), pk=oid, plan_id=plan_id, person=person)


def _progress_url(person, plan_id, outcome=None):
    url = reverse("plans:progress", args=[person.pk, plan_id])
    return f"{url}#outcome-{outcome.pk}-progress" if outcome else url


@login_required
def progress(request, pk, plan_id):
    """Every outcome's scores as a chart and a table, and the nine wellbeing areas at a glance."""
    person = open_person_page(request, pk)
    plan = _plan(person, plan_id)
    found = progress_queries.progress_of(plan)
    outcomes = [
        (
            op,
            Markup(
                charts.line_chart(
                    [(s.scored_on, s.score) for s in op.scores],
                    chart_id=f"outcome-{op.outcome.pk}-chart",
                    title=f"Scores over time for the outcome: {op.outcome.text}",
                )
            ),
        )
        for op in found.outcomes
    ]
    overview = Markup(
        charts.bar_chart(
            found.bars,
            chart_id="wellbeing-chart",
            title="The average latest score of the outcomes in each wellbeing area",
        )
    )
    return render(
        request,
        "plans/progress.html",
        {
            "person": person,
            "p": plan,
            "progress": found,
            "outcomes": outcomes,
            "overview": overview,
            "can_edit": access.can_edit(request.user, person),
        },
    )


@login_required
def score_add(request, pk, plan_id, oid):
    """A scaling score for an outcome, with the date and what the person said about it."""
    person = open_person_page(request, pk, for_edit=True)
    outcome = _outcome(person, plan_id, oid)

    def save(form):
        services.score_add(
            actor=request.user,
            person=person,
            outcome_id=outcome.pk,
            score=form.cleaned_data["score"],
            scored_on=form.cleaned_data["scored_on"],
            said=form.cleaned_data["said"],
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: ScoreForm(data, **more),
        save=save,
        heading="Record a score",
        saved="Score recorded.",
        draft_key=f"person:{person.pk}:plan:{plan_id}:outcome:{outcome.pk}:score",
        done_url=_progress_url(person, plan_id, outcome),
        extra={"lead": f"For the outcome: {outcome.text}"},
    )


@login_required
def stage(request, pk, plan_id, oid):
    """Where the person is in the cycle of change for an outcome, the way they came, and what helps
    now. Anyone who may read the record sees it; those who may change it can record a new stage."""
    person = open_person_page(request, pk, for_edit=request.method == "POST")
    outcome = _outcome(person, plan_id, oid)
    if not outcome.asks_for_change:
        raise Http404("Stages of change are for an outcome that asks for a change.")
    history = progress_queries.stage_history(outcome)
    current = history[-1].stage if history else None
    lead, not_when = stages.not_when()
    extra = {
        "p": outcome.plan,
        "outcome": outcome,
        "history": history,
        "current": current,
        "guide": stages.guide(current.stage) if current else None,
        "descriptions": {g.code: g.description for g in stages.guides()},
        "not_when_lead": lead,
        "not_when": not_when,
        "change_talk": stages.change_talk(),
        "source": stages.source(),
        "progress_url": _progress_url(person, plan_id, outcome),
    }
    heading = "Stage of change"
    if not access.can_edit(request.user, person):
        context = {"person": person, "form": None, "heading": heading, "conflict": None, "draft": None}
        return render(request, "plans/stage.html", {**context, "draft_key": None, **extra})

    def save(form):
        services.stage_add(
            actor=request.user,
            person=person,
            outcome_id=outcome.pk,
            stage=form.cleaned_data["stage"],
            noted_on=form.cleaned_data["noted_on"],
            note=form.cleaned_data["note"],
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: StageForm(data, **more),
        save=save,
        heading=heading,
        saved="Stage of change recorded.",
        draft_key=f"person:{person.pk}:plan:{plan_id}:outcome:{outcome.pk}:stage",
        done_url=reverse("plans:stage", args=[person.pk, plan_id, outcome.pk]),
        extra=extra,
        template="plans/stage.html",
    )
