"""The load balancer's health check (core/health.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_a_host_that_reaches_its_database_answers_ok_to_anyone(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")


def test_asking_often_makes_no_session(client, settings):
    for _ in range(3):
        response = client.get("/health/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "csrftoken" not in response.cookies


def test_it_answers_over_plain_http_when_everything_else_is_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/sign-in/").status_code == 301


def test_only_reading_is_allowed(client):
    assert client.post("/health/").status_code == 405


def test_a_host_that_cannot_reach_its_database_answers_503(tmp_path):
    """A host whose database cannot be opened (here a SQLite file in a folder that does not exist),
    in a process of its own so this test's database is untouched."""
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/health/'); print(r.status_code, r.content.decode().strip())"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "whatsstrong.settings",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'gone' / 'db.sqlite3'}",
    }
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.stdout.strip().splitlines()[-1] == "503 database unavailable", run.stderr[-2000:]
