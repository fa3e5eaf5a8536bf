"""Need-to-know access: who may open, change and audit a person's record."""

import re

import pytest
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent


@pytest.fixture
def restricted_peggy(peggy):
    peggy.restricted = True
    peggy.save()
    return peggy


def test_a_practitioner_can_open_another_teams_unrestricted_record_but_not_change_it(client_for, peggy):
    bob = client_for("bob")
    assert bob.get(peggy.get_absolute_url()).status_code == 200
    assert bob.get(reverse("people:edit", args=[peggy.pk, "who-i-am"])).status_code == 403


def test_a_practitioner_cannot_see_another_teams_restricted_record_without_a_reason(client_for, restricted_peggy):
    response = client_for("bob").get(restricted_peggy.get_absolute_url())
    assert response.status_code == 302
    assert reverse("core:give_reason", args=[restricted_peggy.pk]) in response["Location"]
    assert AccessEvent.objects.filter(action="refused", object_id=restricted_peggy.pk).count() == 1


def test_giving_a_reason_opens_the_record_and_is_logged(client_for, staff, restricted_peggy):
    bob = client_for("bob")
    url = reverse("core:give_reason", args=[restricted_peggy.pk])
    response = bob.post(url, {"reason": "Covering the duty desk for North today"})
    assert response.status_code == 302
    page = bob.get(restricted_peggy.get_absolute_url())
    assert page.status_code == 200 and "Peggy Okafor" in page.content.decode()
    assert AccessEvent.objects.filter(user=staff["bob"], action="break_glass", reason__startswith="Covering").exists()
    assert AccessEvent.objects.filter(user=staff["bob"], action="view_restricted").count() == 1


def test_a_reason_that_is_too_short_is_refused_and_kept(client_for, restricted_peggy):
    response = client_for("bob").post(reverse("core:give_reason", args=[restricted_peggy.pk]), {"reason": "need"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give a fuller reason" in body and re.search(r">\s*need</textarea>", body)
    assert not access.has_live_grant(response.wsgi_request.user, restricted_peggy)


@pytest.mark.parametrize("who", ["alice", "carol"])
def test_the_worker_and_the_teams_supervisor_open_a_restricted_record_directly_and_are_logged(
    client_for, staff, restricted_peggy, who
):
    assert client_for(who).get(restricted_peggy.get_absolute_url()).status_code == 200
    assert AccessEvent.objects.filter(user=staff[who], action="view_restricted").count() == 1


def test_the_supervisor_of_another_team_needs_a_reason(client_for, restricted_peggy):
    assert client_for("sam").get(restricted_peggy.get_absolute_url()).status_code == 302


def test_a_directory_editor_never_sees_peoples_records(client_for, peggy):
    dina = client_for("dina")
    assert dina.get(peggy.get_absolute_url()).status_code == 403
    assert dina.get(reverse("people:search") + "?q=oka").status_code == 403


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("alice", False),
        ("bob", False),
        ("carol", True),
        ("quinn", True),
        ("lee", True),
        ("adam", True),
        ("dina", False),
    ],
)
def test_only_oversight_roles_read_change_history(client_for, peggy, who, allowed):
    status = client_for(who).get(reverse("people:history", args=[peggy.pk])).status_code
    assert (status == 200) is allowed


def test_anyone_signed_out_is_sent_to_sign_in(client, peggy):
    response = client.get(peggy.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_grant_expires(staff, restricted_peggy, settings):
    grant = access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today")
    assert access.has_live_grant(staff["bob"], restricted_peggy)
    grant.expires_at = grant.granted_at
    grant.save()
    assert not access.has_live_grant(staff["bob"], restricted_peggy)


def test_quality_leads_read_the_access_log_and_practitioners_do_not(client_for, staff, restricted_peggy):
    access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today")
    assert "Duty desk cover today" in client_for("quinn").get(reverse("core:access_log")).content.decode()
    assert client_for("alice").get(reverse("core:access_log")).status_code == 403


def test_the_access_log_names_each_person_and_links_to_them(client_for, staff, restricted_peggy):
    client_for("alice").get(restricted_peggy.get_absolute_url())
    body = client_for("quinn").get(reverse("core:access_log")).content.decode()
    assert f'<a class="govuk-link" href="{restricted_peggy.get_absolute_url()}">Peggy Okafor</a>' in body
    assert f"Person {restricted_peggy.pk}" not in body
