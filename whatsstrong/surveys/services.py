"""Writing surveys: invitations from a person's record, answers given with a code or typed in by
staff, wrong codes logged, and an organisation's own question packs loaded. Each write is one
transaction; who may do it is asked of core/access.py here, whoever calls."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access

from . import definitions, rules
from .models import (
    Answer,
    Channel,
    Invitation,
    InvitationRules,
    NationalFigure,
    QuestionPack,
    Response,
    Source,
    TextTheme,
    WrongCode,
)

log = logging.getLogger(__name__)


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
    if _survey_or_refuse(survey_code).for_staff:
        raise ValidationError("The supervision survey is for staff, not for people who draw on support.")
    with transaction.atomic():
        return _new_invitation(
            survey=survey_code, person=person, team_id=person.team_id, invited_by=actor, invited_at=at or timezone.now()
        )


def _new_invitation(*, keep_for_letter: bool = False, **fields) -> tuple[Invitation, str]:
    """An invitation with a fresh code, the code returned and only its keyed hash kept (and the code
    itself until the letter is printed, where no one is at a screen to print it now)."""
    while True:
        code = rules.new_code()
        hashed = code_hash(code)
        if not Invitation.objects.filter(code_hash=hashed).exists():
            break
    invitation = Invitation(code_hash=hashed, letter_code=code if keep_for_letter else "", **fields)
    invitation._history_user = fields.get("invited_by")
    invitation.save()
    return invitation, code


def invitation_rules() -> InvitationRules:
    found, _ = InvitationRules.objects.get_or_create(pk=1)
    return found


def invitation_rules_save(*, actor, data: dict) -> InvitationRules:
    """Switch the three triggers on or off, and set the months before anyone is invited again."""
    if not access.can_manage_surveys(actor):
        raise PermissionDenied("Only survey managers change when people are invited.")
    months = data.get("months_apart")
    if not isinstance(months, int) or not 0 <= months <= 36:
        raise ValidationError({"months_apart": "Enter a whole number of months from 0 to 36"})
    with transaction.atomic():
        found = InvitationRules.objects.select_for_update().get(pk=invitation_rules().pk)
        for name in ("review", "enquiry", "direct_payment"):
            setattr(found, name, bool(data.get(name)))
        found.months_apart = months
        found._history_user = actor
        found.save()
    return found


# Which survey each event in practice invites to.
EVENT_SURVEYS = {Source.REVIEW: "client", Source.ENQUIRY: "safeguarding", Source.DIRECT_PAYMENT: "direct_payments"}


def last_invited(person_id: int) -> datetime.date | None:
    at = Invitation.objects.filter(person_id=person_id).order_by("-invited_at").values_list("invited_at", flat=True)
    return timezone.localdate(at[0]) if at else None


def invite_for_event(
    *, source: str, source_id: int, person, actor, force: bool = False, at: datetime.datetime | None = None
) -> tuple[Invitation | None, rules.Decision]:
    """Invite the person because something happened in their support (a review completed, an
    enquiry closed, a direct payment three months in), if the rules say so. The letter waits to be
    printed (`letter_code`), or is emailed where mail is set up. `force` is a worker's own choice to
    send it even when the trigger is switched off; the no-repeat window still holds."""
    settings_now = invitation_rules()
    when = at or timezone.now()
    survey_code = EVENT_SURVEYS[source]
    decision = rules.invitation_decision(
        trigger_on=force or getattr(settings_now, source),
        last_invited=last_invited(person.pk),
        today=timezone.localdate(when),
        months_apart=settings_now.months_apart,
        already_for_event=Invitation.objects.filter(source=source, source_id=source_id).exists(),
        survey_exists=definitions.survey(survey_code) is not None,
    )
    if not decision.invite:
        return None, decision
    with transaction.atomic():
        invitation, code = _new_invitation(
            survey=survey_code,
            person=person,
            team_id=person.team_id,
            invited_by=actor,
            invited_at=when,
            source=source,
            source_id=source_id,
            keep_for_letter=True,
        )
    log.info("Survey invitation %s made by a %s event", invitation.pk, source)
    del code  # kept in letter_code until printed
    return invitation, decision


def letters_waiting(actor, *, team_id: int | None = None) -> list[Invitation]:
    """Invitations made by an event whose letter has not been printed yet: for the team's staff."""
    if not access.can_enter_survey_responses(actor):
        raise PermissionDenied("Your role does not include sending survey letters.")
    found = Invitation.objects.exclude(letter_code="").select_related("person")
    if team_id is not None:
        found = found.filter(team_id=team_id)
    return list(found.order_by("invited_at", "pk"))


def letters_print(actor, invitation_ids: list[int]) -> list[tuple[Invitation, str]]:
    """The letters to print now, with their codes; the codes are then forgotten (emptied)."""
    if not access.can_enter_survey_responses(actor):
        raise PermissionDenied("Your role does not include sending survey letters.")
    with transaction.atomic():
        found = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(pk__in=invitation_ids)
            .exclude(letter_code="")
            .select_related("person")
        )
        printed = [(i, i.letter_code) for i in found]
        Invitation.objects.filter(pk__in=[i.pk for i in found]).update(letter_code="")
    return printed


