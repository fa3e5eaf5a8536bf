"""Name search against a brute-force reading of its rules, over a crowd of look-alike names.

The search reads indexes in several steps (queries.search_by_name_prefix, search.typo_matches);
this test works out, person by person in Python, who should be found and in what order, and
checks that every query and page size gives exactly that list.
"""

import random
from typing import NamedTuple

import pytest

from whatsstrong.people import queries, rules, spelling
from whatsstrong.people.models import Person
from whatsstrong.people.search import find_people
from whatsstrong.people.services import person_archive

FAMILY = [
    "Taylor",
    "Tayo",
    "Tay",
    "Taylor-Wilson",
    "Williams",
    "Wilson",
    "Wilkins",
    "Smith",
    "Smyth",
    "Smithson",
    "Simth",
    "Lloyd-Jones",
    "Jones",
    "O'Brien",
    "Davidson",
    "John",
]
GIVEN = ["William", "Will", "Wilma", "Taylor", "David", "Davina", "Davide", "John", "Johnny", "Jo", "Mary Ann", "Ann"]
PREFERRED = ["", "", "", "Billy", "Tay", "Will", "Jo", "Smithy"]
# Chinese, Japanese and Korean names are typed with or without a space between family and given name.
UNSPACED = [("王", "小明"), ("王", "小红"), ("欧阳", "娜娜"), ("王小", "明")]

QUERIES = [
    "wil tay",
    "tay wil",
    "ta wi",
    "w t",
    "smith",
    "smi",
    "s",
    "dvaid smith",
    "david smyth",
    "smith dvaid",
    "davd smi",
    "dvaid",
    "smiht",
    "jo",
    "jo john",
    "john jo",
    "johnn smth",
    "will",
    "billy wil",
    "lloyd jones",
    "jones lloyd",
    "llo jon",
    "obrien",
    "o'brien dav",
    "obrein davina",
    "tay taylor",
    "taylor tay",
    "taylro wilsno",
    "wilson taylr",
    "mary ann",
    "ann mary",
    "william taylor smith",
    "wil tay dav",
    "王小",
    "王小明",
    "王 小明",
    "欧阳娜",
    "zzz wil",
    "wil zzz",
]


class Named(NamedTuple):
    pk: int
    family: str
    given: str
    preferred: str

    @property
    def tokens(self):
        return spelling.person_tokens(self.family, self.given, self.preferred)

    def order(self):
        return self.family, self.given, self.pk


def family_starts(person, word):
    if person.family.startswith(word):
        return True
    return any(person.family == f and person.given.startswith(g) for f, g in rules.family_and_given_splits(word))


def any_starts(person, word):
    return family_starts(person, word) or person.given.startswith(word) or person.preferred.startswith(word)


def prefix_matches(people, query):
    """Everyone whose names start with each word: family-name matches first, then the rest."""
    words = list(dict.fromkeys(rules.name_key(query).split()))
    if not words:
        return []
    matching = [p for p in people if all(any_starts(p, w) for w in words)]
    family = [p for p in matching if any(family_starts(p, w) for w in words)]
    rest = [p for p in matching if p not in family]
    return sorted(family, key=Named.order) + sorted(rest, key=Named.order)


def typo_matches(people, query, vocabulary, exclude):
    """Everyone found by spelling, tier by tier (exact token, one typo, two), as search.py describes."""
    words = spelling.tokens(query)
    close = [spelling.close_tokens(w, vocabulary) for w in words]
    if not words or not any(close):
        return []
    found, excluded = [], set(exclude)
    for tier in range(3):
        if not any(d == tier for c in close for d in c.values()):
            continue
        within = [{t for t, d in c.items() if d <= tier} for c in close]

        tier_people = [p for p in people if p.pk not in excluded and typo_match(p, words, within)]
        tier_people.sort(key=lambda p, within=within: (family_miss(p, words, within), *p.order()))
        found += tier_people
        excluded |= {p.pk for p in tier_people}
    return found


def typo_match(person, words, within):
    tokens = person.tokens
    if len(words) > 1 and not tokens & set().union(*within):
        return False
    return all(tokens & near or any(t.startswith(w) for t in tokens) for w, near in zip(words, within))


def family_miss(person, words, within):
    near_family = any(person.family.startswith(w) or person.family in near for w, near in zip(words, within))
    return 0 if near_family else 1


def expected(people, query, vocabulary, limit):
    found = prefix_matches(people, query)[:limit]
    if len(found) < limit:
        found += typo_matches(people, query, vocabulary, {p.pk for p in found})
    return [p.pk for p in found[:limit]]


@pytest.fixture
def crowd(make_person, staff):
    rng = random.Random(7)
    for _ in range(140):
        given = rng.choice(GIVEN)
        make_person(given_name=given, family_name=rng.choice(FAMILY), preferred_name=rng.choice(PREFERRED))
    for family, given in UNSPACED * 2:
        make_person(given_name=given, family_name=family, preferred_name="")
    # Archived people are never found, even by a name only they had.
    for person in Person.objects.order_by("pk")[:8]:
        person_archive(actor=staff["carol"], person_id=person.pk, reason="Moved away")
    make_person(given_name="Wilhelmina", family_name="Tayler", preferred_name="")
    gone = make_person(given_name="Davyd", family_name="Smithe", preferred_name="")
    person_archive(actor=staff["carol"], person_id=gone.pk, reason="Moved away")
    keys = ("pk", "family_name_key", "given_name_key", "preferred_name_key", "archived_at")
    rows = Person.all_objects.values_list(*keys)
    live = [Named(*row[:4]) for row in rows if row[4] is None]
    vocabulary = set().union(*(Named(*row[:4]).tokens for row in rows))
    return live, vocabulary


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 3, 7, 25])
def test_every_query_finds_who_the_rules_say_in_their_order(crowd, limit):
    people, vocabulary = crowd
    differences = {}
    for query in QUERIES:
        want = expected(people, query, vocabulary, limit)
        got = [p.pk for p in find_people(query, limit=limit)]
        if got != want:
            differences[query] = (got, want)
    assert differences == {}


@pytest.mark.django_db
def test_the_crowd_exercises_each_stage(crowd):
    """The queries above reach family matches, given-name matches, and each typo tier."""
    people, vocabulary = crowd
    assert len(prefix_matches(people, "wil tay")) > 7  # more than the smaller pages hold
    assert any(not family_starts(p, "jo") for p in prefix_matches(people, "jo"))
    assert typo_matches(people, "dvaid smith", vocabulary, set())
    assert typo_matches(people, "taylro wilsno", vocabulary, set())
    assert prefix_matches(people, "王小") and prefix_matches(people, "王 小明")


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [3, 25])
def test_family_names_read_a_few_at_a_time_give_the_same_order(crowd, limit, monkeypatch):
    """Family names are read in batches (queries.family_keys); small batches change nothing."""
    monkeypatch.setattr(queries, "FAMILY_KEYS_BATCH", 2)
    people, vocabulary = crowd
    for query in QUERIES:
        assert [p.pk for p in find_people(query, limit=limit)] == expected(people, query, vocabulary, limit), query


@pytest.mark.django_db
def test_family_keys_are_each_family_name_in_the_range_once(crowd):
    assert queries.family_keys("tay") == ["tay", "tayler", "taylor", "taylor-wilson", "tayo"]
    assert queries.family_keys("tay", after="taylor") == ["taylor-wilson", "tayo"]
    assert queries.family_keys("q") == []
