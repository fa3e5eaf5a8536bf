"""The write services refuse on their own, with no page or API call in front of them.

Each service is called directly as someone who must be refused, and the record is then exactly as
it was; beside each refusal, someone who may make the change makes it. Peggy is in North and alice
is her allocated worker; the staff are described in this folder's conftest.py.
"""

import datetime
from dataclasses import dataclass, replace

import pytest
from django.core.exceptions import PermissionDenied

from whatsstrong.conversations.models import Addendum, CaseNote
from whatsstrong.conversations.services import addendum_add, case_note_add, case_note_correct
from whatsstrong.core.records import EditConflict, save_versioned
from whatsstrong.people.models import Asset, NetworkMember, Person
from whatsstrong.people.services import (
    asset_save,
    network_member_save,
    person_archive,
    person_create,
    person_update,
    strengths_and_network_add,
)

from .cases import LIVE

# Changing Peggy's record or anything under it
#  who                 restricted  grant  may change
CHANGE_ROWS = [
    ("alice", False, None, True),  # her allocated worker
    ("alice", True, None, True),
    ("nia", False, None, True),  # in her team
    ("nia", True, None, False),  # restricted, and no reason given
    ("nia", True, LIVE, True),
    ("carol", True, None, True),  # her team's supervisor
    ("bob", False, None, False),  # another team
    ("bob", True, LIVE, False),  # a reason opens the record; it does not make him her team
    ("sam", False, None, False),  # another team's supervisor
    ("quinn", False, None, False),  # quality lead
    ("quinn in North", True, LIVE, False),
    ("lee", False, None, False),  # senior leader
    ("adam", False, None, False),  # administrator
    ("adam in North", False, None, False),
    ("dina", False, None, False),  # directory editor
    ("dina in North", False, None, False),
    ("alice, off", False, None, False),  # her worker's account switched off
    ("nia, off", True, LIVE, False),
    ("tom", False, None, False),  # no team
]

# Adding a person
#  who               team     worker   may add
ADD_ROWS = [
    ("alice", "north", "alice", True),
    ("alice", "north", None, True),
    ("carol", "north", "alice", True),
    ("alice", "south", "alice", False),  # naming herself the worker does not take her into South
    ("bob", "north", None, False),
    ("bob", "north", "bob", False),
    ("sam", "north", None, False),
    ("quinn in North", "north", None, False),
    ("adam in North", "north", None, False),
    ("dina in North", "north", None, False),
    ("alice, off", "north", "alice", False),
    ("tom", "north", "tom", False),
    ("tom", None, "tom", False),
]

# Who works with Peggy and whether her record is restricted
#  who              may decide
ALLOCATION_ROWS = [
    ("carol", True),
    ("alice", False),  # her allocated worker
    ("nia", False),
    ("sam", False),
    ("quinn in North", False),
    ("carol, off", False),
    ("tess", False),  # a supervisor with no team
]


def version_of(model, pk):
    return model._default_manager.get(pk=pk).version


@dataclass(frozen=True)
class Existing:
    person: Person
    member: NetworkMember
    asset: Asset
    note: CaseNote


def records_under(person, *, author):
    """One network member, one strength and one case note for the person, added by their worker."""
    return Existing(
        person,
        network_member_save(
            actor=author,
            person=person,
            data={"name": "Jean", "relationship": "neighbour", "kind": "neighbour", "closeness": 2},
        ),
        asset_save(actor=author, person=person, data={"level": "own", "description": "Grows tomatoes"}),
        case_note_add(
            actor=author,
            person=person,
            data={"happened_on": datetime.date(2026, 3, 4), "kind": "visit", "text": "Showed me the tomatoes."},
        ),
    )


