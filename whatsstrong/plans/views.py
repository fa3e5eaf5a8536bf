"""Support plan pages. Each opens the person through core/gate.py, reads through queries.py and
writes through services.py; edit pages are the shared record page (core/record_pages.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from whatsstrong.assessments import rules as sign_off_rules
from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page

from . import display, queries, rules, services
from .forms import (
    AgreementForm,
    ContingencyForm,
    ContributionForm,
    DecideForm,
    GoodLifeForm,
    MoneyForm,
    OutcomeForm,
    ReviewDateForm,
)
from .models import Contribution, NetworkAgreement, PersonalOutcome, PlanVersion, SupportPlan

FORM_PAGE = "plans/form.html"


def _plan(person, plan_id):
    """The person's plan with its author and the assessment it starts from, in one read, or 404."""
    found = queries.plan_for_page(person.pk, plan_id)
    if found is None:
        raise Http404("No such plan")
    return found


def _open_for_change(request, pk, plan_id):
    """The person (for a change) and their plan, and whether the plan is open to changes; when it is
    not, a message says why, and the caller sends the user back to it."""
    person = open_person_page(request, pk, for_edit=True)
    plan = _plan(person, plan_id)
    if not rules.editable(plan.status):
        messages.info(request, services.NOT_EDITABLE)
        return person, plan, False
    return person, plan, True


def _at(plan, anchor):
    return f"{plan.get_absolute_url()}#{anchor}"


def _form_page(request, person, plan, *, anchor, extra=None, template=FORM_PAGE, **options):
    return record_form_page(
        request,
        person=person,
        done_url=_at(plan, anchor),
        extra={"plan": plan, **(extra or {})},
        template=template,
        **options,
    )


def _unagreed(view):
    """(id, name) of each network member the plan relies on who has not agreed."""
    return [
        (m, name) for m, name in view.relied_on.items() if not (view.agreements.get(m) and view.agreements[m].agreed)
    ]


@login_required
def start(request, pk):
    """Start a plan from a signed-off assessment's hand-over, or on its own."""
    person = open_person_page(request, pk, for_edit=True)
    choices = queries.hand_overs(person.pk)
    error = None
    if request.method == "POST":
        chosen = request.POST.get("assessment", "")
        try:
            assessment_id = int(chosen) if chosen not in ("", "none") else None
        except ValueError:
            assessment_id = -1
        if chosen == "":
            error = "Choose where the plan starts from"
        else:
            try:
                plan = services.plan_start(actor=request.user, person=person, assessment_id=assessment_id)
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            else:
                messages.success(request, "Support plan started.")
                return redirect(plan)
    return render(
        request,
        "plans/start.html",
        {"person": person, "choices": choices, "error": error},
        status=400 if error else 200,
    )


@login_required
def plan(request, pk, plan_id):
    person = open_person_page(request, pk)
    found = _plan(person, plan_id)
    can_edit = access.can_edit(request.user, person)
    can_change = can_edit and rules.editable(found.status)
    view = queries.plan_view(found)
    return render(
        request,
        "plans/plan.html",
        {
            "person": person,
            "view": view,
            "p": found,
            "can_change": can_change,
            "can_edit": can_edit,
            "may_decide": services.decide_problem(request.user, person, found) is None,
            "pounds": rules.pounds,
            "areas": display.areas(),
            "unagreed": _unagreed(view),
            "problems": _problems(person, found) if can_change else [],
            "versions": rules.versions_agreed(found.status, found.edition),
        },
    )


# --- The plan's own parts ---------------------------------------------------------------------------

