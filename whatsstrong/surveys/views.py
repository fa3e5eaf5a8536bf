"""Survey pages.

Answering (no account): the code, then whether to keep the answers with the person's record, then
one statement a page, anything else, check your answers, done. What has been answered so far lives
in the session, so going back, a wrong click or an error loses nothing; the code is used up only
when the answers are sent. `?easy=1` on any of these pages switches to easy read (`?easy=0` back).

Staff: inviting a person from their record (opened through core/gate.py) and printing the letter,
typing in answers taken on paper or by phone, and the results.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.models import Team
from whatsstrong.core.signin import client_address

from . import definitions, queries, rules, services
from .forms import (
    AgreeForm,
    AnswerForm,
    CodeForm,
    EnterForm,
    InvitationRulesForm,
    InviteForm,
    LettersForm,
    MoreForm,
    NationalForm,
    StaffInviteForm,
    ThemeForm,
)

log = logging.getLogger(__name__)
KEY = "survey_answering"
LETTERS = "survey_letters"


def _posted(request):
    """The form's data on a POST, even an empty one (which `request.POST or None` would lose)."""
    return request.POST if request.method == "POST" else None


# --- Answering ---------------------------------------------------------------------------------------


def _easy(request):
    if "easy" in request.GET:
        request.session["survey_easy"] = request.GET["easy"] == "1"
    return bool(request.session.get("survey_easy"))


def _state(request):
    """What has been answered so far, and the survey; None before a code has been accepted."""
    state = request.session.get(KEY)
    if not state:
        return None, None
    survey = definitions.survey(state["survey"])
    if survey is None:
        request.session.pop(KEY, None)
        return None, None
    return state, survey


def _save(request, state):
    request.session[KEY] = state
    request.session.modified = True


def _context(request, survey, **extra):
    easy = _easy(request)
    return {
        "easy": easy,
        "survey": survey,
        "survey_title": (survey.easy_title if easy else survey.title) if survey else "Tell us how your support feels",
        "switch_url": f"{request.path}?easy={0 if easy else 1}",
        **extra,
    }


def _too_many(request, minutes):
    return render(request, "surveys/too_many.html", _context(request, None, minutes=minutes), status=429)


def answer_start(request):
    easy = _easy(request)
    address = client_address(request)
    minutes = services.wait_minutes(address)
    if minutes:
        return _too_many(request, minutes)
    form = CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_for(form.cleaned_data["code"])
        if invitation is None:
            services.wrong_code_record(address)
            log.warning("A survey code was not accepted (address hash %s)", services.address_hash(address)[:12])
            minutes = services.wait_minutes(address)
            if minutes:
                return _too_many(request, minutes)
            form.add_error(
                "code", "We could not find that code, or it has been used already. Check the code on your letter"
            )
        else:
            request.session.cycle_key()
            request.session["survey_easy"] = easy
            staff = invitation.person_id is None
            _save(
                request,
                {
                    "invitation": invitation.pk,
                    "survey": invitation.survey,
                    "answers": {},
                    "more": "",
                    # Staff answers are never kept with anyone's record: nothing to ask.
                    "link": False if staff else None,
                    "staff": staff,
                },
            )
            return redirect("surveys:answer_question", number=1) if staff else redirect("surveys:answer_agree")
    return render(request, "surveys/start.html", _context(request, None, form=form))


def _need_state(request):
    state, survey = _state(request)
    if state is None:
        return None, None, redirect("surveys:answer_start")
    return state, survey, None


def answer_agree(request):
    state, survey, away = _need_state(request)
    if away:
        return away
    initial = {} if state["link"] is None else {"link": "yes" if state["link"] else "no"}
    form = AgreeForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        state["link"] = form.cleaned_data["link"] == "yes"
        _save(request, state)
        return redirect(_next_after(state, survey, "agree"))
    return render(
        request,
        "surveys/agree.html",
        _context(request, survey, form=form, back=reverse("surveys:answer_start")),
    )


