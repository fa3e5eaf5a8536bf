"""Finding services: by words (ranked, with a slip allowed), category, age, day and time, cost and
distance, for the practitioners' search page and the Open Referral UK API alike.

Words. Each service's words are in `ServiceWord` with a weight (its name counts most:
rules.index_words), kept by services.reindex. A typed word is answered by the stored words it
starts (a range over `SearchWord`, in code-point order), and from SLIP_FROM letters by those it
shares a key with in `SearchWordVariant` (each word filed under itself with one letter dropped: a
letter missing, extra or changed, or two swapped). Every typed word must be answered; a service
scores the best answer to each, by weight and by how well it matched (rules.rank).

Filters are plain SQL over the service rows (status, age, cost, a session open on the day and at the
time, a category or one under it), applied to the word matches a few hundred ids at a time.

Distance is measured from a point by the haversine formula (rules.distance_km) to each of a
service's places with coordinates, the nearest counting; a distance limit first reads only the
places inside a box around the point (an index on latitude and longitude). No map service is asked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from . import rules
from .models import SHOWN_STATUSES, OpeningTime, SearchWord, SearchWordVariant, Service, ServiceAtLocation, ServiceWord

CHUNK = 500  # ids in one IN (...) list
PREFIX_LIMIT = 200  # stored words a typed word's start may stand for


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


def filtered(c: Criteria) -> QuerySet:
    """Services passing every filter but words and distance."""
    rows = Service.objects.all()
    if c.statuses:
        rows = rows.filter(status__in=c.statuses)
    if c.term_ids:
        links = Service.categories.through.objects.filter(service_id=OuterRef("pk"), taxonomyterm_id__in=c.term_ids)
        rows = rows.filter(Exists(links))
    if c.age is not None:
        rows = rows.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=c.age))
        rows = rows.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=c.age))
    if c.free_only:
        rows = rows.filter(cost="free")
    if c.day is not None or c.at is not None:
        sessions = OpeningTime.objects.filter(service_id=OuterRef("pk"))
        if c.day is not None:
            sessions = sessions.filter(weekday=c.day)
        if c.at is not None:
            sessions = sessions.filter(opens__lte=c.at, closes__gt=c.at)
        rows = rows.filter(Exists(sessions))
    return rows.filter(c.extra)


def has_filters(c: Criteria) -> bool:
    return bool(c.term_ids or c.age is not None or c.day is not None or c.at is not None or c.free_only or c.extra)


def answers(typed: list[str]) -> list[dict[str, float]]:
    """For each typed word, the stored words that answer it, with how well."""
    found: list[dict[str, float]] = [{} for _ in typed]
    for i, word in enumerate(typed):
        end = rules.prefix_end(word)
        starting = SearchWord.objects.filter(word__gte=word, **({"word__lt": end} if end else {}))
        for stored in starting.order_by("word").values_list("word", flat=True)[:PREFIX_LIMIT]:
            found[i][stored] = rules.match_quality(word, stored)
    owners: dict[str, set[int]] = {}
    for i, word in enumerate(typed):
        if len(word) >= rules.SLIP_FROM:
            for key in rules.variants(word):
                owners.setdefault(key, set()).add(i)
    for chunk in _chunks(owners):
        for key, stored in SearchWordVariant.objects.filter(key__in=chunk).values_list("key", "word"):
            for i in owners[key]:
                quality = rules.match_quality(typed[i], stored)
                if quality > found[i].get(stored, 0):
                    found[i][stored] = quality
    return found


def scored(typed: list[str]) -> dict[object, float]:
    """{service id: score} for services answering every typed word."""
    matches = answers(typed)
    if not all(matches):
        return {}
    wanted = set().union(*matches)
    postings = []
    for chunk in _chunks(sorted(wanted)):
        postings += ServiceWord.objects.filter(word__in=chunk).values_list("service_id", "word", "weight")
    return rules.rank(matches, postings)


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
    if not typed and not by_distance:
        # Everything passing the filters, by name: paged by the database.
        total = rows.count()
        ids = list(rows.order_by("name", "pk").values_list("pk", flat=True)[start : start + size])
        placed = places_of(ids, c.origin, None) if c.origin is not None and ids else {}
        return Found([Hit(pk, 0.0, *placed.get(pk, (None, None))) for pk in ids], total, start, typed)
    scores: dict[object, float] = {}
    names: dict[object, str] | None = None
    if typed:
        scores = scored(typed)
        names = _names(rows, scores)
    placed: dict[object, tuple[float, object]] = {}
    if c.origin is not None:
        placed = places_of(list(names) if names is not None else None, c.origin, c.within_km)
        if names is None:
            names = _names(rows, placed)
        if by_distance:
            names = {pk: name for pk, name in names.items() if pk in placed}
    hits = [Hit(pk, scores.get(pk, 0.0), *placed.get(pk, (None, None))) for pk in names]
    if c.nearest_first and c.origin is not None:
        hits.sort(key=lambda h: (h.km, -h.score, names[h.service_id].casefold(), str(h.service_id)))
    else:
        hits.sort(key=lambda h: (-h.score, names[h.service_id].casefold(), str(h.service_id)))
    return Found(hits, len(hits), 0, typed)


def _names(rows: QuerySet, ids) -> dict[object, str]:
    """{id: name} of those of these services that pass the filters."""
    names: dict[object, str] = {}
    for chunk in _chunks(ids):
        names.update(rows.filter(pk__in=chunk).values_list("pk", "name"))
    return names
