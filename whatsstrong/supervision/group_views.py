"""Peer group supervision pages: the groups you belong to or oversee, starting one, its agreement
(changed later with an edit-conflict check, and its history), its sessions with notes in a reflective
model, decisions and actions, and the facilitator's summary shared with the supervisor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from whatsstrong.core import access
from whatsstrong.core.models import User
from whatsstrong.people.models import Person

from . import queries, rules, services
from .forms import (
    GroupEditForm,
    GroupForm,
    GroupNotesForm,
    GroupSessionForm,
)
from .models import MODELS
from .pages import action_page, form_page


def _members(group):
    return sorted(group.members.all(), key=lambda u: (u.first_name, u.last_name, u.pk))


def _group(request, gid, *, keep=False):
    found = queries.group(gid)
    if found is None:
        raise Http404("There is no such peer group.")
    ids = {u.pk for u in found.members.all()}
    if not access.can_see_peer_group(request.user, ids, found.supervisor_id):
        raise Http404("There is no such peer group.")
    if keep and not access.can_keep_peer_group(request.user, ids, found.supervisor_id):
        raise PermissionDenied(services.NOT_IN_GROUP)
    return found


@login_required
def groups(request):
    if not (
        access.is_active_staff(request.user) and request.user.role in {"practitioner", "supervisor", "quality_lead"}
    ):
        raise PermissionDenied("Peer groups are for practitioners, supervisors and quality leads.")
    return render(
        request,
        "supervision/groups.html",
        {"groups": queries.groups_for(request.user), "can_start": access.can_start_peer_group(request.user)},
    )


@login_required
def group_new(request):
    if not access.can_start_peer_group(request.user):
        raise PermissionDenied("Only supervisors start peer supervision groups.")
    staff = list(
        User.objects.filter(is_active=True, role__in=["practitioner", "supervisor"]).order_by("first_name", "last_name")
    )

    def save(form):
        data = {k: form.cleaned_data[k] for k in services.GROUP_FIELDS}
        made = services.group_add(actor=request.user, data=data, member_ids=form.cleaned_data["members"])
        messages.success(request, "Group and agreement saved.")
        return redirect(made.get_absolute_url())

    return form_page(
        request,
        make_form=lambda data: GroupForm(data, staff=staff),
        save=save,
        heading="Start a peer supervision group",
        cancel_url=reverse("supervision:groups"),
        lead="Agree these together at the first session: how the group runs, and how it keeps what is said safe.",
    )


@login_required
def group_page(request, gid):
    found = _group(request, gid)
    sessions = queries.group_sessions(found.pk)
    members = _members(found)
    last = sessions[0].facilitator_id if sessions else None
    next_id = rules.next_facilitator([u.pk for u in members], last)
    return render(
        request,
        "supervision/group.html",
        {
            "g": found,
            "members": members,
            "sessions": sessions,
            "next_facilitator": next((u for u in members if u.pk == next_id), None),
            "can_keep": access.can_keep_peer_group(request.user, {u.pk for u in members}, found.supervisor_id),
            "can_change": access.can_change_peer_agreement(request.user, {u.pk for u in members}, found.supervisor_id),
        },
    )


@login_required
def group_history(request, gid):
    """Every version of the group's agreement, the newest first: who saved it, when, and what changed.
    For whoever may read the agreement (members, the group's supervisor, quality leads)."""
    found = _group(request, gid)
    return render(
        request, "supervision/group_history.html", {"g": found, "versions": queries.agreement_versions(found.pk)}
    )


@login_required
def group_session_new(request, gid):
    found = _group(request, gid, keep=True)
    members = _members(found)
    sessions = queries.group_sessions(found.pk)
    rota = rules.next_facilitator([u.pk for u in members], sessions[0].facilitator_id if sessions else None)
    people = [
        p
        for p in Person.objects.filter(allocated_worker__in=members).order_by("family_name", "given_name", "pk")[:500]
        if access.view_decision(request.user, p).allowed
    ]

    def save(form):
        data = form.cleaned_data
        made = services.group_session_add(
            actor=request.user,
            group_id=found.pk,
            data={
                "held_on": data["held_on"],
                "facilitator": int(data["facilitator"]),
                "note_taker": int(data["note_taker"]),
                "presenter": int(data["presenter"]),
                "person": int(data["person"]) if data.get("person") else None,
                "model": data["model"],
                "next_on": data.get("next_on"),
            },
        )
        return redirect(made.get_absolute_url())

    return form_page(
        request,
        make_form=lambda data: GroupSessionForm(
            data,
            members=members,
            people=people,
            initial={"held_on": timezone.localdate(), "facilitator": str(rota or ""), "model": "shared"},
        ),
        save=save,
        heading=f"A session of {found.name}",
        cancel_url=found.get_absolute_url(),
        lead="The facilitator is the next on the rota unless you change it.",
    )


@login_required
def group_session_page(request, gid, pid):
    found = _group(request, gid)
    made = queries.group_session(found.pk, pid)
    if made is None:
        raise Http404("There is no such session.")
    model = rules.model_named(MODELS, made.model)
    can_keep = access.can_keep_peer_group(request.user, {u.pk for u in found.members.all()}, found.supervisor_id)
    name = made.person.known_as if made.person else ""
    previous = queries.previous_group_session(made)

    def save(form):
        services.group_notes(
            actor=request.user,
            group_session_id=made.pk,
            expected_version=form.cleaned_data["version"],
            data={
                "reflections": form.reflections(),
                "decisions": form.cleaned_data.get("decisions") or "",
                "summary": form.cleaned_data.get("summary") or "",
            },
        )
        messages.success(request, "Notes saved.")
        return redirect(made.get_absolute_url())

    initial = {f"step_{k}": v for k, v in made.reflections.items()} | {
        "version": made.version,
        "decisions": made.decisions,
        "summary": made.summary,
    }
    if not can_keep:
        raise PermissionDenied(services.NOT_IN_GROUP)
    return form_page(
        request,
        make_form=lambda data: GroupNotesForm(data, model=model, name=name, initial=initial),
        save=save,
        heading=f"{found.name}, {made.held_on.day} {made.held_on:%B %Y}: {model['name']}",
        cancel_url=found.get_absolute_url(),
        lead=f"{made.presenter.display_name} brings the case; {made.facilitator.display_name} facilitates and "
        f"{made.note_taker.display_name} takes notes. {model['summary']}",
        template="supervision/group_session.html",
        extra={
            "s": made,
            "actions": _with_finish(request.user, queries.group_actions(made.pk)),
            "previous": previous,
            "previous_actions": _with_finish(request.user, queries.group_actions(previous.pk)) if previous else [],
            "is_facilitator": request.user.pk == made.facilitator_id,
        },
    )


def _with_finish(user, actions):
    """Each action with whether this user may mark it done: the rule the person's record uses."""
    return [(a, not a.done_at and access.can_finish_supervision_action(user, a, a.person)) for a in actions]


@login_required
@require_POST
def group_summary_share(request, gid, pid):
    found = _group(request, gid, keep=True)
    made = queries.group_session(found.pk, pid)
    if made is None:
        raise Http404("There is no such session.")
    try:
        services.group_summary_share(actor=request.user, group_session_id=made.pk)
        messages.success(request, f"Summary shared with {found.supervisor.display_name}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(made.get_absolute_url())


@login_required
def group_action_new(request, gid, pid):
    found = _group(request, gid, keep=True)
    made = queries.group_session(found.pk, pid)
    if made is None:
        raise Http404("There is no such session.")
    return action_page(
        request,
        add=lambda data: services.group_action_add(actor=request.user, group_session_id=made.pk, data=data),
        people=[made.person] if made.person else [],
        owners=_members(found),
        owner=made.presenter_id,
        held_on=made.held_on,
        back_url=made.get_absolute_url(),
        lead="An action about someone shows on their record and on its owner's home page until it is done.",
    )


@login_required
def group_edit(request, gid):
    found = _group(request, gid)
    member_ids = {u.pk for u in found.members.all()}
    if not access.can_change_peer_agreement(request.user, member_ids, found.supervisor_id):
        raise PermissionDenied(services.NOT_IN_GROUP)
    staff = list(
        User.objects.filter(Q(is_active=True, role__in=["practitioner", "supervisor"]) | Q(pk__in=member_ids))
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )

    def save(form):
        data = {k: form.cleaned_data[k] for k in services.GROUP_FIELDS}
        services.group_update(
            actor=request.user,
            group_id=found.pk,
            expected_version=form.cleaned_data["version"],
            data=data,
            member_ids=form.cleaned_data["members"],
        )
        messages.success(request, "Agreement saved.")
        return redirect(found.get_absolute_url())

    initial = {k: getattr(found, k) for k in services.GROUP_FIELDS} | {
        "members": [str(pk) for pk in sorted(member_ids)],
        "version": found.version,
    }
    return form_page(
        request,
        make_form=lambda data: GroupEditForm(data, staff=staff, initial=initial),
        save=save,
        heading=f"Change the agreement of {found.name}",
        cancel_url=found.get_absolute_url(),
        lead="Change what the group has agreed, or who is in it. The earlier versions are kept.",
    )
