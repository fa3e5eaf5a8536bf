"""Family group conference pages: the referral, the conference with its three stages, recording a
stage and moving on, the family action plan, and linking an action into the support plan.

Each page opens the person through core/gate.py and writes through services.py; the edit pages are
the shared record page (core/record_pages.py), drawn by plans/conference_form.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page
from whatsstrong.people.models import NetworkMember

from . import rules, services
from .forms_conference import MOVE_ON, NOTES, ORDER, ActionForm, LinkForm, ReferForm, StageForm, next_stage
from .models import Contribution, FamilyAction, FamilyGroupConference, PersonalOutcome, SupportPlan

FORM = "plans/conference_form.html"
Stage = FamilyGroupConference.Stage
# The three stages of the meeting itself, as the conference page shows them.
STAGES = (Stage.INFORMATION, Stage.PRIVATE_TIME, Stage.AGREEING)
NOTHING_TO_LINK = (
    "No support plan is being written, so there is nothing to put this in yet. "
    "Start a support plan, or start changes to the agreed one, first."
)


def _members(person):
    """The people in the person's network who could be there, closest first."""
    return list(NetworkMember.objects.filter(person=person, has_died=False))


def _conference(person, conference_id):
    return get_object_or_404(
        FamilyGroupConference.objects.select_related("referred_by", "plan"), pk=conference_id, person=person
    )


@dataclass
class ActionRow:
    action: FamilyAction
    # Where it is in the support plan: (plan, outcome) once linked, else None.
    linked: tuple[SupportPlan, PersonalOutcome] | None


def _actions(conference) -> list[ActionRow]:
    actions = list(conference.actions.select_related("network_member"))
    linked = {
        c.family_action_id: (c.plan, c.outcome)
        for c in Contribution.objects.filter(family_action__in=actions).select_related("plan", "outcome")
    }
    return [ActionRow(a, linked.get(a.pk)) for a in actions]


def _state(conference, stage):
    """Done, now or to come, for one of the three stages."""
    at, this = ORDER.index(conference.stage), ORDER.index(stage)
    return "done" if at > this else "now" if at == this else "to come"


@login_required
def refer(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    made = {}

    def make_form(data, **more):
        plans = SupportPlan.objects.filter(person=person)
        return ReferForm(data, name=person.known_as, members=_members(person), plans=plans)

    def save(form):
        made["conference"] = services.conference_add(
            actor=request.user, person=person, data=form.data_for_service(), invited=form.cleaned_data["invited"]
        )

    response = record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Refer to a family group conference",
        saved="Referral made.",
        template=FORM,
        extra={"lead": f"A family group conference is {person.known_as}'s own meeting of family and friends."},
    )
    return redirect(made["conference"]) if "conference" in made else response


@login_required
def conference(request, pk, conference_id):
    person = open_person_page(request, pk)
    found = _conference(person, conference_id)
    return render(
        request,
        "plans/conference.html",
        {
            "person": person,
            "c": found,
            "invited": list(found.invited.all()),
            "actions": _actions(found),
            "stages": [(s, FamilyGroupConference.Stage(s).label, _state(found, s)) for s in STAGES],
            "notes": NOTES,
            "can_edit": access.can_edit(request.user, person),
            "move_on": MOVE_ON,
        },
    )


@login_required
def change(request, pk, conference_id):
    person = open_person_page(request, pk, for_edit=True)
    found = _conference(person, conference_id)
    initial = {
        "reason": found.reason,
        "invited": [m.pk for m in found.invited.all()],
        "invited_others": found.invited_others,
        "meeting_on": found.meeting_on,
        "meeting_place": found.meeting_place,
        "coordinator": found.coordinator,
        "plan": found.plan_id,
        "version": found.version,
    }

    def make_form(data, **more):
        plans = SupportPlan.objects.filter(person=person)
        return ReferForm(data, name=person.known_as, members=_members(person), plans=plans, initial=initial)

    def save(form):
        services.conference_save(
            actor=request.user,
            person=person,
            conference_id=found.pk,
            data=form.data_for_service(),
            expected_version=form.cleaned_data["version"],
            invited=form.cleaned_data["invited"],
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Change the referral",
        saved="Referral changed.",
        done_url=found.get_absolute_url(),
        template=FORM,
    )


