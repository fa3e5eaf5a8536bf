from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import access, gate, queries
from .drafts import DraftRefused, discard_draft, read_draft, save_draft
from .forms import ReasonReviewForm, RestrictedReasonForm


@login_required
def access_log(request):
    if not access.can_read_history(request.user):
        raise PermissionDenied("The access log is for supervisors, quality leads, senior leaders and administrators.")
    page = Paginator(queries.access_log(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/access_log.html",
        {
            "page": page,
            "rows": queries.named(page.object_list),
            "can_review": access.can_review_reasons(request.user),
        },
    )


REVIEWERS_ONLY = "Reasons given to open restricted records are reviewed by quality leads."


@login_required
def reasons(request):
    """Every reason given to open a restricted record, those not yet reviewed first."""
    if not access.can_review_reasons(request.user):
        raise PermissionDenied(REVIEWERS_ONLY)
    page = Paginator(queries.reasons_for_review(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/reasons.html",
        {"page": page, "rows": queries.named(page.object_list), "unreviewed": queries.unreviewed_reason_count()},
    )


@login_required
def review_reason(request, pk):
    """One reason: what was given, by whom, and a quality lead marking it reviewed."""
    if not access.can_review_reasons(request.user):
        raise PermissionDenied(REVIEWERS_ONLY)
    grant = get_object_or_404(queries.reasons_for_review(), pk=pk)
    form = ReasonReviewForm(request.POST or None)
    if request.method == "POST" and grant.reviewed_at is None and form.is_valid():
        try:
            access.review_reason(
                reviewer=request.user, grant_id=grant.pk, note=form.cleaned_data["note"], path=request.path
            )
        except access.AlreadyReviewed as already:
            form.add_error(None, str(already))
        else:
            messages.success(request, f"Marked reviewed: the reason {grant.user.display_name} gave.")
            return redirect("core:reasons")
        grant = get_object_or_404(queries.reasons_for_review(), pk=pk)
    row = queries.named([grant])[0]
    return render(
        request,
        "core/review_reason.html",
        {"grant": grant, "row": row, "form": form, "own": not access.can_review_reason(request.user, grant)},
    )


@login_required
def give_reason(request, pk):
    """Say why you need a restricted record; the reason is logged and lets you in for a while."""
    gate.require_people_role(request.user)
    person = gate.find_person(pk)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) or not next_url.startswith(
        "/"
    ):
        next_url = person.get_absolute_url()
    form = RestrictedReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access.grant_restricted_access(
            user=request.user, record=person, reason=form.cleaned_data["reason"], path=request.path
        )
        return redirect(next_url)
    return render(request, "core/give_reason.html", {"form": form, "person_id": pk})


@require_POST
def save_form_draft(request):
    """Keep what is being typed into a form's long fields. Sent by static/drafts.js."""
    if not request.user.is_authenticated:
        # A 401, not a redirect to the sign-in page, so the script knows the server kept nothing.
        return JsonResponse({"error": "Sign in again; your draft is kept on this device."}, status=401)
    try:
        sent = read_draft(request.body)
    except RequestDataTooBig:
        return JsonResponse(
            {"error": "The draft is too large to keep here; it is kept on this device.", "field": "body"}, status=413
        )
    except DraftRefused as refusal:
        return JsonResponse({"error": refusal.message, "field": refusal.field}, status=400)
    draft = save_draft(user=request.user, key=sent.key, data=sent.fields, base_version=sent.version)
    # The same form as the banner's data-saved-at, so drafts.js can tell the two copies match.
    return JsonResponse({"saved_at": draft.updated_at.isoformat(timespec="milliseconds")})


@login_required
@require_POST
def discard_form_draft(request):
    discard_draft(user=request.user, key=request.POST.get("key", ""))
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)
