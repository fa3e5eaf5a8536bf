"""Reading people for pages and reports, with the joins each page needs (no N+1)."""

import datetime
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone

from whatsstrong.core import access, sql
from whatsstrong.core.models import Role, Team, User

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
    review_due_on: datetime.date | None = None
    review_tag: str | None = None  # rules.review_tag: "overdue", "soon", "planned" or None

    @classmethod
    def from_columns(
        cls,
        pk,
        given,
        family,
        preferred,
        born,
        postcode,
        restricted,
        updated_at,
        first,
        last,
        username,
        review_due_on=None,
        *,
        here,
        today=None,
    ):
        worker = (f"{first} {last}".strip() or username) if username is not None else ""
        return cls(
            pk,
            rules.display_name(given, preferred, family),
            born,
            postcode,
            restricted,
            updated_at.astimezone(here).date(),
            worker,
            review_due_on,
            rules.review_tag(review_due_on, today) if today else None,
        )


CASELOAD_COLUMNS = (
    "pk",
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "postcode",
    "restricted",
    "updated_at",
    "allocated_worker__first_name",
    "allocated_worker__last_name",
    "allocated_worker__username",
    "review_due_on",
)


P, T, W = sql.table(Person), sql.table(Team), sql.table(User)
CASELOAD_SQL = {
    owner: f"""SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.postcode,
                      p.restricted, p.updated_at, w.first_name, w.last_name, w.username, p.review_due_on
               FROM {P} p LEFT JOIN {W} w ON w.id = p.allocated_worker_id
               WHERE p.{owner} = %s AND p.archived_at IS NULL
               ORDER BY p.family_name, p.given_name, p.id LIMIT %s OFFSET %s"""
    for owner in ("team_id", "allocated_worker_id")
}
CASELOAD_COUNT_SQL = {
    owner: f"SELECT COUNT(*) FROM {P} WHERE {owner} = %s AND archived_at IS NULL"
    for owner in ("team_id", "allocated_worker_id")
}


class Caseload:
    """The caseload as Django's paginator reads it: a count, and slices of rows.

    Explicit SQL (core/sql.py): this is the page practitioners open most. The order and the
    conditions match the caseload indexes in people/models.py.
    """

    def __init__(self, user):
        self._field, self._owner = caseload_owner(user)

    def count(self):
        return sql.fetch(CASELOAD_COUNT_SQL[self._field], [self._owner])[0][0]

    def __getitem__(self, window):
        rows = sql.fetch(CASELOAD_SQL[self._field], [self._owner, window.stop - window.start, window.start])
        here, today = timezone.get_current_timezone(), timezone.localdate()
        return [
            CaseloadRow.from_columns(*row[:7], sql.aware(row[7]), *row[8:11], row[11], here=here, today=today)
            for row in rows
        ]


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
    name order. A single word walks the family name index in order and stops at `limit`. With
    more words, each query is a seek on a name index whose cost follows the matches, not the
    council: see _family_matches and _given_matches.
    """
    words = list(dict.fromkeys(w for w in rules.name_key(query).split() if w))
    if not words:
        return []
    if len(words) == 1:
        people = Person.objects.select_related("team", "allocated_worker").filter(family_name_starts(words[0]))
        found = list(people.order_by(*NAME_ORDER)[:limit])
        if len(found) == limit:
            return found
        return found + _people(_given_matches(words, limit - len(found)))
    if not all(Person.objects.filter(any_name_starts(w)).exists() for w in words):
        # One word starts no one's name (often a typo): each is one indexed look-up, where seeking
        # every family name of every word would be several queries a word.
        return []
    ranked = sorted({row for word in words for row in _family_matches(word, words, limit)})[:limit]
    if len(ranked) < limit:
        ranked += _given_matches(words, limit - len(ranked))
    return _people(ranked)


RANK = ("family_name_key", "given_name_key", "pk")  # NAME_ORDER, as read from values_list
FAMILY_KEYS_BATCH = 64


def _people(ranked):
    """The people of (family key, given key, pk) rows, in the rows' order, in one read."""
    ids = [row[-1] for row in ranked]
    found = Person.objects.select_related("team", "allocated_worker").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _family_matches(word, words, limit):
    """Name-order rows of the first `limit` people whose family name starts with `word` and whose
    names start with each of the other words.

    Walking the family name range and testing the other words reads every Smith for "sm xy"; so
    the distinct family names in the range are read first, one index seek each (family_keys), and
    each of them is then sought with the other word's range on the given name, the preferred name,
    or the family name itself. Family names are far fewer than people and grow slowly with them.
    """
    others = [w for w in words if w != word]
    first, rest = others[0], [any_name_starts(w) for w in others[1:]]
    people = Person.objects.filter(*rest).order_by(*NAME_ORDER)
    found = []
    # Chinese, Japanese and Korean names typed without a space: a family name that is the word's start.
    for family, given in rules.family_and_given_splits(word):
        found += people.filter(
            any_name_starts(first), prefix_range("given_name_key", given), family_name_key=family
        ).values_list(*RANK)[:limit]
    after = None
    while True:
        keys = family_keys(word, after)
        arms = [
            Q(family_name_key__in=[k for k in keys if k.startswith(first)]),
            prefix_range("given_name_key", first),
            prefix_range("preferred_name_key", first),
        ]
        arms += [
            Q(family_name_key=f) & prefix_range("given_name_key", g) for f, g in rules.family_and_given_splits(first)
        ]
        batch = set()
        for arm in arms:
            batch.update(people.filter(arm, family_name_key__in=keys).values_list(*RANK)[:limit])
        found += sorted(batch)[:limit]
        if len(keys) < FAMILY_KEYS_BATCH or len(found) >= limit:
            return found
        after = keys[-1]


