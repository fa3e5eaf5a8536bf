"""Safeguarding pages: raising a concern, the concern with its decision and enquiry, and the pages that
record each step. Each opens the person and the concern through opening.py (core/gate.py, then the
safeguarding rules in core/access.py, every view logged) and writes through services.py; the edit pages
are the shared record page (core/record_pages.py) drawn by safeguarding/form.html."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from whatsstrong.core import access
from whatsstrong.core.forms import RestrictedReasonForm
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page
from whatsstrong.people.models import NetworkMember

from . import queries, reference, rules, services
from .forms import CloseForm, ConcernForm, DecisionForm, EnquiryForm, OutcomeForm, SourceForm, SurveyForm
from .models import Concern
from .opening import ConcernReasonNeeded, open_concern, open_safeguarding

FORM = "safeguarding/form.html"


def page(view):
    """A signed-in page; a quality lead who has not said why they need a concern is asked first."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ConcernReasonNeeded as needed:
            address = reverse("safeguarding:reason", args=[needed.person_id, needed.concern_id])
            return redirect(f"{address}?{urlencode({'next': request.get_full_path()})}")

    return wrapped


def _concern(request, pk, concern_id):
    return open_concern(request.user, pk, concern_id, path=request.get_full_path())


def _enquiry(request, pk, concern_id, *, open_only=True):
    """The person, concern and enquiry, for someone who works on it; an enquiry that has closed is not
    changed (the concern page says so)."""
    person, concern = _concern(request, pk, concern_id)
    if not access.can_work_on_safeguarding(request.user, person):
        raise PermissionDenied(access.NOT_SAFEGUARDING)
    view = queries.enquiry_of(concern)
    if view is None:
        raise Http404("This concern has no enquiry.")
    if open_only and view.enquiry.closed:
        raise Http404("This enquiry has closed.")
    return person, concern, view


@page
def raise_concern(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    if not access.can_raise_concern(request.user, person):
        raise PermissionDenied(services.NOT_RAISE)
    made = {}

    def save(form):
        made["concern"] = services.concern_raise(actor=request.user, person=person, data=form.cleaned_data)

    close = access.safeguarding_need_to_know(request.user, person)
    response = record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: ConcernForm(data, name=person.known_as, **more),
        save=save,
        heading="Raise a safeguarding concern",
        saved="Concern recorded."
        if close
        else f"Concern recorded. Only {person.known_as}'s allocated worker and their team's supervisors can open it.",
        template=FORM,
        extra={"lead": "Record what you know now. Deciding whether an enquiry is needed comes next."},
    )
    if "concern" in made and close:
        return redirect(made["concern"])
    return response


@page
def concern(request, pk, concern_id):
    person, found = _concern(request, pk, concern_id)
    user = request.user
    view = queries.enquiry_of(found)
    names = access.can_see_source_of_harm(user, person)
    outcome_answers = [o.achieved for o in view.outcomes] if view else []
    return render(
        request,
        "safeguarding/concern.html",
        {
            "person": person,
            "c": found,
            "e": view.enquiry if view else None,
            "view": view,
            "label": reference.label,
            "source_name": queries.source_name if names else None,
            "can_decide": access.can_decide_enquiry(user, person) and not found.decision,
            "can_work": access.can_work_on_safeguarding(user, person),
            "overall": rules.enquiry_achieved(outcome_answers),
            "trail": sorted(
                queries.trail(person.pk, concern_id=found.pk, with_sources=names), key=lambda e: e.at, reverse=True
            ),
        },
    )


@page
def give_reason(request, pk, concern_id):
    person = open_safeguarding(request.user, pk, path=request.get_full_path())
    if not access.safeguarding_oversight(request.user):
        raise PermissionDenied(access.NOT_SAFEGUARDING)
    try:
        found = queries.concern(person, concern_id)
    except Concern.DoesNotExist:
        raise Http404("This person has no safeguarding concern with this number.") from None
    form = RestrictedReasonForm(request.POST or None)
    form.fields["reason"].label = "Why do you need to open this safeguarding record?"
    if request.method == "POST" and form.is_valid():
        access.grant_restricted_access(
            user=request.user, record=found, reason=form.cleaned_data["reason"], path=request.path
        )
        return redirect(found)
    return render(
        request, "safeguarding/reason.html", {"person": person, "form": form}, status=400 if form.errors else 200
    )


