"""A session on 2 March 2026 between Carol (supervisor, North) and Alice (practitioner, North), with
Alice's Peggy discussed in SHARED, set up through the services."""

import datetime

import pytest

from whatsstrong.core.models import Role, User
from whatsstrong.supervision import services

HELD_ON = datetime.date(2026, 3, 2)


@pytest.fixture
def session(staff, peggy):
    return services.session_add(
        actor=staff["carol"],
        supervisee=staff["alice"],
        data={
            "held_on": HELD_ON,
            "agenda": "Talk through Peggy's wish to go home, and my training plan.",
            "wellbeing": "Alice's father is unwell; she may need some flexible days.",
            "learning": "Booked onto the positive risk course.",
        },
    )


@pytest.fixture
def discussion(staff, session, peggy):
    made = services.discussion_add(actor=staff["carol"], session_id=session.pk, person=peggy.pk, model="shared")
    return services.discussion_write(
        actor=staff["carol"],
        discussion_id=made.pk,
        expected_version=made.version,
        reflections={"see": "Peggy is walking further each week.", "decide": "Plan a home visit with her son."},
    )


# A peer group of Alice and Nia, supervised by Carol (the group tests share it).
PEERS_AGREED = datetime.date(2026, 3, 9)


@pytest.fixture
def nia(teams):
    return User.objects.create(
        username="nia", first_name="Nia", last_name="Test", role=Role.PRACTITIONER, team=teams["north"]
    )


@pytest.fixture
def group(staff, nia):
    return services.group_add(
        actor=staff["carol"],
        data={
            "name": "North peers",
            "frequency": "Every six weeks",
            "duration": "90 minutes",
            "agreed_on": PEERS_AGREED,
        },
        member_ids=[staff["alice"].pk, nia.pk],
    )