def _next_after(state, survey, where, *, checking=False):
    if checking or state.get("checking"):
        return reverse("surveys:answer_check")
    if where == "agree":
        return reverse("surveys:answer_question", args=[1])
    if isinstance(where, int) and where < len(survey.statements):
        return reverse("surveys:answer_question", args=[where + 1])
    return reverse("surveys:answer_more") if survey.more else reverse("surveys:answer_check")


def answer_question(request, number):
    state, survey, away = _need_state(request)
    if away:
        return away
    if not 1 <= number <= len(survey.statements):
        raise Http404("This survey has no such question.")
    statement = survey.statements[number - 1]
    easy = _easy(request)
    given = state["answers"].get(statement.code)
    form = AnswerForm(_posted(request), survey=survey, easy=easy, initial={"answer": given} if given else {})
    if request.method == "POST" and form.is_valid():
        state["answers"][statement.code] = form.cleaned_data["answer"]
        _save(request, state)
        return redirect(_next_after(state, survey, number))
    if number > 1:
        back = reverse("surveys:answer_question", args=[number - 1])
    else:
        back = reverse("surveys:answer_start") if state.get("staff") else reverse("surveys:answer_agree")
    return render(
        request,
        "surveys/question.html",
        _context(request, survey, form=form, statement=statement, number=number, of=len(survey.statements), back=back),
    )


def answer_more(request):
    state, survey, away = _need_state(request)
    if away:
        return away
    if not survey.more:
        return redirect("surveys:answer_check")
    form = MoreForm(_posted(request), initial={"more": state["more"]})
    if request.method == "POST" and form.is_valid():
        state["more"] = form.cleaned_data["more"]
        _save(request, state)
        return redirect("surveys:answer_check")
    back = reverse("surveys:answer_question", args=[len(survey.statements)])
    return render(request, "surveys/more.html", _context(request, survey, form=form, back=back))


def answer_check(request):
    state, survey, away = _need_state(request)
    if away:
        return away
    if state["link"] is None:
        return redirect("surveys:answer_agree")
    state["checking"] = True
    _save(request, state)
    if request.method == "POST":
        try:
            services.response_submit(
                invitation_id=state["invitation"],
                answers=state["answers"],
                more=state["more"],
                link=state["link"],
                easy_read=_easy(request),
            )
        except services.CodeNotAccepted:
            request.session.pop(KEY, None)
            return render(request, "surveys/used.html", _context(request, survey), status=409)
        request.session.pop(KEY, None)
        request.session["survey_done"] = survey.code
        return redirect("surveys:answer_done")
    easy = _easy(request)
    rows = []
    for number, statement in enumerate(survey.statements, 1):
        choice = survey.choice(state["answers"].get(statement.code, ""))
        rows.append(
            {
                "question": " ".join(statement.easy) if easy else statement.text,
                "answer": (choice.easy if easy else choice.label) if choice else "Not answered",
                "change": reverse("surveys:answer_question", args=[number]),
            }
        )
    last = reverse("surveys:answer_question", args=[len(survey.statements)])
    back = reverse("surveys:answer_more") if survey.more else last
    return render(request, "surveys/check.html", _context(request, survey, rows=rows, state=state, back=back))


def answer_done(request):
    code = request.session.get("survey_done")
    survey = definitions.survey(code) if code else None
    if survey is None:
        return redirect("surveys:answer_start")
    return render(request, "surveys/done.html", _context(request, survey))


# --- From a person's record ----------------------------------------------------------------------------


def _offered():
    return list(definitions.all_surveys().values())


