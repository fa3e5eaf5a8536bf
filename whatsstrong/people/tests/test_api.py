"""The people API: the same access rules, checks and history as the web pages."""

import pytest

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent
from whatsstrong.people.models import Asset, NetworkMember, Person

pytestmark = pytest.mark.django_db

GOOD_NHS = "943 476 5919"


def errors_by_field(response):
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


# --- The schema -------------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_people_paths(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "What's Strong API"
    for path in (
        "/api/people",
        "/api/people/{person_id}",
        "/api/people/{person_id}/network",
        "/api/people/{person_id}/network/{member_id}",
        "/api/people/{person_id}/assets",
        "/api/people/{person_id}/assets/{asset_id}",
    ):
        assert path in schema["paths"]
    assert set(schema["paths"]["/api/people/{person_id}"]) == {"get", "patch"}
    assert "preferred_name" in schema["components"]["schemas"]["PersonOut"]["properties"]


# --- Listing and reading ----------------------------------------------------------------------


def test_the_caseload_lists_my_people_with_their_preferred_name(client_for, peggy, make_person):
    make_person(worker="bob", given_name="Someone", family_name="Else", preferred_name="")
    body = client_for("alice").get("/api/people").json()
    assert [p["id"] for p in body["items"]] == [peggy.pk]
    row = body["items"][0]
    assert row["display_name"] == "Peggy Okafor" and row["preferred_name"] == "Peggy"
    assert row["allocated_worker"]["display_name"] == "Alice Test"
    assert body["next_offset"] is None


def test_the_list_is_paged_with_limit_and_offset(client_for, make_person):
    for family in ("Adams", "Brown", "Clarke"):
        make_person(family_name=family)
    client = client_for("alice")
    first = client.get("/api/people?limit=2").json()
    assert [p["family_name"] for p in first["items"]] == ["Adams", "Brown"]
    assert first["next_offset"] == 2
    rest = client.get(f"/api/people?limit=2&offset={first['next_offset']}").json()
    assert [p["family_name"] for p in rest["items"]] == ["Clarke"] and rest["next_offset"] is None


def test_a_bad_limit_names_the_field(client_for):
    response = client_for("alice").get("/api/people?limit=0")
    assert response.status_code == 422
    assert "limit" in errors_by_field(response)


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("offset=9223372036854775808", "offset", "Enter a number of 1,000,000 or less"),  # 2**63
        ("offset=99999999999999999999999999", "offset", "Enter a number of 1,000,000 or less"),
        ("offset=1000001", "offset", "Enter a number of 1,000,000 or less"),
        ("offset=-1", "offset", "Enter a number of 0 or more"),
        ("limit=9223372036854775808", "limit", "Enter a number of 100 or less"),
        ("q=oka&offset=9223372036854775808", "offset", "Enter a number of 1,000,000 or less"),
        ("limit=ten", "limit", "Enter a whole number"),
    ],
)
def test_a_page_out_of_range_is_refused_naming_the_field(client_for, peggy, query, field, message):
    response = client_for("alice").get(f"/api/people?{query}")
    assert response.status_code == 422
    assert errors_by_field(response) == {field: message}


def test_the_last_allowed_offset_gives_an_empty_page(client_for, peggy):
    body = client_for("alice").get("/api/people?offset=1000000").json()
    assert body["items"] == [] and body["next_offset"] is None


def test_search_finds_people_across_teams(client_for, peggy):
    body = client_for("bob").get("/api/people?q=oka peg").json()
    assert [p["id"] for p in body["items"]] == [peggy.pk]
    assert body["items"][0]["postcode"] == "" and "team" in body["items"][0]


def test_a_restricted_person_is_listed_with_their_name_only(client_for, make_person):
    hidden = make_person(
        given_name="Rita", family_name="Okafor", preferred_name="", restricted=True, postcode="CV1 2GN"
    )
    row = client_for("bob").get("/api/people?q=okafor").json()["items"][0]
    assert row == {"id": hidden.pk, "display_name": "Rita Okafor", "restricted": True}
    # Her own worker sees the details.
    own = client_for("alice").get("/api/people?q=okafor").json()["items"][0]
    assert own["postcode"] == "CV1 2GN"


