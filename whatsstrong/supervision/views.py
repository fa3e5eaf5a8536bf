"""Supervision pages: your supervision and (for supervisors) who is due or overdue; a supervisee's
history and how often they are supervised; a session with its agenda, wellbeing check (the two parties
only), case discussions in a reflective model, actions, and the last session's actions; a case
discussion seen from the person's record (through core/gate.py); the practitioner's self-reflection
before closing their work with someone. Peer groups are in group_views.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.models import User
from whatsstrong.core.record_pages import record_form_page
from whatsstrong.people.models import Person

from . import queries, rules, services
from .forms import (
    DiscussionStartForm,
    FrequencyForm,
    ReflectionsForm,
    SelfReflectionForm,
    SessionForm,
)
from .models import MODELS, QUESTIONS, Supervisee
from .pages import action_page, form_page, staff_member


def _session(request, sid):
    session = queries.session(sid)
    if session is None or not access.can_see_supervision(request.user, session):
        raise Http404("There is no such supervision session.")
    access.log_supervision_view(user=request.user, session=session, path=request.get_full_path())
    return session


def _party(request, session):
    if not access.can_change_supervision(request.user, session):
        raise PermissionDenied(services.NOT_A_PARTY)


@login_required
def index(request):
    user = request.user
    if not access.is_active_staff(user) or user.role not in {"practitioner", "supervisor", "quality_lead"}:
        raise PermissionDenied("Supervision pages are for practitioners, supervisors and quality leads.")
    today = timezone.localdate()
    return render(
        request,
        "supervision/index.html",
        {
            "standing": queries.standing_of(user, today) if user.role != "quality_lead" else None,
            "sessions": queries.sessions_for(user.pk),
            "overview": queries.overview(user, today) if access.can_see_supervision_overview(user) else None,
            "actions": queries.open_actions_of_owner(user.pk),
            "today": today,
        },
    )


def _may_see_history(user, supervisee):
    if user.pk == supervisee.pk:
        return True
    if access.can_supervise(user, supervisee, services.named_supervisor_id(supervisee)):
        return True
    return access.is_active_staff(user) and user.role == "quality_lead"


@login_required
def supervisee(request, uid):
    member = staff_member(uid)
    if not _may_see_history(request.user, member):
        raise PermissionDenied("Only this member of staff, their supervisor and quality leads see their supervision.")
    sessions, standing = queries.history(member.pk, timezone.localdate())
    return render(
        request,
        "supervision/supervisee.html",
        {
            "member": member,
            "standing": standing,
            "sessions": sessions,
            "may_supervise": access.can_supervise(request.user, member, services.named_supervisor_id(member)),
            "is_self": request.user.pk == member.pk,
        },
    )


@login_required
def frequency(request, uid):
    member = staff_member(uid)
    services.require_supervisor(request.user, member)
    current = Supervisee.objects.filter(pk=member.pk).values_list("every_weeks", flat=True).first()

    def save(form):
        services.set_frequency(actor=request.user, supervisee=member, every_weeks=form.cleaned_data["every_weeks"])
        messages.success(
            request, f"{member.display_name} will be supervised every {form.cleaned_data['every_weeks']} weeks."
        )
        return redirect("supervision:supervisee", member.pk)

    return form_page(
        request,
        make_form=lambda data: FrequencyForm(data, initial={"every_weeks": current or rules.DEFAULT_EVERY_WEEKS}),
        save=save,
        heading=f"How often {member.display_name} is supervised",
        cancel_url=reverse("supervision:supervisee", args=[member.pk]),
        lead=f"Unless you set another, supervision is every {rules.DEFAULT_EVERY_WEEKS} weeks.",
    )


@login_required
def session_new(request, uid):
    member = staff_member(uid)
    if request.user.pk != member.pk:
        services.require_supervisor(request.user, member)

    def save(form):
        data = {k: form.cleaned_data[k] for k in ("held_on", "agenda", "wellbeing", "learning")}
        session = services.session_add(actor=request.user, supervisee=member, data=data)
        messages.success(request, "Session saved. Add case discussions and actions below.")
        return redirect(session.get_absolute_url())

    return form_page(
        request,
        make_form=lambda data: SessionForm(data, initial={"held_on": timezone.localdate()}),
        save=save,
        heading=f"Supervision for {member.display_name}"
        if request.user.pk != member.pk
        else "Prepare your supervision",
        cancel_url=reverse("supervision:supervisee", args=[member.pk]),
        lead="Agree the agenda beforehand: the supervisee says what they want to come away with.",
    )


@login_required
def session_page(request, sid):
    session = _session(request, sid)
    previous = queries.previous_session(session)
    discussions = queries.discussions_in(session.pk)
    names = {m["code"]: m["name"] for m in MODELS["models"]}
    return render(
        request,
        "supervision/session.html",
        {
            "s": session,
            "discussions": [(d, names[d.model]) for d in discussions],
            "actions": queries.actions_in(session.pk),
            "previous": previous,
            "previous_actions": queries.actions_in(previous.pk) if previous else [],
            "sees_wellbeing": access.can_see_supervision_wellbeing(request.user, session),
            "can_change": access.can_change_supervision(request.user, session),
        },
    )


@login_required
def session_edit(request, sid):
    session = _session(request, sid)
    _party(request, session)

    def save(form):
        data = {k: form.cleaned_data[k] for k in ("held_on", "agenda", "wellbeing", "learning")}
        services.session_update(
            actor=request.user, session_id=session.pk, expected_version=form.cleaned_data["version"], data=data
        )
        messages.success(request, "Session saved.")
        return redirect(session.get_absolute_url())

    initial = {k: getattr(session, k) for k in ("held_on", "agenda", "wellbeing", "learning", "version")}
    return form_page(
        request,
        make_form=lambda data: SessionForm(data, initial=initial),
        save=save,
        heading=f"Supervision on {session.held_on.day} {session.held_on:%B %Y}",
        cancel_url=session.get_absolute_url(),
    )


def _people_for(session):
    """People the supervisee may see and works with: their caseload, then anyone already discussed."""
    supervisee = User.objects.get(pk=session.supervisee_id)
    caseload = Person.objects.filter(allocated_worker_id=supervisee.pk).order_by("family_name", "given_name", "pk")
    discussed = Person.objects.filter(pk__in=[d.person_id for d in queries.discussions_in(session.pk)])
    found = {p.pk: p for p in list(caseload[:500]) + list(discussed)}
    return [p for p in found.values() if access.view_decision(supervisee, p).allowed]


@login_required
def discussion_new(request, sid):
    session = _session(request, sid)
    _party(request, session)
    people = _people_for(session)

    def save(form):
        made = services.discussion_add(
            actor=request.user,
            session_id=session.pk,
            person=int(form.cleaned_data["person"]),
            model=form.cleaned_data["model"],
        )
        return redirect(made.get_absolute_url())

    return form_page(
        request,
        make_form=lambda data: DiscussionStartForm(data, people=people),
        save=save,
        heading="Discuss someone",
        cancel_url=session.get_absolute_url(),
        lead="Choose who you will talk about and a model to think it through. The next page offers its prompts.",
        template="supervision/discussion_new.html",
        extra={"models": MODELS["models"]},
    )


@login_required
def discussion_page(request, sid, did):
    """The discussion's steps, with the model's prompts and the person's preferred name in them."""
    session = _session(request, sid)
    found = queries.discussion(session.pk, did)
    if found is None:
        raise Http404("There is no such case discussion.")
    model = rules.model_named(MODELS, found.model)
    can_change = access.can_change_supervision(request.user, session)
    if not can_change:
        return redirect("supervision:person_discussion", found.person_id, found.pk)

    def save(form):
        services.discussion_write(
            actor=request.user,
            discussion_id=found.pk,
            expected_version=form.cleaned_data["version"],
            reflections=form.reflections(),
        )
        messages.success(request, "Case discussion saved.")
        return redirect(session.get_absolute_url())

    initial = {f"step_{k}": v for k, v in found.reflections.items()} | {"version": found.version}
    return form_page(
        request,
        make_form=lambda data: ReflectionsForm(data, model=model, name=found.person.known_as, initial=initial),
        save=save,
        heading=f"Talking about {found.person.known_as}: {model['name']}",
        cancel_url=session.get_absolute_url(),
        lead=model["summary"] + " The prompts under each step are there to use or leave.",
    )


