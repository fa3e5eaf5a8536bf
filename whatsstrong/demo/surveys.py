"""The demo council's experience surveys (data/surveys.json): a few demo people invited by their
workers, some answering online with their code (one agreeing to keep the answers with their
record), and a year of answers from each team, online, on paper and by phone, written through the
surveys' services. Two rounds of the supervision survey for staff, national figures to compare
with, and two comments tagged with themes. Riverside's answers on choice get better after its change in practice; the
carers' survey in Hillcrest has too few answers to show, so results hide it (and Riverside's
with it, or the all-teams total would give it away).

A fixed seed makes the same answers every time."""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone

from whatsstrong.people.models import Person
from whatsstrong.surveys import definitions, services
from whatsstrong.surveys.models import Channel

DATA = Path(__file__).resolve().parent / "data" / "surveys.json"
SEED = 13


def _month_ago(today, months):
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


def _answers(survey, rng, agree, *, choice=None):
    answers = {}
    for statement in survey.statements:
        share = choice if (choice is not None and statement.code == "choice") else agree
        roll = rng.random()
        if roll < 0.05:
            answers[statement.code] = "prefer_not"
        elif roll < 0.05 + share * 0.95:
            answers[statement.code] = rng.choice(["strongly_agree", "agree", "agree"])
        else:
            answers[statement.code] = rng.choice(["neither", "disagree", "disagree", "strongly_disagree"])
    return answers


def add_surveys(people, staff, teams):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    today = timezone.localdate()
    invited = answered = 0
    for entry in data["invitations"]:
        person = Person.objects.get(pk=people[entry["person"]].pk)
        survey = definitions.survey(entry["survey"])
        invitation, _ = services.invitation_create(actor=staff[entry["by"]], person=person, survey_code=survey.code)
        invited += 1
        if entry["answered"]:
            services.response_submit(
                invitation_id=invitation.pk,
                answers=_answers(survey, rng, 0.8),
                more=entry.get("more", ""),
                link=entry.get("linked", False),
                easy_read=entry.get("easy_read", False),
            )
            answered += 1
    change = data["practice_change_months_ago"]
    comments = list(data["comments"])
    entered_by = next(user for user in staff.values() if user.role == "quality_lead")
    for batch in data["batches"]:
        survey = definitions.survey(batch["survey"])
        for n in range(batch["count"]):
            months_ago = 11 - (n * 12 // batch["count"])
            before = months_ago >= change
            choice = batch.get("choice_before" if before else "choice_after")
            more = comments.pop() if comments and rng.random() < 0.3 else ""
            services.response_enter(
                actor=entered_by,
                survey_code=survey.code,
                team=teams[batch["team"]],
                channel=Channel.PAPER if n % 3 else Channel.PHONE,
                answers=_answers(survey, rng, batch["agree"], choice=choice),
                more=more,
                month=_month_ago(today, months_ago),
            )
            answered += 1
    supervision = _add_supervision(data, staff, teams, rng, today)
    _add_national_and_themes(data, entered_by)
    return {"survey invitations": invited, "survey responses": answered, "supervision survey responses": supervision}


def _add_supervision(data, staff, teams, rng, today):
    """Two rounds of the supervision survey, months apart: each team's manager hands out codes and
    three in each team answer. No round of one team reaches five, so only the totals show."""
    survey = definitions.survey("supervision")
    answered = 0
    for round_ in data["supervision_rounds"]:
        month = _month_ago(today, round_["months_ago"])
        at = timezone.make_aware(datetime.datetime.combine(month, datetime.time(9)))
        for team in teams.values():
            manager = next(u for u in staff.values() if u.role == "supervisor" and u.team_id == team.pk)
            made = services.staff_invite(actor=manager, team=team, survey_code=survey.code, at=at)
            for invitation, _ in made[: round_["answering"]]:
                services.response_submit(
                    invitation_id=invitation.pk, answers=_answers(survey, rng, round_["agree"]), on=month
                )
                answered += 1
    return answered


def _add_national_and_themes(data, quality_lead):
    national = data["national"]
    services.national_figures_save(
        actor=quality_lead, survey_code="client", year=national["year"], figures=national["client"]
    )
    from whatsstrong.surveys.models import Response

    for comment, theme in data["themes"].items():
        for response in Response.objects.filter(more=comment):
            services.theme_tag(actor=quality_lead, response_id=response.pk, theme=theme)
