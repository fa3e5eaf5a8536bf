"""The governance pages: who may open them, what they write, and that bad input loses nothing."""

import json

import pytest

from whatsstrong.core import audit_log
from whatsstrong.core.models import AccessEvent

from .conftest import archive


@pytest.mark.parametrize(
    ("name", "status"), [("quinn", 200), ("lee", 200), ("adam", 200), ("carol", 403), ("alice", 403), ("dina", 403)]
)
def test_the_retention_list_is_for_quality_leads_senior_leaders_and_administrators(client_for, name, status):
    assert client_for(name).get("/governance/retention/").status_code == status


def test_the_retention_list_shows_due_records_and_the_hold_that_keeps_one(
    client_for, old_record, held_record, recent_record
):
    page = client_for("quinn").get("/governance/retention/").content.decode()
    due, later = page.split("Due later")
    assert "Edie Marsh" in due and "Harold Ng" in due and "Kept: legal hold" in due
    assert "Frank Hill" in later


@pytest.mark.parametrize("name", ["alice", "carol", "lee", "dina"])
def test_only_quality_leads_and_administrators_set_a_hold(client_for, old_record, name):
    client = client_for(name)
    url = f"/governance/people/{old_record.pk}/legal-hold/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "A claim against the council is open."}).status_code == 403
    assert not AccessEvent.objects.filter(action="legal_hold_set").exists()


def test_a_hold_is_set_and_lifted_on_pages_and_both_are_logged(client_for, old_record, staff):
    from whatsstrong.governance.models import LegalHold

    client = client_for("quinn")
    response = client.post(f"/governance/people/{old_record.pk}/legal-hold/", {"reason": "A claim is open."})
    assert response.status_code == 302
    hold = LegalHold.objects.get(person=old_record)
    page = client.get(f"/people/{old_record.pk}/").content.decode()
    assert "This record is on legal hold" in page and "Lift the legal hold" in page
    response = client_for("adam").post(f"/governance/legal-holds/{hold.pk}/lift/", {"reason": "The claim is settled."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == staff["adam"] and hold.lift_reason == "The claim is settled."
    actions = [e.action for e in AccessEvent.objects.filter(object_id=old_record.pk).order_by("seq")]
    assert actions.count("legal_hold_set") == 1 and actions.count("legal_hold_lifted") == 1
    assert audit_log.verify().whole


def test_a_hold_without_a_good_reason_is_refused_and_keeps_what_was_typed(client_for, old_record):
    from whatsstrong.governance.models import LegalHold

    response = client_for("quinn").post(f"/governance/people/{old_record.pk}/legal-hold/", {"reason": "claim"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter at least 10 characters" in page and "claim</textarea>" in page
    assert not LegalHold.objects.exists()


def test_a_hold_that_does_not_exist_is_not_found(client_for):
    assert client_for("quinn").get("/governance/legal-holds/999/lift/").status_code == 404
    assert client_for("quinn").get("/governance/legal-holds/99999999999999999999/lift/").status_code == 404


def test_an_archived_record_is_read_only_for_oversight_and_each_view_is_logged(client_for, peggy, staff):
    archive(staff, peggy)
    for name in ("quinn", "lee"):
        page = client_for(name).get(f"/people/{peggy.pk}/").content.decode()
        assert "Archived record" in page and "Add strengths and network" not in page
    viewers = set(
        AccessEvent.objects.filter(object_id=peggy.pk, action="view").values_list("user__username", flat=True)
    )
    assert {"quinn", "lee"} <= viewers
    assert client_for("alice").get(f"/people/{peggy.pk}/").status_code == 404


def test_supervisors_archive_and_unarchive_from_the_existing_pages(client_for, peggy):
    from whatsstrong.people.models import Person

    client = client_for("carol")
    assert client.post(f"/people/{peggy.pk}/archive/", {"reason": "Moved to another council"}).status_code == 302
    assert Person.all_objects.get(pk=peggy.pk).archived_at is not None
    assert client_for("alice").post(f"/people/{peggy.pk}/unarchive/").status_code in (403, 404)
    assert client_for("carol").post(f"/people/{peggy.pk}/unarchive/").status_code == 302
    assert Person.objects.get(pk=peggy.pk).archived_at is None


@pytest.mark.parametrize(
    ("name", "status"), [("adam", 200), ("quinn", 200), ("lee", 403), ("carol", 403), ("alice", 403)]
)
def test_the_access_log_download_is_for_administrators_and_quality_leads(client_for, name, status):
    assert client_for(name).get("/governance/access-log/").status_code == status


def test_the_access_log_downloads_from_a_day_onward_and_the_download_is_logged(client_for, peggy, staff):
    from django.contrib.contenttypes.models import ContentType

    from whatsstrong.people.models import Person

    AccessEvent.objects.create(
        user=staff["alice"], content_type=ContentType.objects.get_for_model(Person), object_id=peggy.pk, action="view"
    )
    response = client_for("adam").post("/governance/access-log/", {"since_0": "1", "since_1": "1", "since_2": "2000"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith(
        'attachment; filename="access-log-from-20000101'
    )
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert lines[0]["format"] == "whatsstrong-access-log/1"
    assert [line["seq"] for line in lines] == sorted(line["seq"] for line in lines)
    assert lines[-1]["action"] == "access_log_download" and lines[-1]["username"] == "adam"
    assert "2000-01-01" in lines[-1]["reason"]
    assert audit_log.verify().whole


def test_a_bad_day_is_refused_clearly_and_nothing_is_logged(client_for):
    response = client_for("quinn").post("/governance/access-log/", {"since_0": "31", "since_1": "2", "since_2": "2026"})
    assert response.status_code == 200 and "From must be a real date" in response.content.decode()
    assert not AccessEvent.objects.filter(action="access_log_download").exists()
