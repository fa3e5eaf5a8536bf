"""The surveys API: definitions for staff, results as counts only with small groups hidden, in
the OpenAPI schema."""

import pytest
from django.urls import reverse

from whatsstrong.surveys import definitions, services
from whatsstrong.surveys.models import Invitation


def test_definitions_are_listed_with_easy_read_and_themes(client_for):
    body = client_for("alice").get("/api/surveys/").json()
    client = next(s for s in body if s["code"] == "client")
    assert len(client["statements"]) == 7
    assert client["statements"][0]["easy"] and client["statements"][0]["theme"] == "dignity"
    assert client["choices"][-1] == {
        "code": "prefer_not",
        "label": "Prefer not to say",
        "easy": "I do not want to say",
        "agrees": False,
    }
    assert client_for("alice").get("/api/surveys/nope").status_code == 404


def test_results_are_counts_with_small_groups_hidden_and_no_free_text(client_for, staff, teams):
    statements = [s.code for s in definitions.survey("carer").statements]
    for team, n in (("north", 8), ("south", 2)):
        for _ in range(n):
            services.response_enter(
                actor=staff["quinn"],
                survey_code="carer",
                team=teams[team],
                channel="paper",
                answers=dict.fromkeys(statements, "agree"),
                more="Private words",
            )
    response = client_for("carol").get("/api/surveys/carer/results")
    assert response.status_code == 200
    body = response.json()
    assert body["responses"] == 10 and "Private words" not in response.content.decode()
    rows = {r["group"]: r for r in body["statements"][0]["rows"]}
    assert rows["South Locality"]["hidden"] and rows["South Locality"]["counts"]["agree"] is None
    assert rows["All teams"]["counts"]["agree"] == 10


@pytest.mark.parametrize("who", ["alice", "dina"])
def test_results_are_refused_to_roles_without_oversight(client_for, who):
    assert client_for(who).get("/api/surveys/client/results").status_code == 403


def test_the_surveys_are_in_the_openapi_schema(client_for):
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    assert {"/api/surveys/", "/api/surveys/{code}", "/api/surveys/{code}/results"} <= set(paths)


def _enter(staff, teams, team, n, survey="client", answer="agree"):
    statements = [s.code for s in definitions.survey(survey).statements]
    for _ in range(n):
        services.response_enter(
            actor=staff["quinn"],
            survey_code=survey,
            team=teams[team],
            channel="phone",
            answers=dict.fromkeys(statements, answer),
            more="Call Jo on 07700 900123",
        )


def test_a_persons_invitations_name_what_led_to_them_never_the_answers(client_for, staff, peggy, make_person):
    services.invitation_create(actor=staff["alice"], person=peggy, survey_code="client")
    body = client_for("alice").get(f"/api/surveys/people/{peggy.pk}/invitations").json()
    assert [(i["survey"], i["source"], i["used"], i["letter_waiting"]) for i in body] == [
        ("client", "by_hand", False, False)
    ]
    assert body[0]["survey_title"] == "Your experience of care and support"
    assert client_for("dina").get(f"/api/surveys/people/{peggy.pk}/invitations").status_code == 403
    assert client_for("alice").get("/api/surveys/people/0/invitations").status_code == 404
    assert client_for("alice").get("/api/surveys/people/99999999999999999999/invitations").status_code in (404, 422)


def test_trends_and_response_rates_are_aggregates_with_small_groups_hidden(client_for, staff, teams):
    _enter(staff, teams, "north", 6)
    _enter(staff, teams, "south", 2)
    client = client_for("carol")
    response = client.get("/api/surveys/client/trends?by=quarter")
    body = response.json()
    assert body["by"] == "quarter" and body["weighted"] is False and len(body["periods"]) == 1
    series = {s["group"]: s for s in body["statements"][0]["series"]}
    assert series["South Locality"]["shares_agreeing"] == [None] and series["North Locality"]["answered"] == [None]
    assert series["All teams"]["answered"] == [8] and "07700" not in response.content.decode()
    assert client.get("/api/surveys/client/trends?by=week").status_code == 422
    assert client.get("/api/surveys/client/response-rates").status_code == 200
    assert client_for("alice").get("/api/surveys/client/trends").status_code == 403
    assert client.get("/api/surveys/nope/response-rates").status_code == 404


