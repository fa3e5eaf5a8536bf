"""Name search: prefix matches as before, and small typos forgiven (spelling.py, name_index.py, search.py)."""

import itertools

import pytest

from whatsstrong.people import spelling
from whatsstrong.people.name_index import NameVariant, PersonNamePair, PersonNameToken
from whatsstrong.people.search import find_people
from whatsstrong.people.services import person_archive, person_update

# --- the pure spelling rules ---------------------------------------------------------------------

DISTANCES = [
    ("okafor", "okafor", 0),
    ("okafro", "okafor", 1),  # neighbouring letters swapped
    ("mohamed", "mohammed", 1),  # a letter left out
    ("mohammmed", "mohammed", 1),  # a letter added
    ("siobahn", "siobhan", 1),
    ("smyth", "smith", 1),  # a letter changed
    ("kowalcyzk", "kowalczyk", 1),
    ("fitsgeralt", "fitzgerald", 2),
    ("okfaro", "okafor", 2),  # two swaps
    ("", "abc", 3),
    ("abc", "", 3),
    ("ca", "abc", 3),  # optimal string alignment: a swapped pair is not edited again
    ("jones", "smith", 5),
]


@pytest.mark.parametrize(("a", "b", "expected"), DISTANCES)
def test_edit_distance(a, b, expected):
    assert spelling.edit_distance(a, b) == expected
    assert spelling.edit_distance(b, a) == expected


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("okafor", "okafro", 1, 1),
        ("okafor", "okfaro", 1, 2),  # beyond the limit comes back as limit + 1
        ("margaret", "mo", 1, 2),
        ("jones", "smith", 2, 3),
    ],
)
def test_edit_distance_stops_at_the_limit(a, b, limit, expected):
    assert spelling.edit_distance(a, b, limit=limit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O'Brien-Smith", ["obrien", "smith"]),
        ("  Mary  Ann ", ["mary", "ann"]),
        ("Zoë", ["zoe"]),
        ("Ní Bhriain", ["ni", "bhriain"]),
        ("Ann ann", ["ann"]),
        ("", []),
    ],
)
def test_tokens(text, expected):
    assert spelling.tokens(text) == expected


@pytest.mark.parametrize(
    ("word", "allowed"), [("al", 0), ("ali", 1), ("mohamed", 1), ("mohammed", 2), ("chukwuemeka", 2)]
)
def test_typos_allowed_grow_with_the_word(word, allowed):
    assert spelling.typos_allowed(word) == allowed


def test_deletions():
    assert spelling.deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert spelling.deletions("ab", 2) == {"ab", "a", "b"}


def test_every_near_spelling_shares_a_key_with_the_token():
    """The guarantee the deletion index rests on, checked over every edit of a few names."""
    letters = "aehmnorst"
    for token in ["okafor", "siobhan", "mohammed", "li", "fitzgerald"]:
        for word in _one_and_two_edits(token, letters):
            distance = spelling.edit_distance(word, token)
            if 0 < distance <= spelling.typos_allowed(word):
                assert spelling.query_keys(word) & spelling.index_keys(token), (word, token)


def _one_and_two_edits(token, letters):
    ones = set()
    for i in range(len(token) + 1):
        ones.update(token[:i] + c + token[i:] for c in letters)
        if i < len(token):
            ones.add(token[:i] + token[i + 1 :])
            ones.update(token[:i] + c + token[i + 1 :] for c in letters)
        if i < len(token) - 1:
            ones.add(token[:i] + token[i + 1] + token[i] + token[i + 2 :])
    twos = set(itertools.islice((w[:i] + w[i + 1 :] for w in ones for i in range(len(w))), 4000))
    return ones | twos


# --- search over the database --------------------------------------------------------------------


