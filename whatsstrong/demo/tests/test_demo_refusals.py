"""The demo refuses to load where it could do harm: without DEBUG (its passwords are known), or over
staff usernames already in use. These start from an empty database, so they live apart from the
tests that read the loaded demo (conftest.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from whatsstrong.core.models import Team, User
from whatsstrong.people.models import Person


def load():
    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db
def test_the_demo_refuses_to_load_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="known passwords"):
        load()
    assert not Person.all_objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_will_not_take_over_existing_usernames(settings):
    settings.DEBUG = True
    User.objects.create(username="nadia")
    with pytest.raises(CommandError, match="nadia"):
        load()
    assert not Team.objects.exists()