FAMILY_KEYS_SQL = """WITH RECURSIVE found(k, n) AS (
    SELECT (SELECT family_name_key FROM {people} WHERE family_name_key {start} %s{end}
            ORDER BY family_name_key LIMIT 1), 1
    UNION ALL
    SELECT (SELECT family_name_key FROM {people} WHERE family_name_key > found.k{end}
            ORDER BY family_name_key LIMIT 1), n + 1
    FROM found WHERE found.k IS NOT NULL AND n < %s)
SELECT k FROM found WHERE k IS NOT NULL"""


def family_keys(prefix, after=None):
    """Up to FAMILY_KEYS_BATCH distinct family name keys starting with `prefix` (after `after`), in
    order. Read as a loose index scan: each key is one seek on the family name index for the next
    key up, so a range holding thousands of people with a few names costs a few seeks. Archived
    people's names are among them: the index holds them, and a seek that finds no one is cheap."""
    end = rules.prefix_end(prefix)
    bound = "" if end is None else " AND family_name_key < %s"
    statement = FAMILY_KEYS_SQL.format(people=P, start=">=" if after is None else ">", end=bound)
    bounds = [end, end] if end else []  # the first seek's and every next one's
    return [row[0] for row in sql.fetch(statement, [prefix if after is None else after, *bounds, FAMILY_KEYS_BATCH])]


def _given_matches(words, limit):
    """Name-order rows of the first `limit` people whose given or preferred name (never the family
    name) starts with each word. Every word is read as the given name or the preferred name; each
    way is one query, which sorts its own matches only."""
    not_family = [~family_name_starts(w) for w in words]
    found = set()
    for choice in _given_or_preferred(words):
        # Sorted by an expression (the keys are lower case already), so the database sorts these
        # matches rather than walk a name index in order and filter, which reads everyone when the
        # given name is rare.
        found.update(
            Person.objects.filter(*choice, *not_family)
            .order_by(Lower("family_name_key"), "given_name_key", "pk")
            .values_list(*RANK)[:limit]
        )
    return sorted(found)[:limit]


def _given_or_preferred(words):
    """The conditions for each way of reading every word as the start of the given or the preferred
    name. Words read as the same name must start it together, so only the longest counts; a way is
    kept as that pair of longest words, so there are never more than (words + 1) squared."""
    ways = {("", "")}
    for word in words:
        grown = set()
        for given, preferred in ways:
            if (longer := _longer(given, word)) is not None:
                grown.add((longer, preferred))
            if (longer := _longer(preferred, word)) is not None:
                grown.add((given, longer))
        ways = grown
    return [
        [prefix_range(side, word) for side, word in zip(("given_name_key", "preferred_name_key"), way) if word]
        for way in sorted(ways)
    ]


