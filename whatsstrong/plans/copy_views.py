"""The person's copy of their support plan: a page to read and print, and a PDF, standard or large print.

Both draw the same sections (copy.build). The copy shows the latest agreed version, as it was agreed,
even while the next version is being written; a plan never agreed is shown as a draft, marked so.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from whatsstrong.core import withheld
from whatsstrong.core.gate import open_person_page

from . import copy, pdf, queries
from .models import SupportPlan


def withheld_names(person) -> list[str]:
    """Names that must never be in the person's copy: whatever any app registered with core/withheld.py
    (safeguarding gives the alleged sources of harm recorded for this person)."""
    return withheld.names_for(person)


def _copy_of(request, pk, plan_id):
    person = open_person_page(request, pk)
    plan = get_object_or_404(SupportPlan.objects.select_related("author"), pk=plan_id, person=person)
    content, number, day = queries.copy_content(plan)
    document = copy.build(
        content,
        name=person.display_name,
        version=number,
        agreed_on=day,
        ended=plan.status == SupportPlan.Status.ENDED,
        withheld_names=withheld_names(person),
    )
    return person, plan, number if day else None, document


@login_required
def copy_page(request, pk, plan_id):
    person, plan, agreed_number, document = _copy_of(request, pk, plan_id)
    large = request.GET.get("size") == "large"
    return render(
        request,
        "plans/copy.html",
        {
            "person": person,
            "plan": plan,
            "doc": document,
            "large": large,
            # Changes for the next version are being written: the copy still shows the agreed one.
            "writing_next": agreed_number is not None and plan.edition > agreed_number,
            "agreed_number": agreed_number,
        },
    )


@login_required
def copy_pdf(request, pk, plan_id):
    person, plan, agreed_number, document = _copy_of(request, pk, plan_id)
    large = request.GET.get("size") == "large"
    response = HttpResponse(
        pdf.render(document, author=plan.author.display_name, large=large), content_type="application/pdf"
    )
    version = f"version-{agreed_number}" if agreed_number else "draft"
    name = f"support-plan-{version}{'-large-print' if large else ''}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
