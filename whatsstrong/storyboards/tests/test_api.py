"""The storyboards API: the evidence bank for any member of staff, published stories only for most,
submitting, and the quality lead's decision, with the pages' rules and words."""

import json

import pytest

from whatsstrong.storyboards.models import Storyboard

from .conftest import GOOD, LATER

pytestmark = pytest.mark.django_db


def call(client, method, path, body=None):
    response = getattr(client, method)(
        f"/api/storyboards{path}", data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    return response.status_code, response.json()


def body(**change):
    return {**GOOD, "consent_on": GOOD["consent_on"].isoformat(), "themes": ["positive-risk"], **change}


def test_the_schema_lists_the_paths(client_for):
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    assert {"/api/storyboards/", "/api/storyboards/{story_id}", "/api/storyboards/{story_id}/decision"} <= set(paths)


def test_submit_decide_and_read(client_for):
    status, story = call(client_for("alice"), "post", "/", body())
    assert status == 201 and story["status"] == "submitted" and story["themes"][0]["code"] == "positive-risk"
    # Not published yet: someone else is told it is not there.
    assert call(client_for("bob"), "get", f"/{story['id']}")[0] == 404
    assert call(client_for("bob"), "get", "/")[1]["count"] == 0
    # The author cannot publish it; a quality lead can.
    assert call(client_for("alice"), "post", f"/{story['id']}/decision", {"action": "approve"})[0] == 403
    status, errors = call(client_for("quinn"), "post", f"/{story['id']}/decision", {"action": "approve"})
    assert status == 422 and any(e["field"] == "review_on" for e in errors["errors"])
    status, done = call(
        client_for("quinn"), "post", f"/{story['id']}/decision", {"action": "approve", "review_on": LATER.isoformat()}
    )
    assert status == 200 and done["status"] == "published" and done["review_on"] == LATER.isoformat()
    status, found = call(client_for("bob"), "get", "/?q=allotment&theme=positive-risk")
    assert status == 200 and found["count"] == 1 and found["stories"][0]["id"] == story["id"]
    assert call(client_for("bob"), "get", f"/{story['id']}")[0] == 200


def test_publishing_is_refused_while_a_name_is_flagged(client_for):
    _, story = call(client_for("alice"), "post", "/", body(situation="She asked for Femi Adebayo to come along."))
    assert story["open_flags"] == 0  # the author is not told the count: that is for reviewers
    status, errors = call(
        client_for("quinn"), "post", f"/{story['id']}/decision", {"action": "approve", "review_on": LATER.isoformat()}
    )
    assert status == 422
    assert "1 possible identifying detail not yet resolved" in errors["errors"][0]["message"]
    assert Storyboard.objects.get().status == "submitted"


def test_bad_input_is_named(client_for):
    status, errors = call(client_for("alice"), "post", "/", body(learning="", themes=["made-up"]))
    assert status == 422
    assert {e["field"] for e in errors["errors"]} >= {"learning", "themes"}
    status, errors = call(client_for("alice"), "post", "/", body(consent_on="2026-02-31"))
    assert status == 422
    assert call(client_for("alice"), "get", "/?theme=nonsense")[0] == 422
    assert call(client_for("alice"), "get", "/?limit=0")[0] == 422
    assert call(client_for("quinn"), "post", "/999/decision", {"action": "publish"})[0] == 422
    assert call(client_for("quinn"), "post", "/999/decision", {"action": "approve"})[0] == 404
    assert Storyboard.objects.count() == 0


def test_signed_out_is_refused(client):
    assert client.get("/api/storyboards/").status_code == 401
