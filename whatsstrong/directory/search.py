"""Finding services: by words (ranked, with a slip allowed), category, age, day and time, cost and
distance, for the practitioners' search page and the Open Referral UK API alike.

Words. Each service's words are in `ServiceWord` with a weight (its name counts most:
rules.index_words), kept by services.reindex. A typed word is answered by the stored words it
starts (a range over `SearchWord`, in code-point order), and from SLIP_FROM letters by those it
shares a key with in `SearchWordVariant` (each word filed under itself with one letter dropped: a
letter missing, extra or changed, or two swapped). Every typed word must be answered; a service
scores the best answer to each, by weight and by how well it matched (rules.rank).

Filters are plain SQL over the service rows (status, age, cost, a session open on the day and at the
time, a category or one under it). The index rows carry their service's status, and each stored word
its count of services (both kept by services.py). Words with no other filter (`page_by_words`, explicit
SQL) are answered from the index alone: from the typed word the fewest services have, the others sought
by service or read and grouped, whichever the counts say reads less; the database adds up each
service's best answers, counts the services, reads the names of those that could be on the page, and
returns that page, best first. With other filters or a distance, `ranked` joins the answering rows to
their services, keeps each service's best answer to each typed word and adds them up in one query.

Distance is measured from a point by the haversine formula (rules.distance_km) to each of a
service's places with coordinates, the nearest counting; a distance limit first reads only the
places inside a box around the point (an index on latitude and longitude). No map service is asked.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from whatsstrong.core import sql

from . import rules
from .models import (
    SHOWN_STATUSES,
    OpeningTime,
    SearchWord,
    SearchWordVariant,
    Service,
    ServiceAtLocation,
    ServiceWord,
)

CHUNK = 500  # ids in one IN (...) list
FLOAT = FloatField()
PREFIX_LIMIT = 200  # stored words a typed word's start may stand for
PREFIX_FROM = 3  # a typed word this long also finds the words it starts
# Seeking a service's row in the index costs about as much as reading this many rows in order and
# grouping them (measured on SQLite, bench/README.md); a word search picks its way by it (`_scored`).
SEEK_COST = 3
CARD_INDEX = "directory_service_card_idx"  # Service's index on (id, status, name)


@dataclass
class Criteria:
    text: str = ""
    term_ids: tuple = ()  # a category and those under it
    age: int | None = None
    day: int | None = None  # 0 for Monday
    at: datetime.time | None = None
    free_only: bool = False
    origin: rules.Point | None = None
    within_km: float | None = None
    statuses: tuple = SHOWN_STATUSES  # empty: any status
    extra: Q = field(default_factory=Q)  # further filters (the API's own)
    nearest_first: bool = False  # else best match first (by name when no words)


@dataclass(frozen=True)
class Hit:
    service_id: object
    score: float = 0.0
    km: float | None = None
    location_id: object = None


@dataclass
class Found:
    hits: list[Hit]  # the whole ordered list (ids only), or just this page when paged in SQL
    total: int
    page_start: int  # where `hits` starts in the whole list
    words: list[str]  # the typed words searched for

    def page(self, start: int, size: int) -> list[Hit]:
        return self.hits[start - self.page_start : start - self.page_start + size]


def _chunks(items):
    items = list(items)
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def conditions(c: Criteria, via: str = "") -> Q:
    """Every filter but words and distance, for services (`via` "") or for rows pointing at them
    (`via` "service__", as the search index does)."""
    pk = f"{via}pk" if not via else via.removesuffix("__") + "_id"
    where = Q()
    if c.statuses:
        where &= Q(**{f"{via}status__in": c.statuses})
    if c.term_ids:
        links = Service.categories.through.objects.filter(service_id=OuterRef(pk), taxonomyterm_id__in=c.term_ids)
        where &= Q(Exists(links))
    if c.age is not None:
        where &= Q(**{f"{via}minimum_age__isnull": True}) | Q(**{f"{via}minimum_age__lte": c.age})
        where &= Q(**{f"{via}maximum_age__isnull": True}) | Q(**{f"{via}maximum_age__gte": c.age})
    if c.free_only:
        where &= Q(**{f"{via}cost": "free"})
    if c.day is not None or c.at is not None:
        sessions = OpeningTime.objects.filter(service_id=OuterRef(pk))
        if c.day is not None:
            sessions = sessions.filter(weekday=c.day)
        if c.at is not None:
            sessions = sessions.filter(opens__lte=c.at, closes__gt=c.at)
        where &= Q(Exists(sessions))
    return where


def filtered(c: Criteria) -> QuerySet:
    """Services passing every filter but words and distance."""
    return Service.objects.filter(conditions(c)).filter(c.extra)


def has_filters(c: Criteria) -> bool:
    return bool(c.term_ids or c.age is not None or c.day is not None or c.at is not None or c.free_only or c.extra)


def answers(typed: list[str]) -> list[dict[str, float]]:
    """For each typed word, the stored words that answer it, with how well."""
    return _answers(typed)[0]


def _answers(typed: list[str]) -> tuple[list[dict[str, float]], dict[str, int]]:
    """For each typed word, the stored words some service has that answer it, with how well; and how
    many services have each of those words."""
    found: list[dict[str, float]] = [{} for _ in typed]
    counts: dict[str, int] = {}
    for i, word in enumerate(typed):
        end = rules.prefix_end(word)
        if len(word) < PREFIX_FROM:
            starting = SearchWord.objects.filter(word=word)  # two letters would start too many words
        else:
            starting = SearchWord.objects.filter(word__gte=word, **({"word__lt": end} if end else {}))
        starting = starting.filter(services__gt=0).order_by("word").values_list("word", "services")
        for stored, services in starting[:PREFIX_LIMIT]:
            found[i][stored] = rules.match_quality(word, stored)
            counts[stored] = services
    owners: dict[str, set[int]] = {}
    for i, word in enumerate(typed):
        if len(word) >= rules.SLIP_FROM:
            for key in rules.variants(word):
                owners.setdefault(key, set()).add(i)
    slips: dict[str, set[int]] = {}
    for chunk in _chunks(owners):
        for key, stored in SearchWordVariant.objects.filter(key__in=chunk).values_list("key", "word"):
            slips.setdefault(stored, set()).update(owners[key])
    unknown = [word for word in slips if word not in counts]
    for chunk in _chunks(unknown):
        counts.update(SearchWord.objects.filter(word__in=chunk, services__gt=0).values_list("word", "services"))
    for stored, owned in slips.items():
        if not counts.get(stored):
            continue  # no service has it any more
        for i in owned:
            quality = rules.match_quality(typed[i], stored)
            if quality > found[i].get(stored, 0):
                found[i][stored] = quality
    return found, counts


def ranked(c: Criteria, matches: list[dict[str, float]], near: Q | None = None) -> QuerySet:
    """(service id, name, score) of the services passing the filters with an answer to every typed
    word, best first, for searches with filters or a distance (`page_by_words` answers the others).
    One query: the index rows of a status wanted for the words that answer, joined to their services
    for the other filters, each service's best answer to each typed word kept and added up by the
    database (rules.rank says the same in Python)."""
    wanted = sorted(set().union(*matches))
    scores = {}
    for i, found in enumerate(matches):
        by_quality: dict[float, list[str]] = {}
        for word, quality in found.items():
            by_quality.setdefault(quality, []).append(word)
        scores[f"s{i}"] = Max(
            Case(
                *[
                    When(word__in=sorted(words), then=ExpressionWrapper(F("weight") * quality, FLOAT))
                    for quality, words in sorted(by_quality.items(), reverse=True)
                ],
                default=Value(0.0),
                output_field=FLOAT,
            )
        )
    total = sum((F(name) for name in scores), start=Value(0.0))
    rows = ServiceWord.objects.filter(word__in=wanted)
    if c.statuses:
        rows = rows.filter(status__in=c.statuses)
    rows = rows.filter(conditions(replace(c, statuses=()), via="service__"))
    if c.extra:
        rows = rows.filter(service__in=Service.objects.filter(c.extra))
    if near is not None:
        rows = rows.filter(near)
    return (
        rows.values("service_id", "service__name")
        .annotate(**scores)
        .filter(**{f"{name}__gt": 0 for name in scores})
        .annotate(score=ExpressionWrapper(total, FLOAT))
        .order_by("-score", "service__name", "service_id")
        .values_list("service_id", "service__name", "score")
    )


def _in(column: str, values) -> tuple[str, list]:
    values = list(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _best(found: dict[str, float], alias: str) -> tuple[str, list]:
    """SQL for the best answer a service's rows give to a typed word: the greatest weight times how
    well the row's word answers it (0 for a row whose word does not), and its parameters."""
    by_quality: dict[float, list[str]] = {}
    for word, quality in found.items():
        by_quality.setdefault(quality, []).append(word)
    whens, params = [], []
    for quality, words in sorted(by_quality.items(), reverse=True):
        condition, listed = _in(f"{alias}.word", sorted(words))
        whens.append(f"WHEN {condition} THEN {alias}.weight * %s")
        params += [*listed, float(quality)]
    return f"MAX(CASE {' '.join(whens)} ELSE 0.0 END)", params