# --- Email ---------------------------------------------------------------------------------------------


def mail_configured() -> bool:
    """The organisation has set up mail: SURVEY_EMAIL_FROM in its environment (see settings)."""
    return bool(getattr(settings, "SURVEY_EMAIL_FROM", ""))


def invitation_email(invitation: Invitation, code: str, address: str, *, answer_url: str) -> None:
    """Send the code by email. The address is used for this one message and kept nowhere."""
    from django.core.mail import send_mail
    from django.core.validators import validate_email

    if not mail_configured():
        raise ValidationError("Email is not set up here: print the letter instead.")
    address = (address or "").strip()
    validate_email(address)
    survey = definitions.survey(invitation.survey)
    body = (
        f"We would like to know how things feel to you: '{survey.title}'.\n\n"
        f"Go to {answer_url} and type this code: {rules.show_code(code)}\n\n"
        "The code works once. You do not need an account, and you can skip any question.\n"
    )
    send_mail(f"{survey.title}: a short survey", body, settings.SURVEY_EMAIL_FROM, [address])
    Invitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now(), letter_code="")


# --- The supervision experience survey: staff invited by code ----------------------------------------


def staff_invite(*, actor, team, survey_code: str, at: datetime.datetime | None = None) -> list[tuple[Invitation, str]]:
    """A code for each active member of the team, to hand out or email. The invitation names the
    member of staff (so nobody gets two within the window), but answers never name their invitation."""
    if not access.can_manage_staff_surveys(actor, team):
        raise PermissionDenied("Only managers invite staff to the supervision survey, supervisors their own team.")
    survey = _survey_or_refuse(survey_code)
    if not survey.for_staff:
        raise ValidationError(f"The {survey.title.lower()} survey is not for staff.")
    from django.contrib.auth import get_user_model

    when = at or timezone.now()
    window = invitation_rules().months_apart
    made = []
    with transaction.atomic():
        for member in get_user_model().objects.filter(team=team, is_active=True).order_by("username"):
            last = (
                Invitation.objects.filter(staff=member, survey=survey_code)
                .order_by("-invited_at")
                .values_list("invited_at", flat=True)
                .first()
            )
            decision = rules.invitation_decision(
                trigger_on=True,
                last_invited=timezone.localdate(last) if last else None,
                today=timezone.localdate(when),
                months_apart=window,
            )
            if decision.invite:
                made.append(
                    _new_invitation(
                        survey=survey_code,
                        staff=member,
                        team=team,
                        invited_by=actor,
                        invited_at=when,
                        source=Source.STAFF,
                    )
                )
    return made


# --- Free-text themes and national figures --------------------------------------------------------------


def theme_tag(*, actor, response_id: int, theme: str) -> TextTheme:
    if not access.can_manage_surveys(actor):
        raise PermissionDenied("Only survey managers read and tag what people wrote.")
    theme = " ".join((theme or "").split())
    if not theme:
        raise ValidationError({"theme": "Enter a theme, for example ‘waiting times’"})
    if len(theme) > 60:
        raise ValidationError({"theme": "Keep the theme to 60 characters or fewer"})
    response = Response.objects.exclude(more="").filter(pk=response_id).first()
    if response is None:
        raise ValidationError({"theme": "There is no such comment to tag"})
    found = TextTheme.objects.filter(response=response, theme__iexact=theme).first()
    if found:
        return found
    tag = TextTheme(response=response, theme=theme, tagged_by=actor)
    tag._history_user = actor
    tag.save()
    return tag


def theme_remove(*, actor, tag_id: int) -> None:
    if not access.can_manage_surveys(actor):
        raise PermissionDenied("Only survey managers read and tag what people wrote.")
    TextTheme.objects.filter(pk=tag_id).delete()


def national_figures_save(*, actor, survey_code: str, year: str, figures: dict[str, str]) -> int:
    """The organisation's latest national survey figures, typed in by statement (a percentage, or
    blank to leave one out). Checked whole: one bad figure and nothing is saved. Returns how many."""
    from decimal import Decimal

    if not access.can_manage_surveys(actor):
        raise PermissionDenied("Only survey managers enter national figures.")
    survey = _survey_or_refuse(survey_code)
    year = " ".join((year or "").split())
    problems = {}
    if not year:
        problems["year"] = "Enter the year of the national survey, for example 2024 to 2025"
    elif len(year) > 20:
        problems["year"] = "Keep the year to 20 characters or fewer"
    values = {}
    for statement in survey.statements:
        value, problem = rules.read_percent(figures.get(statement.code) or "")
        if problem:
            problems[statement.code] = problem
        elif value is not None:
            values[statement.code] = Decimal(str(value))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        NationalFigure.objects.filter(survey=survey_code).exclude(statement__in=values).delete()
        for code, value in values.items():
            figure = NationalFigure.objects.filter(survey=survey_code, statement=code).first() or NationalFigure(
                survey=survey_code, statement=code
            )
            figure.percent, figure.year, figure.entered_by = value, year, actor
            figure._history_user = actor
            figure.save()
    return len(values)


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