def _longer(held, word):
    """The longer of two words when one starts the other, else None."""
    if held.startswith(word):
        return held
    return word if word.startswith(held) else None


# --- Possible duplicates (rules.duplicate_reason) --------------------------------------------------


class PossibleDuplicate(NamedTuple):
    """An existing record that may be the person being added, as this user may be told of it.

    `person` is None unless the user may open the record now: then the page links to it and shows
    what search shows. Otherwise the user learns only that a record exists (restricted or archived)
    and why it matched, which is what they typed themselves; never its name, team or number, so a
    restricted record's team or worker is not given away. Who to ask follows from `restricted` and
    `archived` (see people/new.html).
    """

    reason: str
    person: Person | None
    restricted: bool
    archived: bool


def nhs_number_holder(nhs_number, *, other_than=None):
    """The id of the record, archived or not, holding this NHS number (digits only), or None."""
    if not nhs_number:
        return None
    holders = Person.all_objects.filter(nhs_number=nhs_number)
    if other_than is not None:
        holders = holders.exclude(pk=other_than)
    return holders.values_list("pk", flat=True).first()


def possible_duplicates(identity: rules.Identity, *, user):
    """Records, archived ones too, that may be this person: the same NHS number, or the same name
    (either way round) and date of birth. Each is an index seek (nhs_number, or the name keys)."""
    candidates = Q(pk__in=[])
    if identity.nhs_number:
        candidates |= Q(nhs_number=identity.nhs_number)
    if identity.date_of_birth and identity.given_key and identity.family_key:
        for given, family in ((identity.given_key, identity.family_key), (identity.family_key, identity.given_key)):
            candidates |= Q(family_name_key=family, given_name_key=given, date_of_birth=identity.date_of_birth)
    found = []
    for person in Person.all_objects.select_related("team").filter(candidates).order_by(*NAME_ORDER):
        existing = rules.Identity(
            person.given_name_key, person.family_name_key, person.date_of_birth, person.nhs_number
        )
        reason = rules.duplicate_reason(identity, existing)
        if reason is None:
            continue
        archived = person.archived_at is not None
        visible = (not archived or access.can_read_history(user)) and access.view_decision(user, person).allowed
        found.append(PossibleDuplicate(reason, person if visible else None, person.restricted, archived))
    # The same NHS number first (it stops the record being added), then the records they may open.
    return sorted(found, key=lambda match: (match.reason != rules.SAME_NHS_NUMBER, match.person is None))


def person_for_page(person_id):
    """The person with their network and strengths, for the API."""
    # Strengths come with their network member in one join rather than a third query.
    return (
        Person.objects.select_related("team", "allocated_worker")
        .prefetch_related("network", Prefetch("assets", queryset=Asset.objects.select_related("network_member")))
        .get(pk=person_id)
    )


# The person's page and every edit page read the person, their network and strengths: explicit SQL.
PERSON_SQL = f"""SELECT {sql.columns(Person, "p")}, {sql.columns(Team, "t")}, {sql.columns(User, "w")}
                 FROM {P} p JOIN {T} t ON t.id = p.team_id LEFT JOIN {W} w ON w.id = p.allocated_worker_id
                 WHERE p.id = %s"""


def person_with_team(person_id, *, archived=False):
    """The person with their team and allocated worker in one read, or None (`CASE_RECORD_LOADER`).
    Archived people only when asked for."""
    rows = sql.fetch(PERSON_SQL, [person_id])
    if not rows:
        return None
    person = sql.instance(Person, rows[0])
    if person.archived_at is not None and not archived:
        return None
    person.team = sql.instance(Team, rows[0], sql.width(Person))
    if person.allocated_worker_id is not None:
        person.allocated_worker = sql.instance(User, rows[0], sql.width(Person) + sql.width(Team))
    return person


