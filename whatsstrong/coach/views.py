"""Live hints as a practitioner writes. Hints never block saving; they only suggest."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .services import findings_for

MAX_CHECK_CHARS = 100_000


@require_POST
def check_field(request):
    """htmx posts the whole form; `coach_field` names the field to check."""
    if not request.user.is_authenticated:
        # Not a redirect: htmx would put the sign-in page into the hint box. It ignores a 401.
        return HttpResponse(status=401)
    field = request.POST.get("coach_field", "")
    text = request.POST.get(field, "")[:MAX_CHECK_CHARS]
    findings = findings_for(text)
    return render(request, "coach/findings.html", {"findings": findings, "field": field, "text": text})