def _scored(c: Criteria, matches: list[dict[str, float]], counts: dict[str, int]) -> tuple[str, list]:
    """SQL giving (service_id, score) for each service of a status wanted with an answer to every typed
    word, read from the search index alone, and its parameters. Two ways, whichever reads fewer rows
    by the words' counts of services: from the rows of the typed word the fewest services have, each
    other typed word sought by service (directory_word_service_idx), or, when the other words are
    nearly as rare, every answering row read by word and grouped by service."""
    words_table = sql.table(ServiceWord)
    rows = [sum(counts.get(word, 0) for word in found) for found in matches]
    first = min(range(len(matches)), key=lambda i: (rows[i], i))
    others = [i for i in range(len(matches)) if i != first]
    status, status_params = _in("w.status", [str(s) for s in c.statuses]) if c.statuses else ("", [])
    status = f" AND {status}" if status else ""
    if rows[first] * sum(len(matches[i]) for i in others) * SEEK_COST <= sum(rows):
        scores, params = _best(matches[first], "w")
        joins, where, where_params = "", [], []
        for i in others:
            best, best_params = _best(matches[i], f"o{i}")
            scores += f" + {best}"
            params += best_params
            joins += f" CROSS JOIN {words_table} o{i}"
            condition, listed = _in(f"o{i}.word", sorted(matches[i]))
            where.append(f"o{i}.service_id = w.service_id AND {condition}")
            where_params += listed
        condition, listed = _in("w.word", sorted(matches[first]))
        return (
            f"SELECT w.service_id AS service_id, {scores} AS score FROM {words_table} w{joins} "
            f"WHERE {' AND '.join([*where, condition])}{status} GROUP BY w.service_id",
            [*params, *where_params, *listed, *status_params],
        )
    bests = [_best(found, "w") for found in matches]
    condition, listed = _in("w.word", sorted(set().union(*matches)))
    return (
        f"SELECT w.service_id AS service_id, {' + '.join(best for best, _ in bests)} AS score "
        f"FROM {words_table} w WHERE {condition}{status} GROUP BY w.service_id "
        f"HAVING {' AND '.join(f'{best} > 0' for best, _ in bests)}",
        [*(p for _, ps in bests for p in ps), *listed, *status_params, *(p for _, ps in bests for p in ps)],
    )