# Each change returns the record it saved, so the test can check the history names who saved it.
CHANGES = {
    "change the person": lambda actor, s: person_update(
        actor=actor,
        person_id=s.person.pk,
        expected_version=version_of(Person, s.person.pk),
        data={"what_matters": "Her allotment"},
    ),
    "save the person with save_versioned": lambda actor, s: save_versioned(
        Person,
        actor=actor,
        record_id=s.person.pk,
        expected_version=version_of(Person, s.person.pk),
        data={"good_day": "Market, then tea"},
        person=None,
    ),
    "add to the network": lambda actor, s: network_member_save(
        actor=actor, person=s.person, data={"name": "Grace", "relationship": "friend", "kind": "friend", "closeness": 1}
    ),
    "change a network member": lambda actor, s: network_member_save(
        actor=actor,
        person=s.person,
        member_id=s.member.pk,
        expected_version=version_of(NetworkMember, s.member.pk),
        data={"what_they_bring": "Shopping on Thursdays"},
    ),
    "add a strength": lambda actor, s: asset_save(
        actor=actor, person=s.person, data={"level": "community", "description": "The lunch club on Wednesdays"}
    ),
    "change a strength": lambda actor, s: asset_save(
        actor=actor,
        person=s.person,
        asset_id=s.asset.pk,
        expected_version=version_of(Asset, s.asset.pk),
        data={"description": "Grows tomatoes and beans"},
    ),
    "add several people and strengths at once": lambda actor, s: strengths_and_network_add(
        actor=actor,
        person=s.person,
        members=[{"name": "Grace", "relationship": "friend"}, {"name": "Ade", "relationship": "nephew"}],
        strengths=[{"level": "network", "description": "Ade fixes her bike"}],
    )[1][-1],
    "add a case note": lambda actor, s: case_note_add(
        actor=actor,
        person=s.person,
        data={"happened_on": datetime.date(2026, 3, 5), "kind": "phone", "text": "Rang about the lunch club."},
    ),
    # Correcting a note is for its author alone (conversations/tests); anyone who may change the record adds to it.
    "add to a case note": lambda actor, s: addendum_add(
        actor=actor, person=s.person, note_id=s.note.pk, text="Peggy showed me her beans too."
    ),
}


def snapshot():
    """Every row a change could touch, and how many history entries each kind of record has."""
    return {
        "people": list(Person.all_objects.order_by("pk").values()),
        "network": list(NetworkMember.objects.order_by("pk").values()),
        "strengths": list(Asset.objects.order_by("pk").values()),
        "notes": list(CaseNote.objects.order_by("pk").values()),
        "addenda": list(Addendum.objects.order_by("pk").values()),
        "history": [model.history.count() for model in (Person, NetworkMember, Asset, CaseNote, Addendum)],
    }


def change_id(row):
    label, restricted, grant, allowed = row
    state = f"{'restricted' if restricted else 'open'}{', with a reason' if grant else ''}"
    return f"{label} ({state}) {'may' if allowed else 'may not'}"


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("label, restricted, grant, allowed", CHANGE_ROWS, ids=[change_id(r) for r in CHANGE_ROWS])
def test_each_service_refuses_whom_the_access_rules_refuse(
    arrange, staff, peggy, change, label, restricted, grant, allowed
):
    existing = records_under(peggy, author=staff["alice"])
    actor = arrange(peggy, label, restricted, grant)
    before = snapshot()
    if allowed:
        saved = CHANGES[change](actor, existing)
        assert saved.history.latest().history_user == actor
        assert snapshot() != before
    else:
        with pytest.raises(PermissionDenied):
            CHANGES[change](actor, existing)
        assert snapshot() == before


@pytest.mark.parametrize(
    "label, team, worker, allowed", ADD_ROWS, ids=[f"{r[0]} to {r[1] or 'no team'}, worker {r[2]}" for r in ADD_ROWS]
)
def test_people_are_added_only_to_the_adders_own_team(who, teams, staff, label, team, worker, allowed):
    actor, notes = who(label)
    if "off" in notes:
        actor.is_active = False
        actor.save()
    data = {
        "given_name": "Rita",
        "family_name": "Hollis",
        "team": teams[team] if team else None,
        "allocated_worker": who(worker)[0] if worker else None,
    }
    before = snapshot()
    if allowed:
        person = person_create(actor=actor, data=data)
        assert person.team == teams[team] and person.history.latest().history_user == actor
    else:
        with pytest.raises(PermissionDenied, match="your own team"):
            person_create(actor=actor, data=data)
        assert snapshot() == before


ALLOCATION_CHANGES = {
    "restrict the record": lambda staff, teams: {"restricted": True},
    "allocate another worker": lambda staff, teams: {"allocated_worker": staff["carol"]},
    "move her to another team": lambda staff, teams: {"team": teams["south"], "allocated_worker": None},
}


