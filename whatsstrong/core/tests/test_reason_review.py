"""Quality leads review the reasons given to open restricted records: the rule, the service, the pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from whatsstrong.core import access, audit_log
from whatsstrong.core.models import AccessEvent, AccessGrant

from .cases import supervisor_sets


@pytest.fixture
def rita(staff, make_person):
    person = make_person(given_name="Rita", family_name="Ahmed", preferred_name="")
    supervisor_sets(staff, person, restricted=True)
    person.refresh_from_db()
    return person


@pytest.fixture
def bobs_reason(staff, rita):
    return access.grant_restricted_access(user=staff["bob"], record=rita, reason="Covering the duty desk today")


@pytest.mark.parametrize("who", ["alice", "carol", "lee", "adam", "dina"])
def test_only_quality_leads_review_reasons(staff, bobs_reason, who):
    assert access.can_review_reasons(staff["quinn"]) and access.can_review_reason(staff["quinn"], bobs_reason)
    assert not access.can_review_reasons(staff[who])
    with pytest.raises(PermissionDenied):
        access.review_reason(reviewer=staff[who], grant_id=bobs_reason.pk)
    assert AccessGrant.objects.get(pk=bobs_reason.pk).reviewed_at is None


def test_no_one_reviews_their_own_reason_and_a_switched_off_lead_reviews_nothing(staff, rita):
    own = access.grant_restricted_access(user=staff["quinn"], record=rita, reason="Looking into a complaint")
    assert not access.can_review_reason(staff["quinn"], own)
    with pytest.raises(PermissionDenied):
        access.review_reason(reviewer=staff["quinn"], grant_id=own.pk)
    staff["quinn"].is_active = False
    assert not access.can_review_reasons(staff["quinn"])


def test_a_review_records_who_when_and_the_note_and_is_itself_logged(staff, bobs_reason):
    reviewed = access.review_reason(reviewer=staff["quinn"], grant_id=bobs_reason.pk, note="  Rota confirmed  ")
    assert reviewed.reviewed_by == staff["quinn"] and reviewed.reviewed_at is not None
    assert reviewed.review_note == "Rota confirmed"
    logged = AccessEvent.objects.get(action=AccessEvent.Action.REVIEWED_REASON)
    assert logged.user == staff["quinn"] and logged.object_id == bobs_reason.object_id
    assert logged.reason == f"Reason {bobs_reason.pk} reviewed: Rota confirmed"
    assert audit_log.verify().whole


def test_a_reason_is_reviewed_once(staff, bobs_reason):
    access.review_reason(reviewer=staff["quinn"], grant_id=bobs_reason.pk)
    with pytest.raises(access.AlreadyReviewed, match="Quinn Test has already reviewed this reason"):
        access.review_reason(reviewer=staff["quinn"], grant_id=bobs_reason.pk, note="again")
    assert AccessGrant.objects.get(pk=bobs_reason.pk).review_note == ""
    assert AccessEvent.objects.filter(action=AccessEvent.Action.REVIEWED_REASON).count() == 1


def test_the_list_shows_reasons_not_yet_reviewed_first(staff, rita, client_for):
    first = access.grant_restricted_access(user=staff["bob"], record=rita, reason="First reason, reviewed later")
    second = access.grant_restricted_access(user=staff["alice"], record=rita, reason="Second reason, still waiting")
    access.review_reason(reviewer=staff["quinn"], grant_id=first.pk)
    third = access.grant_restricted_access(user=staff["sam"], record=rita, reason="Third reason, still waiting")
    html = client_for("quinn").get(reverse("core:reasons")).content.decode()
    order = [html.index(r.reason) for r in (third, second, first)]
    assert order == sorted(order)
    assert "2 reasons are waiting for review" in html


def test_marking_reviewed_on_the_page(staff, bobs_reason, client_for):
    page = reverse("core:review_reason", args=[bobs_reason.pk])
    client = client_for("quinn")
    assert "Covering the duty desk today" in client.get(page).content.decode()
    response = client.post(page, {"note": "Checked the rota"})
    assert response.status_code == 302 and response["Location"] == reverse("core:reasons")
    grant = AccessGrant.objects.get(pk=bobs_reason.pk)
    assert (grant.reviewed_by, grant.review_note) == (staff["quinn"], "Checked the rota")
    assert "Every reason has been reviewed." in client.get(reverse("core:reasons")).content.decode()


def test_a_note_too_long_is_refused_and_kept(bobs_reason, client_for):
    typed = "Checked. " * 250
    response = client_for("quinn").post(reverse("core:review_reason", args=[bobs_reason.pk]), {"note": typed})
    html = response.content.decode()
    assert response.status_code == 200 and "Keep the note to 2,000 characters or fewer" in html
    assert typed.strip() in html
    assert AccessGrant.objects.get(pk=bobs_reason.pk).reviewed_at is None


@pytest.mark.parametrize("who", ["carol", "lee", "adam"])
def test_other_roles_cannot_open_the_review_pages(bobs_reason, client_for, who):
    client = client_for(who)
    assert client.get(reverse("core:reasons")).status_code == 403
    page = reverse("core:review_reason", args=[bobs_reason.pk])
    assert client.post(page, {"note": ""}).status_code == 403
    assert AccessGrant.objects.get(pk=bobs_reason.pk).reviewed_at is None
