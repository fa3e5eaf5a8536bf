"""Experience surveys over JSON: the definitions for any member of staff, and results for the
oversight roles as counts only, with small groups hidden exactly as on the results page. No
single response, and no free text, is ever sent.

Inviting a person (`POST /people/{id}/invitations`) is for those who may invite on the page: anyone
who may change the person's record, through the same gate and the same service
(`services.invitation_create`), so it refuses what the page refuses in the page's words. Like the page,
it does not apply the no-repeat window (`rules.invitation_decision`): that window is for invitations
made by events in practice, and a worker inviting by hand chooses to. The code is in the answer to
that POST only, as the page shows it once on the letter; it is never sent again."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Router, Status
from ninja.errors import ValidationError as NinjaValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut, text_problem
from whatsstrong.core.gate import open_person

from . import definitions, queries, rules, services
from .schemas import (
    ResultsOut,
    SurveyInvitationIn,
    SurveyInvitationMadeOut,
    SurveyInvitationOut,
    SurveyOut,
    SurveyRateOut,
    SurveyTrendsOut,
)

router = Router()


def _survey_out(survey):
    return {
        "code": survey.code,
        "title": survey.title,
        "easy_title": survey.easy_title,
        "for_whom": survey.for_whom,
        "question": survey.question,
        "choices": [{"code": c.code, "label": c.label, "easy": c.easy, "agrees": c.agrees} for c in survey.all_choices],
        "statements": [
            {
                "code": s.code,
                "text": s.text,
                "easy": list(s.easy),
                "theme": s.theme,
                "theme_label": s.theme_label,
                "picture": s.picture,
            }
            for s in survey.statements
        ],
        "more": survey.more["text"] if survey.more else None,
        "licence_holder": survey.licence_holder,
    }


def _found(code):
    survey = definitions.survey(code)
    if survey is None:
        raise Http404("There is no survey with this code.")
    return survey


@router.get("/", response={200: list[SurveyOut], 401: ErrorOut}, summary="The surveys on offer")
def list_surveys(request):
    """Every survey, bundled and loaded from an organisation's own pack, with its statements."""
    return [_survey_out(s) for s in definitions.all_surveys().values()]