@login_required
def person_discussion(request, pk, did):
    """A case discussion read from the person's record: whoever may see the person; no wellbeing notes."""
    person = open_person_page(request, pk)
    found = queries.discussion_for_person(person.pk, did)
    if found is None:
        raise Http404("There is no such case discussion on this record.")
    model = rules.model_named(MODELS, found.model)
    steps = [(s["label"], found.reflections.get(s["code"], "")) for s in model["steps"]]
    return render(
        request,
        "supervision/person_discussion.html",
        {"person": person, "d": found, "model": model, "steps": steps},
    )


def action_new(request, sid):
    session = _session(request, sid)
    _party(request, session)
    return action_page(
        request,
        add=lambda data: services.action_add(actor=request.user, session_id=session.pk, data=data),
        people=_people_for(session),
        owners=[session.supervisee, session.supervisor],
        owner=session.supervisee_id,
        held_on=session.held_on,
        back_url=session.get_absolute_url(),
        lead="Say what will be done. An action about someone shows on their record and on its owner's home page.",
    )


@login_required
@require_POST
def action_done(request, aid):
    found = queries.action(aid)
    if found is None:
        raise Http404("There is no such action.")
    person = open_person_page(request, found.person_id) if found.person_id else None
    services.action_done(actor=request.user, action_id=found.pk, done=request.POST.get("undo") != "1")
    messages.success(request, "Action marked done.")
    back = request.POST.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(person.get_absolute_url() if person else reverse("supervision:index"))


# --- Self-reflection before closing a piece of work -----------------------------------------------------


@login_required
def reflect(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    assessments = queries.assessments_of(person.pk)
    made = {}

    def save(form):
        chosen = form.cleaned_data.get("assessment")
        made["r"] = services.self_reflection_add(
            actor=request.user,
            person=person,
            answers=form.answers(),
            notes=form.cleaned_data.get("notes") or "",
            assessment=next((a for a in assessments if str(a.pk) == chosen), None),
        )

    response = record_form_page(
        request,
        person=person,
        make_form=lambda data, **_: SelfReflectionForm(data, assessments=assessments),
        save=save,
        heading=f"Reflect on your work with {person.known_as} before closing it",
        saved="Self-reflection saved with the record.",
        extra={"lead": "Answer honestly: this is for your own learning, and for supervision if you want to bring it."},
    )
    if "r" in made:
        return redirect(made["r"].get_absolute_url())
    return response


@login_required
def reflection_page(request, pk, rid):
    person = open_person_page(request, pk)
    found = queries.reflection(person.pk, rid)
    if found is None:
        raise Http404("There is no such self-reflection on this record.")
    groups = [
        (
            g["label"],
            [(q["text"], rules.ANSWERS.get(found.answers.get(q["code"]), "Not answered")) for q in g["questions"]],
        )
        for g in QUESTIONS["groups"]
    ]
    return render(request, "supervision/reflection.html", {"person": person, "r": found, "groups": groups})


# --- Peer group supervision ----------------------------------------------------------------------
