"""Who may see, change and read the wellbeing notes of a session between Carol (supervisor, North) and
Alice (practitioner, North), asked of core/access.py directly, one row per person; and who supervises."""

import pytest

from whatsstrong.core import access

#  who      sees   wellbeing  changes
ROWS = [
    ("alice", True, True, True),
    ("carol", True, True, True),
    ("quinn", True, False, False),  # a quality lead: reads, logged, never the wellbeing notes
    ("bob", False, False, False),
    ("sam", False, False, False),  # a supervisor of another team
    ("lee", False, False, False),
    ("adam", False, False, False),
    ("dina", False, False, False),
]


@pytest.mark.parametrize("who, sees, wellbeing, changes", ROWS)
def test_who_sees_a_session(who, sees, wellbeing, changes, staff, session):
    user = staff[who]
    assert access.can_see_supervision(user, session) is sees
    assert access.can_see_supervision_wellbeing(user, session) is wellbeing
    assert access.can_change_supervision(user, session) is changes


def test_a_switched_off_party_sees_nothing(staff, session):
    alice = staff["alice"]
    alice.is_active = False
    assert not access.can_see_supervision(alice, session)
    assert not access.can_see_supervision_wellbeing(alice, session)


@pytest.mark.parametrize(
    "who, named, supervises",
    [
        ("carol", None, True),  # a supervisor of Alice's team
        ("sam", None, False),
        ("sam", "sam", True),  # named for her
        ("carol", "sam", False),  # someone else is named
        ("alice", None, False),  # nobody supervises themselves
        ("quinn", None, False),
    ],
)
def test_who_supervises_alice(who, named, supervises, staff):
    named_id = staff[named].pk if named else None
    assert access.can_supervise(staff[who], staff["alice"], named_id) is supervises


def test_who_sees_who_is_overdue(staff):
    assert not access.can_see_supervision_overview(staff["alice"])
    assert access.can_see_supervision_overview(staff["carol"]) and access.can_see_supervision_overview(staff["quinn"])
