"""Who may do what with Peggy's record, one row per case, asked of core/access.py directly.

Peggy is in North and alice is her allocated worker, unless a row says otherwise. Who is who:

    alice   practitioner in North, Peggy's allocated worker
    nia     a second practitioner in North, not allocated
    bob     practitioner in South
    carol   supervisor of North          sam    supervisor of South
    quinn   quality lead, no team        lee    senior leader, no team
    adam    administrator, no team       dina   directory editor, no team
    tom     practitioner with no team    tess   supervisor with no team

    "quinn in North"    quinn placed in North (a team does not make an oversight role a caseworker)
    "bob, allocated"    Peggy allocated to bob although he is in South
    "alice, off"        alice's account switched off

Grant: none, a live break-glass reason, or one given longer ago than RESTRICTED_ACCESS_MINUTES.
"""

from dataclasses import FrozenInstanceError

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from whatsstrong.core import access
from whatsstrong.people.models import Person

from .cases import EXPIRED, LIVE, switch_off

OPENS, ASKS_A_REASON, REFUSED = "opens", "asks a reason", "refused"

# Peggy's record (North, allocated to alice)
#  who                 restricted  grant     view           edits  allocates  close
RECORD_ROWS = [
    ("alice", False, None, OPENS, True, False, True),
    ("alice", True, None, OPENS, True, False, True),
    ("alice, off", False, None, REFUSED, False, False, True),
    ("alice, off", True, None, REFUSED, False, False, True),
    ("nia", False, None, OPENS, True, False, False),
    ("nia", True, None, ASKS_A_REASON, False, False, False),
    ("nia", True, LIVE, OPENS, True, False, False),
    ("nia", True, EXPIRED, ASKS_A_REASON, False, False, False),
    ("nia, off", False, None, REFUSED, False, False, False),
    ("nia, off", True, LIVE, REFUSED, False, False, False),
    ("bob", False, None, OPENS, False, False, False),
    ("bob", True, None, ASKS_A_REASON, False, False, False),
    ("bob", True, LIVE, OPENS, False, False, False),
    ("bob", True, EXPIRED, ASKS_A_REASON, False, False, False),
    ("bob, allocated", False, None, OPENS, True, False, True),
    ("bob, allocated", True, None, OPENS, True, False, True),
    ("carol", False, None, OPENS, True, True, True),
    ("carol", True, None, OPENS, True, True, True),
    ("carol, off", False, None, REFUSED, False, False, True),
    ("carol, off", True, None, REFUSED, False, False, True),
    ("sam", False, None, OPENS, False, False, False),
    ("sam", True, None, ASKS_A_REASON, False, False, False),
    ("sam", True, LIVE, OPENS, False, False, False),
    ("sam", True, EXPIRED, ASKS_A_REASON, False, False, False),
    ("quinn", False, None, OPENS, False, False, False),
    ("quinn", True, None, ASKS_A_REASON, False, False, False),
    ("quinn", True, LIVE, OPENS, False, False, False),
    ("quinn in North", False, None, OPENS, False, False, False),
    ("quinn in North", True, None, ASKS_A_REASON, False, False, False),
    ("quinn in North", True, LIVE, OPENS, False, False, False),
    ("lee", False, None, OPENS, False, False, False),
    ("lee", True, None, ASKS_A_REASON, False, False, False),
    ("lee in North", False, None, OPENS, False, False, False),
    ("lee in North", True, LIVE, OPENS, False, False, False),
    ("adam", False, None, OPENS, False, False, False),
    ("adam", True, None, ASKS_A_REASON, False, False, False),
    ("adam in North", False, None, OPENS, False, False, False),
    ("adam in North", True, LIVE, OPENS, False, False, False),
    ("dina", False, None, REFUSED, False, False, False),
    ("dina", True, None, REFUSED, False, False, False),
    ("dina in North", False, None, REFUSED, False, False, False),
    ("tom", False, None, OPENS, False, False, False),
    ("tom", True, None, ASKS_A_REASON, False, False, False),
    ("tom", True, LIVE, OPENS, False, False, False),
    ("tess", False, None, OPENS, False, False, False),
    ("tess", True, None, ASKS_A_REASON, False, False, False),
    ("tess", True, LIVE, OPENS, False, False, False),
]

# What a role allows whatever the record
#  who            sees people  reads history
STAFF_ROWS = [
    ("alice", True, False),
    ("alice, off", False, False),
    ("nia", True, False),
    ("bob", True, False),
    ("carol", True, True),
    ("carol, off", False, False),
    ("sam", True, True),
    ("quinn", True, True),
    ("quinn, off", False, False),
    ("lee", True, True),
    ("adam", True, True),
    ("adam, off", False, False),
    ("dina", False, False),
    ("tom", True, False),
    ("tess", True, True),
]

