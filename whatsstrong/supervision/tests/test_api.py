"""The supervision API: the same services and rules as the pages, wellbeing only for the two parties."""

from whatsstrong.supervision.models import SupervisionAction


def send(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def errors(response):
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_sessions_discussions_and_actions_over_json(client_for, staff, peggy):
    client = client_for("carol")
    made = send(
        client,
        "post",
        "/api/supervision/sessions",
        {"supervisee_id": staff["alice"].pk, "held_on": "2026-03-02", "agenda": "Peggy", "wellbeing": "Well rested"},
    )
    assert made.status_code == 201, made.content
    sid = made.json()["id"]
    assert made.json()["wellbeing"] == "Well rested"
    d = send(client, "post", f"/api/supervision/sessions/{sid}/discussions", {"person_id": peggy.pk, "model": "kcvets"})
    assert d.status_code == 201, d.content
    wrote = send(
        client,
        "put",
        f"/api/supervision/sessions/{sid}/discussions/{d.json()['id']}",
        {"version": 1, "reflections": {"values": "Peggy's wish to go home comes first."}},
    )
    assert wrote.json()["reflections"] == {"values": "Peggy's wish to go home comes first."}
    a = send(client, "post", f"/api/supervision/sessions/{sid}/actions", {"what": "Visit", "person_id": peggy.pk})
    assert a.status_code == 201 and a.json()["owner"]["id"] == staff["alice"].pk
    alice = client_for("alice")
    assert [x["id"] for x in alice.get("/api/supervision/actions").json()] == [a.json()["id"]]
    done = send(alice, "post", f"/api/supervision/actions/{a.json()['id']}/done", {"done": True})
    assert done.status_code == 200 and done.json()["done_at"]
    assert SupervisionAction.objects.get().done_by_id == staff["alice"].pk
    quinn = client_for("quinn")
    assert quinn.get(f"/api/supervision/sessions/{sid}").json()["wellbeing"] is None
    about = quinn.get(f"/api/supervision/people/{peggy.pk}/discussions").json()
    assert [x["model"] for x in about] == ["kcvets"] and "wellbeing" not in about[0]
    assert client_for("bob").get(f"/api/supervision/sessions/{sid}").status_code == 404


def test_bad_input_is_answered_with_the_field_named(client_for, staff, session):
    client = client_for("carol")
    assert "agenda" in errors(
        send(
            client,
            "post",
            "/api/supervision/sessions",
            {"supervisee_id": staff["alice"].pk, "held_on": "2026-03-02", "agenda": " "},
        )
    )
    assert "model" in str(
        send(
            client, "post", f"/api/supervision/sessions/{session.pk}/discussions", {"person_id": 1, "model": "x"}
        ).json()
    )
    assert "what" in errors(send(client, "post", f"/api/supervision/sessions/{session.pk}/actions", {"what": ""}))
    assert client.get("/api/supervision/sessions/99999999999999999999").status_code in (404, 422)


def test_peer_groups_and_their_agreement_over_json(client_for, staff):
    carol = client_for("carol")
    made = send(
        carol,
        "post",
        "/api/supervision/groups",
        {
            "name": "North peers",
            "member_ids": [staff["alice"].pk, staff["carol"].pk],
            "frequency": "Monthly",
            "duration": "An hour",
            "agreed_on": "2026-03-01",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["agreement"]["frequency"] == "Monthly"
    assert "member_ids" in errors(
        send(
            carol, "post", "/api/supervision/groups", {"name": "x", "member_ids": [], "frequency": "a", "duration": "b"}
        )
    )
    gid = made.json()["id"]
    assert [g["id"] for g in client_for("alice").get("/api/supervision/groups").json()] == [gid]
    assert client_for("bob").get(f"/api/supervision/groups/{gid}").status_code == 404