# part: (form, heading, where on the plan page it is shown)
PARTS = {
    "good_life": (GoodLifeForm, "What a good life looks like", "good-life"),
    "money": (MoneyForm, "Money", "money"),
    "contingency": (ContingencyForm, "If things change", "contingency"),
    "review_date": (ReviewDateForm, "Review date", "contingency"),
}
GUIDANCE = {
    "good_life": [
        "What does a good day look like for them? And a bad one?",
        "What would they like more of in their life, and less of?",
        "Who and what matter most to them, and why?",
        "What are they proud of, and what do they want to keep doing?",
    ],
    "outcome": [
        "Ask what they want, and write it the way they say it.",
        "Something they want to do or feel, not a service they will get.",
        "Ask how they will know things are getting better: what will they notice?",
    ],
    "contribution": [
        "Start with what they will do themselves.",
        "Then who in their life will help, if they are willing and able.",
        "Then what is nearby, what technology or equipment could help, and paid support last.",
    ],
}


def _plan_part(request, pk, plan_id, part):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    if not open_:
        return redirect(found)
    form_class, heading, anchor = PARTS[part]
    draft_key = f"person:{person.pk}:plan:{found.pk}:{part}" if getattr(form_class, "long_fields", ()) else None

    def make_form(data, instance=found, **more):
        return form_class(data, instance=instance, **more)

    def save(form):
        services.plan_save(
            actor=request.user,
            person=person,
            plan_id=found.pk,
            data=form.changed_data_for_save(),
            expected_version=form.cleaned_data["version"],
            draft_key=draft_key,
        )

    return _form_page(
        request,
        person,
        found,
        anchor=anchor,
        heading=heading,
        make_form=make_form,
        save=save,
        saved=f"{heading}: saved.",
        draft_key=draft_key,
        extra={"guidance": GUIDANCE.get(part)},
    )


@login_required
def good_life(request, pk, plan_id):
    return _plan_part(request, pk, plan_id, "good_life")


@login_required
def money(request, pk, plan_id):
    return _plan_part(request, pk, plan_id, "money")


@login_required
def contingency(request, pk, plan_id):
    return _plan_part(request, pk, plan_id, "contingency")


@login_required
def review_date(request, pk, plan_id):
    return _plan_part(request, pk, plan_id, "review_date")


# --- Outcomes and who does what ---------------------------------------------------------------------


def _outcome_page(request, person, found, outcome=None):
    draft_key = f"person:{person.pk}:plan:{found.pk}:outcome:{outcome.pk if outcome else 'new'}"

    def make_form(data, instance=outcome, **more):
        return OutcomeForm(data, instance=instance, **more)

    def save(form):
        data = form.changed_data_for_save()
        if outcome is None:
            services.outcome_add(actor=request.user, person=person, plan_id=found.pk, data=data, draft_key=draft_key)
        else:
            services.outcome_save(
                actor=request.user,
                person=person,
                outcome_id=outcome.pk,
                data=data,
                expected_version=form.cleaned_data["version"],
                draft_key=draft_key,
            )

    return _form_page(
        request,
        person,
        found,
        anchor=f"outcome-{outcome.pk}" if outcome else "outcomes",
        heading="Add a personal outcome" if outcome is None else "Change a personal outcome",
        make_form=make_form,
        save=save,
        saved="Outcome saved.",
        draft_key=draft_key,
        template="plans/outcome.html",
        extra={"guidance": GUIDANCE["outcome"]},
    )


@login_required
def outcome_add(request, pk, plan_id):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    if not open_:
        return redirect(found)
    return _outcome_page(request, person, found)


@login_required
def outcome_change(request, pk, plan_id, oid):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    outcome = get_object_or_404(PersonalOutcome, pk=oid, plan=found)
    if not open_:
        return redirect(found)
    return _outcome_page(request, person, found, outcome)


def _helpers(person):
    """Who from the person's network can be named: not someone who has died, nor a pet."""
    return list(person.network.exclude(has_died=True).exclude(kind="pet"))


