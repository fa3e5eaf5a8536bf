"""One gate for pages and the API: the role is checked before anything is looked up."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from whatsstrong.core import gate
from whatsstrong.core.models import AccessEvent, ApiToken


@pytest.fixture
def rita(make_person):
    return make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)


def test_a_directory_editor_learns_nothing_about_which_record_numbers_exist(client_for, peggy):
    dina = client_for("dina")
    real = dina.get(reverse("people:detail", args=[peggy.pk]))
    missing = dina.get(reverse("people:detail", args=[peggy.pk + 1000]))
    assert real.status_code == missing.status_code == 403

    def without_tokens(response):  # the script nonce and CSRF token differ on every page
        return re.sub(rb'(nonce|value)="[^"]*"', b"", response.content)

    assert without_tokens(real) == without_tokens(missing)


def test_the_api_gives_a_directory_editor_the_same_answer_for_real_and_missing_records(client, staff, peggy):
    token = ApiToken.issue(user=staff["dina"], name="Directory sync")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    real = client.get(f"/api/people/{peggy.pk}", **headers)
    missing = client.get(f"/api/people/{peggy.pk + 1000}", **headers)
    assert real.status_code == missing.status_code == 403 and real.json() == missing.json()


def test_a_practitioner_is_told_a_missing_record_does_not_exist(client_for, peggy):
    assert client_for("alice").get(reverse("people:detail", args=[peggy.pk + 1000])).status_code == 404


def test_the_gate_refuses_before_reading_the_record(staff, peggy, django_assert_num_queries):
    with django_assert_num_queries(0):
        with pytest.raises(PermissionDenied):
            gate.open_person(staff["dina"], peggy.pk)


def test_the_gate_opens_logs_and_checks_changes_the_same_way_for_every_caller(staff, rita):
    with pytest.raises(gate.ReasonNeeded):
        gate.open_person(staff["bob"], rita.pk, path="/api/people/1")
    assert AccessEvent.objects.filter(user=staff["bob"], action="refused").count() == 1
    assert gate.open_person(staff["alice"], rita.pk, for_edit=True).pk == rita.pk
    assert AccessEvent.objects.filter(user=staff["alice"], action="view_restricted").count() == 1
    with pytest.raises(PermissionDenied):
        gate.open_person(staff["quinn"], rita.pk, for_edit=True)  # after a reason, quinn may read, not change


def test_a_page_that_meets_a_restricted_record_asks_for_a_reason_then_comes_back(client_for, rita):
    bob = client_for("bob")
    page = reverse("people:edit", args=[rita.pk, "who-i-am"])
    response = bob.get(page)
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:give_reason", args=[rita.pk]))
    back = bob.post(response["Location"], {"reason": "Covering the duty desk this afternoon"})
    assert back.status_code == 302 and back["Location"] == page


def test_the_reason_page_never_sends_anyone_off_site(client_for, rita):
    response = client_for("bob").post(
        reverse("core:give_reason", args=[rita.pk]) + "?next=https://evil.example/",
        {"reason": "Covering the duty desk this afternoon"},
    )
    assert response.status_code == 302 and response["Location"] == rita.get_absolute_url()


def test_archived_people_are_found_only_when_asked_for(staff, peggy):
    from whatsstrong.people.services import person_archive

    person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved to Leeds")
    with pytest.raises(Http404):
        gate.find_person(peggy.pk)
    assert gate.find_person(peggy.pk, archived=True).archive_reason == "Moved to Leeds"


@pytest.mark.parametrize("number", [0, 2**63, 10**30])
def test_a_record_number_no_database_could_hold_is_not_found(client_for, number):
    assert client_for("alice").get(f"/people/{number}/").status_code == 404