@login_required
def invite(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    mail = services.mail_configured()
    form = InviteForm(_posted(request), surveys=definitions.people_surveys(), mail=mail)
    if request.method == "POST" and form.is_valid():
        invitation, code = services.invitation_create(
            actor=request.user, person=person, survey_code=form.cleaned_data["survey"]
        )
        # The code is kept nowhere but this sign-in's session, for printing the letter now.
        letters = request.session.get(LETTERS, {})
        letters[str(invitation.pk)] = code
        request.session[LETTERS] = letters
        if mail and form.cleaned_data.get("email"):
            services.invitation_email(
                invitation,
                code,
                form.cleaned_data["email"],
                answer_url=request.build_absolute_uri(reverse("surveys:answer_start")),
            )
            messages.success(request, "The code has been emailed. You can print the letter too.")
        return redirect("surveys:letter", pk=person.pk, iid=invitation.pk)
    return render(
        request,
        "surveys/invite.html",
        {"form": form, "person": person, "cancel_url": reverse("people:detail", args=[person.pk])},
    )


@login_required
def letter(request, pk, iid):
    person = open_person_page(request, pk, for_edit=True)
    invitation = queries.invitation_of(person.pk, iid)
    if invitation is None:
        raise Http404("There is no such invitation on this record.")
    survey = definitions.survey(invitation.survey)
    code = request.session.get(LETTERS, {}).get(str(invitation.pk))
    return render(
        request,
        "surveys/letter.html",
        {
            "person": person,
            "invitation": invitation,
            "survey": survey,
            "code": rules.show_code(code) if code else None,
            "large": request.GET.get("large") == "1",
            "answer_url": request.build_absolute_uri(reverse("surveys:answer_start")),
        },
    )


# --- Staff typing in answers ---------------------------------------------------------------------------------


@login_required
def enter(request):
    if not access.can_enter_survey_responses(request.user):
        raise PermissionDenied("Your role does not include typing in survey answers.")
    survey = definitions.survey(request.GET.get("survey", ""))
    if survey is None:
        return render(request, "surveys/enter_choose.html", {"surveys": _offered()})
    teams = list(Team.objects.order_by("name"))
    form = EnterForm(_posted(request), survey=survey, teams=teams, initial={"team": request.user.team_id or ""})
    if request.method == "POST" and form.is_valid():
        team = next((t for t in teams if str(t.pk) == form.cleaned_data["team"]), None)
        try:
            services.response_enter(
                actor=request.user,
                survey_code=survey.code,
                team=team,
                channel=form.cleaned_data["channel"],
                answers=form.answers(),
                more=form.cleaned_data.get("more", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            how = "on paper" if form.cleaned_data["channel"] == "paper" else "by phone"
            messages.success(request, f"Answers to ‘{survey.title}’ saved, marked as taken {how}.")
            return redirect(f"{reverse('surveys:enter')}?survey={survey.code}")
    return render(request, "surveys/enter.html", {"form": form, "survey": survey})


# --- Results -------------------------------------------------------------------------------------------------


def _results_reader(request, survey=None):
    if survey is not None and survey.for_staff:
        if not access.can_see_staff_survey_results(request.user):
            raise PermissionDenied("Supervision survey results are for managers only.")
        return
    if not access.can_see_survey_results(request.user):
        raise PermissionDenied("Survey results are for supervisors, quality leads and senior leaders.")


def _readable(request):
    return [
        s
        for s in _offered()
        if (
            access.can_see_staff_survey_results(request.user)
            if s.for_staff
            else access.can_see_survey_results(request.user)
        )
    ]


@login_required
def results_list(request):
    if not (access.can_see_survey_results(request.user) or access.can_see_staff_survey_results(request.user)):
        raise PermissionDenied("Survey results are for supervisors, quality leads and senior leaders.")
    counts = queries.response_counts()
    surveys = [(s, counts.get(s.code, 0)) for s in _readable(request)]
    return render(
        request,
        "surveys/results_list.html",
        {
            "surveys": surveys,
            "minimum": rules.MINIMUM_GROUP,
            "can_enter": access.can_enter_survey_responses(request.user),
            "manager": access.can_manage_surveys(request.user),
            "staff_manager": access.can_manage_staff_surveys(request.user),
            "letters": queries.letters_waiting_count() if access.can_enter_survey_responses(request.user) else 0,
        },
    )


def _found_survey(request, code):
    survey = definitions.survey(code)
    if survey is None:
        raise Http404("There is no such survey.")
    _results_reader(request, survey)
    return survey


# A line style for each series, told apart by dash as well as colour; the last, all teams, is solid black.
LINE_STYLES = [("#1d70b8", "6 4"), ("#d4351c", "2 3"), ("#00703c", "10 3 2 3"), ("#4c2c92", "1 5"), ("#f47738", "12 4")]
CHART = {"left": 50, "top": 10, "width": 460, "height": 180}


def _chart(trend):
    """Lines and labels for a trend's SVG: shares at even steps across, 0 to 100% up."""
    lines = []
    for n, series in enumerate(trend.series):
        last = n == len(trend.series) - 1
        colour, dash = ("#0b0c0c", "") if last else LINE_STYLES[n % len(LINE_STYLES)]
        runs = rules.line_points(list(series.shares), **CHART)
        lines.append(
            {
                "label": series.label,
                "colour": colour,
                "dash": dash,
                "runs": [" ".join(f"{x},{y}" for x, y in run) for run in runs],
                "dots": [point for run in runs for point in run],
            }
        )
    count = len(trend.periods)
    step = CHART["width"] / (count - 1) if count > 1 else 0
    every = max(1, -(-count // 8))
    ticks = [(CHART["left"] + i * step, label) for i, label in enumerate(trend.periods) if i % every == 0]
    return {"lines": lines, "ticks": ticks, **CHART}


@login_required
def results(request, code):
    survey = _found_survey(request, code)
    manager = access.can_manage_surveys(request.user)
    by = request.GET.get("by") if request.GET.get("by") in rules.PERIODS else "month"
    total = queries.response_count(survey.code)
    # The supervision survey says nothing at all until five or more have answered.
    too_few = survey.for_staff and total < rules.MINIMUM_GROUP
    trends = [] if too_few else queries.trends(survey, by=by)
    free = [] if too_few or not manager else queries.free_text(survey.code)
    tags = queries.themes_by_response(r.pk for r in free)
    national = queries.national_figures(survey.code)
    tables = [] if too_few else queries.results(survey)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "tables": tables,
            "trends": [(t, _chart(t)) for t in trends],
            "by": by,
            "total": None if too_few else total,
            "too_few": too_few,
            "minimum": rules.MINIMUM_GROUP,
            "rates": [] if survey.for_staff else queries.response_rates(survey.code),
            # Each comment in pieces, names and contact details flagged to take out before sharing.
            "free_text": [(r, rules.marked(r.more), tags.get(r.pk, [])) for r in free] if manager else None,
            "themes": queries.themes(survey.code) if manager and not too_few else [],
            "national": national,
            "national_year": next(iter(national.values())).year if national else "",
            "ours": {t.statement.code: t.rows[-1].share for t in tables},
            "manager": manager,
            "theme_form": ThemeForm(),
        },
    )


@login_required
def results_csv(request, code):
    """Counts only, small groups hidden exactly as on the page, and no cell a spreadsheet would run."""
    import csv

    from django.http import HttpResponse

    survey = _found_survey(request, code)
    if survey.for_staff and queries.response_count(survey.code) < rules.MINIMUM_GROUP:
        tables = []
    else:
        tables = queries.results(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.code}-results.csv"'
    writer = csv.writer(response)
    columns = [c.label for c in survey.all_choices]
    writer.writerow(["Statement", "Group", *columns, "All answers", "Share agreeing (%)"])
    for table in tables:
        for row in table.rows:
            share = "" if row.share is None else round(row.share * 100)
            writer.writerow(
                [rules.csv_cell(v) for v in (table.statement.text, row.label, *row.counts, row.total, share)]
            )
    writer.writerow([])
    writer.writerow(
        [
            rules.csv_cell(
                f"A blank count is hidden: fewer than {rules.MINIMUM_GROUP} answers, "
                "or it could be worked out from the totals. Our own figures, unweighted."
            )
        ]
    )
    log.info("Survey results for %s exported as CSV by user %s", survey.code, request.user.pk)
    return response


@login_required
def theme_add(request, code, rid):
    if request.method != "POST":
        return redirect("surveys:results", code=code)
    survey = _found_survey(request, code)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            services.theme_tag(actor=request.user, response_id=rid, theme=form.cleaned_data["theme"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Tagged ‘{form.cleaned_data['theme']}’.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('surveys:results', args=[survey.code])}#comment-{rid}")


@login_required
def theme_remove(request, code, tid):
    if request.method == "POST":
        _found_survey(request, code)
        services.theme_remove(actor=request.user, tag_id=tid)
        messages.success(request, "Theme taken off.")
    return redirect("surveys:results", code=code)


@login_required
def national(request, code):
    survey = _found_survey(request, code)
    if not access.can_manage_surveys(request.user):
        raise PermissionDenied("Only survey managers enter national figures.")
    found = queries.national_figures(survey.code)
    initial = {f"n_{k}": f"{v.percent.normalize():f}" for k, v in found.items()}
    if found:
        initial["year"] = next(iter(found.values())).year
    form = NationalForm(_posted(request), survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_figures_save(
                actor=request.user, survey_code=survey.code, year=form.cleaned_data["year"], figures=form.figures()
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field == "year" else f"n_{field}", problems)
        else:
            messages.success(request, "National figures saved.")
            return redirect(f"{reverse('surveys:results', args=[survey.code])}#national")
    return render(request, "surveys/national.html", {"form": form, "survey": survey})


@login_required
def invitation_rules(request):
    if not access.can_manage_surveys(request.user):
        raise PermissionDenied("Only survey managers change when people are invited.")
    current = services.invitation_rules()
    form = InvitationRulesForm(
        _posted(request),
        initial={
            "review": current.review,
            "enquiry": current.enquiry,
            "direct_payment": current.direct_payment,
            "months_apart": current.months_apart,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.invitation_rules_save(actor=request.user, data=form.cleaned_data)
        messages.success(request, "Invitation rules saved.")
        return redirect("surveys:results_list")
    return render(request, "surveys/invitation_rules.html", {"form": form})


@login_required
def letters(request):
    """Letters for invitations made by events in practice, waiting to be printed. Printing shows
    them with their codes once, and forgets the codes."""
    if not access.can_enter_survey_responses(request.user):
        raise PermissionDenied("Your role does not include sending survey letters.")
    team_id = request.user.team_id if request.GET.get("all") != "1" else None
    waiting = services.letters_waiting(request.user, team_id=team_id)
    titles = {s.code: s.title for s in _offered()}
    choices = [
        (
            str(i.pk),
            f"{i.person.display_name}: {titles.get(i.survey, i.survey)} "
            f"({i.get_source_display().lower()}, {i.invited_at:%d %B %Y})",
        )
        for i in waiting
    ]
    form = LettersForm(_posted(request), waiting=choices, initial={"invitation": [c for c, _ in choices]})
    if request.method == "POST" and form.is_valid():
        printed = services.letters_print(request.user, [int(i) for i in form.cleaned_data["invitation"]])
        log.info("%s survey letters printed by user %s", len(printed), request.user.pk)
        return render(
            request,
            "surveys/letters_print.html",
            {
                "printed": [(i, definitions.survey(i.survey), rules.show_code(c)) for i, c in printed],
                "large": form.cleaned_data["large"],
                "answer_url": request.build_absolute_uri(reverse("surveys:answer_start")),
            },
        )
    return render(request, "surveys/letters.html", {"form": form, "waiting": waiting, "all": team_id is None})


@login_required
def staff_invite(request):
    """Codes for every member of a team, for the supervision survey: printed as slips to hand out."""
    if not access.can_manage_staff_surveys(request.user):
        raise PermissionDenied("Only managers invite staff to the supervision survey.")
    survey = next(iter(definitions.staff_surveys()), None)
    if survey is None:
        raise Http404("There is no staff survey on offer.")
    teams = [t for t in Team.objects.order_by("name") if access.can_manage_staff_surveys(request.user, t)]
    form = StaffInviteForm(_posted(request), teams=teams)
    if request.method == "POST" and form.is_valid():
        team = next(t for t in teams if str(t.pk) == form.cleaned_data["team"])
        made = services.staff_invite(actor=request.user, team=team, survey_code=survey.code)
        return render(
            request,
            "surveys/staff_codes.html",
            {
                "survey": survey,
                "team": team,
                "codes": [rules.show_code(code) for _, code in made],
                "answer_url": request.build_absolute_uri(reverse("surveys:answer_start")),
            },
        )
    return render(request, "surveys/staff_invite.html", {"form": form, "survey": survey})
