"""Information governance pages: the retention schedule's due list, legal holds, subject access
exports and the access log download. Each asks core/access.py, opens a person through core/gate.py
(so the view is logged), reads through queries.py and writes through services.py."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from whatsstrong.core import access, audit_export
from whatsstrong.core.gate import open_person_page

from . import queries, rules, services, subject_access
from .forms import AccessLogForm, HoldForm, LiftForm, SubjectAccessForm
from .models import LegalHold

NOT_GOVERNANCE = "Information governance is for quality leads, senior leaders and administrators."


@login_required
def index(request):
    user = request.user
    if not (access.can_see_retention(user) or access.can_download_access_log(user)):
        raise PermissionDenied(NOT_GOVERNANCE)
    return render(
        request,
        "governance/index.html",
        {
            "may_retention": access.can_see_retention(user),
            "may_download": access.can_download_access_log(user),
            "holds": list(queries.live_holds().values()) if access.can_see_retention(user) else [],
        },
    )


@login_required
def retention(request):
    if not access.can_see_retention(request.user):
        raise PermissionDenied(NOT_GOVERNANCE)
    today = timezone.localdate()
    rows = queries.retention_rows(today)
    return render(
        request,
        "governance/retention.html",
        {
            "due": [r for r in rows if r.verdict.due],
            "later": [r for r in rows if not r.verdict.due][:50],
            "later_count": sum(1 for r in rows if not r.verdict.due),
            "schedule": rules.rules_of(rules.read_schedule()),
            "removed": queries.removals()[:20],
            "today": today,
        },
    )


@login_required
def hold(request, pk):
    if not access.can_hold_records(request.user):
        raise PermissionDenied("Only quality leads and administrators put a record on legal hold.")
    person = open_person_page(request, pk, archived=True)
    live = queries.live_hold(person.pk)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and live is None and form.is_valid():
        try:
            services.hold_set(
                actor=request.user, person=person, reason=form.cleaned_data["reason"], path=request.get_full_path()
            )
        except services.HoldProblem as problem:
            form.add_error(problem.field, problem.message)
        else:
            messages.success(request, f"{person.display_name}'s record is on legal hold.")
            return redirect(person)
    return render(
        request,
        "governance/hold.html",
        {"person": person, "form": form, "live": live, "holds": queries.holds_of(person.pk)},
    )


@login_required
def lift(request, hold_id):
    if not access.can_hold_records(request.user):
        raise PermissionDenied("Only quality leads and administrators lift a legal hold.")
    found = LegalHold.objects.filter(pk=hold_id).first() if 0 < hold_id < 2**63 else None
    if found is None:
        raise Http404("No such legal hold")
    person = open_person_page(request, found.person_id, archived=True)
    form = LiftForm(request.POST or None)
    if request.method == "POST" and found.live and form.is_valid():
        try:
            services.hold_lift(
                actor=request.user, hold_id=found.pk, reason=form.cleaned_data["reason"], path=request.get_full_path()
            )
        except services.HoldProblem as problem:
            form.add_error(problem.field, problem.message)
        else:
            messages.success(request, f"The legal hold on {person.display_name}'s record is lifted.")
            return redirect(person)
    return render(request, "governance/lift.html", {"person": person, "form": form, "hold": found})


@login_required
def subject_access_page(request, pk):
    person = open_person_page(request, pk, archived=True)
    if not access.can_export_subject_access(request.user, person):
        raise PermissionDenied(
            "Subject access exports are made by a supervisor of the person's team or a quality lead."
        )
    members = subject_access.third_parties(person)
    form = SubjectAccessForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        bundle = subject_access.build(
            person=person,
            user=request.user,
            marked=set(form.cleaned_data["withhold"]),
            other_names=rules.redaction_names(form.cleaned_data["other_names"]),
        )
        data = subject_access.zipped(bundle)
        services.subject_access_logged(
            actor=request.user,
            person=person,
            redacted=len(set(form.cleaned_data["withhold"]) | {m.pk for m, forced in members if forced}),
            safeguarding=access.safeguarding_need_to_know(request.user, person),
            path=request.get_full_path(),
        )
        response = HttpResponse(data, content_type="application/zip")
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}-{stamp}.zip"'
        return response
    return render(
        request,
        "governance/subject_access.html",
        {
            "person": person,
            "form": form,
            "forced": [m for m, forced in members if forced],
            "with_safeguarding": access.safeguarding_need_to_know(request.user, person),
        },
    )


def _json_lines(since):
    for line in audit_export.lines(since=since):
        yield json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n"


@login_required
def access_log_download(request):
    if not access.can_download_access_log(request.user):
        raise PermissionDenied("The access log is downloaded by administrators and quality leads.")
    form = AccessLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        since = form.since_moment()
        services.log_download_logged(actor=request.user, since=since, path=request.get_full_path())
        response = StreamingHttpResponse(_json_lines(since), content_type="application/jsonl; charset=utf-8")
        name = f"access-log-from-{since:%Y%m%d}-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%MZ}.jsonl"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "governance/access_log.html", {"form": form})
