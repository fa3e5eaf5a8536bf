"""Finding people by date of birth, NHS number and postcode (search.find_by_keys), on the page and
in the API, and what a practitioner learns of people outside their rights (no more than name
search already shows: a restricted person's name, and nothing about them)."""

import datetime

import pytest

from whatsstrong.core import access
from whatsstrong.people import rules, search
from whatsstrong.people.services import person_archive

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
BORN = datetime.date(1948, 3, 27)
NHS = "9990000018"  # from the never-issued 999 range, with a good check digit
OTHER_NHS = "9990000026"


def find(typed, user):
    terms = rules.read_search(typed, TODAY)
    assert terms.problem is None, terms.problem
    return [p.formal_name for p in search.search(terms, user=user)]


@pytest.fixture
def people(make_person):
    """Four people in North (Alice's), one in South (Bob's)."""
    return {
        "margaret": make_person(
            given_name="Margaret",
            family_name="Okafor",
            preferred_name="",
            date_of_birth=BORN,
            nhs_number=NHS,
            postcode="CV1 2GN",
        ),
        "mary": make_person(
            given_name="Mary", family_name="Adams", preferred_name="", date_of_birth=BORN, postcode="CV1 3AB"
        ),
        "ben": make_person(
            given_name="Ben", family_name="Okafor", date_of_birth=datetime.date(1950, 1, 2), postcode="CV10 1AA"
        ),
        "sione": make_person(
            worker="bob", given_name="Sione", family_name="Tupou", nhs_number=OTHER_NHS, postcode="CV2 4XY"
        ),
    }


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("999 000 0018", ["Margaret Okafor"]),
        ("9990000018", ["Margaret Okafor"]),
        ("999-000-0018", ["Margaret Okafor"]),
        ("999 000 0026", ["Sione Tupou"]),  # another team's person: search is council-wide, as by name
        ("27/3/1948", ["Mary Adams", "Margaret Okafor"]),  # in name order
        ("27 March 1948", ["Mary Adams", "Margaret Okafor"]),
        ("1948-03-27", ["Mary Adams", "Margaret Okafor"]),
        ("okafor 27/3/1948", ["Margaret Okafor"]),  # a name narrows the date
        ("mar 27/3/1948", ["Mary Adams", "Margaret Okafor"]),  # by the start of any name
        ("okafro 27/3/1948", ["Margaret Okafor"]),  # with a typo
        ("smith 27/3/1948", []),
        ("2/1/1950", ["Ben Okafor"]),
        ("1/1/1950", []),
        ("CV1 2GN", ["Margaret Okafor"]),
        ("cv12gn", ["Margaret Okafor"]),
        ("cv1 2gn", ["Margaret Okafor"]),
        ("CV1", ["Mary Adams", "Margaret Okafor"]),  # the outward code: not CV10
        ("cv10", ["Ben Okafor"]),
        ("okafor cv1", ["Margaret Okafor"]),
        ("27/3/1948 CV1 3AB", ["Mary Adams"]),
        ("CV9 9ZZ", []),
    ],
)
def test_people_are_found_by_each_key(staff, people, typed, found):
    assert find(typed, staff["alice"]) == found


def test_a_postcode_stored_untidily_is_still_found(staff, make_person):
    from whatsstrong.people.models import Person

    person = make_person(given_name="Ada", family_name="Lovelace", postcode="CV1 2GN")
    Person.objects.filter(pk=person.pk).update(
        postcode="cv12gn", postcode_key="", postcode_outward=""
    )  # skipped save()
    Person.objects.get(pk=person.pk).save()
    assert find("CV1 2GN", staff["alice"]) == ["Ada Lovelace"]
    assert find("CV1", staff["alice"]) == ["Ada Lovelace"]


def test_a_changed_postcode_moves_the_person_to_its_outward_code(staff, make_person):
    person = make_person(given_name="Ada", family_name="Lovelace", postcode="CV1 2GN")
    person.postcode = "CV10 7AA"
    person.save()
    assert find("CV1", staff["alice"]) == [] and find("CV10", staff["alice"]) == ["Ada Lovelace"]


def test_archived_people_are_not_found_by_any_key(staff, people):
    person_archive(actor=staff["carol"], person_id=people["margaret"].pk, reason="Moved away")
    for typed in ("9990000018", "27/3/1948", "CV1 2GN"):
        assert "Margaret Okafor" not in find(typed, staff["carol"])


@pytest.mark.parametrize(
    ("who", "sees_her"),
    [
        ("alice", True),  # her allocated worker
        ("carol", True),  # the supervisor of her team
        ("bob", False),  # another team: must give a reason first
        ("sam", False),  # another team's supervisor
        ("quinn", False),  # a quality lead
    ],
)
@pytest.mark.parametrize("typed", ["999 000 0018", "27/3/1948", "CV1 2GN", "CV1", "okafor 27/3/1948"])
def test_a_restricted_person_is_found_by_a_key_only_by_those_who_may_open_her(staff, make_person, who, sees_her, typed):
    make_person(
        given_name="Rita",
        family_name="Okafor",
        date_of_birth=BORN,
        nhs_number=NHS,
        postcode="CV1 2GN",
        restricted=True,
    )
    assert (find(typed, staff[who]) == ["Rita Okafor"]) is sees_her
    # By name she is listed for everyone, as before: her name, marked restricted.
    assert find("okafor", staff[who]) == ["Rita Okafor"]


