"""The outcomes forum API and the gap counts: the same gate, rules and versions as the pages."""

import datetime

import pytest

from whatsstrong.directory.models import Gap
from whatsstrong.forums.models import Hearing

from .conftest import HELD_ON, term


def send(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def errors(response):
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_forum_is_arranged_and_its_members_recorded(client_for, staff):
    client = client_for("carol")
    made = send(client, "post", "/api/forums", {"held_on": "2026-03-10", "chair_id": staff["carol"].pk})
    assert made.status_code == 201, made.content
    forum_id = made.json()["id"]
    added = send(client, "post", f"/api/forums/{forum_id}/members", {"name": "Omar", "discipline": "brokerage"})
    assert added.json()["members"] == [
        {
            "id": added.json()["members"][0]["id"],
            "name": "Omar",
            "discipline": "brokerage",
            "discipline_label": "Brokerage",
        }
    ]
    assert "discipline" in errors(
        send(client, "post", f"/api/forums/{forum_id}/members", {"name": "X", "discipline": "finance"})
    )
    assert (
        send(
            client_for("alice"), "post", "/api/forums", {"held_on": "2026-03-10", "chair_id": staff["carol"].pk}
        ).status_code
        == 403
    )


def test_a_person_is_heard_the_forum_asks_for_changes_and_a_gap_is_counted(client_for, world):
    peggy, alice, carol = world.peggy, client_for("alice"), None
    base = f"/api/people/{peggy.pk}/hearings"
    listed = alice.get(base).json()
    assert [h["id"] for h in listed] == [world.hearing.pk] and listed[0]["decision"] == ""
    carol = client_for("carol")
    refused = send(
        carol, "put", f"{base}/{world.hearing.pk}/decision", {"version": 1, "decision": "changes", "reasons": "x"}
    )
    assert errors(refused) == {
        "changes": "Say what needs to change in the plan",
        "changes_by": "Enter the date the changes are needed by",
    }
    decided = send(
        carol,
        "put",
        f"{base}/{world.hearing.pk}/decision",
        {
            "version": 1,
            "decision": "changes",
            "reasons": "Try technology first",
            "changes": "A bed sensor",
            "changes_by": "2026-04-07",
        },
    )
    assert decided.status_code == 200 and decided.json()["changes_by"] == "2026-04-07"
    stale = send(
        carol, "put", f"{base}/{world.hearing.pk}/decision", {"version": 1, "decision": "agreed", "reasons": "x"}
    )
    assert stale.status_code == 409
    gap = {
        "category_id": str(term("befriending").pk),
        "area": "CV6",
        "who": "People living alone",
        "need": "Calls",
        "urgency": "now",
    }
    assert "urgency" in errors(send(carol, "post", f"{base}/{world.hearing.pk}/gaps", {**gap, "urgency": "someday"}))
    assert send(carol, "post", f"{base}/{world.hearing.pk}/gaps", gap).status_code == 201
    counts = client_for("quinn").get("/api/gaps/counts").json()
    assert [(c["category"], c["area"], c["count"], c["needed_now"], c["raised_at_a_forum"]) for c in counts] == [
        ("Befriending", "CV6", 1, 1, 1)
    ]
    assert "Peggy" not in str(counts)
    assert client_for("alice").get("/api/gaps/counts").status_code == 403
    assert Gap.objects.get().source == "forum"


def test_someone_outside_the_team_reads_but_does_not_bring_a_person(client_for, world, staff):
    bob = client_for("bob")
    made = send(
        bob,
        "post",
        f"/api/people/{world.peggy.pk}/hearings",
        {"forum_id": world.forum.pk, "plan_id": world.plan.pk, "story": "x"},
    )
    assert made.status_code == 403
    assert Hearing.objects.count() == 1


def test_a_later_hearing_follows_an_earlier_one(client_for, world, staff):
    later = send(
        client_for("carol"),
        "post",
        "/api/forums",
        {"held_on": (HELD_ON + datetime.timedelta(days=28)).isoformat(), "chair_id": staff["carol"].pk},
    ).json()
    made = send(
        client_for("alice"),
        "post",
        f"/api/people/{world.peggy.pk}/hearings",
        {"forum_id": later["id"], "plan_id": world.plan.pk, "story": "Back again", "follows_id": world.hearing.pk},
    )
    assert made.status_code == 201 and made.json()["follows_id"] == world.hearing.pk


@pytest.mark.parametrize("quarter", ["2026-Q5", "Q1"])
def test_a_quarter_not_written_as_year_and_quarter_is_refused(client_for, quarter):
    assert client_for("quinn").get("/api/gaps/counts", {"quarter": quarter}).status_code == 422
