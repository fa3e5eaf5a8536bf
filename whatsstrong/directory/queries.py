"""Reading the directory for pages: a service with everything about it, the search results' rows,
organisations, entries due a check, a person's suggestions, and gaps counted."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncQuarter

from whatsstrong.core import sql

from . import rules
from .models import (
    Gap,
    Kind,
    Location,
    OpeningTime,
    Organisation,
    Service,
    ServiceAtLocation,
    Signpost,
    Status,
    TaxonomyTerm,
)
from .search import Hit


def service_detail(service_id) -> Service | None:
    return (
        Service.objects.filter(pk=service_id)
        .select_related("organisation", "checked_by")
        .prefetch_related("categories", "locations", "opening_times")
        .first()
    )


@dataclass(frozen=True)
class Usage:
    suggested: int
    tried: int
    helped: int  # helped, or helped a little
    helped_a_little: int


def usage(service_id) -> Usage:
    """How often a service has been suggested and what came of it: counts only, never who."""
    counts = Signpost.objects.filter(service_id=service_id).aggregate(
        n_suggested=Count("pk"),
        n_tried=Count("pk", filter=Q(tried=Signpost.Tried.YES)),
        n_helped=Count("pk", filter=Q(helped__in=[Signpost.Helped.YES, Signpost.Helped.A_LITTLE])),
        n_a_little=Count("pk", filter=Q(helped=Signpost.Helped.A_LITTLE)),
    )
    return Usage(counts["n_suggested"], counts["n_tried"], counts["n_helped"], counts["n_a_little"])


class Row(NamedTuple):
    """One service in a page of search results: only the columns the list shows, read as rows."""

    pk: uuid.UUID
    name: str
    kind: str  # the kind's label, as the list shows it
    status: str
    status_label: str
    organisation: str  # who runs it
    description: str
    cost: str
    cost_amount: Decimal | None
    cost_note: str
    minimum_age: int | None
    maximum_age: int | None
    sessions: tuple[str, ...]  # "Tuesday 10:00 to 12:00", Monday first
    place: str | None  # the nearest place on one line, or the first by name; None with no place
    place_id: uuid.UUID | None
    miles: float | None


KINDS, STATUSES = dict(Kind.choices), dict(Status.choices)
ROWS_SQL = f"""SELECT s.id, s.name, s.kind, s.status, o.name, s.description, s.cost, s.cost_amount, s.cost_note,
                      s.minimum_age, s.maximum_age
               FROM {sql.table(Service)} s JOIN {sql.table(Organisation)} o ON o.id = s.organisation_id
               WHERE s.id IN ({{ids}})"""
PLACES_SQL = f"""SELECT a.service_id, p.id, p.address, p.town, p.postcode
                 FROM {sql.table(ServiceAtLocation)} a JOIN {sql.table(Location)} p ON p.id = a.location_id
                 WHERE a.service_id IN ({{ids}}) ORDER BY p.name, p.id"""
SESSIONS_SQL = f"""SELECT service_id, weekday, opens, closes FROM {sql.table(OpeningTime)}
                   WHERE service_id IN ({{ids}}) ORDER BY weekday, opens, id"""


def rows_for(hits: list[Hit]) -> list[Row]:
    """The services of a page of search results, with what the list shows of each, in the hits' order:
    three explicit queries (core/sql.py) for the services with who runs them, their places and their
    sessions, read as rows. Building the page's services as models, with their categories, places and
    sessions prefetched, cost more than finding them."""
    if not hits:
        return []
    key = Service._meta.pk
    ids = [key.get_db_prep_value(h.service_id, connection) for h in hits]
    marks = ", ".join(["%s"] * len(ids))
    places: dict[uuid.UUID, list[tuple]] = {}
    for service_id, place_id, address, town, postcode in sql.fetch(PLACES_SQL.format(ids=marks), ids):
        places.setdefault(_uuid(service_id), []).append((_uuid(place_id), address, town, postcode))
    sessions: dict[uuid.UUID, list[str]] = {}
    for service_id, weekday, opens, closes in sql.fetch(SESSIONS_SQL.format(ids=marks), ids):
        sessions.setdefault(_uuid(service_id), []).append(rules.session_text(weekday, _time(opens), _time(closes)))
    found = {_uuid(row[0]): row for row in sql.fetch(ROWS_SQL.format(ids=marks), ids)}
    rows = []
    for hit in hits:
        if hit.service_id not in found:
            continue
        pk, name, kind, status, organisation, description, cost, amount, note, youngest, oldest = found[hit.service_id]
        at = places.get(hit.service_id, [])
        place = next((p for p in at if p[0] == hit.location_id), at[0] if at else None)
        rows.append(
            Row(
                hit.service_id,
                name,
                KINDS.get(kind, kind),
                status,
                STATUSES.get(status, status),
                organisation,
                description,
                cost,
                None if amount is None else Decimal(str(amount)),
                note,
                youngest,
                oldest,
                tuple(sessions.get(hit.service_id, ())),
                rules.one_line(*place[1:]) if place else None,
                place[0] if place else None,
                rules.miles(hit.km) if hit.km is not None else None,
            )
        )
    return rows


def _uuid(value) -> uuid.UUID:
    # SQLite hands back a UUID as its hex text.
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _time(value) -> datetime.time:
    # SQLite hands back a time as text.
    return datetime.time.fromisoformat(value) if isinstance(value, str) else value


def place_of(place: rules.Place) -> tuple[rules.Point | None, str]:
    """Where a place typed is, and how it was worked out ("point", "postcode" or "outward"): a
    postcode is placed by the directory's own places with the same postcode, or failing that the
    same outward code (the first part), with no outside service asked. (None, "") when no place
    shares either."""
    if place.kind == "point":
        return place.point, "point"
    located = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if place.kind == "postcode":
        same = located.filter(postcode_key=place.code).values_list("latitude", "longitude")
        found = rules.middle([rules.Point(*row) for row in same])
        if found:
            return found, "postcode"
    nearby = located.filter(outward=place.code.split(" ")[0]).values_list("latitude", "longitude")
    found = rules.middle([rules.Point(*row) for row in nearby])
    return (found, "outward") if found else (None, "")


# --- Categories ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    term: TaxonomyTerm
    children: list[TaxonomyTerm]


def category_groups() -> list[Group]:
    """The active categories, each top-level one with those under it, in the list's order."""
    terms = list(TaxonomyTerm.objects.filter(active=True).select_related("taxonomy"))
    under: dict = {}
    for term in terms:
        under.setdefault(term.parent_id, []).append(term)
    return [Group(term, under.get(term.pk, [])) for term in under.get(None, [])]


