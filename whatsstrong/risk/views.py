"""Pages for positive risk assessments and the risk enablement panel.

Pages about one person open them through core/gate.py and write through services.py; their forms are
the shared record page (core/record_pages.py) drawn by risk/form.html. Panel pages that are about no
one person (the coordinator's lists, a panel meeting) are for coordinators only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from whatsstrong.core import access
from whatsstrong.core.forms import with_version
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page, show_refusal
from whatsstrong.core.records import EditConflict

from . import queries, rules, services
from .forms import (
    ActionForm,
    AgreeForm,
    AssessmentForm,
    CapacityForm,
    DecisionForm,
    DoneForm,
    PanelForm,
    RecordForm,
    ReferForm,
    RiskForm,
    ScheduleForm,
)
from .models import Panel, PanelAction, PanelReferral, Risk, RiskAssessment

FORM = "risk/form.html"
DECISION_STAYS = (
    "The panel gives advice and recommendations. It does not decide. The decision stays with the "
    "practitioner and their manager, who record it and their reasons on this referral after the panel."
)


def _found(get, *args):
    try:
        return get(*args)
    except (RiskAssessment.DoesNotExist, PanelReferral.DoesNotExist, Panel.DoesNotExist):
        raise Http404("Not found.") from None


def _version(form):
    return form.cleaned_data.get("version")


def _form_page(request, person, *, make_form, save, heading, saved, done_url, made=None, **extra):
    response = record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading=heading,
        saved=saved,
        done_url=done_url,
        template=FORM,
        extra=extra,
    )
    if made and "record" in made:
        return redirect(made["record"])
    return response


# --- Positive risk assessments ------------------------------------------------------------------------


@login_required
def assessment_add(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    made = {}

    def make_form(data, **more):
        return AssessmentForm(data, name=person.known_as, **more)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        made["record"] = services.assessment_start(actor=request.user, person=person, data=data)

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Write a positive risk assessment",
        saved="Positive risk assessment started.",
        done_url=None,
        made=made,
        lead=(
            f"Start from what {person.known_as} wants to do and what they gain from it. "
            "Then add each risk, as they see it and as you do."
        ),
    )


@login_required
def assessment(request, pk, assessment_id):
    person = open_person_page(request, pk)
    found = _found(queries.assessment, person, assessment_id)
    risks = queries.risks_of(found.pk)
    return render(
        request,
        "risk/assessment.html",
        {
            "person": person,
            "a": found,
            "risks": risks,
            "scale_label": rules.scale_label,
            "views_differ": lambda r: rules.views_differ(r.__dict__),
            "can_edit": access.can_edit(request.user, person) and found.status == RiskAssessment.Status.DRAFT,
            "can_refer": access.can_edit(request.user, person),
            "referrals": list(found.referrals.all()),
            "reviews": list(found.reviews.order_by("pk")),
            "can_review": (
                access.can_edit(request.user, person)
                and found.status == RiskAssessment.Status.AGREED
                and not found.reviews.exists()
            ),
        },
    )


@login_required
@require_POST
def assessment_review(request, pk, assessment_id):
    """Reopen an agreed assessment for review: a new version to write, the agreed one kept as it was
    (see services.assessment_reopen for why)."""
    person = open_person_page(request, pk, for_edit=True)
    found = _found(queries.assessment, person, assessment_id)
    try:
        review = services.assessment_reopen(actor=request.user, person=person, assessment_id=found.pk)
    except ValidationError as refusal:
        messages.info(request, " ".join(refusal.messages))
        return redirect(found)
    messages.success(request, "Review started: a new version to change. The agreed one is kept as it was.")
    return redirect(review)


def _open_draft(request, pk, assessment_id):
    person = open_person_page(request, pk, for_edit=True)
    found = _found(queries.assessment, person, assessment_id)
    if found.status != RiskAssessment.Status.DRAFT:
        messages.info(request, services.AGREED)
        return person, found, redirect(found)
    return person, found, None


@login_required
def assessment_change(request, pk, assessment_id):
    person, found, agreed = _open_draft(request, pk, assessment_id)
    if agreed:
        return agreed
    fields = ("decision", "their_view", "benefits_to_them", "benefits_to_others", "keeping_benefits", "review_on")
    initial = {f: getattr(found, f) for f in fields} | {"version": found.version}

    def make_form(data, **more):
        return AssessmentForm(data, name=person.known_as, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.assessment_save(
            actor=request.user, person=person, assessment_id=found.pk, data=data, expected_version=_version(form)
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Change the positive risk assessment",
        saved="Saved.",
        done_url=found.get_absolute_url(),
    )


@login_required
def capacity(request, pk, assessment_id):
    person, found, agreed = _open_draft(request, pk, assessment_id)
    if agreed:
        return agreed
    fields = ("capacity", *rules.BEST_INTERESTS)
    initial = {f: getattr(found, f) for f in fields} | {"version": found.version}

    def make_form(data, **more):
        return CapacityForm(data, name=person.known_as, decision=found.decision, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.assessment_save(
            actor=request.user, person=person, assessment_id=found.pk, data=data, expected_version=_version(form)
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Capacity and best interests",
        saved="Saved.",
        done_url=found.get_absolute_url(),
        lead=(
            "Capacity is about this one decision, at this time. When someone lacks capacity for it, "
            "the decision made for them must be in their best interests: record who you asked and what "
            "matters to them, then what was decided and why."
        ),
    )


@login_required
def risk_add(request, pk, assessment_id):
    person, found, agreed = _open_draft(request, pk, assessment_id)
    if agreed:
        return agreed

    def make_form(data, **more):
        return RiskForm(data, name=person.known_as)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.risk_add(actor=request.user, person=person, assessment_id=found.pk, data=data)

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Add a risk",
        saved="Risk added.",
        done_url=found.get_absolute_url() + "#risks",
        lead=f"About: {found.decision}",
    )


@login_required
def risk_change(request, pk, assessment_id, risk_id):
    person, found, agreed = _open_draft(request, pk, assessment_id)
    if agreed:
        return agreed
    risk = Risk.objects.filter(pk=risk_id, assessment=found).first()
    if risk is None:
        raise Http404("Not found.")
    initial = {f: getattr(risk, f) for f in services.RISK_FIELDS} | {"version": risk.version}

    def make_form(data, **more):
        return RiskForm(data, name=person.known_as, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.risk_save(
            actor=request.user,
            person=person,
            assessment_id=found.pk,
            risk_id=risk.pk,
            data=data,
            expected_version=_version(form),
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Change a risk",
        saved="Saved.",
        done_url=found.get_absolute_url() + "#risks",
    )


@login_required
def agree(request, pk, assessment_id):
    person, found, agreed = _open_draft(request, pk, assessment_id)
    if agreed:
        return agreed
    initial = {"agreed_by": found.agreed_by, "review_on": found.review_on, "version": found.version}

    def make_form(data, **more):
        return AgreeForm(data, name=person.known_as, initial=initial)

    def save(form):
        data = {k: form.cleaned_data[k] for k in ("agreed_by", "review_on")}
        services.assessment_agree(
            actor=request.user, person=person, assessment_id=found.pk, data=data, expected_version=_version(form)
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Agree the positive risk assessment",
        saved="Agreed.",
        done_url=found.get_absolute_url(),
        lead=f"About: {found.decision}. Once agreed, it is kept as it is; a later change is a new assessment.",
    )


# --- Referrals ----------------------------------------------------------------------------------------


@login_required
def refer(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    assessments = queries.assessments_of(person)
    made = {}
    chosen = request.GET.get("assessment", "")

    def make_form(data, **more):
        initial = {"assessment": int(chosen)} if chosen.isdigit() else {}
        return ReferForm(data, name=person.known_as, assessments=assessments, initial=initial)

    def save(form):
        made["record"] = services.referral_add(actor=request.user, person=person, data=dict(form.cleaned_data))

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Refer to the complex case and risk enablement panel",
        saved="Referral sent to the panel's coordinators.",
        done_url=None,
        made=made,
        lead=(
            "The panel talks a situation through with you and gives advice. It does not take the decision "
            "from you and your manager."
        ),
    )


@login_required
def referral(request, pk, referral_id):
    person = open_person_page(request, pk)
    found = _found(queries.referral, person, referral_id)
    today = timezone.localdate()
    actions = queries.actions_of(found.pk)
    coordinator = access.can_coordinate_panels(request.user)
    can_edit = access.can_edit(request.user, person)
    return render(
        request,
        "risk/referral.html",
        {
            "person": person,
            "r": found,
            "actions": [(a, rules.overdue(a.due_on, a.done, today)) for a in actions],
            "coordinator": coordinator,
            "can_edit": can_edit,
            "can_record": coordinator and found.panel is not None and found.panel.meets_on <= today,
            "can_decide": can_edit and found.status in ("heard", "decided"),
            "decision_stays": DECISION_STAYS,
        },
    )


def _referral_page(request, pk, referral_id, *, for_edit=False):
    person = open_person_page(request, pk, for_edit=for_edit)
    return person, _found(queries.referral, person, referral_id)


@login_required
def schedule(request, pk, referral_id):
    access.require_coordinate_panels(request.user)
    person, found = _referral_page(request, pk, referral_id)
    panels = queries.upcoming_panels(timezone.localdate())
    initial = {"panel": found.panel_id, "version": found.version}

    def make_form(data, **more):
        return ScheduleForm(data, panels=panels, initial=initial)

    def save(form):
        services.referral_schedule(
            actor=request.user,
            person=person,
            referral_id=found.pk,
            panel_id=form.cleaned_data["panel"],
            expected_version=_version(form),
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Put the referral on a panel",
        saved="Put on the panel.",
        done_url=found.get_absolute_url(),
        lead=None if panels else "No panel dates are set. Add a panel date first.",
        panels_url=("Add a panel date", _panel_add_url()),
    )


def _panel_add_url():
    from django.urls import reverse

    return reverse("risk:panel_add")


@login_required
def record(request, pk, referral_id):
    access.require_coordinate_panels(request.user)
    person, found = _referral_page(request, pk, referral_id)
    initial = {f: getattr(found, f) for f in services.RECORD_FIELDS} | {"version": found.version}

    def make_form(data, **more):
        return RecordForm(data, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.panel_record(
            actor=request.user, person=person, referral_id=found.pk, data=data, expected_version=_version(form)
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="What the panel said",
        saved="Saved what the panel said.",
        done_url=found.get_absolute_url(),
        lead=DECISION_STAYS,
    )


@login_required
def decide(request, pk, referral_id):
    person, found = _referral_page(request, pk, referral_id, for_edit=True)
    managers = services.managers_of(person)
    initial = {"decision": found.decision, "reasons": found.reasons, "manager": found.manager_id}
    initial["version"] = found.version

    def make_form(data, **more):
        return DecisionForm(data, managers=managers, initial=initial)

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.referral_decide(
            actor=request.user, person=person, referral_id=found.pk, data=data, expected_version=_version(form)
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Record your decision after the panel",
        saved="Decision recorded.",
        done_url=found.get_absolute_url(),
        lead=(
            "This is your decision and your manager's, not the panel's. Say what you decided and why, "
            "and where you went another way from the panel's advice."
        ),
    )


@login_required
def action_add(request, pk, referral_id):
    person, found = _referral_page(request, pk, referral_id)

    def make_form(data, **more):
        return ActionForm(data)

    def save(form):
        services.action_add(actor=request.user, person=person, referral_id=found.pk, data=dict(form.cleaned_data))

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Add an action",
        saved="Action added.",
        done_url=found.get_absolute_url() + "#actions",
    )


@login_required
def action_done(request, pk, referral_id, action_id):
    person, found = _referral_page(request, pk, referral_id)
    action = PanelAction.objects.filter(pk=action_id, referral=found).first()
    if action is None:
        raise Http404("Not found.")
    initial = {"done": "yes" if action.done else "no", "version": action.version}

    def make_form(data, **more):
        return DoneForm(data, initial=initial)

    def save(form):
        services.action_done(
            actor=request.user,
            person=person,
            action_id=action.pk,
            done=form.cleaned_data["done"] == "yes",
            expected_version=_version(form),
        )

    return _form_page(
        request,
        person,
        make_form=make_form,
        save=save,
        heading="Mark an action done",
        saved="Saved.",
        done_url=found.get_absolute_url() + "#actions",
        lead=f"{action.owner}: {action.what}",
    )


# --- The coordinator's pages ------------------------------------------------------------------------------


def _plain_form_page(request, *, form, save, heading, saved, done_url, cancel_url):
    """The shared record page's behaviour for a form about no one person."""
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            made = save(form)
        except EditConflict as error:
            conflict = error
            form = type(form)(with_version(request.POST, error.record.version), **form.options)
            form.is_valid()
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, saved)
            return redirect(done_url(made))
    return render(
        request,
        FORM,
        {"person": None, "form": form, "heading": heading, "conflict": conflict, "cancel_url": cancel_url},
    )


