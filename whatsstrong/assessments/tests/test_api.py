"""The assessments API: the same gate, rules and history as the pages."""

import datetime

import pytest

from whatsstrong.assessments import services
from whatsstrong.assessments.models import Conversation

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def errors_by_field(response):
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_the_schema_lists_assessments_and_conversations(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]["/api/people/{person_id}/assessments"]) == {"get", "post"}
    assert set(schema["paths"]["/api/people/{person_id}/assessments/{assessment_id}"]) == {"get"}
    assert set(schema["paths"]["/api/people/{person_id}/assessments/{assessment_id}/conversations"]) == {"get", "post"}
    assert "own_words" in schema["components"]["schemas"]["AssessmentOut"]["properties"]


def test_list_and_read_an_assessment(client_for, peggy, ready):
    client = client_for("bob")  # another team: may read an unrestricted record
    listed = client.get(f"/api/people/{peggy.pk}/assessments").json()
    assert [(a["id"], a["status"]) for a in listed] == [(ready.pk, "draft")]
    body = client.get(f"/api/people/{peggy.pk}/assessments/{ready.pk}").json()
    assert body["kind"] == "strengths_and_wellbeing"
    assert body["conversations"][0]["text"].startswith("Peggy said")
    assert body["own_words"].endswith("in Peggy's own words")
    assert body["analysis"] == "Peggy draws on her garden and her daughter."


def test_an_assessment_of_someone_else_is_not_found(client_for, peggy, make_person, ready):
    other = make_person(given_name="Ola", family_name="Ade")
    assert client_for("alice").get(f"/api/people/{other.pk}/assessments/{ready.pk}").status_code == 404


def test_start_one_and_record_a_conversation(client_for, peggy):
    client = client_for("alice")
    made = post(client, f"/api/people/{peggy.pk}/assessments", {"kind": "carers_wellbeing"})
    assert made.status_code == 201
    aid = made.json()["id"]
    day = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    response = post(
        client,
        f"/api/people/{peggy.pk}/assessments/{aid}/conversations",
        {"happened_on": day, "text": "We talked about Sundays", "interpreter": True, "interpreter_language": "Twi"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["interpreter_language"] == "Twi"
    listed = client.get(f"/api/people/{peggy.pk}/assessments/{aid}/conversations").json()
    assert [c["text"] for c in listed] == ["We talked about Sundays"]
    assert Conversation.objects.get().history.first().history_user.username == "alice"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"happened_on": (datetime.date.today() + datetime.timedelta(days=1)).isoformat(), "text": "x"}, "happened_on"),
        ({"happened_on": "2025-01-01", "text": "   "}, "text"),
        ({"happened_on": "2025-01-01", "text": "x", "advocate": True}, "advocate_name"),
        ({"happened_on": "2025-13-01", "text": "x"}, "happened_on"),
        ({"text": "x"}, "happened_on"),
    ],
)
def test_bad_conversations_are_refused_naming_the_field(client_for, peggy, started, body, field):
    response = post(client_for("alice"), f"/api/people/{peggy.pk}/assessments/{started.pk}/conversations", body)
    assert response.status_code == 422
    assert field in errors_by_field(response)
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("who, status", [("bob", 403), ("dina", 403), ("quinn", 403)])
def test_those_who_cannot_change_the_record_cannot_add(client_for, peggy, started, who, status):
    response = post(
        client_for(who),
        f"/api/people/{peggy.pk}/assessments/{started.pk}/conversations",
        {"happened_on": "2025-01-01", "text": "x"},
    )
    assert response.status_code == status
    assert not Conversation.objects.exists()


def test_a_signed_off_assessment_takes_no_more_conversations(client_for, staff, peggy, ready):
    staff["alice"].qualified = True
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    response = post(
        client_for("alice"),
        f"/api/people/{peggy.pk}/assessments/{ready.pk}/conversations",
        {"happened_on": "2025-01-01", "text": "more"},
    )
    assert response.status_code == 403
    assert Conversation.objects.count() == 1


def test_the_codes_in_the_schema_are_the_models_codes():
    from typing import get_args

    from whatsstrong.assessments.api import KIND, STATUS
    from whatsstrong.assessments.models import Assessment

    assert set(get_args(KIND)) == set(Assessment.Kind.values)
    assert set(get_args(STATUS)) == set(Assessment.Status.values)