def test_supervision_results_over_the_api_are_empty_below_five_and_for_managers_only(client_for, staff, teams):
    _enter(staff, teams, "north", 4, survey="supervision")
    body = client_for("carol").get("/api/surveys/supervision/results").json()
    assert body["responses"] is None and body["statements"] == []
    assert client_for("carol").get("/api/surveys/supervision/trends").json()["statements"] == []
    assert client_for("adam").get("/api/surveys/supervision/results").status_code == 403
    _enter(staff, teams, "north", 1, survey="supervision")
    assert client_for("carol").get("/api/surveys/supervision/results").json()["responses"] == 5


def test_a_worker_invites_over_the_api_and_sees_the_code_once_only(client_for, peggy):
    client = client_for("alice")
    response = client.post(
        f"/api/surveys/people/{peggy.pk}/invitations", {"survey": "carer"}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["survey"], body["source"], body["used"], body["letter_waiting"]) == ("carer", "by_hand", False, False)
    # The code on the letter finds this invitation, and is kept only as its keyed hash.
    typed = body["code"].replace(" ", "")
    assert services.invitation_for(typed).pk == body["id"]
    assert Invitation.objects.get(pk=body["id"]).letter_code == ""
    # Never sent again.
    listed = client.get(f"/api/surveys/people/{peggy.pk}/invitations")
    assert [i["id"] for i in listed.json()] == [body["id"]]
    assert "code" not in listed.json()[0] and typed[:4] not in listed.content.decode().replace(body["invited_at"], "")


@pytest.mark.parametrize(("who", "status"), [("carol", 201), ("bob", 403), ("dina", 403), ("quinn", 403)])
def test_inviting_over_the_api_is_for_those_who_may_invite_on_the_page(client_for, peggy, who, status):
    client = client_for(who)
    api = client.post(
        f"/api/surveys/people/{peggy.pk}/invitations", {"survey": "client"}, content_type="application/json"
    )
    page = client.get(reverse("surveys:invite", args=[peggy.pk]))
    assert api.status_code == status
    assert page.status_code == (200 if status == 201 else 403)
    assert Invitation.objects.filter(person=peggy).count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"survey": "supervision"}, "The supervision survey is for staff, not for people who draw on support."),
        ({"survey": "nope"}, "There is no survey called 'nope'. Choose a survey to invite them to"),
        ({}, "survey"),
        ({"survey": "x" * 41}, "Use 40 characters or fewer"),
    ],
)
def test_an_invitation_the_page_would_refuse_is_refused_with_its_reason(client_for, peggy, body, words):
    response = client_for("alice").post(
        f"/api/surveys/people/{peggy.pk}/invitations", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert words in response.content.decode()
    assert response.json()["errors"][0]["field"] == "survey"
    assert not Invitation.objects.filter(person=peggy).exists()


def test_inviting_an_unknown_person_is_not_found(client_for):
    client = client_for("alice")
    for pk in (0, 123456):
        url = f"/api/surveys/people/{pk}/invitations"
        assert client.post(url, {"survey": "client"}, content_type="application/json").status_code == 404


def test_the_invitation_post_is_in_the_openapi_schema(client_for):
    schema = client_for("alice").get("/api/openapi.json").json()
    operation = schema["paths"]["/api/surveys/people/{person_id}/invitations"]["post"]
    assert {"201", "403", "404", "422"} <= set(operation["responses"])
    assert {"SurveyInvitationIn", "SurveyInvitationMadeOut"} <= set(schema["components"]["schemas"])