def page_by_words(
    c: Criteria, matches: list[dict[str, float]], counts: dict[str, int], start: int, size: int
) -> tuple[list[tuple[object, float]], int]:
    """A page of (service id, score), best first, and how many services there are in all, for words
    with no filter but status, in one explicit query (core/sql.py). The services found (`_scored`)
    are counted, and ranked by score; only those scoring at least as much as the page's last are
    read, for their names (the order after the score), and the page is cut by the database."""
    scored, params = _scored(c, matches, counts)
    # The names are read from the index on (id, status, name), never the wide rows; SQLite, left
    # without statistics, would otherwise take the primary key's index and read each row as well.
    card = f" INDEXED BY {sql.quote(CARD_INDEX)}" if connection.vendor == "sqlite" else ""
    found = (
        f"WITH h AS ({scored}) SELECT h.service_id, h.score, (SELECT COUNT(*) FROM h) "
        f"FROM h JOIN {sql.table(Service)} s{card} ON s.id = h.service_id "
        "WHERE h.score >= COALESCE((SELECT h2.score FROM h h2 ORDER BY h2.score DESC LIMIT 1 OFFSET %s), "
        "(SELECT MIN(h3.score) FROM h h3)) "
        "ORDER BY h.score DESC, s.name, s.id LIMIT %s OFFSET %s"
    )
    rows = sql.fetch(found, [*params, start + size - 1, size, start])
    if rows:
        total = rows[0][2]
    else:  # no services, or a page past the last
        total = sql.fetch(f"WITH h AS ({scored}) SELECT COUNT(*) FROM h", params)[0][0] if start else 0
    return [(_uuid(pk), float(score)) for pk, score, _ in rows], total


