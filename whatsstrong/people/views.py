"""Pages about people. Each view: the gate (core.gate), a form, one service or query call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from whatsstrong.core import access, home_parts, record_parts
from whatsstrong.core.gate import open_person_page, require_people_role
from whatsstrong.core.models import CASE_ROLES, Role, Team
from whatsstrong.core.record_pages import record_form_page

from . import circles, queries, rules, search, services
from .forms import (
    AllocationForm,
    ArchiveForm,
    AssetForm,
    CapacityForm,
    ConsentForm,
    NetworkMemberForm,
    NetworkRowForm,
    NetworkRowFormSet,
    NewPersonForm,
    PersonDetailsForm,
    SearchForm,
    StrengthRowForm,
    StrengthRowFormSet,
    WhoIAmForm,
)
from .history import history_entries
from .models import Asset, NetworkMember

SECTIONS = {
    "details": (PersonDetailsForm, "Personal details"),
    "who-i-am": (WhoIAmForm, "Who I am"),
    "consent": (ConsentForm, "Consent"),
    "capacity": (CapacityForm, "Capacity and advocacy"),
    "allocation": (AllocationForm, "Allocation and access"),
}


# --- Home: each role starts where its work is -----------------------------------------------------


@login_required
def home(request):
    user = request.user
    if user.role in CASE_ROLES and access.can_see_people(user):
        page = Paginator(queries.Caseload(user), queries.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "people/caseload.html", {"page": page, "home_parts": home_parts.page_parts(request)})
    if access.can_see_people(user):
        return render(
            request,
            "people/home_oversight.html",
            {
                "teams": queries.team_overview(),
                "can_admin": user.role == Role.ADMINISTRATOR and user.is_staff,
                "home_parts": home_parts.page_parts(request),
            },
        )
    return render(request, "people/no_people_role.html")


@login_required
def find(request):
    require_people_role(request.user)
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search.search(form.terms, user=request.user)
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "by_key": results is not None and form.terms.by_key,
            "can_add": request.user.role in CASE_ROLES,
        },
    )


# --- The person's page ------------------------------------------------------------------------------


@login_required
def detail(request, pk):
    user = request.user
    person = open_person_page(request, pk, archived=access.can_read_history(user))
    can_edit = person.archived_at is None and access.can_edit(user, person)
    network = queries.network_of(person.pk)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "network": network,
            "placed": circles.place(network),
            "circle_size": circles.SIZE,
            "asset_levels": queries.assets_by_level(queries.strengths_of(person.pk)),
            "advocacy": person.advocacy(),
            "can_edit": can_edit,
            "can_read_history": access.can_read_history(user),
            "can_allocate": person.archived_at is None and access.can_allocate(user, person),
            "can_archive": access.can_allocate(user, person),
            "actions": _next_steps(request, person, can_edit),
            "top_parts": record_parts.page_parts(request, person, can_edit=can_edit, place=record_parts.TOP),
            "bottom_parts": record_parts.page_parts(request, person, can_edit=can_edit, place=record_parts.BOTTOM),
        },
    )


def _next_steps(request, person, can_edit):
    """Links at the top of the person's page: what other apps offer (a case note), then the record's own."""
    if not can_edit:
        return []
    own = [("Add strengths and network", reverse("people:add_strengths_and_network", args=[person.pk]))]
    return record_parts.page_actions(request, person, can_edit=can_edit) + own


@login_required
def new_person(request):
    require_people_role(request.user)
    if request.user.role not in CASE_ROLES:
        raise PermissionDenied("Only practitioners and team managers add people.")
    form = NewPersonForm(
        request.POST or None, initial={"team": request.user.team_id, "allocated_worker": request.user.pk}
    )
    duplicates, confirmation = [], ""
    if request.method == "POST":
        valid = form.is_valid()
        # Someone the council may know already: warn, link to them, and save only when the
        # practitioner says this is someone else (a second record for an NHS number is a form error).
        identity = form.identity()
        duplicates = queries.possible_duplicates(identity, user=request.user)
        confirmation = rules.duplicate_confirmation(identity)
        confirmed = request.POST.get("different_person") == confirmation
        if valid and (confirmed or not duplicates):
            try:
                person = services.person_create(actor=request.user, data=form.changed_data_for_save())
            except PermissionDenied:
                form.add_error("team", "You can only add people to your own team")
            except services.NhsNumberInUse:
                form.add_error("nhs_number", rules.NHS_NUMBER_IN_USE)
            else:
                messages.success(request, f"{person.display_name} has been added.")
                return redirect(person)
    return render(
        request,
        "people/new.html",
        {
            "form": form,
            "duplicates": duplicates,
            "confirmation": confirmation,
            "can_confirm": not any(d.reason == rules.SAME_NHS_NUMBER for d in duplicates),
        },
    )


# --- Changing the record ----------------------------------------------------------------------------


@login_required
def edit_section(request, pk, section):
    if section not in SECTIONS:
        raise Http404("No such section.")
    form_class, title = SECTIONS[section]
    person = open_person_page(request, pk, for_edit=True)
    if section == "allocation" and not access.can_allocate(request.user, person):
        raise PermissionDenied("Only the team's supervisor can change who works with a person or restrict the record.")
    draft_key = f"person:{person.pk}:{section}"

    def make_form(data, instance=person, **overrides):
        return form_class(data, instance=instance, **overrides)

    def save(form):
        services.person_update(
            actor=request.user,
            person_id=person.pk,
            expected_version=form.cleaned_data["version"],
            data=form.changed_data_for_save(),
            draft_key=draft_key,
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading=title,
        saved=f"{title} saved.",
        draft_key=draft_key,
    )


def _edit_child(request, pk, *, model, form_class, save, child_id, heading, form_needs_person=False):
    """Add or change a network member or a strength: the same shape, so one function serves both."""
    person = open_person_page(request, pk, for_edit=True)
    child = get_object_or_404(model, pk=child_id, person=person) if child_id else None
    form_kwargs = {"person": person} if form_needs_person else {}

    def make_form(data, instance=child, **overrides):
        return form_class(data, instance=instance, **form_kwargs, **overrides)

    def save_form(form):
        if child_id:
            save(
                actor=request.user,
                person=person,
                data=form.changed_data_for_save(),
                record_id=child_id,
                expected_version=form.cleaned_data["version"],
            )
        else:
            save(actor=request.user, person=person, data=form.changed_data_for_save())

    return record_form_page(request, person=person, make_form=make_form, save=save_form, heading=heading(person, child))


@login_required
def edit_network_member(request, pk, member_id=None):
    def save(*, record_id=None, **kwargs):
        return services.network_member_save(member_id=record_id, **kwargs)

    return _edit_child(
        request,
        pk,
        model=NetworkMember,
        form_class=NetworkMemberForm,
        save=save,
        child_id=member_id,
        heading=lambda person, member: (
            f"Change {member.name}" if member else f"Add someone to {person.known_as}'s network"
        ),
    )


@login_required
def edit_asset(request, pk, asset_id=None):
    def save(*, record_id=None, **kwargs):
        return services.asset_save(asset_id=record_id, **kwargs)

    return _edit_child(
        request,
        pk,
        model=Asset,
        form_class=AssetForm,
        save=save,
        child_id=asset_id,
        form_needs_person=True,
        heading=lambda person, asset: "Change a strength" if asset else "Add a strength",
    )


@login_required
def add_strengths_and_network(request, pk):
    """Several people in the person's network and several strengths, on one page, saved together."""
    person = open_person_page(request, pk, for_edit=True)
    data = request.POST if request.method == "POST" else None
    existing = queries.strength_words(person.pk)
    network = NetworkRowFormSet.build(NetworkRowForm, person=person, data=data, prefix="network")
    strengths = StrengthRowFormSet.build(
        StrengthRowForm, person=person, data=data, prefix="strengths", existing=existing
    )
    another = request.POST.get("add_row") if data is not None else None
    if another in ("network", "strengths"):
        # Draw the page again with one more row in that list: nothing checked, nothing saved.
        network = network.redrawn(add_row=another == "network")
        strengths = strengths.redrawn(add_row=another == "strengths")
    elif data is not None and all([network.is_valid(), strengths.is_valid()]):
        members, assets = network.filled(), strengths.filled()
        if not (members or assets):
            first = (network.forms or strengths.forms or [None])[0]
            if first is not None:
                first.add_error(next(iter(first.fields)), NOTHING_TYPED)
        else:
            try:
                services.strengths_and_network_add(
                    actor=request.user,
                    person=person,
                    members=[form.cleaned_data for form in members],
                    strengths=[form.cleaned_data for form in assets],
                )
            except services.RepeatedStrengths as repeated:  # saved by someone else since the page was checked
                strengths.mark_repeats(repeated.repeats)
            else:
                messages.success(request, _added(person, len(members), len(assets)))
                if request.POST.get("then") == "who-i-am":
                    return redirect("people:edit", person.pk, "who-i-am")
                return redirect(person)
    summary = network.summary() + strengths.summary()
    return render(
        request,
        "people/add_strengths_and_network.html",
        {
            "person": person,
            "network": network,
            "strengths": strengths,
            "summary": summary,
            "redrawn": another in ("network", "strengths"),
        },
    )


