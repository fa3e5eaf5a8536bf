"""Signing in securely, in headless Chromium with axe-core on each page: an administrator sets up two-factor
(a wrong code refused, the right one accepted, recovery codes shown once) and uses it at the next sign-in;
then single sign-on through a real OpenID Connect provider started here, for a linked member of staff and
for someone nobody has linked."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from conftest import PASSWORD
from whatsstrong.core.tests.oidc_provider import Provider

pytestmark = pytest.mark.browser


def app_code(secret_text, steps_ahead=0):
    """What an authenticator app shows for the key typed in from the page."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def password_step(b, username):
    b.go("/sign-in/")
    b.type_into("Username", username)
    b.type_into("Password", PASSWORD)
    b.press("Sign in")


def test_an_administrator_sets_up_two_factor_and_uses_it_at_the_next_sign_in(browser, staff, settings):
    settings.TWO_FACTOR_ADMINISTRATORS = True
    b = browser
    password_step(b, "adam")
    assert b.path().startswith("/account/two-factor/set-up/"), b.path()
    qr = b.driver.find_element("css selector", "main img[src^='data:image/svg+xml;base64,']")
    assert qr.size["width"] == 250 and "QR code" in qr.get_attribute("alt")
    secret = b.text("#secret-key")
    b.check_axe("setting up an authenticator app")

    b.type_into("Code from the app", "000000")
    b.press("Turn on two-factor sign-in")
    assert b.title().startswith("Error: ")
    assert "That code is not right" in b.text(".govuk-error-summary")
    b.check_axe("setting up, after a wrong code")
    time.sleep(1.2)

    b.type_into("Code from the app", app_code(secret))
    b.press("Turn on two-factor sign-in")
    assert b.path().startswith("/account/two-factor/recovery-codes/")
    codes = b.driver.find_elements("css selector", "#recovery-codes code")
    assert len(codes) == 10
    b.check_axe("the recovery codes")
    b._navigating(b.driver.find_element("link text", "I have kept my codes").click)
    assert b.path() == "/"
    b.sign_out()

    password_step(b, "adam")
    assert b.path().startswith("/sign-in/two-factor/")
    b.check_axe("entering a code at sign-in")
    b.type_into("Code", "111111")
    b.press("Continue")
    assert "That code is not right" in b.text(".govuk-error-summary")
    b.check_axe("entering a code, after a wrong one")
    time.sleep(1.2)  # after a wrong code, the next is checked only after a pause that doubles each time
    b.type_into("Code", app_code(secret, steps_ahead=1))
    b.press("Continue")
    assert b.path() == "/", b.text()[:300]
    b.go("/account/")
    assert "9 recovery codes left" not in b.text() and "10 recovery codes left" in b.text()
    b.check_axe("your account")


@pytest.fixture
def provider(live_server, settings):
    started = Provider("whats-strong", "browser-secret", live_server.url + "/sign-in/sso/callback/").start()
    endpoints = started.endpoints()
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "your council account"
    settings.OIDC_ISSUER = endpoints["issuer"]
    settings.OIDC_RP_CLIENT_ID = "whats-strong"
    settings.OIDC_RP_CLIENT_SECRET = "browser-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = endpoints["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = endpoints["token_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = endpoints["jwks_uri"]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "whatsstrong.core.oidc.StaffOIDCBackend"]
    yield started
    started.stop()


def test_single_sign_on_through_a_real_provider_and_a_refusal_for_someone_not_linked(browser, staff, provider):
    b = browser
    alice = staff["alice"]
    alice.oidc_subject = "council-subject-alice"
    alice.save()

    b.go("/sign-in/")
    b.check_axe("the sign-in page with single sign-on")
    provider.signing_in_as = "council-subject-alice"
    b.click_link("Sign in with your council account")
    assert b.path() == "/", b.text()[:300]
    assert "Sign out Alice Test" in b.text("body")
    b.sign_out()

    provider.signing_in_as = "council-subject-nobody-linked"
    b.click_link("Sign in with your council account")
    assert b.title().startswith("Your account is not set up here yet")
    assert "council-subject-nobody-linked" in b.text()
    b.check_axe("single sign-on refused for someone not linked")