def term_and_children(term_id) -> tuple:
    """A category's id with those of the categories under it (two levels down), for a filter."""
    ids = [term_id]
    level = [term_id]
    for _ in range(2):
        level = list(TaxonomyTerm.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids += level
    return tuple(ids)


# --- Editors' lists ------------------------------------------------------------------------------


def organisations():
    return Organisation.objects.annotate(service_count=Count("services")).order_by("name", "pk")


def organisation_detail(organisation_id) -> Organisation | None:
    return (
        Organisation.objects.filter(pk=organisation_id)
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.order_by("name", "pk")),
            Prefetch("locations", queryset=Location.objects.order_by("name", "pk")),
        )
        .first()
    )


def due_for_check(today: datetime.date):
    """Services never checked, or last checked a year ago or more: the longest unchecked first."""
    before = rules.a_year_before(today)
    return (
        Service.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lte=before))
        .exclude(status="defunct")
        .select_related("organisation")
        .order_by(F("last_checked").asc(nulls_first=True), "name", "pk")
    )


def sessions_by_day(service: Service) -> list[tuple[str, list[OpeningTime]]]:
    """(day, sessions) for each day the service opens, Monday first."""
    days: dict[int, list[OpeningTime]] = {}
    for session in service.opening_times.all():
        days.setdefault(session.weekday, []).append(session)
    return [(rules.DAYS[day], days[day]) for day in sorted(days)]


# --- People's records and gaps -------------------------------------------------------------------


