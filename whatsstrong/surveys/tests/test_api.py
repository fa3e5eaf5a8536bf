"""The surveys API: definitions for staff, results as counts only with small groups hidden, in
the OpenAPI schema."""

import pytest

from whatsstrong.surveys import definitions, services


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