@router.get(
    "/people/{person_id}/invitations",
    response={200: list[SurveyInvitationOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="A person's survey invitations",
)
def person_invitations(request, person_id: int):
    """Who invited them to which survey and when, and what led to it: never what they answered."""
    if not 0 < person_id < 2**63:
        raise Http404("There is no such person.")
    person = open_person(request.auth, person_id, path=request.path)
    titles = {s.code: s.title for s in definitions.all_surveys().values()}
    return [_invitation_out(i, titles) for i in queries.invitations_of(person.pk)]


def _invitation_out(i, titles):
    return {
        "id": i.pk,
        "survey": i.survey,
        "survey_title": titles.get(i.survey, i.survey),
        "invited_at": i.invited_at.isoformat(),
        "invited_by": i.invited_by.get_full_name() or i.invited_by.username,
        "source": i.source,
        "source_label": i.get_source_display(),
        "used": i.used,
        "letter_waiting": bool(i.letter_code),
    }


# The page's own words for a survey it does not offer (its form lists only surveys for people).
NOT_OFFERED = "Choose a survey to invite them to"


@router.post(
    "/people/{person_id}/invitations",
    response={
        201: SurveyInvitationMadeOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Invite a person to a survey",
)
def person_invite(request, person_id: int, payload: SurveyInvitationIn):
    """For anyone who may change the person's record, as on their page. The answer carries the code
    for the letter this once: only its keyed hash is kept."""
    if not 0 < person_id < 2**63:
        raise Http404("There is no such person.")
    person = open_person(request.auth, person_id, path=request.path, for_edit=True)
    survey = definitions.survey(payload.survey)
    if survey is None:
        message = f"There is no survey called {payload.survey!r}. {NOT_OFFERED} from GET /api/surveys/"
        raise NinjaValidationError([{"loc": ("body", "payload", "survey"), "msg": message, "type": "invalid"}])
    try:
        invitation, code = services.invitation_create(actor=request.auth, person=person, survey_code=survey.code)
    except DjangoValidationError as error:
        raise NinjaValidationError(
            [{"loc": ("body", "payload", "survey"), "msg": m, "type": "invalid"} for m in error.messages]
        ) from None
    titles = {s.code: s.title for s in definitions.all_surveys().values()}
    return Status(201, {**_invitation_out(invitation, titles), "code": rules.show_code(code)})


@router.get("/{code}", response={200: SurveyOut, 401: ErrorOut, 404: ErrorOut}, summary="One survey's definition")
def get_survey(request, code: str):
    return _survey_out(_found(code))


@router.get(
    "/{code}/results",
    response={200: ResultsOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="A survey's results, counted, with small groups hidden",
)
def survey_results(request, code: str):
    """For each statement, answers by team and over all teams. A count is null where it is hidden:
    fewer than 5 people, or a count that could otherwise be worked out from the totals."""
    survey = _readable(request, code)
    codes = [c.code for c in survey.all_choices]
    total = queries.response_count(survey.code)
    # The supervision survey says nothing until five or more have answered.
    tables = [] if survey.for_staff and total < rules.MINIMUM_GROUP else queries.results(survey)
    return {
        "survey": survey.code,
        "responses": total if tables else None,
        "minimum_group": rules.MINIMUM_GROUP,
        "statements": [
            {
                "statement": table.statement.code,
                "rows": [
                    {
                        "group": row.label,
                        "hidden": row.hidden,
                        "counts": dict(zip(codes, row.counts, strict=True)),
                        "total": row.total,
                        "share_agreeing": row.share,
                    }
                    for row in table.rows
                ],
            }
            for table in tables
        ],
    }


def _readable(request, code):
    survey = _found(code)
    allowed = (
        access.can_see_staff_survey_results(request.auth)
        if survey.for_staff
        else access.can_see_survey_results(request.auth)
    )
    if not allowed:
        raise PermissionDenied("Survey results are for supervisors, quality leads and senior leaders.")
    return survey


@router.get(
    "/{code}/trends",
    response={200: SurveyTrendsOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Each statement's share agreeing over time, by team",
)
def survey_trends(request, code: str, by: str = "month"):
    """Shares of those who answered, by month or quarter, for each team and all teams. A share is
    null where fewer than 5 answered, or where it would let a hidden count be worked out."""
    if by not in rules.PERIODS:
        message = text_problem(by) or "Choose month or quarter"
        raise NinjaValidationError([{"loc": ("query", "by"), "msg": message, "type": "surveys_period"}])
    survey = _readable(request, code)
    few = survey.for_staff and queries.response_count(survey.code) < rules.MINIMUM_GROUP
    trends = [] if few else queries.trends(survey, by=by)
    return {
        "survey": survey.code,
        "by": by,
        "periods": list(trends[0].periods) if trends else [],
        "minimum_group": rules.MINIMUM_GROUP,
        "weighted": False,
        "statements": [
            {
                "statement": t.statement.code,
                "series": [
                    {"group": s.label, "shares_agreeing": list(s.shares), "answered": list(s.answered)}
                    for s in t.series
                ],
            }
            for t in trends
        ],
    }


@router.get(
    "/{code}/response-rates",
    response={200: list[SurveyRateOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Response rates by team and month",
)
def survey_rates(request, code: str):
    """Invitations sent and answers received in each month of the last 12, by team."""
    survey = _readable(request, code)
    return [
        {
            "team": r.team,
            "month": r.month.isoformat(),
            "invited": r.invited,
            "answered": r.answered,
            "rate": r.rate,
        }
        for r in queries.response_rates(survey.code)
    ]