SIGNPOSTS_SQL = f"""SELECT {sql.columns(Signpost, "g")}, {sql.columns(Service, "s")}
                    FROM {sql.table(Signpost)} g JOIN {sql.table(Service)} s ON s.id = g.service_id
                    WHERE g.person_id = %s ORDER BY g.suggested_on DESC, g.id DESC"""


def signposts_of(person_id: int) -> list[Signpost]:
    """What was suggested to the person, with each service. The person's page shows it, so explicit SQL
    (core/sql.py): a compiled queryset cost more than the rest of this part."""
    found = []
    for row in sql.fetch(SIGNPOSTS_SQL, [person_id]):
        signpost = sql.instance(Signpost, row)
        signpost.service = sql.instance(Service, row, sql.width(Signpost))
        found.append(signpost)
    return found


def signpost_of(person_id: int, signpost_id: int) -> Signpost | None:
    return Signpost.objects.filter(pk=signpost_id, person_id=person_id).select_related("service").first()


@dataclass(frozen=True)
class GapCount:
    category: str
    area: str
    count: int


def gap_counts() -> list[GapCount]:
    """Gaps counted by category and area, the most first. No names: who it is for is said in words."""
    rows = (
        Gap.objects.values("category__name", "area")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name", "area")
    )
    return [GapCount(r["category__name"] or "No category", r["area"], r["count"]) for r in rows]


def recent_gaps(limit: int = 50) -> list[Gap]:
    return list(Gap.objects.select_related("category").order_by("-recorded_on", "-pk")[:limit])


# --- Gaps by quarter, for commissioners ----------------------------------------------------------


@dataclass(frozen=True)
class QuarterCount:
    """Gaps of one category in one area in one calendar quarter, with how soon they were needed and
    how many were raised at an outcomes forum. Counts only: never who."""

    year: int
    quarter: int
    category: str
    area: str
    count: int
    now: int
    soon: int
    later: int
    not_said: int
    at_forum: int

    @property
    def label(self) -> str:
        return rules.quarter_label(self.year, self.quarter)

    @property
    def key(self) -> str:
        return rules.quarter_key(self.year, self.quarter)


def gap_counts_by_quarter(quarter: tuple[int, int] | None = None) -> list[QuarterCount]:
    """Gaps counted by calendar quarter, category and area (one quarter when asked): newest quarter
    first, then the most counted. One grouped read."""
    found = Gap.objects.all()
    if quarter is not None:
        start = rules.quarter_start(*quarter)
        end = rules.quarter_start(*(quarter[0] + quarter[1] // 4, quarter[1] % 4 + 1))
        found = found.filter(recorded_on__gte=start, recorded_on__lt=end)
    rows = (
        found.annotate(q=TruncQuarter("recorded_on"))
        .values("q", "category__name", "area")
        .annotate(
            n=Count("pk"),
            n_now=Count("pk", filter=Q(urgency="now")),
            n_soon=Count("pk", filter=Q(urgency="soon")),
            n_later=Count("pk", filter=Q(urgency="later")),
            n_not_said=Count("pk", filter=Q(urgency="")),
            n_forum=Count("pk", filter=Q(source=Gap.Source.FORUM)),
        )
        .order_by("-q", "-n", "category__name", "area")
    )
    return [
        QuarterCount(
            *rules.quarter_of(_day(r["q"])),
            r["category__name"] or "No category",
            r["area"],
            r["n"],
            r["n_now"],
            r["n_soon"],
            r["n_later"],
            r["n_not_said"],
            r["n_forum"],
        )
        for r in rows
    ]


def _day(value) -> datetime.date:
    # A quarter's first day: a date, or on some databases a datetime or text.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def gap_quarters() -> list[tuple[int, int]]:
    """Every quarter from the latest gap back to the first, newest first: two reads of the day index
    (counting quarters over every row cost more than the counts of one quarter)."""
    first = Gap.objects.order_by("recorded_on").values_list("recorded_on", flat=True).first()
    last = Gap.objects.order_by("-recorded_on").values_list("recorded_on", flat=True).first()
    if first is None:
        return []
    quarters, (year, quarter) = [], rules.quarter_of(last)
    while (year, quarter) >= rules.quarter_of(first):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return quarters