def _contribution_page(request, person, found, outcome, contribution=None):
    key = f"contribution:{contribution.pk}" if contribution else f"outcome:{outcome.pk}:contribution"
    draft_key = f"person:{person.pk}:plan:{found.pk}:{key}"
    members = _helpers(person)

    def make_form(data, instance=contribution, **more):
        return ContributionForm(data, instance=instance, person=person, members=members, **more)

    def save(form):
        if contribution is None:
            services.contribution_add(
                actor=request.user, person=person, outcome_id=outcome.pk, data=form.for_save(), draft_key=draft_key
            )
        else:
            services.contribution_save(
                actor=request.user,
                person=person,
                contribution_id=contribution.pk,
                data=form.for_save(),
                expected_version=form.cleaned_data["version"],
                draft_key=draft_key,
            )

    return _form_page(
        request,
        person,
        found,
        anchor=f"outcome-{outcome.pk}",
        heading="Add who does what" if contribution is None else "Change who does what",
        make_form=make_form,
        save=save,
        saved="Who does what: saved.",
        draft_key=draft_key,
        template="plans/contribution.html",
        extra={"outcome": outcome, "members": members, "guidance": GUIDANCE["contribution"]},
    )


@login_required
def contribution_add(request, pk, plan_id, oid):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    outcome = get_object_or_404(PersonalOutcome, pk=oid, plan=found)
    if not open_:
        return redirect(found)
    return _contribution_page(request, person, found, outcome)


def _contribution(found, cid):
    return get_object_or_404(Contribution.objects.select_related("outcome", "network_member"), pk=cid, plan=found)


@login_required
def contribution_change(request, pk, plan_id, cid):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    contribution = _contribution(found, cid)
    if not open_:
        return redirect(found)
    return _contribution_page(request, person, found, contribution.outcome, contribution)


@login_required
def contribution_remove(request, pk, plan_id, cid):
    """Asks first; removing is a POST. The history keeps what was removed and who removed it."""
    person, found, open_ = _open_for_change(request, pk, plan_id)
    contribution = _contribution(found, cid)
    if not open_:
        return redirect(found)
    if request.method == "POST":
        services.contribution_remove(actor=request.user, person=person, contribution_id=contribution.pk)
        messages.success(request, "Removed from the plan.")
        return redirect(_at(found, f"outcome-{contribution.outcome_id}"))
    return render(
        request,
        "plans/remove.html",
        {"person": person, "plan": found, "c": contribution, "pounds": rules.pounds},
    )


# --- Agreement of the people the plan relies on -----------------------------------------------------


@login_required
def agreement(request, pk, plan_id, mid):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    relied_on = services.relied_on(found.pk)
    if mid not in relied_on:
        raise Http404("The plan asks nothing of this person.")
    if not open_:
        return redirect(found)
    name = relied_on[mid]
    existing = NetworkAgreement.objects.filter(plan=found, network_member_id=mid).first()
    draft_key = f"person:{person.pk}:plan:{found.pk}:agreement:{mid}"

    def make_form(data, instance=existing, **more):
        return AgreementForm(data, instance=instance, name=name, **more)

    def save(form):
        services.agreement_save(
            actor=request.user,
            person=person,
            plan_id=found.pk,
            network_member_id=mid,
            data=form.changed_data_for_save(),
            expected_version=form.cleaned_data["version"],
            draft_key=draft_key,
        )

    asked = Contribution.objects.filter(plan=found, network_member_id=mid).select_related("outcome")
    return _form_page(
        request,
        person,
        found,
        anchor="agreements",
        heading=f"{name}: agreement and wellbeing",
        make_form=make_form,
        save=save,
        saved=f"{name}: saved.",
        draft_key=draft_key,
        template="plans/agreement.html",
        extra={"name": name, "asked": asked},
    )


# --- Agreeing the plan, and its versions ------------------------------------------------------------