@page
def decide(request, pk, concern_id):
    person, found = _concern(request, pk, concern_id)
    if not access.can_decide_enquiry(request.user, person):
        raise PermissionDenied(services.NOT_DECIDE)
    if found.decision:
        messages.info(request, "This concern has been decided already.")
        return redirect(found)
    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: DecisionForm(
            data, name=person.known_as, initial={"version": found.version, **more.get("initial", {})}
        ),
        save=lambda form: services.concern_decide(
            actor=request.user,
            person=person,
            concern_id=found.pk,
            expected_version=form.cleaned_data["version"],
            data=form.cleaned_data,
        ),
        heading="Decide whether an enquiry is needed",
        saved="Decision recorded.",
        done_url=found.get_absolute_url(),
        template=FORM,
        extra={"concern": found},
    )


@page
def enquiry(request, pk, concern_id):
    person, found, view = _enquiry(request, pk, concern_id)
    e = view.enquiry
    initial = {f: getattr(e, f) for f in services.ENQUIRY_FIELDS} | {
        "abuse_types": view.abuse_types,
        "version": e.version,
    }

    def make_form(data, **more):
        return EnquiryForm(data, name=person.known_as, initial={**initial, **more.get("initial", {})})

    def save(form):
        data = dict(form.cleaned_data)
        services.enquiry_save(
            actor=request.user,
            person=person,
            enquiry_id=e.pk,
            expected_version=data.pop("version"),
            abuse_types=data.pop("abuse_types"),
            data=data,
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading=f"{person.known_as}'s say, and what the enquiry is about",
        saved="Enquiry saved.",
        done_url=found.get_absolute_url(),
        template=FORM,
    )


@page
def outcome_add(request, pk, concern_id):
    person, found, view = _enquiry(request, pk, concern_id)
    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: OutcomeForm(data, name=person.known_as),
        save=lambda form: services.outcome_add(
            actor=request.user, person=person, enquiry_id=view.enquiry.pk, text=form.cleaned_data["text"]
        ),
        heading="Add what they want to happen",
        saved="Desired outcome added.",
        done_url=found.get_absolute_url(),
        template=FORM,
        extra={"lead": "Ask at the start of the enquiry, and write it as they said it."},
    )


@page
def source_add(request, pk, concern_id):
    person, found, view = _enquiry(request, pk, concern_id)
    members = list(NetworkMember.objects.filter(person=person))
    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: SourceForm(data, name=person.known_as, members=members),
        save=lambda form: services.source_add(
            actor=request.user, person=person, enquiry_id=view.enquiry.pk, data=form.cleaned_data
        ),
        heading="Add a source of risk",
        saved="Source of risk added.",
        done_url=found.get_absolute_url(),
        template=FORM,
        extra={
            "lead": f"Who or what is alleged to have caused the harm. This is never shown in anything made for "
            f"{person.known_as}, nor to anyone outside their allocated worker and their team's supervisors."
        },
    )


@page
def close(request, pk, concern_id):
    person, found, view = _enquiry(request, pk, concern_id)
    e = view.enquiry

    def make_form(data, **more):
        return CloseForm(
            data,
            name=person.known_as,
            outcomes=view.outcomes,
            initial={"version": e.version, **more.get("initial", {})},
        )

    def save(form):
        services.enquiry_close(
            actor=request.user,
            person=person,
            enquiry_id=e.pk,
            expected_version=form.cleaned_data["version"],
            data=form.cleaned_data,
            achieved=form.achieved(),
        )

    return record_form_page(
        request,
        person=person,
        make_form=make_form,
        save=save,
        heading="Close the enquiry",
        saved="Enquiry closed.",
        done_url=found.get_absolute_url(),
        template=FORM,
        extra={"lead": f"Look back with {person.known_as} at what they wanted, and say how far each came about."},
    )


@page
def survey(request, pk, concern_id):
    person, found, view = _enquiry(request, pk, concern_id, open_only=False)
    e = view.enquiry
    initial = {"survey": e.survey, "survey_on": e.survey_on, "version": e.version}
    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **more: SurveyForm(
            data, name=person.known_as, initial={**initial, **more.get("initial", {})}
        ),
        save=lambda form: services.survey_save(
            actor=request.user,
            person=person,
            enquiry_id=e.pk,
            expected_version=form.cleaned_data["version"],
            data=form.cleaned_data,
        ),
        heading="Experience survey invitation",
        saved="Survey invitation saved.",
        done_url=found.get_absolute_url(),
        template=FORM,
    )
