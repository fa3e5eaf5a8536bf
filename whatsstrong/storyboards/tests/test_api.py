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


# --- CPD records: the caller's own only ------------------------------------------------------------


def test_cpd_records_are_listed_for_their_owner_only(client_for, staff, published):
    from whatsstrong.storyboards import services

    story = published()
    mine = services.cpd_from_story(actor=staff["bob"], story_id=story.pk)
    theirs = services.cpd_from_story(actor=staff["carol"], story_id=story.pk)
    status, listed = call(client_for("bob"), "get", "/cpd")
    assert status == 200 and [r["id"] for r in listed] == [mine.pk]
    assert listed[0]["storyboard_id"] == story.pk and listed[0]["kind_label"] and listed[0]["version"] == 1
    assert call(client_for("bob"), "get", f"/cpd/{mine.pk}") == (200, listed[0])
    # Another's record is not there at all, for anyone, a quality lead and an administrator too.
    for who in ("bob", "quinn", "adam"):
        status, refused = call(client_for(who), "get", f"/cpd/{theirs.pk}")
        assert status == 404 and refused == {"detail": "Not found."}
    assert call(client_for("quinn"), "get", "/cpd")[1] == []
    for odd in ("0", "99999999", "99999999999999999999"):
        assert call(client_for("bob"), "get", f"/cpd/{odd}")[0] in (404, 422)


def test_cpd_records_need_a_sign_in(client):
    assert client.get("/api/storyboards/cpd").status_code == 401


# --- A reviewer's flags -----------------------------------------------------------------------------

NAMED = "We met Femi Adebayo at the allotment gate; Tom Whitfield came too."


def _flagged(write_story):
    return write_story(what_was_done=NAMED)


def test_a_reviewer_reads_the_flags_and_accepts_one_with_a_reason(client_for, write_story):
    story = _flagged(write_story)
    status, flags = call(client_for("quinn"), "get", f"/{story.pk}/flags")
    assert status == 200 and flags["open"] == 2 and flags["status"] == "submitted"
    colleague = next(f for f in flags["flags"] if f["words"] == "Tom Whitfield")
    assert (colleague["field"], colleague["kind"], colleague["accepted"]) == ("what_was_done", "name", False)

    # The reason is required, in the page's words; nothing is accepted without it.
    status, refused = call(
        client_for("quinn"),
        "post",
        f"/{story.pk}/flags/resolution",
        {"key": colleague["key"], "resolution": "accepted"},
    )
    assert status == 422 and refused["errors"] == [
        {"field": "reason", "message": "Say why these words can stay in the story"}
    ]
    status, after = call(
        client_for("quinn"),
        "post",
        f"/{story.pk}/flags/resolution",
        {"key": colleague["key"], "resolution": "accepted", "reason": "A colleague, who agreed"},
    )
    assert status == 200 and after["open"] == 1
    accepted = next(f for f in after["flags"] if f["accepted"])
    assert (accepted["words"], accepted["reason"], accepted["accepted_by"]) == (
        "Tom Whitfield",
        "A colleague, who agreed",
        "Quinn Test",
    )
    # Accepted once: sending it again is refused as on the page.
    status, again = call(
        client_for("quinn"),
        "post",
        f"/{story.pk}/flags/resolution",
        {"key": colleague["key"], "resolution": "accepted", "reason": "Again"},
    )
    assert status == 422 and again["errors"][0] == {"field": "key", "message": "Choose the words you are accepting"}


