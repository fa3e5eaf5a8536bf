"""The risk API: the same rules and words as the pages, fields named in every refusal, nothing saved
when refused, and the decision the practitioner's and not the panel's."""

import datetime

import pytest

from whatsstrong.risk.models import PanelReferral, Risk, RiskAssessment

from .conftest import BEST_INTERESTS, LATER, TODAY, a_risk

pytestmark = pytest.mark.django_db


def base(peggy):
    return f"/api/people/{peggy.pk}"


def errors(response):
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_an_assessment_with_its_best_interests_record_is_made_and_read(client_for, peggy):
    client = client_for("alice")
    response = client.post(
        f"{base(peggy)}/risk-assessments",
        {"decision": "Moving to live with her son", **BEST_INTERESTS, "review_on": LATER.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["capacity"] == "lacks" and body["consulted"].startswith("Her son Femi")
    assert (
        client.get(f"{base(peggy)}/risk-assessments/{body['id']}").json()["decision"] == "Moving to live with her son"
    )


def test_lacking_capacity_without_best_interests_is_a_422_naming_each_field(client_for, peggy):
    response = client_for("alice").post(
        f"{base(peggy)}/risk-assessments",
        {"decision": "Moving to live with her son", "capacity": "lacks"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert errors(response)["consulted"] == "Enter who was consulted about their best interests"
    assert set(errors(response)) == set(BEST_INTERESTS) - {"capacity"}
    assert not RiskAssessment.objects.exists()


def test_a_review_date_in_the_past_is_a_422(client_for, peggy):
    response = client_for("alice").post(
        f"{base(peggy)}/risk-assessments",
        {"decision": "Going out alone", "review_on": (TODAY - datetime.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert errors(response) == {"review_on": "The review date must be in the future"}


@pytest.mark.parametrize("value", [0, 4, 7, True, "2"])
def test_a_likelihood_out_of_range_is_a_422(client_for, peggy, assessment, value):
    response = client_for("alice").post(
        f"{base(peggy)}/risk-assessments/{assessment.pk}/risks",
        a_risk(likelihood_theirs=value),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "likelihood_theirs" in errors(response)
    assert Risk.objects.filter(assessment=assessment).count() == 1


def test_a_risk_is_added_and_the_assessment_agreed(client_for, peggy, assessment):
    client = client_for("alice")
    added = client.post(
        f"{base(peggy)}/risk-assessments/{assessment.pk}/risks",
        a_risk(for_whom="others"),
        content_type="application/json",
    )
    assert added.status_code == 201
    changed = client.patch(
        f"{base(peggy)}/risk-assessments/{assessment.pk}",
        {"capacity": "has", "version": assessment.version},
        content_type="application/json",
    ).json()
    agreed = client.put(
        f"{base(peggy)}/risk-assessments/{assessment.pk}/agreement",
        {"agreed_by": "Peggy, her son Femi", "review_on": LATER.isoformat(), "version": changed["version"]},
        content_type="application/json",
    )
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["status"] == "agreed" and len(agreed.json()["risks"]) == 2


def test_a_stale_version_is_a_409(client_for, peggy, assessment):
    client = client_for("alice")
    url = f"{base(peggy)}/risk-assessments/{assessment.pk}"
    client.patch(url, {"their_view": "a", "version": 1}, content_type="application/json")
    response = client.patch(url, {"their_view": "b", "version": 1}, content_type="application/json")
    assert response.status_code == 409 and response.json()["current_version"] == 2


def test_someone_outside_the_team_cannot_refer(client_for, peggy):
    response = client_for("bob").post(
        f"{base(peggy)}/panel-referrals",
        {"situation": "s", "tried": "t", "their_view": "v", "question": "q"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_referral_is_made_and_the_decision_recorded_after_the_panel(client_for, staff, peggy, heard):
    client = client_for("alice")
    listed = client.get(f"{base(peggy)}/panel-referrals").json()
    assert [r["status"] for r in listed] == ["heard"]
    assert listed[0]["advice"] == "Try it for a month." and listed[0]["panel_on"] == TODAY.isoformat()
    response = client.put(
        f"{base(peggy)}/panel-referrals/{heard.pk}/decision",
        {"decision": "A trial month", "reasons": "She wants it.", "manager_id": staff["carol"].pk, "version": 3},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["decided_by"]["name"] == "Alice Test"
    assert response.json()["manager"]["name"] == "Carol Test"


def test_the_panels_coordinator_cannot_record_the_decision(client_for, staff, peggy, heard):
    response = client_for("quinn").put(
        f"{base(peggy)}/panel-referrals/{heard.pk}/decision",
        {"decision": "Go", "reasons": "r", "manager_id": staff["carol"].pk, "version": 3},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert PanelReferral.objects.get(pk=heard.pk).decision == ""


def test_a_decision_before_the_panel_is_a_422(client_for, staff, peggy, referral):
    response = client_for("alice").put(
        f"{base(peggy)}/panel-referrals/{referral.pk}/decision",
        {"decision": "Go", "reasons": "r", "manager_id": staff["carol"].pk, "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "after the panel has heard" in errors(response)["decision"]


def test_a_referral_naming_someone_elses_assessment_is_a_422(client_for, staff, peggy, make_person):
    from whatsstrong.risk.services import assessment_start

    ravi = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    theirs = assessment_start(actor=staff["alice"], person=ravi, data={"decision": "Going out alone"})
    response = client_for("alice").post(
        f"{base(peggy)}/panel-referrals",
        {"situation": "s", "tried": "t", "their_view": "v", "question": "q", "assessment_id": theirs.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert errors(response) == {"assessment_id": "Choose one of this person's positive risk assessments"}


def test_the_schema_lists_risk_assessments_and_panel_referrals(client_for):
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    assert "/api/people/{person_id}/risk-assessments" in paths
    assert "/api/people/{person_id}/panel-referrals/{referral_id}/decision" in paths
