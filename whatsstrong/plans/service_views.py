"""Naming a directory service for a community contribution: picked from a short list of running
services found by words (never a typed id), saved through services.contribution_save, which records
the suggestion on the person's record once."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from whatsstrong.core.forms import GovukForm
from whatsstrong.directory import services as directory_services

from . import services
from .models import Contribution
from .views import _contribution, _form_page, _open_for_change

NONE = "none"


class ServicePickForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    service = forms.ChoiceField(
        label="Which service?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a service, or choose to name none",
            "invalid_choice": "Choose a service from the list",
        },
    )

    def __init__(self, *args, found=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        listed = list(found)
        if current is not None and current.pk not in {s.pk for s in listed}:
            listed.insert(0, current)
        self.fields["service"].choices = [(str(s.pk), f"{s.name}, run by {s.organisation.name}") for s in listed] + [
            (NONE, "None: take the service off this contribution")
        ]


@login_required
def contribution_service(request, pk, plan_id, cid):
    person, found, open_ = _open_for_change(request, pk, plan_id)
    contribution = _contribution(found, cid)
    if not open_:
        return redirect(found)
    if contribution.kind != Contribution.Kind.COMMUNITY:
        return redirect(found.get_absolute_url() + f"#outcome-{contribution.outcome_id}")
    words = (request.GET.get("q") or "").strip()[:100]
    services_found = directory_services.active_services(words)
    current = contribution.service

    def make_form(data, instance=None, **more):
        if instance is not None:  # an edit conflict: the form carries the newer version
            more.setdefault("initial", {})["version"] = instance.version
        initial = {"version": contribution.version, "service": str(current.pk) if current else None}
        return ServicePickForm(data, found=services_found, current=current, initial=more.get("initial", initial))

    def save(form):
        chosen = form.cleaned_data["service"]
        services.contribution_save(
            actor=request.user,
            person=person,
            contribution_id=contribution.pk,
            data={"service": None if chosen == NONE else chosen},
            expected_version=form.cleaned_data["version"],
        )

    return _form_page(
        request,
        person,
        found,
        anchor=f"outcome-{contribution.outcome_id}",
        heading="Name a service from the community directory",
        make_form=make_form,
        save=save,
        saved="Service named in the plan, and recorded as suggested to them.",
        template="plans/service_pick.html",
        extra={"contribution": contribution, "words": words, "found": services_found, "current": current},
    )
