"""Support plan pages. Each opens the person through core/gate.py, reads through queries.py and
writes through services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page

from . import queries, rules, services
from .models import SupportPlan


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
    found = get_object_or_404(SupportPlan.objects.select_related("author", "assessment"), pk=plan_id, person=person)
    can_edit = access.can_edit(request.user, person)
    view = queries.plan_view(found)
    return render(
        request,
        "plans/plan.html",
        {
            "person": person,
            "view": view,
            "p": found,
            "can_change": can_edit and rules.editable(found.status),
            "can_edit": can_edit,
            "pounds": rules.pounds,
        },
    )