@login_required
def panels(request):
    access.require_coordinate_panels(request.user)
    today = timezone.localdate()
    return render(request, "risk/panels.html", {"lists": queries.coordinator_lists(today), "today": today})


@login_required
def panel_add(request):
    access.require_coordinate_panels(request.user)
    form = PanelForm(request.POST if request.method == "POST" else None)
    form.options = {}

    def save(form):
        data = {k: form.cleaned_data[k] for k in ("meets_on", "place", "chair")}
        return services.panel_add(actor=request.user, data=data)

    return _plain_form_page(
        request,
        form=form,
        save=save,
        heading="Add a panel date",
        saved="Panel date added.",
        done_url=lambda made: made.get_absolute_url(),
        cancel_url=_panels_url(),
    )


def _panels_url():
    from django.urls import reverse

    return reverse("risk:panels")


@login_required
def panel(request, panel_id):
    access.require_coordinate_panels(request.user)
    found = _found(queries.panel, panel_id)
    return render(
        request,
        "risk/panel.html",
        {
            "p": found,
            "referrals": queries.referrals_on(found.pk),
            "met": found.meets_on <= timezone.localdate(),
            "decision_stays": DECISION_STAYS,
        },
    )


@login_required
def panel_change(request, panel_id):
    access.require_coordinate_panels(request.user)
    found = _found(queries.panel, panel_id)
    initial = {f: getattr(found, f) for f in services.PANEL_FIELDS} | {"version": found.version}
    options = {"with_attendance": True, "initial": initial}
    form = PanelForm(request.POST if request.method == "POST" else None, **options)
    form.options = options

    def save(form):
        data = {k: form.cleaned_data[k] for k in services.PANEL_FIELDS}
        return services.panel_save(actor=request.user, panel_id=found.pk, data=data, expected_version=_version(form))

    return _plain_form_page(
        request,
        form=form,
        save=save,
        heading="The panel: date, place and who attended",
        saved="Saved.",
        done_url=lambda made: made.get_absolute_url(),
        cancel_url=found.get_absolute_url(),
    )
