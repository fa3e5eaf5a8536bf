"""The audits API: in the OpenAPI schema, the same rules and words as the pages."""

import json

import pytest

from whatsstrong.audits import queries

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None):
    response = getattr(client, method)(
        f"/api/audits{path}", data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    return response.status_code, response.json()


def test_the_schema_lists_standards_audits_moderation_and_the_prescreen(client_for):
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/audits/standards",
        "/api/audits/people/{person_id}/prescreen",
        "/api/audits/assessments/{assessment_id}/prescreen",
        "/api/audits/",
        "/api/audits/{audit_id}",
        "/api/audits/{audit_id}/ratings",
        "/api/audits/{audit_id}/moderation",
        "/api/audits/{audit_id}/response",
    ):
        assert path in paths


def test_standards_and_scale(client_for):
    status, body = call(client_for("alice"), "get", "/standards")
    assert status == 200
    assert [level["code"] for level in body["scale"]] == ["strong", "good", "developing", "not_yet"]
    assert {s["group"] for s in body["standards"]} == {"practice", "reflective"}


def test_the_prescreen_is_for_auditors(client_for, deficit):
    status, body = call(client_for("carol"), "get", f"/assessments/{deficit.assessment.pk}/prescreen")
    assert status == 200 and {i["reading"] for i in body["indicators"]} == {"low"}
    assert "score" not in body
    assert call(client_for("alice"), "get", f"/people/{deficit.person.pk}/prescreen")[0] == 403
    assert call(client_for("carol"), "get", "/assessments/99999999/prescreen")[0] == 404


def test_an_audit_from_start_to_moderation_and_response(client_for, strong):
    carol = client_for("carol")
    status, audit = call(
        carol, "post", "/", {"kind": "record", "person_id": strong.person.pk, "assessment_id": strong.assessment.pk}
    )
    assert status == 201 and audit["practitioner_id"] == strong.assessment.author_id
    ratings = [{"standard": s.code, "rating": "good", "evidence": "Seen"} for s in queries.standards()]
    status, body = call(
        carol,
        "put",
        f"/{audit['id']}/ratings",
        {"version": audit["version"], "ratings": [{**ratings[0], "rating": "superb"}]},
    )
    assert status == 422 and body["errors"][0]["message"] == "Choose a rating from the scale for The person's voice"
    status, audit = call(
        carol,
        "put",
        f"/{audit['id']}/ratings",
        {"version": audit["version"], "ratings": ratings, "strengths": "Her words", "share": True},
    )
    assert status == 200 and audit["shared"]
    lee = client_for("lee")
    status, body = call(
        lee,
        "put",
        f"/{audit['id']}/moderation",
        {"version": audit["version"], "ratings": [{"standard": "skills", "rating": "strong"}]},
    )
    assert status == 422 and body["errors"] == [
        {"field": "moderated_skills", "message": "Say why you changed the rating for Skills"}
    ]
    status, audit = call(
        lee,
        "put",
        f"/{audit['id']}/moderation",
        {
            "version": audit["version"],
            "ratings": [{"standard": "skills", "rating": "strong", "reason": "Fine questions"}],
        },
    )
    assert status == 200 and audit["moderated"]
    assert [r for r in audit["ratings"] if r["moderated"]] == [
        {
            "standard": "skills",
            "rating": "good",
            "evidence": "Seen",
            "moderated": "strong",
            "moderation_reason": "Fine questions",
        }
    ]
    alice = client_for("alice")
    status, audit2 = call(
        alice, "put", f"/{audit['id']}/response", {"version": audit["version"] - 1, "response": "Thanks"}
    )
    assert status == 409
    status, audit = call(alice, "put", f"/{audit['id']}/response", {"version": audit["version"], "response": "Thanks"})
    assert status == 200 and audit["response"] == "Thanks"
    assert call(client_for("bob"), "get", f"/{audit['id']}")[0] == 403


def test_an_observation_without_consent_is_refused_by_field(client_for, strong):
    status, body = call(
        client_for("carol"),
        "post",
        "/",
        {"kind": "observation", "person_id": strong.person.pk, "practitioner_id": strong.assessment.author_id},
    )
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"consent", "observed_on"}