# A record being added, before it is saved
#  who              team      worker    restricted  adds   edits  close  allocates
NEW_RECORD_ROWS = [
    ("alice", "north", "alice", False, True, True, True, False),
    ("alice", "north", None, False, True, True, False, False),
    ("alice", "north", "alice", True, True, True, True, False),
    ("alice", "south", "alice", False, False, True, True, False),
    ("alice, off", "north", "alice", False, False, False, True, False),
    ("nia", "north", "alice", True, False, False, False, False),
    ("carol", "north", "alice", False, True, True, True, True),
    ("bob", "north", None, False, False, False, False, False),
    ("sam", "north", None, False, False, False, False, False),
    ("quinn in North", "north", None, False, False, False, False, False),
    ("tom", "north", "tom", False, False, True, True, False),
    ("tom", None, "tom", False, False, True, True, False),
    ("tom", None, None, False, False, False, False, False),
    ("tess", None, None, False, False, False, False, False),
]


def row_id(row):
    label, restricted, grant = row[:3]
    return f"{label}-{'restricted' if restricted else 'open'}-{grant or 'no grant'}"


@pytest.mark.parametrize(
    "label, restricted, grant, view, edits, allocates, close", RECORD_ROWS, ids=[row_id(r) for r in RECORD_ROWS]
)
def test_who_may_do_what_with_peggys_record(arrange, peggy, label, restricted, grant, view, edits, allocates, close):
    user = arrange(peggy, label, restricted, grant)
    record = Person.objects.get(pk=peggy.pk)

    decision = access.view_decision(user, record)
    shown = OPENS if decision.allowed else ASKS_A_REASON if decision.needs_reason else REFUSED
    assert shown == view
    assert bool(decision.why) is not decision.allowed  # a refusal always says why; an opening says nothing
    assert access.can_edit(user, record) is edits
    if edits:
        access.require_edit(user, record)
    else:
        with pytest.raises(PermissionDenied):
            access.require_edit(user, record)
    assert access.can_allocate(user, record) is allocates
    assert access.is_close_to(user, record) is close
    assert access.has_live_grant(user, record) is (grant == LIVE)


@pytest.mark.parametrize("label, sees_people, reads_history", STAFF_ROWS, ids=[r[0] for r in STAFF_ROWS])
def test_what_each_role_allows(who, label, sees_people, reads_history):
    user, notes = who(label)
    if "off" in notes:
        switch_off(user)
    assert access.can_see_people(user) is sees_people
    assert access.can_read_history(user) is reads_history


@pytest.mark.parametrize(
    "label, team, worker, restricted, adds, edits, close, allocates",
    NEW_RECORD_ROWS,
    ids=[f"{r[0]}-{r[1] or 'no team'}-{r[2] or 'unallocated'}-{r[3]}" for r in NEW_RECORD_ROWS],
)
def test_who_may_add_a_record_to_which_team(who, teams, label, team, worker, restricted, adds, edits, close, allocates):
    user, notes = who(label)
    record = Person(
        given_name="Rita",
        family_name="Hollis",
        restricted=restricted,
        team=teams[team] if team else None,
        allocated_worker=who(worker)[0] if worker else None,
    )
    if "off" in notes:
        switch_off(user)
    assert access.can_add(user, record) is adds
    if adds:
        access.require_add(user, record)
    else:
        with pytest.raises(PermissionDenied):
            access.require_add(user, record)
    assert access.can_edit(user, record) is edits
    assert access.is_close_to(user, record) is close
    assert access.can_allocate(user, record) is allocates


def test_allocating_is_refused_to_everyone_but_the_teams_supervisor(who, staff, peggy):
    access.require_allocate(staff["carol"], peggy)
    for label in ["alice", "sam", "quinn in North", "tess"]:
        with pytest.raises(PermissionDenied, match="Only the team's supervisor"):
            access.require_allocate(who(label)[0], peggy)


def test_someone_signed_out_may_do_nothing_and_is_close_to_no_record(peggy, teams):
    visitor = AnonymousUser()
    unallocated = Person(given_name="Rita", family_name="Hollis", team=teams["north"])
    assert access.view_decision(visitor, peggy) == access.Decision(
        False, why="Your role does not include people's records."
    )
    assert not access.can_see_people(visitor) and not access.can_read_history(visitor)
    assert not access.can_edit(visitor, peggy) and not access.can_allocate(visitor, peggy)
    assert not access.is_close_to(visitor, unallocated)


def test_a_decision_cannot_be_changed_after_it_is_made(staff, peggy):
    decision = access.view_decision(staff["dina"], peggy)
    with pytest.raises(FrozenInstanceError):
        decision.allowed = True
    assert access.view_decision(staff["alice"], peggy) == access.Decision(True)
