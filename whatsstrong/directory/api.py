"""Gaps in what the community offers, counted for commissioners over JSON: by calendar quarter,
category and area, with how soon they were needed. Counts only, never names or records."""

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut

from . import queries, rules

router = Router()  # mounted at /gaps


class GapCountOut(Schema):
    quarter: str = Field(description='The calendar quarter, like "2026-Q1".')
    category: str
    area: str
    count: int
    needed_now: int
    within_weeks: int
    months_ahead: int
    not_said: int
    raised_at_a_forum: int


class GapCountQuery(Input):
    json_types = False
    quarter: str = Field("", max_length=7, pattern=r"^(\d{4}-Q[1-4])?$", description='Only this quarter: "2026-Q1".')


@router.get(
    "/counts",
    response={200: list[GapCountOut], 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="Gaps counted by quarter, category and area, without names",
)
def gap_counts(request, filters: Query[GapCountQuery]):
    if not access.can_see_gaps(request.auth):
        raise PermissionDenied("Gaps are counted for directory editors, managers and quality leads.")
    quarter = rules.read_quarter(filters.quarter) if filters.quarter else None
    return [
        {
            "quarter": c.key,
            "category": c.category,
            "area": c.area,
            "count": c.count,
            "needed_now": c.now,
            "within_weeks": c.soon,
            "months_ahead": c.later,
            "not_said": c.not_said,
            "raised_at_a_forum": c.at_forum,
        }
        for c in queries.gap_counts_by_quarter(quarter)
    ]
