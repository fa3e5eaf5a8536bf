"""Pages about people. Each view: access check, form, one service or query call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.drafts import draft_differs, get_draft, note_saved

from . import circles, queries, search, services
from .forms import (AllocationForm, AssetForm, CapacityForm, ConsentForm, NetworkMemberForm, NewPersonForm, PersonDetailsForm,
                    RestrictedReasonForm, SearchForm, WhoIAmForm)
from whatsstrong.conversations.queries import recent_notes

from .history import history_entries
from .models import Asset, NetworkMember, Person

SECTIONS = {
    "details": (PersonDetailsForm, "Personal details"),
    "who-i-am": (WhoIAmForm, "Who I am"),
    "consent": (ConsentForm, "Consent"),
    "capacity": (CapacityForm, "Capacity and advocacy"),
    "allocation": (AllocationForm, "Allocation and access"),
}


def open_person(request, pk, *, for_edit=False):
    """The person, if this user may see them now; otherwise a redirect to give a reason, or 403."""
    found = queries.person_with_team(pk)
    if not found:
        raise Http404("No one has this record number.")
    person = found[0]
    decision = access.view_decision(request.user, person)
    if not decision.allowed:
        access.log_view(user=request.user, record=person, path=request.path, refused=True)
        if decision.needs_reason:
            return None, redirect(f"{reverse('people:restricted', args=[pk])}?next={request.path}")
        raise PermissionDenied(decision.why)
    if for_edit:
        access.require_edit(request.user, person)
    access.log_view(user=request.user, record=person, path=request.path)
    return person, None


@login_required
def caseload(request):
    if not access.can_see_people(request.user):
        return render(request, "people/no_people_role.html")
    page = Paginator(queries.Caseload(request.user), queries.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/caseload.html", {"page": page})


@login_required
def find(request):
    if not access.can_see_people(request.user):
        raise PermissionDenied("Your role does not include people's records.")
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search.find_people(form.cleaned_data["q"])
    return render(request, "people/search.html", {"form": form, "results": results})


@login_required
def detail(request, pk):
    person, gate = open_person(request, pk)
    if gate:
        return gate
    network = queries.network_of(person.pk)
    return render(request, "people/detail.html", {
        "person": person,
        "network": network,
        "placed": circles.place([m for m in network]),
        "circle_size": circles.SIZE,
        "asset_levels": queries.assets_by_level(queries.strengths_of(person.pk)),
        "advocacy": person.advocacy(),
        "can_edit": access.can_edit(request.user, person),
        "can_read_history": access.can_read_history(request.user),
        "can_allocate": access.can_allocate(request.user, person),
        "notes": recent_notes(person.pk),
        "language": language_summary(person) if access.can_read_history(request.user) else None,
    })


def language_summary(person):
    """What the language coach finds across the record, for supervisors and the audit pre-screen."""
    from whatsstrong.coach.services import summary_for_texts
    from whatsstrong.conversations.models import CaseNote

    texts = [getattr(person, f) for f in WhoIAmForm.long_fields + CapacityForm.long_fields]
    texts += list(CaseNote.objects.filter(person=person).values_list("text", flat=True))
    return summary_for_texts(texts)


@login_required
def new_person(request):
    if not access.can_see_people(request.user) or request.user.role not in access.CASE_ROLES:
        raise PermissionDenied("Only practitioners and team managers add people.")
    form = NewPersonForm(request.POST or None, initial={"team": request.user.team_id, "allocated_worker": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.changed_data_for_save()
        try:
            person = services.person_create(actor=request.user, data=data)
        except PermissionDenied:
            form.add_error("team", "You can only add people to your own team")
        else:
            messages.success(request, f"{person.display_name} has been added.")
            return redirect(person)
    return render(request, "people/new.html", {"form": form})


@login_required
def edit_section(request, pk, section):
    if section not in SECTIONS:
        raise PermissionDenied("No such section.")
    form_class, title = SECTIONS[section]
    person, gate = open_person(request, pk, for_edit=True)
    if gate:
        return gate
    if section == "allocation" and not access.can_allocate(request.user, person):
        raise PermissionDenied("Only the team's supervisor can change who works with a person or restrict the record.")
    draft_key = f"person:{person.pk}:{section}"
    conflict = None
    if request.method == "POST":
        form = form_class(request.POST, instance=Person.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.person_update(actor=request.user, person_id=pk, expected_version=form.cleaned_data["version"],
                                       data=form.changed_data_for_save(), draft_key=draft_key)
            except services.EditConflict as error:
                conflict = error
                # Keep what they typed; the next save is made knowingly over the newer version.
                form = form_class(with_version(request.POST, error.record.version), instance=error.record)
                form.is_valid()
            else:
                note_saved(request, draft_key)
                messages.success(request, f"{title} saved.")
                return redirect(person)
    else:
        form = form_class(instance=person)
    draft = get_draft(user=request.user, key=draft_key)
    offer_draft = request.method == "GET" and draft_differs(draft, {f: form.initial.get(f) for f in getattr(form, "long_fields", ())})
    if offer_draft and request.GET.get("restore") == "1":
        form = form_class(instance=person, initial={**form.initial, **draft.data})
        offer_draft = False
    return render(request, "record_form.html", {
        "person": person, "form": form, "heading": title, "section": section, "conflict": conflict,
        "draft": draft if offer_draft else None, "draft_key": draft_key,
    })


def with_version(post, version):
    data = post.copy()
    data["version"] = str(version)
    return data


def _edit_child(request, pk, *, model, form_class, save, child_id, noun, heading, extra_form_kwargs=None):
    """Add or change a network member or asset: the same shape, so one function serves both."""
    person, gate = open_person(request, pk, for_edit=True)
    if gate:
        return gate
    instance = get_object_or_404(model, pk=child_id, person=person) if child_id else None
    kwargs = extra_form_kwargs or {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, person=person, data=form.changed_data_for_save(),
                 **({"expected_version": form.cleaned_data["version"]} if child_id else {}),
                 **({f"{noun}_id": child_id} if child_id else {}))
        except services.EditConflict as error:
            conflict = error
            form = form_class(with_version(request.POST, error.record.version), instance=error.record, **kwargs)
            form.is_valid()
        else:
            messages.success(request, "Saved.")
            return redirect(person)
    return render(request, "record_form.html", {"person": person, "form": form, "conflict": conflict,
                                                "heading": heading(person, instance)})


@login_required
def edit_network_member(request, pk, member_id=None):
    return _edit_child(request, pk, model=NetworkMember, form_class=NetworkMemberForm,
                       save=services.network_member_save, child_id=member_id, noun="member",
                       heading=lambda person, member: f"Change {member.name}" if member
                       else f"Add someone to {person.known_as}'s network")


@login_required
def edit_asset(request, pk, asset_id=None):
    person = get_object_or_404(Person, pk=pk)
    return _edit_child(request, pk, model=Asset, form_class=AssetForm, save=services.asset_save,
                       child_id=asset_id, noun="asset", extra_form_kwargs={"person": person},
                       heading=lambda person, asset: "Change a strength" if asset else "Add a strength")


@login_required
def restricted(request, pk):
    person = get_object_or_404(Person, pk=pk)
    next_url = request.GET.get("next") or person.get_absolute_url()
    if not next_url.startswith("/people/"):
        next_url = person.get_absolute_url()
    if not access.can_see_people(request.user):
        raise PermissionDenied("Your role does not include people's records.")
    form = RestrictedReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access.grant_restricted_access(user=request.user, record=person, reason=form.cleaned_data["reason"], path=request.path)
        return redirect(next_url)
    return render(request, "people/restricted.html", {"form": form, "person_id": pk})


@login_required
def history(request, pk):
    if not access.can_read_history(request.user):
        raise PermissionDenied("Change history is for supervisors, quality leads, senior leaders and administrators.")
    person, gate = open_person(request, pk)
    if gate:
        return gate
    return render(request, "people/history.html", {
        "person": person, "entries": history_entries(person), "views": access.access_log_for(person)[:50],
    })
