"""Reading people for pages and reports, with the joins each page needs (no N+1)."""

import datetime
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone

from whatsstrong.core.models import Role
from whatsstrong.core.prepared import prepared

from . import rules
from .models import Asset, NetworkMember, Person

CASELOAD_PAGE_SIZE = 50


CASELOAD_ORDER = ("family_name", "given_name", "pk")


def caseload_owner(user):
    """Whose people the caseload lists: a supervisor's whole team, or a practitioner's own."""
    if user.role == Role.SUPERVISOR and user.team_id:
        return "team_id", user.team_id
    return "allocated_worker_id", user.pk


def caseload_for(user):
    """The caseload as model instances, for the API."""
    field, owner = caseload_owner(user)
    return Person.objects.select_related("allocated_worker").filter(**{field: owner}).order_by(*CASELOAD_ORDER)


class CaseloadRow(NamedTuple):
    """One line of the caseload table: the shown columns only, the long text stays in the database."""

    pk: int
    display_name: str
    date_of_birth: datetime.date | None
    postcode: str
    restricted: bool
    updated_on: datetime.date  # the day of the last change, local time
    worker_name: str  # blank when no one is allocated

    @classmethod
    def from_columns(cls, pk, given, family, preferred, born, postcode, restricted, updated_at, first, last,
                     username, *, here):
        worker = (f"{first} {last}".strip() or username) if username is not None else ""
        return cls(pk, rules.display_name(given, preferred, family), born, postcode, restricted,
                   updated_at.astimezone(here).date(), worker)


CASELOAD_COLUMNS = ("pk", "given_name", "family_name", "preferred_name", "date_of_birth", "postcode", "restricted",
                    "updated_at", "allocated_worker__first_name", "allocated_worker__last_name",
                    "allocated_worker__username")


def _caseload_rows(field):
    @prepared
    def rows(owner, *, offset, limit):
        people = Person.objects.filter(**{field: owner}).order_by(*CASELOAD_ORDER)
        return people.values_list(*CASELOAD_COLUMNS)[offset:offset + limit]

    @prepared
    def size(owner):
        return Person.objects.filter(**{field: owner}).values(field).annotate(n=Count("pk")).values_list("n")

    return rows, size


CASELOAD_QUERIES = {field: _caseload_rows(field) for field in ("team_id", "allocated_worker_id")}


class Caseload:
    """The caseload as Django's paginator reads it: a count, and slices of rows."""

    def __init__(self, user):
        field, self._owner = caseload_owner(user)
        self._rows, self._size = CASELOAD_QUERIES[field]

    def count(self):
        found = self._size(self._owner)
        return found[0][0] if found else 0

    def __getitem__(self, window):
        if window.stop <= window.start:
            return []  # An empty caseload's one page; Django will not compile an empty slice.
        rows = self._rows(self._owner, offset=window.start, limit=window.stop - window.start)
        here = timezone.get_current_timezone()
        return [CaseloadRow.from_columns(*row, here=here) for row in rows]


NAME_KEYS = ("family_name_key", "given_name_key", "preferred_name_key")
NAME_ORDER = ("family_name_key", "given_name_key", "pk")


def prefix_range(field, prefix):
    """Keys starting with `prefix`. A range, not LIKE, so both SQLite and PostgreSQL use the plain
    index on the key column; it relies on the key columns comparing in code-point order (see
    CODE_POINT_ORDER in models.py)."""
    end = rules.prefix_end(prefix)
    if end is None:
        return Q(**{f"{field}__gte": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": end})


def any_name_starts(word):
    return family_name_starts(word) | prefix_range("given_name_key", word) | prefix_range("preferred_name_key", word)


def family_name_starts(word):
    """The family name starts with the word; or, for a Chinese, Japanese or Korean name typed
    without a space, the family name is the word's start and the given name starts with the rest."""
    condition = prefix_range("family_name_key", word)
    for family, given in rules.family_and_given_splits(word):
        condition |= Q(family_name_key=family) & prefix_range("given_name_key", given)
    return condition


def name_order_key(person):
    return person.family_name_key, person.given_name_key, person.pk


def search_by_name_prefix(query, limit=25):
    """People whose family, given or preferred name starts with each word typed, in any order.

    People whose family name matches one of the words come first, then the rest; each group in
    name order. The family-name queries walk the family name index in order and stop at
    `limit`, so a short, common prefix ("s") costs no more than a long one; the rest, needed
    only when those do not fill the page, sorts just the given and preferred name matches.
    """
    words = list(dict.fromkeys(w for w in rules.name_key(query).split() if w))
    if not words:
        return []
    people = Person.objects.select_related("team", "allocated_worker")
    if len(words) > 1 and not all(Person.objects.filter(any_name_starts(w)).exists() for w in words):
        # One word matches no one (often a typo): no need to walk the others' name ranges.
        return []
    found = {}
    for word in words:
        family = people.filter(family_name_starts(word))
        for other in words:
            if other != word:
                family = family.filter(any_name_starts(other))
        found.update((p.pk, p) for p in family.order_by(*NAME_ORDER)[:limit])
    ranked = sorted(found.values(), key=name_order_key)[:limit]
    if len(ranked) < limit:
        rest = people
        for word in words:
            rest = rest.filter(prefix_range("given_name_key", word) | prefix_range("preferred_name_key", word))
            rest = rest.exclude(family_name_starts(word))
        # Sorted by an expression (the keys are lower case already), so the database sorts these
        # matches instead of walking a name index in order and filtering as it goes, which reads
        # everyone when the given name is rare.
        ranked += list(rest.order_by(Lower("family_name_key"), "given_name_key", "pk")[: limit - len(ranked)])
    return ranked


def person_for_page(person_id):
    """The person with their network and strengths, for the API."""
    # Strengths come with their network member in one join rather than a third query.
    return Person.objects.select_related("team", "allocated_worker").prefetch_related(
        "network", Prefetch("assets", queryset=Asset.objects.select_related("network_member"))
    ).get(pk=person_id)


# The person's page and every edit page read these; prepared, as they run on every view.
@prepared
def person_with_team(person_id):
    return Person.objects.select_related("team", "allocated_worker").filter(pk=person_id)


@prepared
def network_of(person_id):
    return NetworkMember.objects.filter(person_id=person_id)


@prepared
def strengths_of(person_id):
    return Asset.objects.filter(person_id=person_id).select_related("network_member")


def assets_by_level(assets):
    levels = {level: [] for level, _ in Asset.Level.choices}
    for asset in assets:
        levels[asset.level].append(asset)
    return [(level, Asset.Level(level).label, items) for level, items in levels.items()]
