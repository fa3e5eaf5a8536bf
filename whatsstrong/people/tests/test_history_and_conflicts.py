"""Every change is kept; two people editing at once never overwrite each other silently."""

import re

import pytest
from django.urls import reverse

from whatsstrong.core.records import EditConflict
from whatsstrong.people import services
from whatsstrong.people.models import Person

WHO_I_AM = {
    "what_matters": "",
    "good_day": "",
    "life_story": "",
    "interests": "",
    "skills_and_talents": "",
    "proud_of": "",
    "preferred_language": "English",
    "communication_needs": "",
    "culture_and_identity": "",
    "religion_or_belief": "",
}


def test_a_saved_change_appears_in_history_with_who_before_and_after(client_for, staff, peggy):
    alice = client_for("alice")
    url = reverse("people:edit", args=[peggy.pk, "who-i-am"])
    response = alice.post(url, {**WHO_I_AM, "what_matters": "Her allotment and her grandson", "version": peggy.version})
    assert response.status_code == 302
    latest = peggy.history.latest()
    assert latest.history_user == staff["alice"] and latest.what_matters == "Her allotment and her grandson"
    page = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Alice Test" in page and "What matters to them" in page
    assert "Her allotment and her grandson" in page and "(empty)" in page


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_what_was_typed(client_for, staff, peggy):
    url = reverse("people:edit", args=[peggy.pk, "who-i-am"])
    opened_version = peggy.version
    # Carol saves first.
    services.person_update(
        actor=staff["carol"],
        person_id=peggy.pk,
        expected_version=opened_version,
        data={"good_day": "Market on Saturday, then tea with Jean"},
    )
    # Alice, who opened the same version, saves second.
    response = client_for("alice").post(
        url, {**WHO_I_AM, "good_day": "Gardening in the morning", "version": opened_version}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Carol Test saved changes while you were editing" in body
    assert "Market on Saturday, then tea with Jean" in body  # what Carol saved
    assert re.search(r">\s*Gardening in the morning</textarea>", body)  # what Alice typed is still in the form
    assert Person.objects.get(pk=peggy.pk).good_day == "Market on Saturday, then tea with Jean"
    # The form now carries the newer version, so saving again is a knowing overwrite.
    assert f'name="version" value="{opened_version + 1}"' in body
    again = client_for("alice").post(
        url, {**WHO_I_AM, "good_day": "Gardening in the morning", "version": opened_version + 1}
    )
    assert again.status_code == 302
    assert Person.objects.get(pk=peggy.pk).good_day == "Gardening in the morning"


def test_the_service_refuses_a_stale_version_and_names_the_changed_fields(staff, peggy):
    services.person_update(actor=staff["alice"], person_id=peggy.pk, expected_version=1, data={"pronouns": "she/her"})
    with pytest.raises(EditConflict) as conflict:
        services.person_update(
            actor=staff["carol"], person_id=peggy.pk, expected_version=1, data={"pronouns": "they/them"}
        )
    assert [c.field for c in conflict.value.changes] == ["pronouns"]
    assert conflict.value.changes[0].theirs == "she/her" and conflict.value.saved_by == staff["alice"]


def test_network_members_conflict_too(client_for, staff, peggy):
    member = services.network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Jean", "relationship": "neighbour", "kind": "neighbour", "closeness": 2},
    )
    services.network_member_save(
        actor=staff["carol"],
        person=peggy,
        member_id=member.pk,
        expected_version=1,
        data={"what_they_bring": "Shopping on Thursdays"},
    )
    response = client_for("alice").post(
        reverse("people:edit_member", args=[peggy.pk, member.pk]),
        {
            "name": "Jean",
            "relationship": "neighbour",
            "kind": "neighbour",
            "closeness": "1",
            "what_they_bring": "Company most evenings",
            "contact": "",
            "version": "1",
        },
    )
    assert response.status_code == 200 and "Shopping on Thursdays" in response.content.decode()


def test_people_cannot_be_deleted_only_archived(staff, peggy):
    services.person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved to another council")
    assert not Person.objects.filter(pk=peggy.pk).exists()
    assert Person.all_objects.get(pk=peggy.pk).archive_reason == "Moved to another council"
    from django.contrib import admin

    assert Person not in admin.site._registry  # people's records are reached only through the product's pages


def test_history_names_a_long_strength_without_cutting_a_word(client_for, staff, peggy):
    services.asset_save(
        actor=staff["alice"],
        person=peggy,
        data={
            "level": "community",
            "description": "The sight loss charity lends induction hobs and talking scales for a month",
        },
    )
    page = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Strength: The sight loss charity lends induction hobs and talking…" in page


def test_history_shows_dates_and_staff_in_words(client_for, staff, peggy):
    import datetime

    services.person_update(
        actor=staff["alice"],
        person_id=peggy.pk,
        expected_version=peggy.version,
        data={"date_of_birth": datetime.date(1948, 3, 27)},
    )
    peggy.refresh_from_db()
    services.person_update(
        actor=staff["carol"],
        person_id=peggy.pk,
        expected_version=peggy.version,
        data={"allocated_worker": staff["carol"]},
    )
    page = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "27 Mar 1948" in page and "1948-03-27" not in page
    assert "Alice Test" in page and "Carol Test" in page


def test_links_keep_the_address_the_product_is_served_under(client, staff, peggy):
    """Behind a proxy at /care/, every link the pages make starts with /care/."""
    from django.test.utils import override_script_prefix

    client.force_login(staff["alice"], backend="whatsstrong.core.backends.StaffBackend")
    with override_script_prefix("/care/"):
        body = client.get("/").content.decode()
    assert f'href="/care/people/{peggy.pk}/"' in body
