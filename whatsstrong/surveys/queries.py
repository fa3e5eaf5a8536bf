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


# --- Response rates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateRow:
    team: str
    month: object  # datetime.date, the first of the month
    invited: int
    answered: int | None  # None where hidden
    rate: float | None


def response_rates(survey_code: str | None = None, *, months: int = 12) -> list[RateRow]:
    """Invitations sent and answers received (online, on paper and by phone), by team and month, for
    the last `months` months: two aggregate queries. Where fewer than 5 were invited, the answers and
    the rate are hidden (rules.response_rate)."""
    import datetime

    from django.db.models.functions import TruncMonth
    from django.utils import timezone

    since = rules.months_later(timezone.localdate().replace(day=1), -(months - 1))
    invitations = Invitation.objects.filter(invited_at__date__gte=since)
    responses = Response.objects.filter(month__gte=since)
    if survey_code:
        invitations = invitations.filter(survey=survey_code)
        responses = responses.filter(survey=survey_code)
    invited = {}
    for team_id, month, n in (
        invitations.annotate(m=TruncMonth("invited_at")).values_list("team_id", "m").annotate(n=Count("*")).order_by()
    ):
        day = month.date() if isinstance(month, datetime.datetime) else month
        invited[(team_id, day)] = invited.get((team_id, day), 0) + n
    answered = dict(
        ((t, m), n) for t, m, n in responses.values_list("team_id", "month").annotate(n=Count("*")).order_by()
    )
    keys = set(invited) | set(answered)
    teams = {t.pk: t.name for t in Team.objects.filter(pk__in=[t for t, _ in keys if t])}
    rows = []
    for team_id, month in sorted(keys, key=lambda k: (teams.get(k[0], "~"), k[1])):
        sent, came = invited.get((team_id, month), 0), answered.get((team_id, month), 0)
        rate = rules.response_rate(sent, came)
        rows.append(
            RateRow(teams.get(team_id, "No team recorded"), month, sent, came if rate is not None else None, rate)
        )
    return rows


# --- Results over time -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str
    shares: tuple[float | None, ...]  # one per period; None where hidden
    answered: tuple[int | None, ...]  # how many answered in each period; None where hidden


@dataclass(frozen=True)
class Trend:
    statement: definitions.Statement
    periods: tuple[str, ...]
    series: tuple[Series, ...]  # each team, then all teams


def trends(survey: definitions.Survey, *, by: str = "month") -> list[Trend]:
    """For each statement, the share who agreed in each month or quarter, by team and over all teams:
    one aggregate query. Each period is a small table (agreed, did not agree) per team, hidden by
    rules.hidden_cells, so no group under five shows and no hidden count follows from the totals."""
    agreeing = survey.agreeing
    found = (
        Answer.objects.filter(survey=survey.code)
        .exclude(answer=rules.PREFER_NOT)
        .values_list("statement", "team_id", "month", "answer")
        .annotate(n=Count("*"))
        .order_by()
    )
    by_key: dict = {}
    team_ids, starts = set(), set()
    for statement, team_id, month, answer, n in found:
        start = rules.period_of(month, by)
        key = (statement, team_id, start, answer in agreeing)
        by_key[key] = by_key.get(key, 0) + n
        team_ids.add(team_id)
        starts.add(start)
    teams = {t.pk: t.name for t in Team.objects.filter(pk__in=[t for t in team_ids if t])}
    order = sorted(team_ids, key=lambda t: (t is None, teams.get(t, "")))
    starts = sorted(starts)
    result = []
    for statement in survey.statements:
        columns = {t: [] for t in [*order, "all"]}
        counts_by = {t: [] for t in [*order, "all"]}
        for start in starts:
            table = [
                [by_key.get((statement.code, t, start, True), 0), by_key.get((statement.code, t, start, False), 0)]
                for t in order
            ]
            hidden = rules.hidden_cells(table, totals_across=True)
            overall = [sum(r[0] for r in table), sum(r[1] for r in table)]
            hidden_all = rules.hidden_cells([overall], totals_across=False)
            for r, t in enumerate(order):
                shown = r not in hidden.rows and not any((r, c) in hidden for c in (0, 1)) and sum(table[r])
                columns[t].append(table[r][0] / sum(table[r]) if shown else None)
                counts_by[t].append(sum(table[r]) if shown else None)
            shown = not hidden_all.rows and not any((0, c) in hidden_all for c in (0, 1)) and sum(overall)
            columns["all"].append(overall[0] / sum(overall) if shown else None)
            counts_by["all"].append(sum(overall) if shown else None)
        series = [Series(teams.get(t, "No team recorded"), tuple(columns[t]), tuple(counts_by[t])) for t in order]
        series.append(Series("All teams", tuple(columns["all"]), tuple(counts_by["all"])))
        result.append(Trend(statement, tuple(rules.period_label(s, by) for s in starts), tuple(series)))
    return result


def themes(survey_code: str) -> list[tuple[str, int]]:
    """The themes survey managers gave to what people wrote, with how many comments each."""
    from .models import TextTheme

    return list(
        TextTheme.objects.filter(response__survey=survey_code)
        .values_list("theme")
        .annotate(n=Count("*"))
        .order_by("-n", "theme")
    )


def themes_by_response(response_ids) -> dict[int, list]:
    from .models import TextTheme

    found: dict[int, list] = {}
    for tag in TextTheme.objects.filter(response_id__in=list(response_ids)).order_by("theme"):
        found.setdefault(tag.response_id, []).append(tag)
    return found


def national_figures(survey_code: str) -> dict:
    from .models import NationalFigure

    return {f.statement: f for f in NationalFigure.objects.filter(survey=survey_code)}


def letters_waiting_count(team_id: int | None = None) -> int:
    found = Invitation.objects.exclude(letter_code="")
    return (found.filter(team_id=team_id) if team_id else found).count()
