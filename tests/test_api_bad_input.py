"""Bad input to the API is answered with a 4xx naming what to fix, never a server error, and every
answer under /api/ is JSON, even when something goes wrong that nobody planned for."""

import logging

import pytest

from whatsstrong.api import api
from whatsstrong.core.api_schemas import NUL_MESSAGE, SURROGATE_MESSAGE
from whatsstrong.core.errors import SERVER_ERROR
from whatsstrong.people import queries
from whatsstrong.people.models import Asset, NetworkMember, Person

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()


def _resolve(schema):
    if "$ref" in schema:
        return SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _takes_text(prop):
    return prop.get("type") == "string" or any(_takes_text(p) for p in prop.get("anyOf", []))


def every_text_field():
    """(method, path, where, field) for every string an operation takes, read from the API's own schema."""
    for path, operations in SCHEMA["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                if param["in"] == "query" and _takes_text(param["schema"]):
                    yield method, path, "query", param["name"]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                body_schema = _resolve(body["schema"])
                where = "list" if body_schema.get("type") == "array" else "body"
                properties = _resolve(body_schema.get("items", body_schema)).get("properties", {})
                for name, prop in properties.items():
                    if _takes_text(prop):
                        yield method, path, where, name


class OneWhereUnknown(dict):
    """Ids for a path: the world's where it has one, else 1. Text in a body or query is checked
    before any record is looked for, so an operation on a record the world lacks still answers 422."""

    def __missing__(self, key):
        return 1


def send(client, method, path, where, field, value, ids):
    url = path.format_map(OneWhereUnknown(ids))
    if where == "query":
        return client.get(url, {field: value})
    body = {field: value}
    return getattr(client, method)(url, [body] if where == "list" else body, content_type="application/json")


@pytest.fixture
def world(client_for, staff, peggy):
    from whatsstrong.assessments.services import assessment_start
    from whatsstrong.people.services import asset_save, network_member_save
    from whatsstrong.risk.services import referral_add

    grace = network_member_save(actor=staff["alice"], person=peggy, data={"name": "Grace", "relationship": "daughter"})
    strength = asset_save(actor=staff["alice"], person=peggy, data={"level": "own", "description": "Bakes"})
    assessment = assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")
    return {
        "person_id": peggy.pk,
        "member_id": grace.pk,
        "asset_id": strength.pk,
        "assessment_id": assessment.pk,
        "key": "hand_over",
        "audit_id": 1,  # the body is checked before any audit is looked for
        **plan_world(staff["alice"], peggy, grace),
        "referral_id": referral_add(
            actor=staff["alice"],
            person=peggy,
            data={"situation": "s", "tried": "t", "their_view": "v", "question": "q"},
        ).pk,
    }


def plan_world(actor, person, member):
    """Ids of a support plan of the person's with one of everything in it, for the plan paths."""
    from whatsstrong.plans import services

    plan = services.plan_start(actor=actor, person=person)
    outcome = services.outcome_add(actor=actor, person=person, plan_id=plan.pk, data={"text": "Garden"})
    part = services.contribution_add(
        actor=actor,
        person=person,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": member.pk, "what": "Dig"},
    )
    conference = services.conference_add(actor=actor, person=person, data={"reason": "Plan together"})
    action = services.family_action_add(
        actor=actor, person=person, conference_id=conference.pk, data={"who": "Aunt May", "what": "Visit"}
    )
    return {
        "plan_id": plan.pk,
        "outcome_id": outcome.pk,
        "contribution_id": part.pk,
        "conference_id": conference.pk,
        "action_id": action.pk,
        "number": 1,
    }


def stored_rows():
    return (
        Person.objects.count(),
        NetworkMember.objects.count(),
        Asset.objects.count(),
        [p.version for p in Person.objects.all()],
    )


def test_the_schema_has_text_fields_to_check():
    fields = list(every_text_field())
    assert ("post", "/api/people", "body", "given_name") in fields
    assert ("patch", "/api/people/{person_id}", "body", "life_story") in fields
    assert ("get", "/api/people", "query", "q") in fields
    assert ("post", "/api/language/check", "list", "text") in fields
    assert ("put", "/api/people/{person_id}/assessments/{assessment_id}/eligibility", "body", "impact") in fields
    review = "/api/people/{person_id}/assessments/{assessment_id}/review"
    assert ("put", f"{review}/look-back/{{key}}", "body", "changed") in fields
    assert ("put", f"{review}/result", "body", "result") in fields
    plan = "/api/people/{person_id}/plans/{plan_id}"
    assert ("patch", plan, "body", "budget") in fields
    assert ("post", f"{plan}/outcomes/{{outcome_id}}/contributions", "body", "what") in fields
    assert ("post", "/api/people/{person_id}/family-conferences", "body", "reason") in fields
    assert len(fields) > 40


@pytest.mark.parametrize("method, path, where, field", list(every_text_field()))
def test_a_null_character_in_any_text_field_is_refused_naming_the_field(client_for, world, method, path, where, field):
    before = stored_rows()
    response = send(client_for("alice"), method, path, where, field, "Mary\x00Ann", world)
    assert response.status_code == 422, response.content
    named = f"0.{field}" if where == "list" else field
    assert {"field": named, "message": NUL_MESSAGE} in response.json()["errors"]
    assert stored_rows() == before


@pytest.mark.parametrize(
    "method, path, where, field",
    [
        ("post", "/api/people", "body", "family_name"),
        ("patch", "/api/people/{person_id}/network/{member_id}", "body", "what_they_bring"),
        ("post", "/api/language/check", "list", "text"),
    ],
)
def test_half_a_surrogate_pair_is_refused_naming_the_field(client_for, world, method, path, where, field):
    before = stored_rows()
    response = send(client_for("alice"), method, path, where, field, "Zo\ud83d", world)
    assert response.status_code == 422, response.content
    named = f"0.{field}" if where == "list" else field
    assert {"field": named, "message": SURROGATE_MESSAGE} in response.json()["errors"]
    assert stored_rows() == before


def test_the_coach_refuses_a_null_character_as_the_save_would(client_for, world):
    # The coach stores nothing, but text it passed must not then be refused on saving.
    client = client_for("alice")
    checked = client.post(
        "/api/language/check", [{"id": "note", "text": "Peggy chose\x00 toast"}], content_type="application/json"
    )
    saved = client.patch(
        f"/api/people/{world['person_id']}",
        {"version": 1, "good_day": "Peggy chose\x00 toast"},
        content_type="application/json",
    )
    assert checked.status_code == saved.status_code == 422
    assert checked.json()["errors"] == [{"field": "0.text", "message": NUL_MESSAGE}]
    assert saved.json()["errors"] == [{"field": "good_day", "message": NUL_MESSAGE}]


def test_text_without_a_null_character_is_kept_as_sent(client_for, world):
    response = client_for("alice").patch(
        f"/api/people/{world['person_id']}",
        {"version": 1, "good_day": "Toast, tea \u2615 and the 00:00 news"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Person.objects.get().good_day == "Toast, tea \u2615 and the 00:00 news"


# --- Answers Django gives itself, outside the API's own handlers ------------------------------


@pytest.fixture
def failing_caseload(monkeypatch):
    """A fault nobody planned for, deep inside a call: reading the caseload fails, for the API and the page."""

    def fail(*args):
        raise RuntimeError("the caseload query failed: secret-internal-detail")

    monkeypatch.setattr(queries, "caseload_for", fail)
    monkeypatch.setattr(queries, "Caseload", fail)


def test_an_unexpected_failure_in_the_api_answers_json_and_is_logged_with_its_traceback(
    client_for, failing_caseload, caplog
):
    client = client_for("alice")
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/people")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": SERVER_ERROR}
    assert "secret-internal-detail" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert logged and logged[0].exc_info and "secret-internal-detail" in str(logged[0].exc_info[1])


def test_an_unexpected_failure_on_a_page_still_shows_the_error_page(client_for, failing_caseload):
    client = client_for("alice")
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")
    assert "secret-internal-detail" not in response.content.decode()


def test_an_api_path_nobody_serves_answers_a_json_404(client_for):
    response = client_for("alice").get("/api/peoples")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "/api/openapi.json" in response.json()["detail"]


def test_a_page_nobody_serves_is_still_the_404_page(client_for):
    response = client_for("alice").get("/peoples/")
    assert response.status_code == 404 and "<h1" in response.content.decode()


def test_a_body_too_large_to_read_answers_a_json_400(client_for):
    response = client_for("alice").post(
        "/api/language/check", [{"text": "a" * 1000}] * 3000, content_type="application/json"
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "at most 2.5 MB" in response.json()["detail"]


def test_a_body_that_is_not_json_answers_a_json_400(client_for, world):
    response = client_for("alice").post("/api/people", "{given_name: Kwame", content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date_of_birth", 0, "Enter a real date, like 1948-03-27"),  # would have been 1 January 1970
        ("interpreter_needed", 0, "Send true or false"),
        ("interpreter_needed", "yes", "Send true or false"),
        ("version", "1", "Enter a whole number"),
        ("version", 1.0, "Enter a whole number"),
        ("version", True, "Enter a whole number"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_changed(client_for, world, field, value, message):
    body = {"version": 1, field: value}
    response = client_for("alice").patch(f"/api/people/{world['person_id']}", body, content_type="application/json")
    assert response.status_code == 422
    assert {"field": field, "message": message} in response.json()["errors"]
    assert Person.objects.get().version == 1


def test_a_query_string_still_takes_numbers_as_text(client_for, world):
    response = client_for("alice").get("/api/people", {"limit": "1", "offset": "0"})
    assert response.status_code == 200 and response.json()["limit"] == 1


def test_a_choice_of_whole_numbers_is_not_true_or_false(client_for, peggy):
    """JSON true is not the closeness 1, though Python counts bool as a kind of int."""
    response = client_for("alice").post(
        f"/api/people/{peggy.pk}/network",
        {"name": "Joy Okafor", "relationship": "daughter", "closeness": True},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "closeness", "message": "Enter a whole number"}]
