"""Staff for the access tables: the shared personas, three more, and notes a row can add to them.

nia     a second practitioner in North, not allocated to Peggy
tom     practitioner with no team
tess    supervisor with no team

"quinn in North"    the persona placed in North
"bob, allocated"    Peggy allocated to bob (done by the row, not here)
"alice, off"        alice's account switched off (done by the row, after any setup)
"""

from datetime import timedelta

import pytest

from whatsstrong.core import access
from whatsstrong.core.models import Role, User

from .cases import EXPIRED, REASON, age, supervisor_sets, switch_off

EXTRA_STAFF = {"nia": (Role.PRACTITIONER, "north"), "tom": (Role.PRACTITIONER, None), "tess": (Role.SUPERVISOR, None)}


@pytest.fixture
def who(staff, teams):
    """who("quinn in North") gives the user and the notes after the name, like ["off"]."""
    made = dict(staff)

    def find(label):
        name, *notes = label.split(", ")
        name, _, team = name.partition(" in ")
        if name not in made:
            role, home = EXTRA_STAFF[name]
            made[name] = User.objects.create(
                username=name, first_name=name.title(), last_name="Test", role=role, team=teams[home] if home else None
            )
        user = made[name]
        if team:
            user.team = teams[team.lower()]
            user.save()
        return user, notes

    return find


@pytest.fixture
def arrange(who, staff, settings):
    """Set Peggy's record up as a row describes it, through the services, and give back who acts."""

    def setup(person, label, restricted=False, grant=None):
        user, notes = who(label)
        if "allocated" in notes:
            supervisor_sets(staff, person, allocated_worker=user)
        if restricted:
            supervisor_sets(staff, person, restricted=True)
        if grant:
            given = access.grant_restricted_access(user=user, record=person, reason=REASON)
            if grant == EXPIRED:
                age(given, timedelta(minutes=settings.RESTRICTED_ACCESS_MINUTES, seconds=1))
        if "off" in notes:
            switch_off(user)
        return user

    return setup
