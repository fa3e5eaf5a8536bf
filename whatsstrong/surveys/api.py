"""Experience surveys over JSON: the definitions for any member of staff, and results for the
oversight roles as counts only, with small groups hidden exactly as on the results page. No
single response, and no free text, is ever sent."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router
from ninja.errors import ValidationError as NinjaValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut, text_problem
from whatsstrong.core.gate import open_person

from . import definitions, queries, rules
from .schemas import ResultsOut, SurveyInvitationOut, SurveyOut, SurveyRateOut, SurveyTrendsOut

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
    return [
        {
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
        for i in queries.invitations_of(person.pk)
    ]


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
