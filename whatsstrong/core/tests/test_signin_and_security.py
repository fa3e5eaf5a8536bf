import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD


def test_signing_in_with_the_right_password_lands_on_the_caseload(client, staff):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.status_code == 200 and "Your caseload" in response.content.decode()


def test_a_wrong_password_says_what_to_do_and_keeps_the_username(client, staff):
    body = client.post(reverse("login"), {"username": "alice", "password": "nope"}).content.decode()
    assert "Enter a correct username and password" in body and 'value="alice"' in body


OFFICE, HOME = "198.51.100.7", "203.0.113.20"  # addresses set aside for documentation


def sign_in(username, password, address=OFFICE, page="login", **headers):
    """One sign-in attempt from a new browser at `address`; returns the response and the browser."""
    browser = Client()
    response = browser.post(reverse(page), {"username": username, "password": password}, REMOTE_ADDR=address, **headers)
    return response, browser


def signed_in(result):
    response, browser = result
    return response.status_code == 302 and "_auth_user_id" in browser.session


def locked(result):
    response, browser = result
    return (
        response.status_code == 429 and "locked" in response.content.decode() and "_auth_user_id" not in browser.session
    )


def guess_wrong(username, settings, address=OFFICE, page="login", **headers):
    """Wrong passwords up to the limit: the last one already answers with the lock-out page."""
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response, _ = sign_in(username, "wrong-guess", address, page, **headers)
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)


def test_five_wrong_passwords_lock_that_username_from_that_address_even_with_the_right_password(staff, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    guess_wrong("alice", settings)
    assert locked(sign_in("alice", PASSWORD))


def test_the_same_username_still_signs_in_from_another_address(staff, settings):
    guess_wrong("alice", settings)
    assert signed_in(sign_in("alice", PASSWORD, address=HOME))


def test_a_colleague_still_signs_in_from_the_address_that_guessed_wrong(staff, settings):
    guess_wrong("alice", settings)
    assert signed_in(sign_in("bob", PASSWORD))


@pytest.mark.parametrize(
    ("guessed_at", "then_at"), [("admin:login", "login"), ("login", "admin:login"), ("admin:login", "admin:login")]
)
def test_the_admin_sign_in_is_under_the_same_rule(staff, settings, guessed_at, then_at):
    guess_wrong("adam", settings, page=guessed_at)
    assert locked(sign_in("adam", PASSWORD, page=then_at))
    response, browser = sign_in("adam", PASSWORD, address=HOME, page="admin:login")
    assert response.status_code == 302 and "_auth_user_id" in browser.session


def test_behind_a_tls_proxy_the_address_is_the_one_the_proxy_forwards(staff, settings):
    settings.BEHIND_TLS_PROXY = True
    proxy = {"address": "10.0.0.2"}
    guess_wrong("alice", settings, **proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert locked(sign_in("alice", PASSWORD, **proxy, HTTP_X_FORWARDED_FOR=HOME))
    # An address made up by the client, to the left of the proxy's, changes nothing.
    assert locked(sign_in("alice", PASSWORD, **proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {HOME}"))
    # Someone else coming through the same proxy is not locked out.
    assert signed_in(sign_in("alice", PASSWORD, **proxy, HTTP_X_FORWARDED_FOR=OFFICE))


def test_without_a_tls_proxy_a_forwarded_address_is_ignored(staff, settings):
    assert not settings.BEHIND_TLS_PROXY
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in("alice", "wrong-guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert locked(sign_in("alice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200"))


@pytest.mark.parametrize(
    ("forwarded", "proxies", "address"),
    [
        ("203.0.113.20", 1, "203.0.113.20"),
        ("192.0.2.1, 203.0.113.20", 1, "203.0.113.20"),  # the left one came from the client
        ("192.0.2.1, 203.0.113.20, 10.0.0.9", 2, "203.0.113.20"),  # two proxies, each adding one
        ("2001:db8::1", 1, "2001:db8::1"),
        ("", 1, "10.0.0.2"),  # not forwarded: the proxy's own address
        ("203.0.113.20", 2, "10.0.0.2"),  # fewer hops than proxies: not trusted
        ("not-an-address", 1, "10.0.0.2"),
    ],
)
def test_the_client_address_behind_proxies(settings, rf, forwarded, proxies, address):
    from whatsstrong.core.signin import client_address

    settings.BEHIND_TLS_PROXY, settings.TLS_PROXY_COUNT = True, proxies
    request = rf.post("/sign-in/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


def test_the_sign_in_page_states_the_limit_and_wait_in_force(client, settings):
    settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME = 3, 1.5
    body = client.get(reverse("login")).content.decode()
    assert "After 3 wrong passwords" in body and "locked for 1 hour and 30 minutes" in body
    assert "5 wrong" not in body


def test_a_lower_limit_locks_sooner_and_the_lock_out_page_says_so(staff, settings):
    settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME = 3, 1
    guess_wrong("alice", settings)
    result = sign_in("alice", PASSWORD)
    assert locked(result)
    body = result[0].content.decode()
    assert "There have been 3 wrong passwords" in body and "Wait 1 hour and try again" in body


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (15, "15 minutes"),
        (1, "1 minute"),
        (60, "1 hour"),
        (90, "1 hour and 30 minutes"),
        (120, "2 hours"),
        (121, "2 hours and 1 minute"),
    ],
)
def test_durations_in_words(minutes, words):
    from datetime import timedelta

    from whatsstrong.core.signin import duration_in_words

    assert duration_in_words(timedelta(minutes=minutes)) == words


def test_pages_carry_a_content_security_policy_with_a_script_nonce(client_for, peggy):
    response = client_for("alice").get(peggy.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'nonce-" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"


def test_forms_need_a_csrf_token(staff, peggy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["alice"], backend="whatsstrong.core.backends.StaffBackend")
    response = client.post(reverse("people:edit", args=[peggy.pk, "who-i-am"]), {"what_matters": "x", "version": 1})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "env, ok",
    [
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": "k" * 20 + "Zq9!xT4#mB7@pL2$wR6%yN8^vC3&hJ5*",
                "ALLOWED_HOSTS": "care.example.org",
            },
            True,
        ),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "care.example.org"}, False),  # no SECRET_KEY: refuses to start
    ],
)
def test_production_settings_pass_the_deployment_check(env, ok):
    import os

    run = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}
        }
        | env,
        capture_output=True,
        text=True,
    )
    assert (run.returncode == 0) is ok, run.stdout + run.stderr
    if not ok:
        assert "Set SECRET_KEY" in run.stderr


def test_a_wrong_password_error_links_to_the_username_box(client, staff):
    body = client.post(reverse("login"), {"username": "alice", "password": "nope"}).content.decode()
    assert '<a href="#id_username">Enter a correct username and password' in body
