"""Reading surveys for pages and the API: a person's invitations, and results as counts, with small
groups hidden by rules.hidden_cells before anything leaves this module."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from whatsstrong.core.models import Team

from . import definitions, rules
from .models import Answer, Invitation, Response


def invitations_of(person_id: int) -> list[Invitation]:
    """The person's invitations, newest first, with who sent them: one query."""
    return list(Invitation.objects.filter(person_id=person_id).select_related("invited_by"))


@dataclass(frozen=True)
class Row:
    label: str
    counts: tuple[int | None, ...]  # None where hidden
    total: int | None  # None where the whole group is hidden
    share: float | None  # of those who answered, the share who agreed; None where not shown
    hidden: bool  # the whole group


@dataclass(frozen=True)
class Table:
    statement: definitions.Statement
    columns: tuple[str, ...]
    rows: tuple[Row, ...]  # one per team, then all teams
    any_hidden: bool


def _rows(survey, labels, counts, *, totals_across):
    hidden = rules.hidden_cells(counts, totals_across=totals_across)
    codes = [c.code for c in survey.all_choices]
    rows = []
    for r, label in enumerate(labels):
        shown = tuple(None if (r, c) in hidden else n for c, n in enumerate(counts[r]))
        whole = r in hidden.rows
        share = None
        if not whole and None not in shown and sum(counts[r]):
            share = rules.agree_share(dict(zip(codes, counts[r], strict=True)), survey.agreeing)
        rows.append(Row(label, shown, None if whole else sum(counts[r]), share, whole))
    return rows


def results(survey: definitions.Survey, *, start=None, end=None) -> list[Table]:
    """For each statement, its answers by team and over all teams: one aggregate query."""
    answers = Answer.objects.filter(survey=survey.code)
    if start:
        answers = answers.filter(month__gte=start)
    if end:
        answers = answers.filter(month__lte=end)
    # COUNT(*), not COUNT(id): the id is not in the index, and PostgreSQL would read every row for it.
    found = answers.values_list("statement", "team_id", "answer").annotate(n=Count("*")).order_by()
    codes = [c.code for c in survey.all_choices]
    by = {}
    team_ids = set()
    for statement, team_id, answer, n in found:
        by[(statement, team_id, answer)] = n
        team_ids.add(team_id)
    teams = {t.pk: t.name for t in Team.objects.filter(pk__in=[t for t in team_ids if t])}
    order = sorted(team_ids, key=lambda t: (t is None, teams.get(t, "")))
    labels = [teams.get(t, "No team recorded") for t in order]
    tables = []
    for statement in survey.statements:
        counts = [[by.get((statement.code, t, code), 0) for code in codes] for t in order]
        overall = [sum(column) for column in zip(*counts, strict=True)] if counts else [0] * len(codes)
        rows = _rows(survey, labels, counts, totals_across=True) if counts else []
        rows += _rows(survey, ["All teams"], [overall], totals_across=False)
        tables.append(
            Table(
                statement,
                tuple(c.label for c in survey.all_choices),
                tuple(rows),
                any(None in row.counts for row in rows),
            )
        )
    return tables


def response_count(survey_code: str) -> int:
    return Response.objects.filter(survey=survey_code).count()


def free_text(survey_code: str, *, limit: int = 200) -> list[Response]:
    """What people wrote in their own words, newest first: for survey managers only (the view asks)."""
    return list(
        Response.objects.filter(survey=survey_code)
        .exclude(more="")
        .order_by("-month", "-pk")
        .only("more", "month")[:limit]
    )


def invitation_of(person_id: int, invitation_id: int) -> Invitation | None:
    return Invitation.objects.filter(person_id=person_id, pk=invitation_id).first()


def response_counts() -> dict[str, int]:
    return dict(Response.objects.values_list("survey").annotate(n=Count("id")).order_by())