@login_required
def stage(request, pk, conference_id):
    """Record what happened at the current stage, and move on to the next when it is done."""
    person = open_person_page(request, pk, for_edit=True)
    found = _conference(person, conference_id)
    actions = list(found.actions.all())
    initial = {"version": found.version, "review_on": found.review_on}
    if found.stage in NOTES:
        initial[NOTES[found.stage][0]] = getattr(found, NOTES[found.stage][0])

    def make_form(data, **more):
        return StageForm(data, conference=found, actions=actions, initial=initial)

    def save(form):
        services.conference_save(
            actor=request.user,
            person=person,
            conference_id=found.pk,
            data=form.data_for_service(),
            expected_version=form.cleaned_data["version"],
        )

    label = Stage(found.stage).label
    buttons = [("", "Save")] if found.stage in NOTES or found.stage in (Stage.AGREEING, Stage.DONE) else []
    if found.stage in MOVE_ON:
        buttons.append(("1", MOVE_ON[found.stage]))
    after = next_stage(found.stage) if request.method == "POST" and request.POST.get("move_on") else None
    if after is None or found.stage not in MOVE_ON:
        saved = "Saved."
    elif after == Stage.DONE:
        saved = "The family's plan is agreed."
    else:
        saved = f"Moved on to {Stage(after).label.lower()}."
    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading=f"Family group conference: {label.lower()}",
        saved=saved,
        done_url=found.get_absolute_url(),
        template=FORM,
        extra={"buttons": buttons},
    )


@login_required
def action_add(request, pk, conference_id):
    person = open_person_page(request, pk, for_edit=True)
    found = _conference(person, conference_id)

    def make_form(data, **more):
        return ActionForm(data, name=person.known_as, members=_members(person))

    def save(form):
        services.family_action_add(
            actor=request.user, person=person, conference_id=found.pk, data=form.data_for_service()
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Add to the family's plan",
        saved="Added to the family's plan.",
        done_url=found.get_absolute_url() + "#family-plan",
        template=FORM,
    )


def _outcomes_to_link(person, conference):
    """Outcomes of the person's plans being written (an agreed plan changes only in its next version),
    the plan the conference feeds first."""
    outcomes = PersonalOutcome.objects.filter(person=person, plan__status__in=rules.EDITABLE).select_related("plan")
    return sorted(outcomes, key=lambda o: (o.plan_id != conference.plan_id, -o.plan_id, o.position, o.pk))


@login_required
def action_link(request, pk, conference_id, action_id):
    person = open_person_page(request, pk, for_edit=True)
    found = _conference(person, conference_id)
    action = get_object_or_404(FamilyAction, pk=action_id, conference=found)
    if Contribution.objects.filter(family_action=action).exists():
        messages.info(request, "This action is already in the support plan.")
        return redirect(found.get_absolute_url() + "#family-plan")
    outcomes = _outcomes_to_link(person, found)
    if not outcomes:
        messages.info(request, NOTHING_TO_LINK)
        return redirect(found.get_absolute_url() + "#family-plan")

    def make_form(data, **more):
        return LinkForm(data, outcomes=outcomes)

    def save(form):
        try:
            services.family_action_link(
                actor=request.user, person=person, action_id=action.pk, outcome_id=form.cleaned_data["outcome"]
            )
        except PermissionDenied as refusal:  # the plan was sent for sign-off a moment ago
            raise ValidationError({"outcome": str(refusal)}) from None

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Put this action in the support plan",
        saved="Put in the support plan.",
        done_url=found.get_absolute_url() + "#family-plan",
        template=FORM,
        extra={"action": action, "buttons": [("", "Put it in the plan")]},
    )
