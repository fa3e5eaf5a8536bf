"""Outcomes forum pages: the list of forums, arranging one and recording who attended (forum roles);
bringing a person to a forum from their record, the hearing with the plan it brings, what the forum
decided and the gaps it raised (each opened through core/gate.py, so access is asked and logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.forms import with_version
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.models import User
from whatsstrong.core.record_pages import record_form_page, show_refusal
from whatsstrong.core.records import EditConflict
from whatsstrong.directory import queries as directory_queries
from whatsstrong.people import rules as people_rules
from whatsstrong.plans.rules import pounds

from . import queries, services
from .forms import DecisionForm, ForumEditForm, ForumForm, ForumGapForm, HearingForm, MemberForm

CONFLICT = "Someone saved this forum after you opened it. What you typed is below: check it and save again."


def _reader(request):
    if not access.can_see_forums(request.user):
        raise PermissionDenied("Outcomes forums are for staff who work with people's records.")


def _chair(request):
    if not access.can_hold_forums(request.user):
        raise PermissionDenied(services.NOT_A_CHAIR)


def _form_page(request, *, make_form, save, heading, cancel_url, lead=""):
    """A forum page with a form that is about no one's record: GOV.UK errors, every word kept."""
    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            return save(form)
        except ValidationError as error:
            show_refusal(form, error)
    return render(
        request, "forums/form.html", {"form": form, "heading": heading, "cancel_url": cancel_url, "lead": lead}
    )


@login_required
def forum_list(request):
    _reader(request)
    return render(
        request,
        "forums/list.html",
        {"forums": queries.forums(), "can_hold": access.can_hold_forums(request.user)},
    )


def _chairs():
    return [
        u
        for u in User.objects.filter(is_active=True, role__in=access.FORUM_ROLES).order_by("first_name", "last_name")
        if access.can_hold_forums(u)
    ]


@login_required
def forum_new(request):
    _chair(request)
    chairs = _chairs()

    def save(form):
        data = form.cleaned_data
        forum = services.forum_add(
            actor=request.user, data={"held_on": data["held_on"], "chair": int(data["chair"]), "place": data["place"]}
        )
        messages.success(request, "Forum arranged. Now record who is coming from each discipline.")
        return redirect(forum.get_absolute_url())

    return _form_page(
        request,
        make_form=lambda data: ForumForm(data, chairs=chairs, initial={"chair": str(request.user.pk)}),
        save=save,
        heading="Arrange an outcomes forum",
        cancel_url=reverse("forums:list"),
        lead=(
            "An outcomes forum stands where a finance panel used to: practitioners bring the person and their "
            "plan, and members from several disciplines help agree it and notice what the community lacks."
        ),
    )


def _forum_or_404(fid):
    forum = queries.forum_detail(fid)
    if forum is None:
        raise Http404("There is no such forum.")
    return forum


@login_required
def forum_page(request, fid):
    _reader(request)
    forum = _forum_or_404(fid)
    heard = []
    for hearing in forum.hearings.all():
        # A restricted record's name is shown only to those who may open it now.
        shown = access.view_decision(request.user, hearing.person).allowed
        heard.append((hearing, shown))
    return render(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "by_discipline": queries.members_by_discipline(forum),
            "heard": heard,
            "can_hold": access.can_hold_forums(request.user),
        },
    )


