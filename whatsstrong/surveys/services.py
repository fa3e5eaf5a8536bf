"""Writing surveys: invitations from a person's record, answers given with a code or typed in by
staff, wrong codes logged, and an organisation's own question packs loaded. Each write is one
transaction; who may do it is asked of core/access.py here, whoever calls."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access

from . import definitions, rules
from .models import Answer, Channel, Invitation, QuestionPack, Response, WrongCode


class CodeNotAccepted(Exception):
    """The code matched no invitation, or its invitation has been answered already."""


def _keyed(purpose: str, value: str) -> str:
    key = hashlib.sha256(f"whatsstrong.surveys.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def code_hash(code: str) -> str:
    return _keyed("code", code)


def address_hash(address: str | None) -> str:
    return _keyed("address", address or "unknown")


def _survey_or_refuse(code: str) -> definitions.Survey:
    found = definitions.survey(code)
    if found is None:
        raise ValidationError(f"There is no survey called {code!r}.")
    return found


# --- Invitations ------------------------------------------------------------------------------------


def invitation_create(
    *, actor, person, survey_code: str, at: datetime.datetime | None = None
) -> tuple[Invitation, str]:
    """Invite the person to a survey. Returns the invitation and its code, which is never kept:
    only its keyed hash is, so the letter must be printed now. `at` is for the demo and generator."""
    access.require_edit(actor, person)
    _survey_or_refuse(survey_code)
    with transaction.atomic():
        while True:
            code = rules.new_code()
            hashed = code_hash(code)
            if not Invitation.objects.filter(code_hash=hashed).exists():
                break
        invitation = Invitation(
            survey=survey_code,
            person=person,
            team_id=person.team_id,
            invited_by=actor,
            invited_at=at or timezone.now(),
            code_hash=hashed,
        )
        invitation._history_user = actor
        invitation.save()
    return invitation, code


def invitation_for(code: str) -> Invitation | None:
    """The unanswered invitation with this code, or None."""
    return Invitation.objects.filter(code_hash=code_hash(code), used=False).first()


# --- Guessing codes -----------------------------------------------------------------------------------


def wait_minutes(address: str | None, *, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    since = now - rules.WRONG_CODE_WINDOW
    times = list(WrongCode.objects.filter(address=address_hash(address), at__gt=since).values_list("at", flat=True))
    return rules.wait_minutes(times, now)


def wrong_code_record(address: str | None) -> None:
    now = timezone.now()
    WrongCode.objects.create(address=address_hash(address), at=now)
    # The log keeps a day; older rows say nothing about anyone guessing now.
    WrongCode.objects.filter(at__lt=now - datetime.timedelta(days=1)).delete()


# --- Answers ---------------------------------------------------------------------------------------------


def _answer_problems(survey: definitions.Survey, answers: dict[str, str]) -> list[str]:
    problems = []
    for statement, answer in answers.items():
        if survey.statement(statement) is None:
            problems.append(f"The {survey.title.lower()} survey has no statement {statement!r}")
        elif survey.choice(answer) is None:
            problems.append(f"{answer!r} is not one of the answers to {statement!r}")
    return problems


def _save_answers(response: Response, answers: dict[str, str]) -> None:
    Answer.objects.bulk_create(
        Answer(
            response=response,
            statement=s,
            answer=a,
            survey=response.survey,
            team_id=response.team_id,
            month=response.month,
        )
        for s, a in answers.items()
        if a
    )


def _first_of_month(today: datetime.date) -> datetime.date:
    return today.replace(day=1)


def response_submit(
    *,
    invitation_id: int,
    answers: dict[str, str],
    more: str = "",
    link: bool = False,
    easy_read: bool = False,
    on: datetime.date | None = None,
) -> Response:
    """Answers given online with a code. The code is used up in the same transaction, by a
    conditional update, so two tabs sending the same code cannot both count. The update writes no
    history row, so no time of use is kept that could be matched to the response."""
    with transaction.atomic():
        invitation = Invitation.objects.filter(pk=invitation_id).first()
        if invitation is None or not Invitation.objects.filter(pk=invitation_id, used=False).update(used=True):
            raise CodeNotAccepted("This code has been used already.")
        survey = _survey_or_refuse(invitation.survey)
        problems = _answer_problems(survey, answers)
        if problems:
            raise ValidationError(problems)
        response = Response.objects.create(
            survey=invitation.survey,
            team_id=invitation.team_id,
            month=_first_of_month(on or timezone.localdate()),
            channel=Channel.ONLINE,
            easy_read=easy_read,
            person_id=invitation.person_id if link else None,
            more=(more or "").strip(),
        )
        _save_answers(response, answers)
    return response


def response_enter(
    *, actor, survey_code: str, team, channel: str, answers: dict[str, str], more: str = "", month=None
) -> Response:
    """Answers taken on paper or by phone, typed in by staff and marked so. Never linked to a person."""
    if not access.can_enter_survey_responses(actor):
        raise PermissionDenied("Your role does not include typing in survey answers.")
    if channel not in (Channel.PAPER, Channel.PHONE):
        raise ValidationError("Say whether the answers came on paper or by phone.")
    survey = _survey_or_refuse(survey_code)
    problems = _answer_problems(survey, answers)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        response = Response.objects.create(
            survey=survey_code,
            team=team,
            month=_first_of_month(month or timezone.localdate()),
            channel=channel,
            more=(more or "").strip(),
            entered_by=actor,
        )
        _save_answers(response, answers)
    return response


# --- Question packs ----------------------------------------------------------------------------------------


def pack_load(text: str, *, code: str) -> QuestionPack:
    """An organisation's own licensed questions, checked whole first: one problem and nothing is
    loaded. Loading a pack with the same code again replaces it."""
    data, problems = rules.read_definitions(text)
    if not problems:
        problems = rules.definition_problems(data, text, pack=True, known_scales=definitions.bundled_scales())
    if not problems:
        bundled = set(definitions._bundled())
        others = {s["code"] for p in QuestionPack.objects.exclude(code=code) for s in p.definitions["surveys"]}
        for survey in data["surveys"]:
            if survey["code"] in bundled | others:
                line = rules._line_of(text, f'"{survey["code"]}"')
                problems.append(
                    f"Line {line}: a survey called '{survey['code']}' is already on offer: "
                    "give the pack's survey its own code"
                )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        pack, _ = QuestionPack.objects.update_or_create(
            code=code,
            defaults={
                "licence_holder": data["licence"]["holder"].strip(),
                "definitions": data,
                "loaded_at": timezone.now(),
            },
        )
    return pack