NOTHING_TYPED = "Enter someone in their network or a strength before saving"


def _added(person, members, strengths):
    said = []
    if members:
        said.append(f"{members} {'person' if members == 1 else 'people'} to {person.known_as}'s network")
    if strengths:
        said.append(f"{strengths} {'strength' if strengths == 1 else 'strengths'}")
    return f"Added {' and '.join(said)}."


# --- Archiving ----------------------------------------------------------------------------------------


@login_required
def archive(request, pk):
    person = open_person_page(request, pk)
    if not access.can_allocate(request.user, person):
        raise PermissionDenied("Only a supervisor of the person's team can archive their record.")
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_archive(actor=request.user, person_id=person.pk, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            f"{person.display_name}'s record is archived. You can bring it back from the list of archived people.",
        )
        return redirect("home")
    return render(request, "people/archive.html", {"person": person, "form": form})


@login_required
@require_POST
def unarchive(request, pk):
    person = open_person_page(request, pk, archived=True)
    if person.archived_at is None:
        return redirect(person)
    services.person_unarchive(actor=request.user, person_id=person.pk)
    messages.success(request, f"{person.display_name}'s record is back in the team's caseload.")
    return redirect(person)


@login_required
def archived(request):
    if not access.can_read_history(request.user):
        raise PermissionDenied(
            "Archived records are for supervisors, quality leads, senior leaders and administrators."
        )
    people = queries.archived_people(request.user)
    page = Paginator(people, queries.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/archived.html", {"page": page})


# --- Oversight ----------------------------------------------------------------------------------------


@login_required
def history(request, pk):
    if not access.can_read_history(request.user):
        raise PermissionDenied("Change history is for supervisors, quality leads, senior leaders and administrators.")
    person = open_person_page(request, pk, archived=True)
    return render(
        request,
        "people/history.html",
        {
            "person": person,
            "entries": history_entries(person, request.user),
            "views": access.access_log_for(person)[:50],
        },
    )


# --- A team's overdue reviews -----------------------------------------------------------------------


@login_required
def overdue_reviews(request, team_id):
    """A team's people whose review is overdue, the longest overdue first: for the team's supervisor,
    and for quality leads, senior leaders and administrators, who oversee every team."""
    user = request.user
    require_people_role(user)
    team = get_object_or_404(Team, pk=team_id)
    if not rules.may_see_team_reviews(role=user.role, own_team_id=user.team_id, team_id=team.pk):
        raise PermissionDenied("Only the team's supervisor, or someone who oversees every team, can see this.")
    page = Paginator(queries.OverdueReviews(team.pk), queries.OVERDUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/overdue_reviews.html", {"team": team, "page": page})
