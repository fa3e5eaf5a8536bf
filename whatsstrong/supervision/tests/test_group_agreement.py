"""A peer group's agreement and members changed after it was made (page and API): versioned, with the
other person's change shown beside what was typed, history kept, bad input named with nothing lost;
who may change it; and the next group session looking back on the last one's actions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.core import access
from whatsstrong.core.records import EditConflict
from whatsstrong.supervision import rules, services
from whatsstrong.supervision.models import PeerGroup

DAY = datetime.date(2026, 3, 9)


def agreement(**changes):
    return {
        "name": "North peers",
        "frequency": "Every six weeks",
        "duration": "90 minutes",
        "place": "",
        "preparation": "",
        "recording": "",
        "confidentiality": "",
        "apologies": "",
        "agreed_on": DAY,
    } | changes


def test_who_may_change_the_agreement(staff, nia, group):
    ids = {staff["alice"].pk, nia.pk}
    assert access.can_change_peer_agreement(staff["alice"], ids, group.supervisor_id)
    assert access.can_change_peer_agreement(staff["carol"], ids, group.supervisor_id)
    assert not access.can_change_peer_agreement(staff["quinn"], ids, group.supervisor_id)  # reads only
    assert not access.can_change_peer_agreement(staff["bob"], ids, group.supervisor_id)
    nia.is_active = False
    assert not access.can_change_peer_agreement(nia, ids, group.supervisor_id)
    with pytest.raises(PermissionDenied):
        services.group_update(
            actor=staff["bob"], group_id=group.pk, expected_version=1, data=agreement(), member_ids=list(ids)
        )


def test_a_change_is_versioned_with_history_and_a_conflict(staff, nia, group):
    alice, carol = staff["alice"], staff["carol"]
    changed = services.group_update(
        actor=alice,
        group_id=group.pk,
        expected_version=1,
        data=agreement(frequency="Every four weeks", apologies="We go ahead regardless."),
        member_ids=[alice.pk, nia.pk, carol.pk],
    )
    assert changed.version == 2 and changed.frequency == "Every four weeks"
    assert set(changed.members.values_list("pk", flat=True)) == {alice.pk, nia.pk, carol.pk}
    kept = PeerGroup.history.filter(id=group.pk).order_by("history_date")
    # A row for the save and one for the members (history of the many-to-many), each naming who.
    assert sorted({(h.version, h.frequency) for h in kept}) == [(1, "Every six weeks"), (2, "Every four weeks")]
    assert {h.history_user_id for h in kept if h.version == 2} == {alice.pk}
    assert {m.user_id for m in kept.last().members.all()} == {alice.pk, nia.pk, carol.pk}
    with pytest.raises(EditConflict) as clash:
        services.group_update(
            actor=nia,
            group_id=group.pk,
            expected_version=1,
            data=agreement(frequency="Monthly"),
            member_ids=[alice.pk, nia.pk],
        )
    assert {(c.field, c.theirs, c.yours) for c in clash.value.changes} == {
        ("frequency", "Every four weeks", "Monthly"),
        ("apologies", "We go ahead regardless.", ""),
    }
    assert PeerGroup.objects.get(pk=group.pk).frequency == "Every four weeks"


def test_bad_input_is_named_and_nothing_changes(staff, nia, group):
    with pytest.raises(ValidationError) as refused:
        services.group_update(
            actor=staff["alice"],
            group_id=group.pk,
            expected_version=1,
            data=agreement(name=" ", duration=""),
            member_ids=[staff["alice"].pk],
        )
    assert set(refused.value.message_dict) == {"name", "members", "duration"}
    assert PeerGroup.objects.get(pk=group.pk).version == 1


def form(w, group, **changes):
    data = {
        "name": "North peers",
        "members": [str(w["alice"].pk), str(w["nia"].pk)],
        "frequency": "Every six weeks",
        "duration": "90 minutes",
        "agreed_on_0": "9",
        "agreed_on_1": "3",
        "agreed_on_2": "2026",
        "version": str(group.version),
    }
    return data | changes


def test_the_edit_page(client_for, staff, nia, group):
    people = {"alice": staff["alice"], "nia": nia}
    client = client_for("alice")
    url = f"/supervision/groups/{group.pk}/edit/"
    assert "Change the agreement or members" in client.get(f"/supervision/groups/{group.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "Every six weeks" in page and 'name="version"' in page
    bad = client.post(url, form(people, group, duration="", confidentiality="Phones away, kept as typed"))
    text = bad.content.decode()
    assert bad.status_code == 200 and rules.DURATION_NEEDED in text and "Phones away, kept as typed" in text
    saved = client.post(url, form(people, group, confidentiality="Phones away"))
    assert saved.status_code == 302
    assert PeerGroup.objects.get(pk=group.pk).confidentiality == "Phones away"
    stale = client.post(url, form(people, group, confidentiality="Phones on silent"))  # version 1 again
    text = stale.content.decode()
    assert "saved changes while you were editing" in text and "Phones on silent" in text and "Phones away" in text
    assert 'name="version" value="2"' in text
    assert PeerGroup.objects.get(pk=group.pk).confidentiality == "Phones away"
    assert client_for("quinn").get(url).status_code == 403  # quality leads read the group, never change it
    assert client_for("bob").get(url).status_code == 404


def test_the_api_changes_the_agreement(client_for, staff, nia, group):
    client = client_for("carol")
    body = {
        "name": "North peers",
        "member_ids": [staff["alice"].pk, nia.pk, staff["carol"].pk],
        "frequency": "Monthly",
        "duration": "Two hours",
        "version": 1,
    }
    url = f"/api/supervision/groups/{group.pk}"
    done = client.put(url, body, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["agreement"]["frequency"] == "Monthly" and len(done.json()["members"]) == 3
    clash = client.put(url, body | {"frequency": "Weekly"}, content_type="application/json")
    assert clash.status_code == 409 and clash.json()["current_version"] == 2
    bad = client.put(url, body | {"duration": "", "version": 2}, content_type="application/json")
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"duration"}
    assert client_for("bob").put(url, body, content_type="application/json").status_code == 404


def test_the_next_session_shows_the_last_ones_actions(client_for, staff, nia, group, peggy):
    alice = staff["alice"]
    roles = {"facilitator": nia.pk, "note_taker": alice.pk, "presenter": alice.pk, "model": "shared"}
    first = services.group_session_add(actor=alice, group_id=group.pk, data={"held_on": DAY, **roles})
    done = services.group_action_add(
        actor=nia, group_session_id=first.pk, data={"what": "Ring Peggy's son", "person": peggy.pk, "owner": alice.pk}
    )
    services.group_action_add(actor=nia, group_session_id=first.pk, data={"what": "Read the guidance", "owner": nia.pk})
    services.action_done(actor=alice, action_id=done.pk)
    second = services.group_session_add(
        actor=alice, group_id=group.pk, data={"held_on": DAY + datetime.timedelta(weeks=6), **roles}
    )
    page = client_for("alice").get(second.get_absolute_url()).content.decode()
    looked_back = page[page.index('id="previous-actions"') : page.index("</div>", page.index('id="previous-actions"'))]
    assert "Actions from the last session (9 March 2026)" in looked_back
    assert "Done</strong> Ring Peggy" in looked_back and "Not done yet</strong> Read the guidance" in looked_back
    first_page = client_for("alice").get(first.get_absolute_url()).content.decode()
    assert 'id="previous-actions"' not in first_page
