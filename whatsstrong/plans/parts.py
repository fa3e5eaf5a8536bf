"""What support plans add to the person's page, its next steps and the history of their record
(core.record_parts)."""

from textwrap import shorten

from django.urls import reverse

from whatsstrong.assessments.queries import wellbeing_areas
from whatsstrong.core.history import Entry, by_whom, entries_for
from whatsstrong.core.record_parts import TOP, RecordPart
from whatsstrong.people.models import NetworkMember

from . import rules
from .models import (
    ChangeStage,
    Contribution,
    FamilyAction,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    SupportPlan,
)
from .queries import plans_of


def _plans(request, person):
    """The person's plans, read once for the page's list and its next step."""
    kept = request.__dict__.setdefault("_plans_of", {})
    if person.pk not in kept:
        kept[person.pk] = plans_of(person.pk)
    return kept[person.pk]


def page_context(request, person, can_edit):
    return {"plans": _plans(request, person), "can_edit": can_edit}


def actions(request, person, can_edit):
    """Carry on with a plan being written, or start one."""
    if not can_edit:
        return []
    open_plan = next((p.pk for p in _plans(request, person) if rules.editable(p.status)), None)
    if open_plan is not None:
        return [("Carry on with the support plan", reverse("plans:plan", args=[person.pk, open_plan]))]
    return [("Start a support plan", reverse("plans:start", args=[person.pk]))]


def _plan(plan_id):
    return f"Support plan (number {plan_id})"


def _short(text, width=60):
    return shorten(text or "", width, placeholder="…")


def _money(entries, labels):
    """Amounts of money in the changes as people write them (£1,250.00), not as stored (1250.00)."""
    for entry in entries:
        entry.changes = [
            (label, *(rules.pounds(v) if label in labels and v not in (None, "") else v for v in (before, after)))
            for label, before, after in entry.changes
        ]
    return entries


def _areas(entries):
    names = {a["code"]: a["label"] for a in wellbeing_areas()}
    for entry in entries:
        entry.changes = [
            (label, *("; ".join(names.get(c, c) for c in v) if isinstance(v, list) else v for v in (before, after)))
            for label, before, after in entry.changes
        ]
    return entries


def _removed(history, describe):
    """An entry for each row removed (entries_for shows additions and changes)."""
    return [
        Entry(
            row.history_date,
            by_whom(row),
            describe(row),
            "Removed",
            [("What they were to do", "", _short(row.what, 300))],
        )
        for row in history.filter(history_type="-").select_related("history_user")
    ]


def history(person):
    pid = person.pk
    outcomes = dict(PersonalOutcome.objects.filter(person_id=pid).values_list("pk", "text"))
    members = dict(NetworkMember.objects.filter(person_id=pid).values_list("pk", "name"))
    kinds = dict(Contribution.Kind.choices)

    def of_outcome(outcome_id):
        return f"outcome “{_short(outcomes.get(outcome_id, 'since removed'))}”"

    def contribution(row):
        plan = _plan(row.plan_id)
        if row.kind == Contribution.Kind.SELF:
            who = "themselves"
        else:
            who = members.get(row.network_member_id) or row.who or kinds.get(row.kind, row.kind)
        return f"{plan}: who does what for the {of_outcome(row.outcome_id)}, {who}"

    entries = entries_for(SupportPlan.history.filter(person_id=pid), SupportPlan, lambda row: _plan(row.id))
    entries = _money(entries, {"Personal budget, in pounds"})
    entries += _areas(
        entries_for(
            PersonalOutcome.history.filter(person_id=pid),
            PersonalOutcome,
            lambda row: f"{_plan(row.plan_id)}: outcome “{_short(row.text)}”",
        )
    )
    rows = Contribution.history.filter(person_id=pid)
    entries += _money(entries_for(rows, Contribution, contribution), {"Cost, in pounds"})
    entries += _removed(rows, contribution)
    entries += entries_for(
        NetworkAgreement.history.filter(person_id=pid),
        NetworkAgreement,
        lambda row: (
            f"{_plan(row.plan_id)}: agreement of {members.get(row.network_member_id, 'someone in their network')}"
        ),
    )
    entries += entries_for(
        OutcomeScore.history.filter(person_id=pid),
        OutcomeScore,
        lambda row: f"Score for the {of_outcome(row.outcome_id)}",
    )
    entries += entries_for(
        ChangeStage.history.filter(person_id=pid),
        ChangeStage,
        lambda row: f"Stage of change for the {of_outcome(row.outcome_id)}",
    )
    entries += entries_for(
        FamilyGroupConference.history.filter(person_id=pid),
        FamilyGroupConference,
        lambda row: f"Family group conference (number {row.id})",
    )
    entries += entries_for(
        FamilyAction.history.filter(person_id=pid),
        FamilyAction,
        lambda row: f"Family group conference (number {row.conference_id}): action “{_short(row.what)}”",
    )
    for step in PlanSignOff.objects.filter(person_id=pid).select_related("actor"):
        changes = [("Comments", "", step.comment)] if step.comment else []
        entries.append(Entry(step.at, step.actor.display_name, _plan(step.plan_id), step.get_action_display(), changes))
    return entries


PART = RecordPart(
    name="plans",
    order=30,
    place=TOP,
    template="plans/person_plans.html",
    context=page_context,
    actions=actions,
    history=history,
)