def test_the_allocated_worker_reads_the_record(client_for, peggy):
    response = client_for("alice").get(f"/api/people/{peggy.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "Peggy Okafor" and body["given_name"] == "Margaret"
    assert body["version"] == peggy.version and body["team"]["name"] == "North Locality"
    assert body["advocacy"] == {"needed": False, "prompt": ""}


def test_an_unknown_person_is_not_found(client_for):
    response = client_for("alice").get("/api/people/999999")
    assert response.status_code == 404 and response.json()["detail"]


def test_an_outsider_reads_but_cannot_change(client_for, peggy):
    client = client_for("bob")
    assert client.get(f"/api/people/{peggy.pk}").status_code == 200
    response = patch(client, f"/api/people/{peggy.pk}", {"version": peggy.version, "preferred_name": "Maggie"})
    assert response.status_code == 403
    assert "allocated worker" in response.json()["detail"]
    peggy.refresh_from_db()
    assert peggy.preferred_name == "Peggy" and peggy.version == 1
    assert post(client, f"/api/people/{peggy.pk}/network", {"name": "Ada", "relationship": "friend"}).status_code == 403
    assert not NetworkMember.objects.exists()


def test_a_restricted_record_needs_a_reason_given_in_the_web_app(client_for, staff, make_person):
    person = make_person(restricted=True)
    client = client_for("bob")
    refused = client.get(f"/api/people/{person.pk}")
    assert refused.status_code == 403
    assert "web app" in refused.json()["detail"] and "given_name" not in refused.json()
    assert client.get(f"/api/people/{person.pk}/network").status_code == 403
    assert AccessEvent.objects.filter(user=staff["bob"], action=AccessEvent.Action.REFUSED).count() == 2

    access.grant_restricted_access(user=staff["bob"], record=person, reason="Duty call from her daughter tonight")
    opened = client.get(f"/api/people/{person.pk}")
    assert opened.status_code == 200 and opened.json()["given_name"] == "Margaret"
    assert AccessEvent.objects.filter(user=staff["bob"], action=AccessEvent.Action.VIEW_RESTRICTED).count() == 1


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/people"),
        ("get", "/api/people?q=oka"),
        ("get", "/api/people/{id}"),
        ("get", "/api/people/{id}/network"),
        ("get", "/api/people/{id}/assets"),
        ("get", "/api/people/999999"),
        ("post", "/api/people"),
        ("patch", "/api/people/{id}"),
        ("post", "/api/people/{id}/assets"),
    ],
)
def test_a_directory_editor_gets_nothing_about_people(client_for, peggy, method, url):
    client = client_for("dina")
    url = url.format(id=peggy.pk)
    response = getattr(client, method)(
        url,
        {"version": 1, "given_name": "X", "family_name": "Y", "level": "own", "description": "Z"},
        **({"content_type": "application/json"} if method != "get" else {}),
    )
    assert response.status_code == 403
    assert "Margaret" not in response.content.decode()


# --- Adding a person --------------------------------------------------------------------------


