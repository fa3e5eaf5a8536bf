"""The governance API: the retention list and legal holds, with the pages' access rules and clear errors."""

import pytest

from whatsstrong.core.models import AccessEvent


def test_the_retention_list_gives_due_records_and_their_hold(client_for, old_record, held_record, recent_record):
    response = client_for("lee").get("/api/governance/retention")
    assert response.status_code == 200
    rows = {r["person_id"]: r for r in response.json()}
    assert set(rows) == {old_record.pk, held_record.pk}  # due as of today; Frank's is 2032
    assert rows[old_record.pk]["rule"] == "adult_social_care" and rows[old_record.pk]["legal_hold_id"] is None
    assert rows[held_record.pk]["legal_hold_id"] == held_record.hold.pk
    everything = client_for("lee").get("/api/governance/retention?due_only=false").json()
    assert recent_record.pk in {r["person_id"] for r in everything}


@pytest.mark.parametrize("name", ["alice", "carol", "dina"])
def test_the_retention_list_is_refused_to_others(client_for, name):
    assert client_for(name).get("/api/governance/retention").status_code == 403
    assert client_for(name).get("/api/governance/legal-holds").status_code == 403


def test_a_hold_is_set_and_lifted_through_the_api(client_for, old_record):
    response = client_for("quinn").post(
        f"/api/governance/people/{old_record.pk}/legal-holds",
        {"reason": "A claim against the council is open."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    hold = response.json()
    assert hold["set_by"] == "Quinn Test" and hold["lifted_at"] is None
    assert [h["id"] for h in client_for("adam").get("/api/governance/legal-holds").json()] == [hold["id"]]
    response = client_for("adam").post(
        f"/api/governance/legal-holds/{hold['id']}/lift",
        {"reason": "The claim is settled."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["lifted_by"] == "Adam Test"
    assert AccessEvent.objects.filter(object_id=old_record.pk, action__startswith="legal_hold").count() == 2


def test_bad_input_is_answered_clearly(client_for, old_record):
    client = client_for("quinn")
    url = f"/api/governance/people/{old_record.pk}/legal-holds"
    response = client.post(url, {"reason": "short"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason"
    assert "at least 10 characters" in response.json()["errors"][0]["message"]
    assert client.post(url, {}, content_type="application/json").status_code == 422
    assert (
        client.post(
            "/api/governance/people/0/legal-holds", {"reason": "A claim is open now."}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/governance/legal-holds/999/lift", {"reason": "A claim is open now."}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client_for("carol").post(url, {"reason": "A claim is open now."}, content_type="application/json").status_code
        == 403
    )


def test_schema_names_are_prefixed():
    from whatsstrong.api import api

    names = set(api.get_openapi_schema()["components"]["schemas"])
    assert {"GovernanceRetentionOut", "GovernanceLegalHoldOut", "GovernanceHoldIn"} <= names