def _uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def places_of(service_ids, origin: rules.Point, within_km: float | None) -> dict[object, tuple[float, object]]:
    """{service id: (km, location id)} to the nearest of each service's places with coordinates."""
    links = ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if within_km is not None:
        south, north, west, east = rules.box(origin, within_km)
        links = links.filter(
            location__latitude__gte=south,
            location__latitude__lte=north,
            location__longitude__gte=west,
            location__longitude__lte=east,
        )
    columns = ("service_id", "location_id", "location__latitude", "location__longitude")
    nearest: dict[object, tuple[float, object]] = {}
    batches = (
        [links.values_list(*columns)]
        if service_ids is None
        else [links.filter(service_id__in=chunk).values_list(*columns) for chunk in _chunks(service_ids)]
    )
    for batch in batches:
        for service_id, location_id, latitude, longitude in batch:
            km = rules.distance_km(origin, rules.Point(latitude, longitude))
            if within_km is not None and km > within_km:
                continue
            if service_id not in nearest or km < nearest[service_id][0]:
                nearest[service_id] = (km, location_id)
    return nearest


def find(c: Criteria, *, start: int = 0, size: int = 20) -> Found:
    """The services for these criteria, best first (or nearest first), with the total.

    With a place: nearest first, or within a distance, lists only services at a place with
    coordinates (the page says so); best first lists every match, with its distance where known."""
    typed = rules.words(c.text)[: rules.MOST_WORDS]
    rows = filtered(c)
    by_distance = c.origin is not None and (c.nearest_first or c.within_km is not None)
    if not by_distance:
        if typed:
            matches, counts = _answers(typed)
            if not all(matches):
                return Found([], 0, start, typed)
            if has_filters(c):
                best = list(ranked(c, matches))  # every match: counting would run the ranking twice
                total = len(best)
                page = [(pk, score) for pk, _, score in best[start : start + size]]
            else:
                page, total = page_by_words(c, matches, counts, start, size)
        else:
            # Everything passing the filters, by name: paged by the database.
            total = rows.count()
            page = [(pk, 0.0) for pk in rows.order_by("name", "pk").values_list("pk", flat=True)[start : start + size]]
        placed = places_of([pk for pk, _ in page], c.origin, None) if c.origin is not None and page else {}
        return Found([Hit(pk, score, *placed.get(pk, (None, None))) for pk, score in page], total, start, typed)
    # By distance: every candidate near enough is measured, then sorted here.
    near = None
    if c.within_km is not None:
        south, north, west, east = rules.box(c.origin, c.within_km)
        inside = ServiceAtLocation.objects.filter(
            location__latitude__gte=south,
            location__latitude__lte=north,
            location__longitude__gte=west,
            location__longitude__lte=east,
        )
        rows = rows.filter(Exists(inside.filter(service_id=OuterRef("pk"))))
        near = Q(Exists(inside.filter(service_id=OuterRef("service_id"))))
    if typed:
        matches, counts = _answers(typed)
        found = list(ranked(c, matches, near)) if all(matches) else []
    else:
        found = [(pk, name, 0.0) for pk, name in rows.values_list("pk", "name")]
    names = {pk: name for pk, name, _ in found}
    scores = {pk: score for pk, _, score in found}
    placed = places_of(list(names), c.origin, c.within_km)
    hits = [Hit(pk, scores[pk], *placed[pk]) for pk in names if pk in placed]
    if c.nearest_first:
        hits.sort(key=lambda h: (h.km, -h.score, names[h.service_id].casefold(), str(h.service_id)))
    else:
        hits.sort(key=lambda h: (-h.score, names[h.service_id].casefold(), str(h.service_id)))
    return Found(hits, len(hits), 0, typed)