def test_adding_a_person_checks_and_tidies_the_numbers(client_for, staff):
    response = post(
        client_for("alice"),
        "/api/people",
        {
            "given_name": "Joseph",
            "family_name": "Mensah",
            "preferred_name": "Joe",
            "nhs_number": GOOD_NHS,
            "postcode": "cv1 2gn",
            "date_of_birth": "1950-01-02",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_name"] == "Joe Mensah" and body["allocated_worker"]["id"] == staff["alice"].pk
    person = Person.objects.get(pk=body["id"])
    assert person.nhs_number == "9434765919" and person.postcode == "CV1 2GN"
    assert person.team == staff["alice"].team
    assert person.history.get().history_user == staff["alice"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("nhs_number", "943 476 5918", "Check the NHS number: the digits do not add up, so one may be mistyped"),
        ("nhs_number", "12345", "Enter an NHS number with 10 digits, like 943 476 5919"),
        ("postcode", "NOT A CODE", "Enter a real UK postcode, like CV1 2GN"),
        ("given_name", "   ", "Enter their given name"),
        ("date_of_birth", "2999-01-01", "Date of birth must be in the past"),
        ("date_of_birth", "1850-06-01", "Date of birth must be the same as or after 1 January 1900"),
        ("date_of_birth", "0001-01-01", "Date of birth must be the same as or after 1 January 1900"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field_and_nothing_is_created(client_for, field, value, message):
    data = {"given_name": "Joseph", "family_name": "Mensah", field: value}
    response = post(client_for("alice"), "/api/people", data)
    assert response.status_code == 422
    assert errors_by_field(response) == {field: message}
    assert message in response.json()["detail"]
    assert not Person.all_objects.exists()


def test_the_earliest_date_of_birth_is_accepted(client_for):
    response = post(
        client_for("alice"),
        "/api/people",
        {"given_name": "Edith", "family_name": "Mensah", "date_of_birth": "1900-01-01"},
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get().date_of_birth.isoformat() == "1900-01-01"


def test_a_change_to_a_date_of_birth_before_1900_is_refused(client_for, peggy):
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}", {"version": 1, "date_of_birth": "1899-12-31"})
    assert errors_by_field(response) == {"date_of_birth": "Date of birth must be the same as or after 1 January 1900"}
    peggy.refresh_from_db()
    assert peggy.date_of_birth is None and peggy.version == 1


def test_a_missing_required_field_is_named_in_plain_words(client_for):
    response = post(client_for("alice"), "/api/people", {"given_name": "Joseph"})
    assert response.status_code == 422
    assert errors_by_field(response) == {"family_name": "Enter their family name"}
    assert not Person.all_objects.exists()


def test_a_worker_from_another_team_is_refused(client_for, staff):
    response = post(
        client_for("alice"),
        "/api/people",
        {"given_name": "Joseph", "family_name": "Mensah", "allocated_worker_id": staff["bob"].pk},
    )
    assert response.status_code == 422
    assert errors_by_field(response)["allocated_worker_id"].startswith("Bob Test is not in North Locality")
    assert not Person.all_objects.exists()


def test_a_practitioner_cannot_add_people_to_another_team(client_for, teams):
    response = post(
        client_for("alice"),
        "/api/people",
        {"given_name": "Joseph", "family_name": "Mensah", "team_id": teams["south"].pk, "allocated_worker_id": None},
    )
    assert response.status_code == 403
    assert not Person.all_objects.exists()


# --- Changing a person ------------------------------------------------------------------------


def test_a_change_is_saved_with_history_naming_who_made_it(client_for, staff, peggy):
    response = patch(
        client_for("alice"), f"/api/people/{peggy.pk}", {"version": 1, "preferred_name": "Maggie", "postcode": "b1 1bb"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["display_name"] == "Maggie Okafor" and response.json()["version"] == 2
    peggy.refresh_from_db()
    assert (peggy.preferred_name, peggy.postcode, peggy.given_name) == ("Maggie", "B1 1BB", "Margaret")
    latest = peggy.history.order_by("-history_date").first()
    assert latest.history_user == staff["alice"] and latest.preferred_name == "Maggie"


def test_a_stale_version_is_a_conflict_and_changes_nothing(client_for, staff, peggy):
    client = client_for("alice")
    assert patch(client, f"/api/people/{peggy.pk}", {"version": 1, "preferred_name": "Maggie"}).status_code == 200
    stale = patch(client, f"/api/people/{peggy.pk}", {"version": 1, "preferred_name": "Peg", "pronouns": "she/her"})
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == 2 and body["saved_by"] == "Alice Test"
    assert {"field": "preferred_name", "label": "Preferred name", "theirs": "Maggie", "yours": "Peg"} in body["changes"]
    peggy.refresh_from_db()
    assert (peggy.preferred_name, peggy.pronouns, peggy.version) == ("Maggie", "", 2)
    assert peggy.history.count() == 2


def test_a_change_without_a_version_is_refused(client_for, peggy):
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}", {"preferred_name": "Maggie"})
    assert response.status_code == 422 and "version" in errors_by_field(response)
    peggy.refresh_from_db()
    assert peggy.preferred_name == "Peggy"


def test_a_bad_postcode_in_a_change_is_refused(client_for, peggy):
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}", {"version": 1, "postcode": "nowhere"})
    assert response.status_code == 422
    assert errors_by_field(response) == {"postcode": "Enter a real UK postcode, like CV1 2GN"}
    peggy.refresh_from_db()
    assert peggy.postcode == "" and peggy.version == 1


def test_a_name_cannot_be_cleared(client_for, peggy):
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}", {"version": 1, "family_name": None})
    assert errors_by_field(response) == {"family_name": "Enter their family name"}


def test_an_appropriate_person_needs_a_name(client_for, peggy):
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}", {"version": 1, "appropriate_person": "yes"})
    assert response.status_code == 422
    assert errors_by_field(response) == {"appropriate_person_name": "Enter the name of the appropriate person"}


# --- Network and strengths --------------------------------------------------------------------


def test_the_network_is_added_to_read_and_changed(client_for, staff, peggy):
    client = client_for("alice")
    added = post(
        client, f"/api/people/{peggy.pk}/network", {"name": "Ada", "relationship": "daughter", "is_carer": True}
    )
    assert added.status_code == 201, added.content
    member_id = added.json()["id"]
    assert client.get(f"/api/people/{peggy.pk}/network").json()[0]["name"] == "Ada"
    changed = patch(client, f"/api/people/{peggy.pk}/network/{member_id}", {"version": 1, "closeness": 1})
    assert changed.status_code == 200 and changed.json()["closeness"] == 1
    member = NetworkMember.objects.get(pk=member_id)
    assert member.closeness == 1 and member.history.latest().history_user == staff["alice"]
    stale = patch(client, f"/api/people/{peggy.pk}/network/{member_id}", {"version": 1, "name": "Adaeze"})
    assert stale.status_code == 409
    member.refresh_from_db()
    assert member.name == "Ada"


def test_a_network_member_needs_a_relationship(client_for, peggy):
    response = post(client_for("alice"), f"/api/people/{peggy.pk}/network", {"name": "Ada", "kind": "cousin"})
    assert errors_by_field(response) == {
        "relationship": "Enter how they know the person, for example daughter or neighbour",
        "kind": "Choose one of 'family', 'friend', 'neighbour', 'community', 'professional' or 'pet'",
    }
    assert not NetworkMember.objects.exists()


def test_a_member_of_someone_else_is_not_found(client_for, peggy, make_person):
    other = make_person(given_name="Other")
    member = NetworkMember.objects.create(person=other, name="Ada", relationship="friend")
    response = patch(client_for("alice"), f"/api/people/{peggy.pk}/network/{member.pk}", {"version": 1, "name": "X"})
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.name == "Ada"


def test_strengths_are_added_and_changed(client_for, peggy):
    client = client_for("alice")
    ada = NetworkMember.objects.create(person=peggy, name="Ada", relationship="daughter")
    added = post(
        client,
        f"/api/people/{peggy.pk}/assets",
        {"level": "network", "description": "Ada visits every Sunday", "network_member_id": ada.pk},
    )
    assert added.status_code == 201, added.content
    asset_id = added.json()["id"]
    assert client.get(f"/api/people/{peggy.pk}/assets").json()[0]["network_member_id"] == ada.pk
    changed = patch(client, f"/api/people/{peggy.pk}/assets/{asset_id}", {"version": 1, "in_their_words": True})
    assert changed.status_code == 200 and Asset.objects.get(pk=asset_id).in_their_words is True


def test_a_strength_cannot_point_at_someone_elses_network(client_for, peggy, make_person):
    stranger = NetworkMember.objects.create(person=make_person(given_name="Other"), name="Zed", relationship="friend")
    response = post(
        client_for("alice"),
        f"/api/people/{peggy.pk}/assets",
        {"level": "network", "description": "Zed helps", "network_member_id": stranger.pk},
    )
    assert response.status_code == 422
    assert errors_by_field(response) == {"network_member_id": "Choose someone from their network"}
    assert not Asset.objects.exists()


def test_a_strength_needs_a_level_and_a_description(client_for, peggy):
    response = post(client_for("alice"), f"/api/people/{peggy.pk}/assets", {"description": ""})
    assert errors_by_field(response) == {
        "level": "Choose whose strength this is",
        "description": "Describe the strength",
    }
