"""Audit pages. Each asks core/access.py who may see or do what, opens a person through
core/gate.py (so restricted records are logged), reads through queries.py and writes through
services.py."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from whatsstrong.assessments.models import Assessment
from whatsstrong.core import access
from whatsstrong.core.gate import ReasonNeeded, find_person, open_person_page, require_people_role
from whatsstrong.core.models import Role, Team, User
from whatsstrong.core.record_pages import show_refusal
from whatsstrong.core.records import EditConflict

from . import queries, rules, services
from .forms import (
    ActionForm,
    ModerateForm,
    RespondForm,
    SampleForm,
    StartForm,
    SupervisionStartForm,
    ThematicStartForm,
    ThemesPeriodForm,
    WriteForm,
)
from .models import AuditAction, SampleCase

CONFLICT = "Someone saved this audit after you opened it. Your writing is below: check it and save again."


def _audit(request, audit_id, *, check=access.can_see_audit):
    """The audit, if this user may see it (and do what `check` asks); its person opened through the gate."""
    require_people_role(request.user)
    audit = queries.audit_for_page(audit_id) if 0 < audit_id < 2**63 else None
    if audit is None:
        raise Http404("No such audit")
    if not check(request.user, audit):
        raise PermissionDenied(
            "This audit is for its practitioner, its auditor, their team's managers and quality leads."
        )
    if audit.person_id:
        open_person_page(request, audit.person_id)
    return audit


@login_required
def audit_list(request):
    require_people_role(request.user)
    return render(
        request,
        "audits/list.html",
        {
            "found": queries.audits_for(request.user),
            "may_sample": request.user.role in (Role.SUPERVISOR, Role.QUALITY_LEAD),
            "may_report": access.can_read_audit_reports(request.user),
            "may_themes": access.can_read_themes_report(request.user),
        },
    )


@login_required
def standards(request):
    require_people_role(request.user)
    found = queries.standards()
    return render(
        request,
        "audits/standards.html",
        {
            "practice": [s for s in found if s.group == "practice"],
            "reflective": [s for s in found if s.group == "reflective"],
            "scale": queries.scale(),
        },
    )


@login_required
def start(request, pk):
    """The pre-screen of a person's record, and starting a record audit or an observation of it."""
    person = open_person_page(request, pk)
    if not access.can_audit(request.user, person.team_id):
        raise PermissionDenied("Team managers audit their own team's work; quality leads audit any team's.")
    assessments = list(Assessment.objects.filter(person_id=person.pk).select_related("author"))
    practitioners = list(User.objects.filter(is_active=True, team_id=person.team_id).order_by("first_name"))
    form = StartForm(request.POST or None, assessments=assessments, practitioners=practitioners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {str(a.pk): a for a in assessments}.get(data["assessment"])
        kind = data["kind"]
        try:
            audit = services.audit_start(
                actor=request.user,
                kind=kind,
                person=person,
                assessment=chosen,
                practitioner={str(u.pk): u for u in practitioners}.get(data["practitioner"])
                if kind == "observation"
                else None,
                focus=data["focus"],
                consent=data["consent"],
                observed_on=data["observed_on"],
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Audit started. Rate each standard with the evidence you find.")
            return redirect("audits:write", audit.pk)
    found = queries.prescreen_person(person)
    by_assessment = queries.prescreen_assessments([a.pk for a in assessments[:5]])
    return render(
        request,
        "audits/start.html",
        {
            "person": person,
            "form": form,
            "prescreen": queries.prescreen_rows(found),
            "attention": found.attention,
            "assessments": [(a, queries.prescreen_rows(by_assessment[a.pk])) for a in assessments[:5]],
            "audits": queries.for_person(person.pk),
        },
        status=400 if form.errors else 200,
    )


@login_required
def audit(request, audit_id):
    found = _audit(request, audit_id)
    ratings = queries.ratings_of(found)
    values = {level.code: level.value for level in queries.scale()}
    user = request.user
    return render(
        request,
        "audits/audit.html",
        {
            "a": found,
            "ratings": ratings,
            "differences": [r for r in ratings if r.moderated_id],
            "values": values,
            "actions": list(found.actions.all()),
            "themes": list(found.themes.all()),
            "reviewed": sorted(found.people.values_list("id", flat=True)) if found.kind == "thematic" else [],
            "sessions": queries.supervision_sessions(found, user),
            "may_write": found.auditor_id == user.pk and found.shared_at is None,
            "may_respond": access.can_respond_to_audit(user, found),
            "may_moderate": access.can_moderate(user, found),
            "may_mark": user.pk in (found.auditor_id, found.practitioner_id)
            and found.shared_at is not None
            or (user.pk == found.auditor_id),
            "agreement": rules.agreement(len(ratings), sum(1 for r in ratings if r.moderated_id))
            if found.moderated_at
            else "",
        },
    )


def _may_write(user, audit):
    return access.can_see_audit(user, audit) and audit.auditor_id == user.pk and audit.shared_at is None


@login_required
def write(request, audit_id):
    found = _audit(request, audit_id, check=_may_write)
    standards_, scale = queries.standards(), queries.scale()
    existing = {r.standard.code: r for r in queries.ratings_of(found)}
    themes = queries.learning_themes()
    initial = {
        "version": found.version,
        "strengths": found.strengths,
        "learning": found.learning,
        "themes": [t.code for t in found.themes.all()],
    }
    for code, row in existing.items():
        initial[f"rating_{code}"] = row.rating.code
        initial[f"evidence_{code}"] = row.evidence
    form = WriteForm(request.POST or None, initial=initial, standards=standards_, scale=scale, themes=themes)
    conflict = False
    if request.method == "POST" and form.is_valid():
        share = "share" in request.POST
        try:
            services.audit_save(
                actor=request.user,
                audit_id=found.pk,
                expected_version=form.cleaned_data["version"],
                ratings=form.ratings(),
                strengths=form.cleaned_data["strengths"],
                learning=form.cleaned_data["learning"],
                share=share,
                themes=form.cleaned_data["themes"],
            )
        except EditConflict as error:
            conflict = True
            data = request.POST.copy()
            data["version"] = str(error.record.version)
            form = WriteForm(data, standards=standards_, scale=scale, themes=themes)
            form.is_valid()
            form.add_error(None, CONFLICT)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Audit shared with the practitioner." if share else "Audit saved.")
            return redirect(found)
    return render(
        request,
        "audits/write.html",
        {"a": found, "form": form, "conflict": conflict, "prescreen": _prescreen_for(found)},
        status=400 if form.errors else 200,
    )


def _prescreen_for(found):
    if found.assessment_id:
        return queries.prescreen_rows(queries.prescreen_assessments([found.assessment_id])[found.assessment_id])
    if found.person_id:
        return queries.prescreen_rows(queries.prescreen_person(found.person))
    return []


@login_required
def action_add(request, audit_id):
    found = _audit(request, audit_id, check=lambda u, a: access.can_see_audit(u, a) and a.auditor_id == u.pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_add(actor=request.user, audit_id=found.pk, text=form.cleaned_data["text"])
        messages.success(request, "Action added.")
        return redirect(f"{found.get_absolute_url()}#actions")
    return render(request, "audits/action.html", {"a": found, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def action_done(request, audit_id, action_id):
    found = _audit(request, audit_id)
    action = AuditAction.objects.filter(pk=action_id, audit=found).first() if 0 < action_id < 2**63 else None
    if action is None:
        raise Http404("No such action")
    done = request.POST.get("done") == "1"
    services.action_done(actor=request.user, action_id=action.pk, done=done)
    messages.success(request, "Action marked done." if done else "Action marked not done.")
    return redirect(f"{found.get_absolute_url()}#actions")


@login_required
def respond(request, audit_id):
    found = _audit(request, audit_id, check=access.can_respond_to_audit)
    form = RespondForm(request.POST or None, initial={"version": found.version, "response": found.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_respond(
                actor=request.user,
                audit_id=found.pk,
                expected_version=form.cleaned_data["version"],
                response=form.cleaned_data["response"],
            )
        except EditConflict as error:
            data = request.POST.copy()
            data["version"] = str(error.record.version)
            form = RespondForm(data)
            form.is_valid()
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, "Your response is saved. Your auditor and team manager can read it.")
            return redirect(found)
    return render(request, "audits/respond.html", {"a": found, "form": form}, status=400 if form.errors else 200)


@login_required
def moderate(request, audit_id):
    found = _audit(request, audit_id, check=access.can_moderate)
    rows, scale = queries.ratings_of(found), queries.scale()
    initial = {"version": found.version, "comment": found.moderation_comment}
    for row in rows:
        if row.moderated_id:
            initial[f"moderated_{row.standard.code}"] = row.moderated.code
            initial[f"reason_{row.standard.code}"] = row.moderation_reason
    form = ModerateForm(request.POST or None, initial=initial, ratings=rows, scale=scale)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.audit_moderate(
                actor=request.user,
                audit_id=found.pk,
                expected_version=data["version"],
                moderated={r.standard.code: data.get(f"moderated_{r.standard.code}") or None for r in rows},
                reasons={r.standard.code: data.get(f"reason_{r.standard.code}", "") for r in rows},
                comment=data["comment"],
            )
        except EditConflict as error:
            post = request.POST.copy()
            post["version"] = str(error.record.version)
            form = ModerateForm(post, ratings=rows, scale=scale)
            form.is_valid()
            form.add_error(None, CONFLICT)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Moderation saved.")
            return redirect(found)
    return render(request, "audits/moderate.html", {"a": found, "form": form}, status=400 if form.errors else 200)


def _teams_for(user):
    if user.role == Role.QUALITY_LEAD and access.is_active_staff(user):
        return list(Team.objects.all())
    if access.can_audit(user, user.team_id):
        return [user.team]
    return []


@login_required
def sample(request):
    """Draw a team's sample for a quarter, or show the one drawn (`?team=&quarter=`); with the
    quarter's self-authorised assessments, and which of them were routed to audit."""
    require_people_role(request.user)
    teams = _teams_for(request.user)
    if not teams:
        raise PermissionDenied("Team managers and quality leads draw samples for audit.")
    by_id = {str(t.pk): t for t in teams}
    shown_team = by_id.get(request.GET.get("team", "")) or (teams[0] if len(teams) == 1 else None)
    shown_quarter = request.GET.get("quarter", "").strip()
    if rules.quarter_problem(shown_quarter):
        shown_quarter = rules.quarter_of(timezone.localdate())
    initial = {"team": str(shown_team.pk) if shown_team else "", "quarter": shown_quarter, "share": 10}
    form = SampleForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = by_id[data["team"]]
        try:
            services.sample_draw(
                actor=request.user,
                team=team,
                quarter=data["quarter"],
                seed=data["seed"],
                size=data["size"],
                share=data["share"] / 100,
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Sample drawn.")
            return redirect(f"{request.path}?team={team.pk}&quarter={data['quarter']}")
    drawn = queries.sample_for(shown_team.pk, shown_quarter) if shown_team else None
    return render(
        request,
        "audits/sample.html",
        {
            "form": form,
            "drawn": drawn,
            "team": shown_team,
            "quarter": shown_quarter,
            "rule": rules.SAMPLE_RULE,
            "self_authorised": list(queries.self_authorised(shown_team.pk, shown_quarter)) if shown_team else [],
            "routed": {c.assessment_id for c in drawn.cases.all() if c.reason == "self_authorised"} if drawn else set(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def case_start(request, case_id):
    require_people_role(request.user)
    case = SampleCase.objects.select_related("person").filter(pk=case_id).first() if 0 < case_id < 2**63 else None
    if case is None:
        raise Http404("No such case")
    open_person_page(request, case.person_id)
    audit = services.audit_start_for_case(actor=request.user, case_id=case.pk)
    return redirect("audits:write", audit.pk)


@login_required
def moderation(request):
    if not access.can_read_audit_reports(request.user):
        raise PermissionDenied("Moderation reports are for team managers, quality leads and senior leaders.")
    quarter = request.GET.get("quarter", "").strip()
    error = rules.quarter_problem(quarter) if quarter else None
    report = queries.moderation_report(None if error else quarter or None)
    return render(
        request,
        "audits/moderation.html",
        {"report": report, "quarter": quarter, "error": error},
        status=400 if error else 200,
    )


# --- Starting a staff supervision audit or a thematic review ------------------------------------------


def _auditable_staff(user):
    """Staff whose supervision this user may audit: their own team's (a team manager), anyone's (a
    quality lead); never themselves."""
    found = User.objects.filter(is_active=True, team__isnull=False).exclude(pk=user.pk).select_related("team")
    if user.role != Role.QUALITY_LEAD:
        found = found.filter(team_id=user.team_id)
    return [u for u in found.order_by("team__name", "first_name", "last_name") if access.can_audit(user, u.team_id)]


@login_required
def start_supervision(request):
    """Start a staff supervision audit: the supervisee's supervision, rated against the standards and
    the KcVETS questions. The audit page then lists the supervisee's recent one-to-one sessions."""
    require_people_role(request.user)
    staff = _auditable_staff(request.user)
    if not staff:
        raise PermissionDenied("Team managers audit their own team's supervision; quality leads any team's.")
    form = SupervisionStartForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        chosen = {str(u.pk): u for u in staff}[form.cleaned_data["practitioner"]]
        try:
            audit = services.audit_start(
                actor=request.user, kind="supervision", practitioner=chosen, focus=form.cleaned_data["focus"]
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Supervision audit started. Rate each standard with the evidence you find.")
            return redirect("audits:write", audit.pk)
    return render(request, "audits/start_supervision.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def start_thematic(request):
    """Start a thematic practice review: a theme, a team, and the people's records it looks at (each
    opened through the gate, so restricted records are logged or refused)."""
    require_people_role(request.user)
    teams = _teams_for(request.user)
    if not teams:
        raise PermissionDenied("Team managers and quality leads start thematic reviews.")
    form = ThematicStartForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        team = {str(t.pk): t for t in teams}[form.cleaned_data["team"]]
        people, problems = [], []
        for number in form.cleaned_data["records"]:
            try:
                find_person(number)
            except Http404:
                problems.append(f"No one has record number {number}")
                continue
            try:
                person = open_person_page(request, number)
            except ReasonNeeded:
                problems.append(f"Record {number} is restricted: open it and give your reason first")
                continue
            except PermissionDenied:
                problems.append(f"You cannot open record {number}")
                continue
            if person.team_id != team.pk:
                problems.append(f"Record {number} is not one of {team.name}'s")
            people.append(person)
        if problems:
            form.add_error("records", "; ".join(problems[:5]))
        else:
            try:
                audit = services.audit_start(
                    actor=request.user, kind="thematic", team=team, focus=form.cleaned_data["focus"], people=people
                )
            except ValidationError as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, "Thematic review started. Rate each standard across the records.")
                return redirect("audits:write", audit.pk)
    return render(request, "audits/start_thematic.html", {"form": form}, status=400 if form.errors else 200)


# --- The quarterly themes report ---------------------------------------------------------------------

# Colours for the charts' segments, darkest first; every figure is in the table beside the chart too.
RATING_COLOURS = ["#1d70b8", "#5694ca", "#f47738", "#d4351c", "#505a5f", "#b1b4b6", "#0b0c0c"]
PAIR_COLOURS = ["#00703c", "#d4351c"]


def _themes_period(request):
    """The report's quarters from `?first=&last=` (the last four quarters when neither is given)."""
    if not access.can_read_themes_report(request.user):
        raise PermissionDenied("The quarterly themes report is for quality leads and senior leaders.")
    current = rules.quarter_of(timezone.localdate())
    data = {
        "first": request.GET.get("first", rules.quarters_back(current, 4)).strip(),
        "last": request.GET.get("last", current).strip(),
    }
    form = ThemesPeriodForm(data)
    if not form.is_valid():
        return form, None
    return form, rules.quarters_between(form.cleaned_data["first"], form.cleaned_data["last"])


def _themes_context(form, quarters):
    report = queries.themes_report(quarters)
    levels = [level.label for level in report.levels]
    return {
        "form": form,
        "report": report,
        "totals": report.totals(),
        "quarters": quarters,
        "period": f"{quarters[0]} to {quarters[-1]}" if len(quarters) > 1 else quarters[0],
        "query": f"first={quarters[0]}&last={quarters[-1]}",
        "levels": levels,
        "rating_colours": list(zip(levels, RATING_COLOURS, strict=False)),
        "pair_colours": PAIR_COLOURS,
        "distribution": rules.stacked_bars(
            [(f"{quarter}: {team}", parts) for team, quarter, parts in report.distribution()], width=460
        ),
        "agreement": rules.stacked_bars(
            [
                (q, [("Agreed", agreed), ("Changed", rated - agreed)])
                for q, rated, agreed, _ in report.moderation_rows()
            ],
            width=460,
        ),
        "themes_chart": rules.scaled_bars([(theme.name, total) for theme, _, total in report.theme_rows()], width=460),
        "actions_chart": rules.stacked_bars(
            [
                (f"{quarter}: {team}", [("Done", done), ("Outstanding", outstanding)])
                for team, quarter, done, outstanding in report.action_rows()
            ],
            width=460,
        ),
    }


def _period_refused(request, form):
    return render(request, "audits/themes.html", {"form": form, "report": None}, status=400)


@login_required
def themes(request):
    """The quarterly themes report for the principal social worker: ratings by standard, team and
    quarter, moderation agreement, learning themes, and actions done and outstanding."""
    form, quarters = _themes_period(request)
    if quarters is None:
        return _period_refused(request, form)
    return render(request, "audits/themes.html", _themes_context(form, quarters))


@login_required
def themes_document(request):
    """The same report as a document to print or save as a PDF from the browser."""
    form, quarters = _themes_period(request)
    if quarters is None:
        return _period_refused(request, form)
    context = _themes_context(form, quarters)
    context["generated"] = timezone.localtime()
    return render(request, "audits/themes_document.html", context)


@login_required
def themes_csv(request):
    """The report's figures as CSV: one figure a row, words and whole numbers only (no formulas)."""
    form, quarters = _themes_period(request)
    if quarters is None:
        return _period_refused(request, form)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="audit-themes-{quarters[0]}-to-{quarters[-1]}.csv"'
    writer = csv.writer(response)
    for row in queries.themes_csv_rows(queries.themes_report(quarters)):
        writer.writerow([rules.csv_cell(value) for value in row])
    return response