def names(people):
    return [p.formal_name for p in people]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "given", "family"),
    [
        ("Okafro", "Margaret", "Okafor"),
        ("Mohamed", "Mohammed", "Rahman"),
        ("Siobahn", "Siobhan", "Walsh"),
        ("smyth", "Anne", "Smith"),
        ("kowalcyzk", "Piotr", "Kowalczyk"),
        ("Fitsgeralt", "Niamh", "Fitzgerald"),  # two typos in a long name
        ("obrien", "Sean", "O'Brien"),  # no apostrophe typed
        ("jones", "Cerys", "Lloyd-Jones"),  # the second half of a double-barrelled name
        ("Margret Okafro", "Margaret", "Okafor"),  # a typo in each word
        ("okafor marg", "Margaret", "Okafor"),  # any order, prefix and exact together
    ],
)
def test_a_small_typo_still_finds_the_person(make_person, typed, given, family):
    make_person(given_name=given, family_name=family, preferred_name="")
    make_person(given_name="Zachary", family_name="Quinton", preferred_name="")
    assert names(find_people(typed)) == [f"{given} {family}"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Okfaro", "Zokafrorr", "Xyz", "Margaret Quinton"])
def test_too_many_typos_or_a_word_that_matches_nothing_finds_no_one(make_person, typed):
    make_person(given_name="Margaret", family_name="Okafor", preferred_name="")
    assert find_people(typed) == []


@pytest.mark.django_db
def test_prefix_and_exact_matches_come_before_typos_then_nearest_first(make_person):
    make_person(given_name="Ann", family_name="Smyth", preferred_name="")  # one typo from "smith"
    make_person(given_name="Bea", family_name="Smithson", preferred_name="")  # prefix
    make_person(given_name="Cal", family_name="Smith", preferred_name="")  # exact
    make_person(given_name="Dee", family_name="Simth", preferred_name="")  # one swap
    # Prefix matches by name, then one-typo matches by name.
    assert names(find_people("smith")) == ["Cal Smith", "Bea Smithson", "Dee Simth", "Ann Smyth"]
    make_person(given_name="Eve", family_name="Fitzgerald", preferred_name="")
    make_person(given_name="Fay", family_name="Fitzgerrald", preferred_name="")
    make_person(given_name="Gil", family_name="Fitzgearld", preferred_name="")
    make_person(given_name="Hal", family_name="Fiztgerrald", preferred_name="")  # three edits away
    # Nearest spelling first, whatever the alphabet says.
    assert names(find_people("Fitzgerlad")) == ["Eve Fitzgerald", "Gil Fitzgearld", "Fay Fitzgerrald"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["james", "jmaes"])
def test_family_name_matches_come_first(make_person, typed):
    make_person(given_name="James", family_name="Abbott", preferred_name="")
    make_person(given_name="Anne", family_name="James", preferred_name="")
    make_person(given_name="Zara", family_name="Abbott", preferred_name="Jim James")
    assert names(find_people(typed)) == ["Anne James", "James Abbott", "Zara Abbott"]


@pytest.mark.django_db
def test_a_full_page_of_prefix_matches_needs_no_typo_lookup(make_person, django_assert_num_queries):
    for i in range(3):
        make_person(given_name=f"Ann{i}", family_name="Okafor", preferred_name="")
    make_person(given_name="Ben", family_name="Okafro", preferred_name="")
    with django_assert_num_queries(1):
        assert len(find_people("okafor", limit=3)) == 3
    assert names(find_people("okafor", limit=4))[-1] == "Ben Okafro"


@pytest.mark.django_db
def test_a_word_that_starts_no_name_ends_the_prefix_search_at_once(make_person, django_assert_num_queries):
    from whatsstrong.people.queries import search_by_name_prefix

    make_person(given_name="Margaret", family_name="Okafor", preferred_name="")
    with django_assert_num_queries(2):  # "okafor" starts a name; "zqx" starts none
        assert search_by_name_prefix("okafor zqx") == []
    assert names(search_by_name_prefix("okafor marg")) == ["Margaret Okafor"]


@pytest.mark.django_db
def test_the_index_follows_every_save(staff, make_person):
    person = make_person(given_name="Margaret", family_name="Okafor", preferred_name="Peggy")
    assert set(PersonNameToken.objects.filter(person=person).values_list("token", flat=True)) == {
        "margaret",
        "okafor",
        "peggy",
    }
    assert NameVariant.objects.filter(key="okafr", token="okafor").exists()
    person_update(
        actor=staff["alice"],
        person_id=person.pk,
        expected_version=person.version,
        data={"family_name": "Adeyemi-Okafor", "preferred_name": ""},
    )
    assert set(PersonNameToken.objects.filter(person=person).values_list("token", flat=True)) == {
        "margaret",
        "adeyemi",
        "okafor",
    }
    assert names(find_people("Adeyemmi")) == ["Margaret Adeyemi-Okafor"]
    assert find_people("Pegy") == []


@pytest.mark.django_db
def test_archived_people_are_not_found(staff, make_person):
    person = make_person(given_name="Margaret", family_name="Okafor", preferred_name="")
    person_archive(actor=staff["carol"], person_id=person.pk, reason="Moved away")
    assert not PersonNameToken.objects.filter(person=person).exists()
    assert find_people("Okafro") == []
    assert find_people("Okafor") == []


@pytest.mark.django_db
def test_the_search_page_shows_typo_matches(client_for, peggy):
    response = client_for("bob").get("/people/", {"q": "Okafro"})
    assert response.status_code == 200
    assert "Peggy Okafor" in response.content.decode()


@pytest.mark.django_db
def test_rebuild_indexes_people_loaded_without_save(make_person):
    from whatsstrong.people.name_index import rebuild

    make_person(given_name="Siobhan", family_name="Walsh", preferred_name="")
    PersonNameToken.objects.all().delete()
    assert find_people("Siobahn") == []
    rebuild()
    assert names(find_people("Siobahn")) == ["Siobhan Walsh"]


def pairs_of_person(person):
    return set(PersonNamePair.objects.filter(person=person).values_list("token", "other", "family_name_key"))


@pytest.mark.django_db
def test_the_pair_index_follows_every_save(staff, make_person):
    person = make_person(given_name="Margaret", family_name="Okafor", preferred_name="")
    assert pairs_of_person(person) == {("margaret", "okafor", "okafor"), ("okafor", "margaret", "okafor")}
    person_update(
        actor=staff["alice"],
        person_id=person.pk,
        expected_version=person.version,
        data={"family_name": "Adeyemi-Okafor"},
    )
    family = "adeyemi-okafor"
    assert pairs_of_person(person) == {
        (a, b, family) for a in ("margaret", "adeyemi", "okafor") for b in ("margaret", "adeyemi", "okafor") if a != b
    }
    person.refresh_from_db()
    person_update(
        actor=staff["alice"], person_id=person.pk, expected_version=person.version, data={"family_name": "Okafor"}
    )
    assert pairs_of_person(person) == {("margaret", "okafor", "okafor"), ("okafor", "margaret", "okafor")}
    assert names(find_people("Margret Okafro")) == ["Margaret Okafor"]
    person.refresh_from_db()
    person_archive(actor=staff["carol"], person_id=person.pk, reason="Moved away")
    assert pairs_of_person(person) == set()


@pytest.mark.django_db
def test_the_pair_index_is_rebuilt_and_filled_by_its_migration(make_person, monkeypatch):
    import importlib

    from django.apps import apps

    from whatsstrong.people.name_index import rebuild

    people = [
        make_person(given_name="Mary Ann", family_name="Lloyd-Jones", preferred_name="Polly"),
        make_person(given_name="Siobhan", family_name="Walsh", preferred_name=""),
        make_person(given_name="Li", family_name="Li", preferred_name=""),  # one token: no pairs
    ]
    indexed = {p.pk: pairs_of_person(p) for p in people}
    assert len(indexed[people[0].pk]) == 5 * 4 and indexed[people[2].pk] == set()
    PersonNamePair.objects.all().delete()
    rebuild()
    assert {p.pk: pairs_of_person(p) for p in people} == indexed
    migration = importlib.import_module("whatsstrong.people.migrations.0010_name_pairs")
    monkeypatch.setattr(migration, "BATCH", 3)  # a batch ends inside a person's tokens
    PersonNamePair.objects.all().delete()
    migration.fill_pairs(apps, None)
    assert {p.pk: pairs_of_person(p) for p in people} == indexed
