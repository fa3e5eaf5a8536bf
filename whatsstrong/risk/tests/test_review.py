"""Reopening an agreed positive risk assessment for review: a new version with the same words and risks,
the agreed one kept exactly as it was agreed; by those who may change the record, on the page and over
the API alike."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from whatsstrong.risk import services
from whatsstrong.risk.models import Risk, RiskAssessment

from .conftest import LATER

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(staff, peggy, assessment):
    with_capacity = services.assessment_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=assessment.pk,
        data={"capacity": "has"},
        expected_version=assessment.version,
    )
    return services.assessment_agree(
        actor=staff["alice"],
        person=peggy,
        assessment_id=assessment.pk,
        data={"agreed_by": "Peggy and her son", "review_on": LATER},
        expected_version=with_capacity.version,
    )


def test_reviewing_starts_a_new_version_and_leaves_the_agreed_one_as_it_was(staff, peggy, agreed):
    before = agreed.history.count()
    review = services.assessment_reopen(actor=staff["carol"], person=peggy, assessment_id=agreed.pk)
    assert (review.status, review.review_of_id, review.author.username) == ("draft", agreed.pk, "carol")
    assert review.decision == agreed.decision and review.their_view == agreed.their_view and review.review_on is None
    assert [r.what for r in review.risks.all()] == [r.what for r in agreed.risks.all()]
    kept = RiskAssessment.objects.get(pk=agreed.pk)
    assert (kept.status, kept.agreed_by, kept.version) == ("agreed", "Peggy and her son", agreed.version)
    assert kept.history.count() == before
    # The review is changed and agreed like any assessment; the agreed one still cannot be.
    services.assessment_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        data={"keeping_benefits": "Help at night for two months"},
        expected_version=review.version,
    )
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            actor=staff["alice"], person=peggy, assessment_id=agreed.pk, data={"decision": "x"}, expected_version=2
        )
    assert RiskAssessment.objects.get(pk=agreed.pk).keeping_benefits.startswith("Help at night for the first")


def test_only_an_agreed_assessment_and_one_review_at_a_time(staff, peggy, assessment, agreed):
    review = services.assessment_reopen(actor=staff["alice"], person=peggy, assessment_id=agreed.pk)
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(actor=staff["alice"], person=peggy, assessment_id=agreed.pk)
    assert refused.value.messages == [services.BEING_REVIEWED]
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(actor=staff["alice"], person=peggy, assessment_id=review.pk)
    assert refused.value.messages == [services.NOT_AGREED]
    services.assessment_agree(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        data={"agreed_by": "Peggy", "review_on": LATER},
        expected_version=review.version,
    )
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(actor=staff["alice"], person=peggy, assessment_id=agreed.pk)
    assert refused.value.messages == [services.REVIEWED_SINCE]
    assert services.assessment_reopen(actor=staff["alice"], person=peggy, assessment_id=review.pk).review_of == review


@pytest.mark.parametrize("who", ["bob", "dina", "quinn"])
def test_someone_who_may_not_change_the_record_cannot_review(staff, peggy, agreed, who):
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(actor=staff[who], person=peggy, assessment_id=agreed.pk)
    assert RiskAssessment.objects.count() == 1


def test_the_page_offers_the_review_and_starts_it(client_for, peggy, agreed):
    client = client_for("alice")
    page = client.get(agreed.get_absolute_url()).content.decode()
    url = reverse("risk:assessment_review", args=[peggy.pk, agreed.pk])
    assert url in page and "Review this assessment" in page
    assert client.get(url).status_code == 405
    response = client.post(url)
    review = RiskAssessment.objects.get(review_of=agreed)
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    shown = client.get(review.get_absolute_url()).content.decode()
    assert "Review started" in shown and "the assessment agreed before" in shown
    # Once started, the agreed page links to it and offers no second review.
    again = client.get(agreed.get_absolute_url()).content.decode()
    assert review.get_absolute_url() in again and "Review this assessment" not in again
    refused = client.post(url, follow=True).content.decode()
    assert "This assessment is being reviewed already" in refused
    assert RiskAssessment.objects.filter(review_of=agreed).count() == 1


def test_the_page_refuses_someone_who_may_not_change_the_record(client_for, peggy, agreed):
    client = client_for("bob")
    assert "Review this assessment" not in client.get(agreed.get_absolute_url()).content.decode()
    assert client.post(reverse("risk:assessment_review", args=[peggy.pk, agreed.pk])).status_code == 403
    assert not RiskAssessment.objects.filter(review_of=agreed).exists()


def test_the_api_reopens_for_review_as_the_page_does(client_for, peggy, assessment, agreed):
    url = f"/api/people/{peggy.pk}/risk-assessments/{agreed.pk}/review"
    assert client_for("bob").post(url, content_type="application/json").status_code == 403
    response = client_for("alice").post(url, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["review_of_id"], body["review_on"]) == ("draft", agreed.pk, None)
    assert len(body["risks"]) == Risk.objects.filter(assessment=agreed).count() == 1
    again = client_for("alice").post(url, content_type="application/json")
    assert again.status_code == 422 and again.json()["errors"] == [
        {"field": "body", "message": services.BEING_REVIEWED}
    ]
    not_agreed = client_for("alice").post(
        f"/api/people/{peggy.pk}/risk-assessments/{body['id']}/review", content_type="application/json"
    )
    assert not_agreed.status_code == 422 and services.NOT_AGREED in not_agreed.content.decode()
    assert (
        client_for("alice")
        .post(f"/api/people/{peggy.pk}/risk-assessments/999999/review", content_type="application/json")
        .status_code
        == 404
    )
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/people/{person_id}/risk-assessments/{assessment_id}/review"]
