"""Experience surveys over JSON: the definitions for any member of staff, and results for the
oversight roles as counts only, with small groups hidden exactly as on the results page. No
single response, and no free text, is ever sent."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut

from . import definitions, queries, rules
from .schemas import ResultsOut, SurveyOut

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
    if not access.can_see_survey_results(request.auth):
        raise PermissionDenied("Survey results are for supervisors, quality leads and senior leaders.")
    survey = _found(code)
    codes = [c.code for c in survey.all_choices]
    return {
        "survey": survey.code,
        "responses": queries.response_count(survey.code),
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
            for table in queries.results(survey)
        ],
    }
