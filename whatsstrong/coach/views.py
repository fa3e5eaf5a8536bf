"""Live hints as a practitioner writes. Hints never block saving; they only suggest."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .services import findings_for

MAX_CHECK_CHARS = 100_000


@login_required
@require_POST
def check_field(request):
    """htmx posts the whole form; `coach_field` names the field to check."""
    field = request.POST.get("coach_field", "")
    text = request.POST.get(field, "")[:MAX_CHECK_CHARS]
    findings = findings_for(text)
    return render(request, "coach/findings.html", {"findings": findings, "field": field, "text": text})
