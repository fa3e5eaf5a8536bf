"""The demo council, loaded once for the tests in this folder, which all read it.

Loading it takes seconds, so it is loaded once inside a transaction that is rolled back when the
last test here ends. Each test still runs in a savepoint of its own (pytest-django's `db`), so what
one test changes the next never sees. Tests that need an empty database belong outside this folder.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db, settings):
    """What `load_demo` printed; the demo's records are in the database."""
    settings.DEBUG = True
    return _demo_loaded