def _problems(person, found):
    """What must be put right before the plan can be agreed, each with a link to where to do it."""
    args = [person.pk, found.pk]
    without_help = PersonalOutcome.objects.filter(plan=found, contributions__isnull=True).first()
    links = {
        rules.NO_OUTCOMES: reverse("plans:outcome_add", args=args),
        rules.NO_HELP: reverse("plans:contribution_add", args=[*args, without_help.pk]) if without_help else "",
        rules.NO_REVIEW_DATE: reverse("plans:review_date", args=args),
    }
    links.update(dict.fromkeys(services.money_problems(found), reverse("plans:money", args=args)))
    said = {a.network_member_id: (a.agreed, a.their_wellbeing) for a in NetworkAgreement.objects.filter(plan=found)}
    for member, name in services.relied_on(found.pk).items():
        for text in rules.agreement_problems({member: name}, said):
            links[text] = reverse("plans:agreement", args=[*args, member])
    return [(text, links.get(text) or _at(found, "outcomes")) for text in services.sign_off_problems(found)]


@login_required
def sign_off(request, pk, plan_id):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    if not open_:
        return redirect(found)
    problems = _problems(person, found)
    route = sign_off_rules.sign_off_route(
        author_id=found.author_id, actor_id=request.user.pk, actor_qualified=bool(request.user.qualified)
    )
    if request.method == "POST" and not problems:
        try:
            done = services.plan_submit(actor=request.user, person=person, plan_id=found.pk)
        except ValidationError as refusal:  # changed by someone else a moment ago
            problems = [(text, found.get_absolute_url()) for text in refusal.messages]
        else:
            if done.status == SupportPlan.Status.AGREED:
                messages.success(request, f"The plan is agreed: version {done.edition} is kept as it is now.")
            else:
                messages.success(request, "Sent to a supervisor of the team to sign off.")
            return redirect(done)
    posted = request.method == "POST"
    return render(
        request,
        "plans/sign_off.html",
        {"person": person, "plan": found, "problems": problems, "route": route, "posted": posted},
        status=400 if posted else 200,
    )


@login_required
def decide(request, pk, plan_id):
    person = open_person_page(request, pk)
    found = _plan(person, plan_id)
    if problem := services.decide_problem(request.user, person, found):
        raise PermissionDenied(problem)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if form.cleaned_data["decision"] == "authorise":
            services.plan_authorise(actor=request.user, person=person, plan_id=found.pk, comment=comment)
            messages.success(request, "You have signed off this plan: it is agreed.")
        else:
            services.plan_return(actor=request.user, person=person, plan_id=found.pk, comment=comment)
            messages.success(request, "Returned to the author with your comments.")
        return redirect(found)
    return render(
        request,
        "plans/decide.html",
        {"person": person, "plan": found, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def reopen(request, pk, plan_id):
    """Change an agreed plan: asks first, then starts its next version (a POST)."""
    person = open_person_page(request, pk, for_edit=True)
    found = _plan(person, plan_id)
    if found.status != SupportPlan.Status.AGREED:
        messages.info(request, "Only an agreed plan is changed this way: this one can be changed on its page.")
        return redirect(found)
    if request.method == "POST":
        done = services.plan_reopen(actor=request.user, person=person, plan_id=found.pk)
        messages.success(
            request, f"You are writing version {done.edition}. Version {found.edition} stays as it was agreed."
        )
        return redirect(done)
    return render(request, "plans/reopen.html", {"person": person, "plan": found})


@login_required
def versions(request, pk, plan_id):
    person = open_person_page(request, pk)
    found = _plan(person, plan_id)
    rows = PlanVersion.objects.filter(plan=found).select_related("agreed_by")
    return render(request, "plans/versions.html", {"person": person, "plan": found, "rows": rows})


@login_required
def version(request, pk, plan_id, number):
    person = open_person_page(request, pk)
    found = _plan(person, plan_id)
    row = get_object_or_404(PlanVersion.objects.select_related("agreed_by"), plan=found, number=number)
    return render(
        request,
        "plans/version.html",
        {"person": person, "plan": found, "row": row, "v": display.version(row.content)},
    )