NETWORK_SQL = f"""SELECT {sql.columns(NetworkMember, "m")} FROM {sql.table(NetworkMember)} m
                  WHERE m.person_id = %s ORDER BY m.closeness, m.name, m.id"""
STRENGTHS_SQL = f"""SELECT {sql.columns(Asset, "a")}, m.name FROM {sql.table(Asset)} a
                    LEFT JOIN {sql.table(NetworkMember)} m ON m.id = a.network_member_id
                    WHERE a.person_id = %s ORDER BY a.level, a.id"""


def network_of(person_id):
    return [sql.instance(NetworkMember, row) for row in sql.fetch(NETWORK_SQL, [person_id])]


def strengths_of(person_id):
    """The person's strengths, each with `member_name`: who in their network it belongs to, if anyone."""
    strengths = []
    for row in sql.fetch(STRENGTHS_SQL, [person_id]):
        asset = sql.instance(Asset, row)
        asset.member_name = row[-1]
        strengths.append(asset)
    return strengths


def assets_by_level(assets):
    levels = {level: [] for level, _ in Asset.Level.choices}
    for asset in assets:
        levels[asset.level].append(asset)
    return [(level, Asset.Level(level).label, items) for level, items in levels.items()]


def team_overview():
    """For leaders and quality leads: each team's people, how many wait for a worker, how many are
    restricted, and how many reviews are overdue."""
    allocated = Q(people__archived_at__isnull=True)
    return Team.objects.annotate(
        active=Count("people", filter=allocated),
        unallocated=Count("people", filter=allocated & Q(people__allocated_worker__isnull=True)),
        restricted=Count("people", filter=allocated & Q(people__restricted=True)),
        archived=Count("people", filter=Q(people__archived_at__isnull=False)),
        overdue_reviews=Count("people", filter=allocated & Q(people__review_due_on__lt=timezone.localdate())),
    ).order_by("name")


# --- Overdue reviews --------------------------------------------------------------------------------

OVERDUE_PAGE_SIZE = 50
# Explicit SQL in the order of people_review_due_idx (team, review_due_on, id; partial on the live
# people with a date), so both databases read the page and the count straight off the index.
OVERDUE_SQL = f"""SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.postcode,
                         p.restricted, p.updated_at, w.first_name, w.last_name, w.username, p.review_due_on
                  FROM {P} p LEFT JOIN {W} w ON w.id = p.allocated_worker_id
                  WHERE p.team_id = %s AND p.archived_at IS NULL AND p.review_due_on IS NOT NULL
                        AND p.review_due_on < %s
                  ORDER BY p.review_due_on, p.id LIMIT %s OFFSET %s"""
OVERDUE_COUNT_SQL = f"""SELECT COUNT(*) FROM {P} WHERE team_id = %s AND archived_at IS NULL
                        AND review_due_on IS NOT NULL AND review_due_on < %s"""


class OverdueReviews:
    """A team's people whose review is overdue (due before today), the oldest due first, as
    Django's paginator reads it; each row as the caseload's."""

    def __init__(self, team_id, today=None):
        self._team_id = team_id
        self._today = today or timezone.localdate()

    def count(self):
        return sql.fetch(OVERDUE_COUNT_SQL, [self._team_id, self._today])[0][0]

    def __getitem__(self, window):
        rows = sql.fetch(OVERDUE_SQL, [self._team_id, self._today, window.stop - window.start, window.start])
        here = timezone.get_current_timezone()
        return [
            CaseloadRow.from_columns(*row[:7], sql.aware(row[7]), *row[8:11], row[11], here=here, today=self._today)
            for row in rows
        ]


def overdue_count(team_id):
    return OverdueReviews(team_id).count()


def archived_people(user):
    """Archived records this user oversees: a supervisor's own team, everyone's for other oversight roles."""
    people = Person.all_objects.filter(archived_at__isnull=False).select_related("team")
    if user.role == Role.SUPERVISOR:
        people = people.filter(team_id=user.team_id)
    return people.order_by("-archived_at", "pk")


def strength_words(person_id):
    """(level, words) of each strength recorded for the person, to catch one typed again."""
    return list(Asset.objects.filter(person_id=person_id).values_list("level", "description"))
