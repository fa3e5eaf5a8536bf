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
from .forms import AgreeForm, AnswerForm, CodeForm, EnterForm, InviteForm, MoreForm

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
            _save(
                request,
                {"invitation": invitation.pk, "survey": invitation.survey, "answers": {}, "more": "", "link": None},
            )
            return redirect("surveys:answer_agree")
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
    back = reverse("surveys:answer_question", args=[number - 1]) if number > 1 else reverse("surveys:answer_agree")
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
    form = InviteForm(_posted(request), surveys=_offered())
    if request.method == "POST" and form.is_valid():
        invitation, code = services.invitation_create(
            actor=request.user, person=person, survey_code=form.cleaned_data["survey"]
        )
        # The code is kept nowhere but this sign-in's session, for printing the letter now.
        letters = request.session.get(LETTERS, {})
        letters[str(invitation.pk)] = code
        request.session[LETTERS] = letters
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


def _results_reader(request):
    if not access.can_see_survey_results(request.user):
        raise PermissionDenied("Survey results are for supervisors, quality leads and senior leaders.")


@login_required
def results_list(request):
    _results_reader(request)
    counts = queries.response_counts()
    surveys = [(s, counts.get(s.code, 0)) for s in _offered()]
    return render(
        request,
        "surveys/results_list.html",
        {"surveys": surveys, "can_enter": access.can_enter_survey_responses(request.user)},
    )


@login_required
def results(request, code):
    _results_reader(request)
    survey = definitions.survey(code)
    if survey is None:
        raise Http404("There is no such survey.")
    manager = access.can_manage_surveys(request.user)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "tables": queries.results(survey),
            "total": queries.response_count(survey.code),
            "minimum": rules.MINIMUM_GROUP,
            # Each comment in pieces, names and contact details flagged to take out before sharing.
            "free_text": [(r, rules.marked(r.more)) for r in queries.free_text(survey.code)] if manager else None,
            "manager": manager,
        },
    )
