"""Archiving a record, reading and restoring it; and the home page each role starts from."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from whatsstrong.people import services
from whatsstrong.people.models import Person


def test_a_supervisor_archives_a_record_with_a_reason_and_it_leaves_the_caseload(client_for, peggy):
    carol = client_for("carol")
    response = carol.post(reverse("people:archive", args=[peggy.pk]), {"reason": "Moved to another council"})
    assert response.status_code == 302
    archived = Person.all_objects.get(pk=peggy.pk)
    assert archived.archived_at is not None and archived.archive_reason == "Moved to another council"
    assert f'href="{peggy.get_absolute_url()}"' not in client_for("alice").get(reverse("home")).content.decode()


def test_archiving_needs_a_reason_and_keeps_the_record_as_it_was(client_for, peggy):
    body = client_for("carol").post(reverse("people:archive", args=[peggy.pk]), {"reason": ""}).content.decode()
    assert "Enter why the record is being archived" in body
    assert Person.objects.filter(pk=peggy.pk).exists()


@pytest.mark.parametrize("who", ["alice", "sam", "quinn", "lee", "adam"])
def test_only_a_supervisor_of_the_team_archives(client_for, staff, peggy, who):
    assert client_for(who).post(reverse("people:archive", args=[peggy.pk]), {"reason": "Moved"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.person_archive(actor=staff[who], person_id=peggy.pk, reason="Moved")
    assert Person.objects.filter(pk=peggy.pk).exists()


def test_oversight_roles_read_an_archived_record_and_no_one_changes_it(client_for, staff, peggy):
    services.person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved to Leeds")
    for who in ("carol", "quinn", "lee"):
        page = client_for(who).get(peggy.get_absolute_url())
        assert page.status_code == 200 and "Archived record" in page.content.decode()
        assert reverse("people:edit", args=[peggy.pk, "who-i-am"]) not in page.content.decode()
    assert client_for("alice").get(peggy.get_absolute_url()).status_code == 404
    assert client_for("alice").get(reverse("people:edit", args=[peggy.pk, "who-i-am"])).status_code == 404
    assert "Moved to Leeds" in client_for("quinn").get(reverse("people:archived")).content.decode()


def test_a_supervisor_sees_only_their_teams_archived_records(client_for, staff, peggy):
    services.person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved to Leeds")
    assert "Peggy Okafor" in client_for("carol").get(reverse("people:archived")).content.decode()
    assert "Peggy Okafor" not in client_for("sam").get(reverse("people:archived")).content.decode()
    assert client_for("alice").get(reverse("people:archived")).status_code == 403


def test_a_supervisor_brings_an_archived_record_back(client_for, staff, peggy):
    services.person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved to Leeds")
    assert client_for("sam").post(reverse("people:unarchive", args=[peggy.pk])).status_code == 403
    assert client_for("carol").post(reverse("people:unarchive", args=[peggy.pk])).status_code == 302
    back = Person.objects.get(pk=peggy.pk)
    assert back.archived_at is None and back.archive_reason == ""
    history = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Moved to Leeds" in history


@pytest.mark.parametrize(
    "who, shows, hides",
    [
        ("alice", "Your caseload", "Teams at a glance"),
        ("carol", "North Locality: everyone the team works with", "Teams at a glance"),
        ("quinn", "Teams at a glance", "Add a person"),
        ("lee", "Teams at a glance", "Add a person"),
        ("adam", "Manage staff, teams", "Add a person"),
        ("dina", "does not include people", "Add a person"),
    ],
)
def test_each_role_starts_on_a_home_page_for_its_work(client_for, peggy, who, shows, hides):
    body = client_for(who).get(reverse("home")).content.decode()
    assert shows in body and hides not in body


def test_the_teams_overview_counts_people_waiting_for_a_worker(client_for, staff, make_person):
    make_person()
    make_person(allocated_worker=None, given_name="Wendy")
    make_person(restricted=True, given_name="Rita")
    body = client_for("lee").get(reverse("home")).content.decode()
    row = body[body.index("North Locality</th>") :].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:4]] == ["3", "1", "1", "0"]


def test_the_search_page_offers_to_add_a_person_only_to_those_who_may(client_for):
    assert "add a person" in client_for("alice").get(reverse("people:search") + "?q=zzz").content.decode()
    assert "add a person" not in client_for("quinn").get(reverse("people:search") + "?q=zzz").content.decode()