def test_a_reason_given_lets_a_key_search_find_a_restricted_person(staff, make_person):
    rita = make_person(given_name="Rita", family_name="Okafor", date_of_birth=BORN, restricted=True)
    assert find("27/3/1948", staff["bob"]) == []
    access.grant_restricted_access(user=staff["bob"], record=rita, reason="Duty call from her daughter tonight")
    assert find("27/3/1948", staff["bob"]) == ["Rita Okafor"]


def test_restricted_people_do_not_crowd_out_a_page_of_results(staff, make_person):
    for i in range(4):
        make_person(given_name=f"Ann{i}", family_name="Aaron", date_of_birth=BORN, restricted=True)
    make_person(given_name="Zed", family_name="Zola", date_of_birth=BORN)
    terms = rules.read_search("27/3/1948", TODAY)
    # A page of one: the four restricted people come first by name and are read, and dropped, one by one.
    assert [p.formal_name for p in search.search(terms, user=staff["bob"], limit=1)] == ["Zed Zola"]
    assert [p.formal_name for p in search.search(terms, user=staff["bob"], limit=3)] == ["Zed Zola"]


def test_names_with_a_typo_within_a_key_fill_the_page_past_people_who_cannot_be_opened(staff, make_person):
    # None starts "okafor", so all three come from the typo check, in name order (okafar, okafir, okafur).
    make_person(given_name="Ada", family_name="Okafar", date_of_birth=BORN, restricted=True)  # Alice's
    make_person(given_name="Bea", family_name="Okafur", date_of_birth=BORN)
    make_person(given_name="Cai", family_name="Okafir", date_of_birth=BORN)
    make_person(given_name="Dan", family_name="Smith", date_of_birth=BORN)  # not close
    terms = rules.read_search("okafor 27/3/1948", TODAY)
    # Bob may not open Ada's restricted record: the page of two goes on past her.
    assert [p.formal_name for p in search.search(terms, user=staff["bob"], limit=2)] == ["Cai Okafir", "Bea Okafur"]
    assert [p.formal_name for p in search.search(terms, user=staff["alice"], limit=2)] == [
        "Ada Okafar",
        "Cai Okafir",
    ]


# --- The page -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("999 000 0018", "Margaret Okafor"),
        ("27/3/1948", "Mary Adams"),
        ("okafor 27 March 1948", "Margaret Okafor"),
        ("cv1 2gn", "Margaret Okafor"),
        ("CV1", "Mary Adams"),
    ],
)
def test_the_find_page_finds_people_by_each_key(client_for, people, typed, shown):
    body = client_for("alice").get("/people/", {"q": typed}).content.decode()
    assert shown in body and "There is a problem" not in body


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("999 000 0019", "Check the NHS number"),
        ("27/3/48", "Enter the year of birth in full"),
        ("CV1 2", "Enter a full postcode"),
    ],
)
def test_the_find_page_says_what_to_fix_and_keeps_what_was_typed(client_for, people, typed, message):
    response = client_for("alice").get("/people/", {"q": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body and 'href="#id_q"' in body
    assert f'value="{typed}"' in body
    assert "result" not in body.split("</form>")[1]


def test_the_find_page_shows_a_restricted_person_found_by_key_as_name_search_does(client_for, make_person):
    make_person(
        given_name="Rita",
        family_name="Okafor",
        preferred_name="",
        date_of_birth=BORN,
        postcode="CV1 2GN",
        restricted=True,
    )
    body = client_for("alice").get("/people/", {"q": "CV1 2GN"}).content.decode()
    assert "Rita Okafor" in body and "Restricted</strong>" in body and "CV1 2GN</span>" not in body
    body = client_for("bob").get("/people/", {"q": "CV1 2GN"}).content.decode()
    assert "Rita Okafor" not in body and "0 results" in body and "found by name only" in body


# --- The API --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "ids"),
    [("999 000 0018", ["margaret"]), ("27/3/1948", ["mary", "margaret"]), ("cv1", ["mary", "margaret"])],
)
def test_the_api_finds_people_by_each_key(client_for, people, typed, ids):
    body = client_for("alice").get("/api/people", {"q": typed}).json()
    assert [item["id"] for item in body["items"]] == [people[name].pk for name in ids]


def test_the_api_pages_through_people_found_by_a_key(client_for, make_person):
    for given in ("Ann", "Bea", "Cat"):
        make_person(given_name=given, family_name="Okafor", date_of_birth=BORN)
    client = client_for("alice")
    first = client.get("/api/people", {"q": "27/3/1948", "limit": 2}).json()
    second = client.get("/api/people", {"q": "27/3/1948", "limit": 2, "offset": first["next_offset"]}).json()
    assert [i["given_name"] for i in first["items"] + second["items"]] == ["Ann", "Bea", "Cat"]
    assert second["next_offset"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [("999 000 0019", "Check the NHS number"), ("31/2/1948", "Enter a date of birth"), ("CV1 2", "Enter a full")],
)
def test_the_api_refuses_a_search_it_cannot_read_naming_the_field(client_for, people, typed, message):
    response = client_for("alice").get("/api/people", {"q": typed})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "q" and error["message"].startswith(message)


def test_the_api_never_finds_a_restricted_person_by_key_for_someone_who_may_not_open_her(client_for, make_person):
    rita = make_person(given_name="Rita", family_name="Okafor", nhs_number=NHS, restricted=True)
    assert client_for("bob").get("/api/people", {"q": NHS}).json()["items"] == []
    assert [i["id"] for i in client_for("alice").get("/api/people", {"q": NHS}).json()["items"]] == [rita.pk]
