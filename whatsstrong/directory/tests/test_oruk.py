"""The Open Referral UK API: the standard's shapes, paging and filters, and nothing about people."""

import json
import re
import uuid

import pytest

from whatsstrong.directory import services

pytestmark = pytest.mark.django_db
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def get(client, path, **query):
    response = client.get(f"/oruk{path}", query)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response


def walk(value, key=""):
    """Every (key, value) in a JSON document, however deep."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from walk(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)


def test_the_root_says_which_standard_and_where_its_definition_is(client):
    body = get(client, "/").json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"] == "http://testserver/oruk/openapi.json"
    assert body["profile"].startswith("https://")
    spec = client.get("/oruk/openapi.json")
    assert json.loads(b"".join(spec.streaming_content))["info"]["title"] == "Open Referral UK Profile"


def test_services_are_listed_in_pages_as_the_standard_describes(client, directory):
    body = get(client, "/services", per_page=2).json()
    assert {k: v for k, v in body.items() if k != "contents"} == {
        "total_items": 6,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert [s["name"] for s in body["contents"]] == ["Foleshill Community Choir", "Friday Lunch Club"]
    last = get(client, "/services", per_page=2, page=3).json()
    assert last["last_page"] and not last["first_page"] and last["size"] == 2
    beyond = get(client, "/services", per_page=2, page=4).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 6


def test_a_service_in_full(client, directory):
    body = get(client, f"/services/{directory.walk.pk}").json()
    assert body["status"] == "active" and body["minimum_age"] == 50 and body["maximum_age"] == 90
    assert body["organization"]["name"] == "Foleshill Community Centre"
    assert body["schedules"] == [
        {
            "id": str(directory.walk.opening_times.get().pk),
            "service_id": str(directory.walk.pk),
            "freq": "WEEKLY",
            "byday": "WE",
            "opens_at": "14:00:00",
            "closes_at": "15:30:00",
            "description": "Wednesday, 14:00 to 15:30",
        }
    ]
    assert body["cost_options"][0]["amount"] == 1.5 and body["cost_options"][0]["amount_description"] == "for the tea"
    [at] = body["service_at_locations"]
    assert at["location"]["latitude"] == 52.4068 and at["location"]["addresses"][0]["postal_code"] == "CV1 4DS"
    assert [a["taxonomy_term"]["name"] for a in body["attributes"]] == ["Walking groups"]
    assert body["last_modified"].endswith("Z")


def test_ids_are_uuids_and_empty_fields_are_left_out_not_null(client, directory):
    for service in (directory.knit, directory.phone, directory.memory):
        body = get(client, f"/services/{service.pk}").json()
        for key, value in walk(body):
            assert value is not None, f"{key} is null"
            if key == "id" or key.endswith("_id"):
                assert UUID.match(value), f"{key}: {value}"
    phone = get(client, f"/services/{directory.phone.pk}").json()
    assert "description" not in phone and "url" not in phone and phone["service_at_locations"] == []


def test_derived_ids_are_the_same_every_time(client, directory):
    first = get(client, f"/services/{directory.knit.pk}").json()
    again = get(client, f"/services/{directory.knit.pk}").json()
    assert first["languages"] == again["languages"] and [x["name"] for x in first["languages"]] == [
        "English",
        "Punjabi",
    ]


def test_search_and_the_standards_filters(client, directory):
    def names(**query):
        return [s["name"] for s in get(client, "/services", **query).json()["contents"]]

    assert names(search="walkng") == ["Wednesday Walking Group"]
    from .conftest import term

    assert names(taxonomy_term_id=str(term("memory").pk)) == ["Memory Cafe"]
    assert len(names(taxonomy_id=str(term("memory").taxonomy_id))) == 6
    assert names(day="TU") == ["Knit and Natter", "Memory Cafe"]
    assert names(day="tuesday", start_time="13:00", end_time="17:00") == ["Memory Cafe"]
    assert names(minimum_age="50") == ["Wednesday Walking Group"]
    assert names(maximum_age="90") == ["Wednesday Walking Group"]
    assert names(organization_id=str(directory.leamington.pk)) == ["Memory Cafe"]


@pytest.mark.parametrize(
    "query, words",
    [
        ({"page": "first"}, "page must be a whole number"),
        ({"page": "0"}, "page must be from 1"),
        ({"per_page": "100000"}, "per_page must be from 1 to 500"),
        ({"taxonomy_term_id": "walking"}, "taxonomy_term_id must be a UUID"),
        ({"day": "someday"}, "day must be a day"),
        ({"start_time": "ten"}, "start_time must be a time"),
        ({"minimum_age": "inf"}, "minimum_age must be a number from 0"),
    ],
)
def test_a_bad_query_is_a_400_saying_which_value(client, directory, query, words):
    response = get(client, "/services", **query)
    assert response.status_code == 400 and words in response.json()["detail"]


def test_unknown_ids_and_paths_are_json_404s(client, directory):
    assert get(client, f"/services/{uuid.uuid4()}").status_code == 404
    assert get(client, "/services/not-a-uuid").status_code == 404
    assert get(client, "/nothing/here").status_code == 404


def test_it_only_reads(client, directory):
    response = client.post("/oruk/services", {})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    preflight = client.options("/oruk/services")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


def test_no_sign_in_and_no_session(client, directory):
    response = get(client, "/services")
    assert response.status_code == 200 and "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_taxonomies_and_terms(client, directory):
    [taxonomy] = get(client, "/taxonomies").json()["contents"]
    assert taxonomy["name"] == "What's Strong community categories"
    full = get(client, f"/taxonomies/{taxonomy['id']}").json()
    assert len(full["taxonomy_terms"]) == 40
    terms = get(client, "/taxonomy_terms", per_page=500).json()
    assert terms["total_items"] == 40
    walking = next(t for t in terms["contents"] if t["name"] == "Walking groups")
    assert get(client, f"/taxonomy_terms/{walking['id']}").json()["parent_id"] == walking["parent_id"]


def test_services_at_locations(client, directory):
    listed = get(client, "/service_at_locations", search="friday lunch").json()
    assert listed["total_items"] == 2  # the lunch club at two places
    one = get(client, f"/service_at_locations/{listed['contents'][0]['id']}").json()
    assert one["service"]["name"] == "Friday Lunch Club" and one["location"]["addresses"]


def test_nothing_about_any_person_is_ever_published(client, staff, directory, make_person):
    """Everything practitioners record against the directory, crawled through every endpoint."""
    peggy = make_person(postcode="CV6 5AA", nhs_number="9434765919", given_name="Zebedee", family_name="Quarrington")
    made = services.signpost_add(
        actor=staff["alice"], person=peggy, service_id=directory.knit.pk, why="Xylophone lessons"
    )
    services.signpost_update(
        actor=staff["alice"],
        person=peggy,
        signpost_id=made.pk,
        expected_version=1,
        data={"tried": "yes", "helped": "yes", "their_words": "Marvellously wombling"},
    )
    services.gap_record(
        actor=staff["alice"], person=peggy, data={"area": "CV6", "who": "Quokka fanciers", "need": "Nothing like it"}
    )
    services.service_checked(actor=staff["dina"], service_id=directory.knit.pk)
    published = [get(client, "/").content, get(client, "/services", per_page=500).content]
    for kind in ("taxonomies", "taxonomy_terms", "service_at_locations"):
        listed = get(client, f"/{kind}", per_page=500)
        published.append(listed.content)
        for row in listed.json()["contents"][:5]:
            published.append(get(client, f"/{kind}/{row['id']}").content)
    for service in directory.__dict__.values():
        if hasattr(service, "opening_times"):
            published.append(get(client, f"/services/{service.pk}").content)
    text = b"".join(published).decode()
    for secret in ("Zebedee", "Quarrington", "9434765919", "Xylophone", "wombling", "Quokka", "Nothing like it"):
        assert secret not in text
    for member in staff.values():
        assert f'"{member.username}"' not in text and member.get_full_name() not in text
    assert "Knit and Natter" in text  # the crawl did read the service everything was recorded against
