"""Who may see and do what with safeguarding records, asked of core/access.py directly, then through
the pages, the API, the person's page, the history page and search. Every view is logged."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent

# persona: (need-to-know, oversight, may raise, may decide, may work on it)
TABLE = {
    "alice": (True, False, True, False, True),  # allocated worker
    "carol": (True, False, True, True, True),  # supervisor of Peggy's team
    "bob": (False, False, False, False, False),  # practitioner in another team
    "sam": (False, False, False, False, False),  # supervisor of another team
    "quinn": (False, True, False, False, False),  # quality lead: with a reason
    "lee": (False, False, False, False, False),  # senior leader
    "adam": (False, False, False, False, False),  # administrator
    "dina": (False, False, False, False, False),  # directory editor
}


@pytest.mark.parametrize("who", sorted(TABLE))
def test_the_table_of_who_may_do_what(who, staff, peggy):
    user = staff[who]
    found = (
        access.safeguarding_need_to_know(user, peggy),
        access.safeguarding_oversight(user),
        access.can_raise_concern(user, peggy),
        access.can_decide_enquiry(user, peggy),
        access.can_work_on_safeguarding(user, peggy),
    )
    assert found == TABLE[who]
    assert access.can_see_source_of_harm(user, peggy) == TABLE[who][0]


def test_a_team_practitioner_who_is_not_allocated_may_raise_but_not_see(staff, make_person):
    from whatsstrong.core.models import Role, User

    other = User.objects.create(username="nia", role=Role.PRACTITIONER, team=staff["alice"].team)
    person = make_person()
    assert access.can_raise_concern(other, person)
    assert not access.safeguarding_need_to_know(other, person)


def test_a_switched_off_account_sees_nothing(staff, peggy):
    alice = staff["alice"]
    alice.is_active = False
    assert not access.safeguarding_need_to_know(alice, peggy)
    assert not access.safeguarding_decision(alice, peggy).allowed


def test_a_quality_lead_needs_a_live_reason_for_each_concern(staff, peggy, concern):
    quinn = staff["quinn"]
    first = access.safeguarding_decision(quinn, peggy, concern)
    assert not first.allowed and first.needs_reason
    access.grant_restricted_access(user=quinn, record=concern, reason="Monthly safeguarding audit sample")
    assert access.safeguarding_decision(quinn, peggy, concern).allowed
    assert not access.safeguarding_decision(quinn, peggy, None).allowed


def _events(concern, action):
    return AccessEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(concern), object_id=concern.pk, action=action
    )


@pytest.mark.parametrize(
    "who,status",
    [("alice", 200), ("carol", 200), ("bob", 403), ("sam", 403), ("lee", 403), ("adam", 403), ("dina", 403)],
)
def test_the_concern_page_opens_only_for_need_to_know_and_every_view_is_logged(
    who, status, client_for, concern, worked
):
    response = client_for(who).get(reverse("safeguarding:concern", args=[concern.person_id, concern.pk]))
    assert response.status_code == status
    html = response.content.decode()
    if status == 200:
        assert "Her pension goes" in html and "Dean Okafor" in html
        assert _events(concern, AccessEvent.Action.VIEW).filter(user__username=who).count() == 1
    else:
        assert "Her pension goes" not in html and "Dean Okafor" not in html


def test_an_outsider_learns_nothing_from_a_concern_number(client_for, concern):
    client = client_for("bob")
    real = client.get(reverse("safeguarding:concern", args=[concern.person_id, concern.pk]))
    made_up = client.get(reverse("safeguarding:concern", args=[concern.person_id, concern.pk + 999]))
    assert real.status_code == made_up.status_code == 403


def test_a_quality_lead_gives_a_reason_then_reads_without_the_source_of_harm(client_for, concern, worked):
    client = client_for("quinn")
    page = reverse("safeguarding:concern", args=[concern.person_id, concern.pk])
    asked = client.get(page)
    assert asked.status_code == 302 and "/reason/" in asked["Location"]
    assert _events(concern, AccessEvent.Action.REFUSED).count() == 1
    short = client.post(reverse("safeguarding:reason", args=[concern.person_id, concern.pk]), {"reason": "audit"})
    assert short.status_code == 400 and "Give a fuller reason" in short.content.decode()
    client.post(
        reverse("safeguarding:reason", args=[concern.person_id, concern.pk]), {"reason": "Quarterly audit sample"}
    )
    assert _events(concern, AccessEvent.Action.BREAK_GLASS).get().reason == "Quarterly audit sample"
    html = client.get(page).content.decode()
    assert "Her pension goes" in html
    assert "Dean Okafor" not in html and "Other - Known to individual" in html
    assert _events(concern, AccessEvent.Action.VIEW).filter(user__username="quinn").count() == 1


def test_the_decision_and_the_enquiry_pages_refuse_those_who_may_not(client_for, concern, enquiry):
    pk, cid = concern.person_id, concern.pk
    assert client_for("alice").get(reverse("safeguarding:decide", args=[pk, cid])).status_code in (302, 403)
    for who in ("bob", "sam", "lee"):
        client = client_for(who)
        for name in ("enquiry", "outcome_add", "source_add", "close", "survey"):
            assert client.get(reverse(f"safeguarding:{name}", args=[pk, cid])).status_code == 403, (who, name)
        assert client.get(reverse("safeguarding:raise", args=[pk])).status_code == 403


# --- The person's page, history and search ---------------------------------------------------------


@pytest.mark.parametrize(
    "who,shown", [("alice", True), ("carol", True), ("bob", False), ("sam", False), ("lee", False)]
)
def test_the_persons_page_shows_concerns_only_to_need_to_know(who, shown, client_for, concern):
    html = client_for(who).get(reverse("people:detail", args=[concern.person_id])).content.decode()
    assert ("Concern raised" in html) is shown
    assert "pension" not in html


def test_the_history_page_keeps_the_safeguarding_trail_to_need_to_know(client_for, worked, concern):
    carol = client_for("carol").get(reverse("people:history", args=[concern.person_id])).content.decode()
    assert "Safeguarding concern (number" in carol and "Dean Okafor" in carol
    for who in ("quinn", "lee", "adam"):
        html = client_for(who).get(reverse("people:history", args=[concern.person_id])).content.decode()
        assert "Safeguarding" not in html and "Source of risk" not in html, who


@pytest.mark.parametrize("who", ["alice", "bob", "quinn", "lee"])
def test_search_reveals_no_safeguarding_content(who, client_for, concern, worked):
    client = client_for(who)
    for query in ("Okafor", "Dean", "Hale"):
        page = client.get(reverse("people:search"), {"q": query}).content.decode()
        api = client.get("/api/people", {"q": query}).content.decode()
        for text in (page, api):
            assert "pension" not in text
            assert "safeguarding" not in text.lower()
            assert "Mrs Hale" not in text and "Known to individual" not in text


# --- The API ----------------------------------------------------------------------------------------


def test_the_api_gives_need_to_know_the_whole_concern_and_logs_it(client_for, concern, worked):
    url = f"/api/people/{concern.person_id}/safeguarding/concerns/{concern.pk}"
    body = client_for("carol").get(url).json()
    assert body["what_happened"].startswith("Her pension")
    assert body["enquiry"]["sources"][0]["name"] == "Dean Okafor"
    assert _events(concern, AccessEvent.Action.VIEW).filter(user__username="carol").exists()


@pytest.mark.parametrize("who", ["bob", "sam", "lee", "adam", "dina"])
def test_the_api_refuses_those_outside_need_to_know(who, client_for, concern, worked):
    client = client_for(who)
    base = f"/api/people/{concern.person_id}/safeguarding"
    enquiry = worked[0]
    for url in (f"{base}/concerns", f"{base}/concerns/{concern.pk}", f"{base}/enquiries/{enquiry.pk}"):
        response = client.get(url)
        assert response.status_code == 403, (who, url)
        assert "Dean" not in response.content.decode() and "pension" not in response.content.decode()


def test_the_api_leaves_the_source_of_harm_out_for_a_quality_lead(client_for, concern, worked):
    client = client_for("quinn")
    url = f"/api/people/{concern.person_id}/safeguarding/concerns/{concern.pk}"
    assert client.get(url).status_code == 403
    assert client.get(f"/api/people/{concern.person_id}/safeguarding/concerns").json() == []
    access.grant_restricted_access(
        user=concern.recorded_by.__class__.objects.get(username="quinn"), record=concern, reason="Audit of enquiries"
    )
    body = client.get(url).json()
    source = body["enquiry"]["sources"][0]
    assert source["kind"] == "known"
    assert source["name"] is None and source["network_member_id"] is None and source["relationship"] is None
    assert "Dean" not in client.get(url).content.decode()
    assert [c["id"] for c in client.get(f"/api/people/{concern.person_id}/safeguarding/concerns").json()] == [
        concern.pk
    ]


def test_the_openapi_schema_lists_concerns_and_enquiries(client_for):
    paths = client_for("alice").get("/api/openapi.json").json()["paths"]
    assert "/api/people/{person_id}/safeguarding/concerns" in paths
    assert "/api/people/{person_id}/safeguarding/concerns/{concern_id}" in paths
    assert "/api/people/{person_id}/safeguarding/enquiries/{enquiry_id}/close" in paths


def test_the_api_close_names_each_missing_answer_and_saves_nothing(client_for, concern, worked):
    enquiry, first, second = worked
    url = f"/api/people/{concern.person_id}/safeguarding/enquiries/{enquiry.pk}/close"
    sent = {
        "version": enquiry.version,
        "action_result": "identified_action",
        "concluded_on": str(enquiry.started_on),
        "achieved": [{"outcome_id": first.pk, "achieved": "fully"}],
    }
    response = client_for("alice").post(url, sent, content_type="application/json")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"risk_outcome", "achieved_2"}
    enquiry.refresh_from_db()
    assert enquiry.concluded_on is None
