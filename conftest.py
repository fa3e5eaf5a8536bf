"""Shared test personas. Two teams; staff in every role; people set up through the services.

alice (practitioner, North), bob (practitioner, South), carol (supervisor, North),
sam (supervisor, South), quinn (quality lead), lee (senior leader), dina (directory editor),
adam (administrator).
"""

import pytest

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def teams(db):
    from whatsstrong.core.models import Team

    return {"north": Team.objects.create(name="North Locality"), "south": Team.objects.create(name="South Locality")}


@pytest.fixture
def staff(teams):
    from whatsstrong.core.models import Role, User

    def make(username, first, role, team=None):
        user = User(
            username=username,
            first_name=first,
            last_name="Test",
            role=role,
            team=team,
            is_staff=(role == Role.ADMINISTRATOR),
            is_superuser=(role == Role.ADMINISTRATOR),
        )
        user.set_password(PASSWORD)
        user.save()
        return user

    return {
        "alice": make("alice", "Alice", Role.PRACTITIONER, teams["north"]),
        "bob": make("bob", "Bob", Role.PRACTITIONER, teams["south"]),
        "carol": make("carol", "Carol", Role.SUPERVISOR, teams["north"]),
        "sam": make("sam", "Sam", Role.SUPERVISOR, teams["south"]),
        "quinn": make("quinn", "Quinn", Role.QUALITY_LEAD),
        "lee": make("lee", "Lee", Role.SENIOR_LEADER),
        "dina": make("dina", "Dina", Role.DIRECTORY_EDITOR),
        "adam": make("adam", "Adam", Role.ADMINISTRATOR),
    }


@pytest.fixture
def make_person(staff, teams):
    from whatsstrong.people.services import person_create

    def make(worker="alice", **data):
        actor = staff[worker]
        defaults = {
            "given_name": "Margaret",
            "family_name": "Okafor",
            "preferred_name": "Peggy",
            "team": actor.team,
            "allocated_worker": actor,
        }
        return person_create(actor=actor, data={**defaults, **data})

    return make


@pytest.fixture
def peggy(make_person):
    """Alice's person in North: Margaret Okafor, known as Peggy."""
    return make_person()


@pytest.fixture
def client_for(client, staff):
    """A test client signed in as the named persona."""

    def sign_in(name):
        client.force_login(staff[name], backend="whatsstrong.core.backends.StaffBackend")
        return client

    return sign_in
