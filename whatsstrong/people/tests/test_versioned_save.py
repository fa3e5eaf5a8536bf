"""The versioned save: a change is written only over the version the user opened, and a refused
change says which fields someone else changed, what they hold now, and who saved them."""

import datetime

import pytest

from whatsstrong.core.records import EditConflict, save_versioned
from whatsstrong.people.models import NetworkMember, Person
from whatsstrong.people.services import network_member_save


def save(actor, person, version, **data):
    return save_versioned(Person, actor=actor, record_id=person.pk, expected_version=version, data=data, person=person)


def stored(person):
    return Person.objects.get(pk=person.pk)


def test_each_save_moves_the_version_on_by_one_and_names_who_saved(staff, peggy):
    first = save(staff["alice"], peggy, 1, pronouns="she/her")
    assert first.version == 2 and stored(peggy).version == 2 and stored(peggy).pronouns == "she/her"
    save(staff["carol"], peggy, 2, good_day="Market on Saturday")
    now = stored(peggy)
    assert (now.version, now.pronouns, now.good_day) == (3, "she/her", "Market on Saturday")
    assert now.history.latest().history_user == staff["carol"]
    assert [h.version for h in now.history.order_by("history_date")] == [1, 2, 3]


def test_a_save_over_a_newer_version_is_refused_and_writes_nothing(staff, peggy):
    save(staff["alice"], peggy, 1, pronouns="she/her")
    history = peggy.history.count()
    with pytest.raises(EditConflict) as conflict:
        save(staff["carol"], peggy, 1, pronouns="they/them")
    assert (stored(peggy).pronouns, stored(peggy).version, peggy.history.count()) == ("she/her", 2, history)
    assert conflict.value.record.version == 2


def test_a_conflict_lists_only_the_fields_someone_else_changed(staff, peggy):
    save(staff["alice"], peggy, 1, pronouns="she/her")
    with pytest.raises(EditConflict) as conflict:
        save(staff["carol"], peggy, 1, pronouns="they/them", good_day="Market on Saturday")
    [change] = conflict.value.changes
    assert (change.field, change.label, change.theirs, change.yours) == ("pronouns", "Pronouns", "she/her", "they/them")
    assert conflict.value.saved_by == staff["alice"]


def test_the_conflict_names_whoever_saved_last(staff, peggy):
    save(staff["alice"], peggy, 1, pronouns="she/her")
    save(staff["carol"], peggy, 2, pronouns="she/they")
    with pytest.raises(EditConflict) as conflict:
        save(staff["alice"], peggy, 1, pronouns="they/them")
    assert conflict.value.saved_by == staff["carol"]
    assert [(c.theirs, c.yours) for c in conflict.value.changes] == [("she/they", "they/them")]


def test_when_the_version_opened_is_unknown_every_field_sent_is_shown(staff, peggy):
    """With nothing to compare against, showing every field is the safe answer, even an empty one."""
    born = datetime.date(1941, 5, 2)
    with pytest.raises(EditConflict) as conflict:
        save(staff["alice"], peggy, 7, date_of_birth=born, pronouns="she/her")
    assert [(c.field, c.theirs, c.yours) for c in conflict.value.changes] == [
        ("date_of_birth", None, born),
        ("pronouns", "", "she/her"),
    ]
    assert stored(peggy).date_of_birth is None


def test_records_under_a_person_are_versioned_the_same_way(staff, peggy):
    member = network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Jean", "relationship": "neighbour", "kind": "neighbour", "closeness": 2},
    )
    network_member_save(
        actor=staff["carol"],
        person=peggy,
        member_id=member.pk,
        expected_version=1,
        data={"what_they_bring": "Shopping on Thursdays"},
    )
    with pytest.raises(EditConflict) as conflict:
        network_member_save(
            actor=staff["alice"],
            person=peggy,
            member_id=member.pk,
            expected_version=1,
            data={"what_they_bring": "Company most evenings", "name": "Jean"},
        )
    assert [(c.field, c.theirs) for c in conflict.value.changes] == [("what_they_bring", "Shopping on Thursdays")]
    assert NetworkMember.objects.get(pk=member.pk).version == 2


def test_a_save_with_a_draft_key_discards_that_draft_and_only_that_one(staff, peggy):
    from whatsstrong.core.drafts import get_draft, save_draft
    from whatsstrong.core.records import add_to_record
    from whatsstrong.people.models import Asset

    alice = staff["alice"]
    for key in ("person:1:who-i-am", "person:1:note:new", "person:1:details"):
        save_draft(user=alice, key=key, data={"text": "typed"})
    save(alice, peggy, 1, pronouns="she/her")  # no draft key: every draft stays
    assert get_draft(user=alice, key="person:1:who-i-am") is not None
    save_versioned(
        Person,
        actor=alice,
        record_id=peggy.pk,
        expected_version=2,
        data={"pronouns": "they/them"},
        person=peggy,
        draft_key="person:1:who-i-am",
    )
    assert get_draft(user=alice, key="person:1:who-i-am") is None
    add_to_record(Asset, actor=alice, person=peggy, data={"level": "own", "description": "Bakes"})
    assert get_draft(user=alice, key="person:1:note:new") is not None
    add_to_record(
        Asset, actor=alice, person=peggy, data={"level": "own", "description": "Sings"}, draft_key="person:1:note:new"
    )
    assert get_draft(user=alice, key="person:1:note:new") is None
    assert get_draft(user=alice, key="person:1:details") is not None