def test_a_reviewer_takes_a_detail_out_and_the_story_can_then_be_published(client_for, write_story):
    story = _flagged(write_story)
    client = client_for("quinn")
    flags = call(client, "get", f"/{story.pk}/flags")[1]
    son = next(f for f in flags["flags"] if f["words"] == "Femi Adebayo")
    colleague = next(f for f in flags["flags"] if f["words"] == "Tom Whitfield")
    resolve = f"/{story.pk}/flags/resolution"

    # Words that would be flagged themselves are refused, and the story is left as it was.
    status, refused = call(
        client, "post", resolve, {"key": son["key"], "resolution": "taken_out", "replace_with": "Jo Bloggs"}
    )
    assert status == 422 and refused["errors"][0]["field"] == "replace_with"
    assert Storyboard.objects.get(pk=story.pk).what_was_done == NAMED

    # An old version is a conflict.
    body_out = {"key": son["key"], "resolution": "taken_out", "replace_with": "her son", "version": flags["version"]}
    status, conflict = call(client, "post", resolve, {**body_out, "version": flags["version"] + 5})
    assert status == 409 and conflict["current_version"] == flags["version"]

    status, after = call(client, "post", resolve, body_out)
    assert status == 200 and after["open"] == 1 and after["version"] == flags["version"] + 1
    saved = Storyboard.objects.get(pk=story.pk)
    assert saved.what_was_done == "We met her son at the allotment gate; Tom Whitfield came too."
    assert saved.history.first().history_user.username == "quinn"

    # Without words of their own, the place says what was taken out.
    call(client, "post", resolve, {"key": colleague["key"], "resolution": "taken_out"})
    saved.refresh_from_db()
    assert saved.what_was_done == "We met her son at the allotment gate; [name taken out] came too."
    status, _ = call(client, "post", f"/{story.pk}/decision", {"action": "approve", "review_on": LATER.isoformat()})
    assert status == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 403), ("bob", 404), ("carol", 404), ("lee", 404), ("quinn", 200)],
)
def test_flags_are_for_a_quality_lead_reviewing_someone_elses_story(client_for, write_story, who, status):
    story = _flagged(write_story)
    assert call(client_for(who), "get", f"/{story.pk}/flags")[0] == status
    key = "what_was_done:Femi Adebayo"
    resolved = call(
        client_for(who), "post", f"/{story.pk}/flags/resolution", {"key": key, "resolution": "accepted", "reason": "Ok"}
    )
    assert resolved[0] == status
    if status == 403:
        assert resolved[1]["detail"] == "Stories are reviewed by quality leads, and never by the person who wrote them."
    assert Storyboard.objects.get(pk=story.pk).accepted_flags.exists() == (status == 200)


def test_a_quality_leads_own_story_and_a_draft_are_refused_as_on_the_review_page(client_for, write_story):
    own = write_story(by="quinn", what_was_done=NAMED)
    assert call(client_for("quinn"), "get", f"/{own.pk}/flags")[0] == 403
    assert client_for("quinn").get(f"/storyboards/{own.pk}/review/").status_code == 403
    draft = write_story(submit=False, what_was_done=NAMED)
    status, refused = call(client_for("quinn"), "get", f"/{draft.pk}/flags")
    assert status == 403 and "a draft" in refused["detail"]
    assert client_for("quinn").get(f"/storyboards/{draft.pk}/review/").status_code == 403


def test_on_a_published_story_a_reviewer_may_accept_a_detail_but_not_take_it_out(client_for, published):
    story = published()
    # Published before this name was flagged (a stored story, as before the flags were checked).
    Storyboard.objects.filter(pk=story.pk).update(what_was_done="We met at the gate; Tom Whitfield came too.")
    key = "what_was_done:Tom Whitfield"
    resolve = f"/{story.pk}/flags/resolution"
    status, refused = call(client_for("quinn"), "post", resolve, {"key": key, "resolution": "taken_out"})
    assert status == 403 and refused["detail"].startswith("Only the author can change a draft")
    assert Storyboard.objects.get(pk=story.pk).what_was_done.endswith("Tom Whitfield came too.")
    status, after = call(
        client_for("quinn"), "post", resolve, {"key": key, "resolution": "accepted", "reason": "Staff"}
    )
    assert status == 200 and after["open"] == 0


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"resolution": "accepted", "reason": "x"}, "key"),
        ({"key": "what_was_done:Femi Adebayo", "resolution": "removed"}, "resolution"),
        ({"key": "what_was_done:Femi Adebayo", "resolution": "taken_out", "replace_with": "x" * 61}, "replace_with"),
        ({"key": "what_was_done:Nobody", "resolution": "taken_out"}, "key"),
        ({"key": "what_was_done:Femi Adebayo", "resolution": "taken_out", "version": "one"}, "version"),
    ],
)
def test_bad_resolutions_name_their_field(client_for, write_story, sent, field):
    story = _flagged(write_story)
    status, refused = call(client_for("quinn"), "post", f"/{story.pk}/flags/resolution", sent)
    assert status == 422 and refused["errors"][0]["field"] == field
    assert Storyboard.objects.get(pk=story.pk).what_was_done == NAMED


def test_the_cpd_and_flag_paths_are_in_the_schema(client_for):
    schema = client_for("alice").get("/api/openapi.json").json()
    assert {
        "/api/storyboards/cpd",
        "/api/storyboards/cpd/{record_id}",
        "/api/storyboards/{story_id}/flags",
        "/api/storyboards/{story_id}/flags/resolution",
    } <= set(schema["paths"])
    names = set(schema["components"]["schemas"])
    assert {"StoryboardCpdOut", "StoryboardFlagsOut", "StoryboardFlagOut", "StoryboardFlagResolutionIn"} <= names
