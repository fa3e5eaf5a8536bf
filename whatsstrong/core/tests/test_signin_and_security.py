import subprocess
import sys

import pytest
from django.urls import reverse

from conftest import PASSWORD


def test_signing_in_with_the_right_password_lands_on_the_caseload(client, staff):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.status_code == 200 and "Your caseload" in response.content.decode()


def test_a_wrong_password_says_what_to_do_and_keeps_the_username(client, staff):
    body = client.post(reverse("login"), {"username": "alice", "password": "nope"}).content.decode()
    assert "Enter a correct username and password" in body and 'value="alice"' in body


def test_the_account_locks_after_five_failures_even_with_the_right_password(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong-guess"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_carry_a_content_security_policy_with_a_script_nonce(client_for, peggy):
    response = client_for("alice").get(peggy.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'nonce-" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"


def test_forms_need_a_csrf_token(staff, peggy):
    from django.test import Client
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["alice"], backend="whatsstrong.core.backends.StaffBackend")
    response = client.post(reverse("people:edit", args=[peggy.pk, "who-i-am"]), {"what_matters": "x", "version": 1})
    assert response.status_code == 403


@pytest.mark.parametrize("env, ok", [
    ({"DEBUG": "0", "SECRET_KEY": "k" * 20 + "Zq9!xT4#mB7@pL2$wR6%yN8^vC3&hJ5*", "ALLOWED_HOSTS": "care.example.org"}, True),
    ({"DEBUG": "0", "ALLOWED_HOSTS": "care.example.org"}, False),  # no SECRET_KEY: refuses to start
])
def test_production_settings_pass_the_deployment_check(env, ok):
    import os
    run = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                         env={k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}} | env,
                         capture_output=True, text=True)
    assert (run.returncode == 0) is ok, run.stdout + run.stderr
    if not ok:
        assert "Set SECRET_KEY" in run.stderr


def test_a_wrong_password_error_links_to_the_username_box(client, staff):
    body = client.post(reverse("login"), {"username": "alice", "password": "nope"}).content.decode()
    assert '<a href="#id_username">Enter a correct username and password' in body