@login_required
def forum_edit(request, fid):
    """Change a forum's date, chair and place, and take off members recorded by mistake (adding one
    is its own page), for those who arrange forums, at the version opened."""
    _chair(request)
    forum = _forum_or_404(fid)
    members = list(forum.members.all())
    initial = {
        "held_on": forum.held_on,
        "chair": str(forum.chair_id),
        "place": forum.place,
        "version": forum.version,
    }
    form = ForumEditForm(
        request.POST if request.method == "POST" else None, chairs=_chairs(), members=members, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.forum_save(
                actor=request.user,
                forum_id=forum.pk,
                expected_version=data.get("version"),
                data={"held_on": data["held_on"], "chair": int(data["chair"]), "place": data["place"]},
                remove=[int(pk) for pk in data.get("remove") or []],
            )
        except EditConflict as error:
            form.data = with_version(request.POST, error.record.version)
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Forum details saved.")
            return redirect(forum.get_absolute_url())
    return render(
        request,
        "forums/edit.html",
        {
            "form": form,
            "heading": "Change the forum's details",
            "cancel_url": forum.get_absolute_url(),
            "lead": "To record someone else attending, use “Record someone attending” on the forum's page.",
        },
    )


@login_required
def member_new(request, fid):
    _chair(request)
    forum = _forum_or_404(fid)

    def save(form):
        member = services.member_add(
            actor=request.user,
            forum_id=forum.pk,
            data={"name": form.cleaned_data["name"], "discipline": form.cleaned_data["discipline"]},
        )
        messages.success(request, f"{member.name} recorded as attending.")
        return redirect(forum.get_absolute_url())

    return _form_page(
        request,
        make_form=lambda data: MemberForm(data),
        save=save,
        heading="Record someone attending",
        cancel_url=forum.get_absolute_url(),
        lead="Each discipline brings what it knows, so say which one this member brings.",
    )


# --- From a person's record ------------------------------------------------------------------------


@login_required
def hear(request, pk):
    """Bring a person to a forum: the practitioner who may change their record presents."""
    person = open_person_page(request, pk, for_edit=True)
    forums, plans = queries.forums_to_join(), queries.open_plans(person.pk)
    earlier = queries.earlier_hearings(person.pk)
    if not plans:
        messages.info(request, f"Start a support plan for {person.known_as} first: the forum hears the plan.")
        return redirect(person.get_absolute_url())
    if not forums:
        messages.info(request, "No outcomes forum has been arranged yet. A supervisor or senior leader arranges them.")
        return redirect(person.get_absolute_url())
    made = {}

    def save(form):
        data = form.cleaned_data
        made["hearing"] = services.hearing_add(
            actor=request.user,
            person=person,
            forum_id=int(data["forum"]),
            data={"plan": int(data["plan"]), "story": data["story"], "follows": int(data.get("follows") or 0) or None},
        )

    initial = {"plan": str(plans[0].pk)}
    asked_for_changes = [h for h in earlier if h.decision == "changes"]
    if asked_for_changes:
        initial["follows"] = str(asked_for_changes[0].pk)
    response = record_form_page(
        request,
        person=person,
        make_form=lambda data, **_: HearingForm(data, forums=forums, plans=plans, earlier=earlier, initial=initial),
        save=save,
        heading=f"Bring {person.known_as} to an outcomes forum",
        saved="Added to the forum.",
        extra={
            "lead": "You will present their story and their support plan; the forum sees the plan's outcomes "
            "and what the budget pays."
        },
    )
    if "hearing" in made:
        return redirect(made["hearing"].get_absolute_url())
    return response


def _hearing_or_404(person, hid):
    hearing = queries.hearing_of(person.pk, hid)
    if hearing is None:
        raise Http404("There is no such hearing on this record.")
    return hearing


@login_required
def hearing_page(request, pk, hid):
    person = open_person_page(request, pk)
    hearing = _hearing_or_404(person, hid)
    view = queries.hearing_view(hearing)
    return render(
        request,
        "forums/hearing.html",
        {
            "person": person,
            "h": hearing,
            "v": view,
            "pounds": pounds,
            "can_decide": access.can_hold_forums(request.user),
            "can_raise_gap": access.can_raise_forum_gap(request.user, person),
        },
    )


@login_required
def decide(request, pk, hid):
    _chair(request)
    person = open_person_page(request, pk)
    hearing = _hearing_or_404(person, hid)

    def save(form):
        data = form.cleaned_data
        services.hearing_decide(
            actor=request.user,
            person=person,
            hearing_id=hearing.pk,
            expected_version=data["version"],
            data={name: data.get(name) for name in ("decision", "reasons", "changes", "changes_by")},
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **o: DecisionForm(
            data, instance=o.get("instance", hearing), held_on=hearing.forum.held_on
        ),
        save=save,
        heading=f"What the forum decided about {person.known_as}'s plan",
        saved="Decision recorded.",
        done_url=hearing.get_absolute_url(),
        extra={"lead": "Agree the plan, or say what needs to change and by when. Either way, say why."},
    )


@login_required
def gap_new(request, pk, hid):
    person = open_person_page(request, pk)
    if not access.can_raise_forum_gap(request.user, person):
        raise PermissionDenied("Only someone taking part in the forum who may see this record can record this.")
    hearing = _hearing_or_404(person, hid)
    groups = directory_queries.category_groups()
    area = people_rules.postcode_key(person.postcode).split(" ")[0] if person.postcode else ""

    def save(form):
        data = form.cleaned_data
        services.hearing_gap(
            actor=request.user,
            person=person,
            hearing_id=hearing.pk,
            data={name: data[name] for name in ("category", "area", "who", "need", "urgency")},
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **_: ForumGapForm(data, groups=groups, initial={"area": area}),
        save=save,
        heading="Record support the community or market could not offer",
        saved="Gap recorded. Commissioners see it counted by category, area and quarter, without names.",
        done_url=hearing.get_absolute_url(),
        extra={
            "lead": "Say what would have helped, had it been there. Describe who it would be for as a group, "
            "never by name."
        },
    )