@pytest.mark.parametrize("change", ALLOCATION_CHANGES)
@pytest.mark.parametrize("label, allowed", ALLOCATION_ROWS, ids=[r[0] for r in ALLOCATION_ROWS])
def test_only_the_teams_supervisor_changes_allocation_or_restriction(
    arrange, staff, teams, peggy, change, label, allowed
):
    actor = arrange(peggy, label)
    data = ALLOCATION_CHANGES[change](staff, teams)
    before = snapshot()
    version = version_of(Person, peggy.pk)
    if allowed:
        saved = person_update(actor=actor, person_id=peggy.pk, expected_version=version, data=data)
        assert all(getattr(saved, field) == value for field, value in data.items())
    else:
        with pytest.raises(PermissionDenied, match="Only the team's supervisor"):
            person_update(actor=actor, person_id=peggy.pk, expected_version=version, data=data)
        assert snapshot() == before


@pytest.mark.parametrize("label, allowed", ALLOCATION_ROWS, ids=[r[0] for r in ALLOCATION_ROWS])
def test_only_the_teams_supervisor_archives(arrange, staff, peggy, label, allowed):
    actor = arrange(peggy, label)
    before = snapshot()
    if allowed:
        assert person_archive(actor=actor, person_id=peggy.pk, reason="Moved away").archived_at is not None
    else:
        with pytest.raises(PermissionDenied):
            person_archive(actor=actor, person_id=peggy.pk, reason="Moved away")
        assert snapshot() == before


def test_an_outsider_is_refused_before_being_told_about_a_newer_version(staff, peggy):
    """A conflict shows what others wrote, so someone who may not change the record must not see one."""
    person_update(actor=staff["alice"], person_id=peggy.pk, expected_version=1, data={"pronouns": "she/her"})
    with pytest.raises(PermissionDenied):
        person_update(actor=staff["bob"], person_id=peggy.pk, expected_version=1, data={"pronouns": "they/them"})
    with pytest.raises(EditConflict):
        person_update(actor=staff["carol"], person_id=peggy.pk, expected_version=1, data={"pronouns": "they/them"})


def test_services_decide_on_the_record_as_stored_not_on_the_copy_they_are_given(staff, teams, peggy):
    """A copy read before the record was restricted, or changed in memory, opens nothing."""
    forged = Person.objects.get(pk=peggy.pk)
    forged.team = teams["south"]  # bob's team, in memory only
    forged.allocated_worker = staff["bob"]
    forged_existing = replace(records_under(peggy, author=staff["alice"]), person=forged)
    before = snapshot()
    for change in CHANGES.values():
        with pytest.raises(PermissionDenied):
            change(staff["bob"], forged_existing)
    with pytest.raises(PermissionDenied):
        save_versioned(
            Person,
            actor=staff["bob"],
            record_id=peggy.pk,
            expected_version=version_of(Person, peggy.pk),
            data={"good_day": "Changed"},
            person=forged,
        )
    assert snapshot() == before


def test_a_record_under_someone_else_cannot_be_changed_through_your_own_person(staff, peggy, make_person):
    """Alice may change Peggy's network, not the network of bob's person by naming Peggy."""
    ray = make_person(worker="bob", given_name="Ray", family_name="Dunn", preferred_name="")
    theirs = records_under(ray, author=staff["bob"])
    before = snapshot()
    with pytest.raises(NetworkMember.DoesNotExist):
        network_member_save(
            actor=staff["alice"],
            person=peggy,
            member_id=theirs.member.pk,
            expected_version=1,
            data={"what_they_bring": "Changed"},
        )
    with pytest.raises(Asset.DoesNotExist):
        asset_save(
            actor=staff["alice"],
            person=peggy,
            asset_id=theirs.asset.pk,
            expected_version=1,
            data={"description": "Changed"},
        )
    with pytest.raises(CaseNote.DoesNotExist):
        case_note_correct(
            actor=staff["alice"], person=peggy, note_id=theirs.note.pk, expected_version=1, data={"text": "Changed"}
        )
    with pytest.raises(CaseNote.DoesNotExist):
        addendum_add(actor=staff["alice"], person=peggy, note_id=theirs.note.pk, text="Changed")
    assert snapshot() == before
