"""Single sign-on against a real OpenID Connect provider started here (oidc_provider.py: Authlib on Flask,
over HTTP on a free port). The product's side is the test client; the provider's redirects are followed
over HTTP, and the product calls the provider's token and key endpoints itself, as in production."""

from io import StringIO
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command

from tests.html_checks import assert_accessible_html
from whatsstrong.core.models import User

from .oidc_provider import Provider

CALLBACK = "http://testserver/sign-in/sso/callback/"
OIDC_BACKEND = "whatsstrong.core.oidc.StaffOIDCBackend"


@pytest.fixture(scope="session")
def provider():
    started = Provider("whats-strong", "client-secret-for-tests", CALLBACK).start()
    yield started
    started.stop()


@pytest.fixture
def sso(provider, settings):
    """Single sign-on switched on and pointed at the local provider."""
    provider.reset()
    endpoints = provider.endpoints()
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = endpoints["issuer"]
    settings.OIDC_RP_CLIENT_ID = "whats-strong"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret-for-tests"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = endpoints["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = endpoints["token_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = endpoints["jwks_uri"]
    settings.OIDC_OP_USER_ENDPOINT = endpoints["userinfo_endpoint"]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    return provider


def link(user, subject):
    user.oidc_subject = subject
    user.save()
    return user


def to_provider(client):
    """Press the sign-in button: the product sends the browser to the provider."""
    response = client.get("/sign-in/sso/")
    assert response.status_code == 302
    assert response["Location"].startswith(client.provider.url("/authorize?")), response["Location"]
    return response["Location"]


def back_from_provider(location):
    """The provider approves at once and sends the browser back to the product with a code."""
    response = requests.get(location, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    back = response.headers["Location"]
    assert back.startswith(CALLBACK + "?"), back
    return back.removeprefix("http://testserver")


@pytest.fixture
def browser_client(client, sso):
    client.provider = sso
    return client


def sign_in_through_provider(client):
    return client.get(back_from_provider(to_provider(client)))


def signed_in_as(client):
    return client.session.get(SESSION_KEY)


def test_the_full_redirect_flow_signs_in_the_member_of_staff_linked_to_the_subject(browser_client, sso, staff):
    alice = link(staff["alice"], "entra-subject-alice")
    sso.signing_in_as = "entra-subject-alice"

    page = browser_client.get("/sign-in/").content.decode()
    assert "Sign in with your organisation" in page and 'href="/sign-in/sso/"' in page

    location = to_provider(browser_client)
    asked = parse_qs(urlparse(location).query)
    assert asked["client_id"] == ["whats-strong"] and asked["redirect_uri"] == [CALLBACK]
    assert asked["scope"] == ["openid"] and asked["state"] and asked["nonce"] and asked["code_challenge"]

    response = browser_client.get(back_from_provider(location))
    assert response.status_code == 302 and response["Location"] == "/"
    assert sso.token_requests == 1  # the product fetched the ID token from the provider itself
    assert signed_in_as(browser_client) == str(alice.pk)
    home = browser_client.get("/")
    assert home.status_code == 200 and "Sign out Alice Test" in home.content.decode()
    # Role and team are the product's: single sign-on changed neither.
    alice.refresh_from_db()
    assert (alice.role, alice.team.name) == ("practitioner", "North Locality")


def test_the_page_asked_for_before_signing_in_is_where_single_sign_on_ends(browser_client, sso, staff):
    link(staff["carol"], "subject-carol")
    sso.signing_in_as = "subject-carol"
    response = browser_client.get("/sign-in/sso/?" + urlencode({"next": "/access-log/"}))
    back = back_from_provider(response["Location"])
    assert browser_client.get(back)["Location"] == "/access-log/"


def test_administrators_signed_in_through_single_sign_on_are_not_asked_for_a_second_local_factor(
    browser_client, sso, staff, settings
):
    settings.TWO_FACTOR_ADMINISTRATORS = True
    link(staff["adam"], "subject-adam")
    sso.signing_in_as = "subject-adam"
    assert sign_in_through_provider(browser_client)["Location"] == "/"
    assert browser_client.get("/access-log/").status_code == 200


def test_a_state_this_browser_did_not_start_is_refused(browser_client, sso, staff):
    link(staff["alice"], "entra-subject-alice")
    sso.signing_in_as = "entra-subject-alice"
    back = back_from_provider(to_provider(browser_client))
    query = parse_qs(urlparse(back).query)
    forged = "/sign-in/sso/callback/?" + urlencode({"code": query["code"][0], "state": "not-the-state-we-sent"})

    response = browser_client.get(forged)

    assert response.status_code == 400
    assert "Signing in did not work" in response.content.decode()
    assert sso.token_requests == 0  # refused before the code was ever exchanged
    assert signed_in_as(browser_client) is None


def test_a_callback_with_no_sign_in_under_way_is_refused(client, sso, db):
    response = client.get("/sign-in/sso/callback/?code=abc&state=xyz")
    assert response.status_code == 400 and "Signing in did not work" in response.content.decode()
    assert signed_in_as(client) is None


def test_an_id_token_signed_with_another_key_is_refused(browser_client, sso, staff):
    link(staff["alice"], "entra-subject-alice")
    sso.signing_in_as = "entra-subject-alice"
    sso.sign_with_other_key = True  # same key id as the published key, different key

    response = sign_in_through_provider(browser_client)

    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert_accessible_html(response.content.decode(), errors_expected=False)
    assert sso.token_requests == 1
    assert signed_in_as(browser_client) is None
    assert browser_client.get("/")["Location"].startswith("/sign-in/")


def test_an_expired_id_token_is_refused(browser_client, sso, staff):
    link(staff["alice"], "entra-subject-alice")
    sso.signing_in_as = "entra-subject-alice"
    sso.token_lifetime = -600  # expired ten minutes ago: beyond the minute allowed for clocks

    response = sign_in_through_provider(browser_client)

    assert response.status_code == 400
    assert "Signing in took too long" in response.content.decode()
    assert signed_in_as(browser_client) is None


def test_an_unknown_subject_is_refused_with_a_reference_and_no_account_is_made(browser_client, sso, staff):
    before = User.objects.count()
    sso.signing_in_as = "someone-nobody-linked"

    response = sign_in_through_provider(browser_client)

    page = response.content.decode()
    assert response.status_code == 403
    assert "Your account is not set up here yet" in page
    assert "no account has been made for you" in page
    assert "someone-nobody-linked" in page  # the reference an administrator links
    assert_accessible_html(page, errors_expected=False)
    assert User.objects.count() == before
    assert signed_in_as(browser_client) is None


def test_a_switched_off_account_is_refused(browser_client, sso, staff):
    alice = link(staff["alice"], "entra-subject-alice")
    alice.is_active = False
    alice.save()
    sso.signing_in_as = "entra-subject-alice"
    response = sign_in_through_provider(browser_client)
    assert response.status_code == 403 and "switched off" in response.content.decode()
    assert signed_in_as(browser_client) is None


def test_without_single_sign_on_set_up_there_is_no_button_and_no_way_in(client, db):
    assert "Sign in with" not in client.get("/sign-in/").content.decode()
    for path in ("/sign-in/sso/", "/sign-in/sso/callback/?code=a&state=b"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/sign-in/", path
        assert signed_in_as(client) is None


# --- Local passwords switched off -------------------------------------------------------------------


def test_with_local_passwords_off_the_page_offers_only_single_sign_on_and_passwords_are_refused(
    client, sso, staff, settings
):
    from conftest import PASSWORD

    settings.LOCAL_PASSWORDS = False
    page = client.get("/sign-in/").content.decode()
    assert 'href="/sign-in/sso/"' in page and 'name="password"' not in page

    for path in ("/sign-in/", "/admin/login/"):
        response = client.post(path, {"username": "adam", "password": PASSWORD})
        assert response.status_code == 200 and signed_in_as(client) is None, path


def test_named_administrators_keep_a_password_way_in_that_always_needs_two_factor(client, sso, staff, settings):
    from conftest import PASSWORD

    settings.LOCAL_PASSWORDS = False
    settings.LOCAL_PASSWORD_ADMINS = ["adam", "alice"]
    assert 'name="password"' in client.get("/sign-in/").content.decode()  # behind "not working"

    refused = client.post("/sign-in/", {"username": "alice", "password": PASSWORD})
    assert refused.status_code == 200 and signed_in_as(client) is None  # named, but not an administrator

    response = client.post("/sign-in/", {"username": "adam", "password": PASSWORD})
    assert response.status_code == 302 and signed_in_as(client) == str(staff["adam"].pk)
    # TWO_FACTOR_ADMINISTRATORS is off in the test settings; this way in needs it regardless.
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


# --- Linking and discovery --------------------------------------------------------------------------


def test_link_sign_in_links_and_unlinks_and_refuses_a_subject_already_taken(staff):
    out = StringIO()
    call_command("link_sign_in", "alice", "subject-1", stdout=out)
    assert User.objects.get(username="alice").oidc_subject == "subject-1"
    with pytest.raises(CommandError, match="already linked to alice"):
        call_command("link_sign_in", "bob", "subject-1")
    with pytest.raises(CommandError, match="No member of staff"):
        call_command("link_sign_in", "nobody", "subject-2")
    call_command("link_sign_in", "alice", "--unlink", stdout=out)
    assert User.objects.get(username="alice").oidc_subject is None


def test_oidc_discover_prints_the_settings_from_the_providers_discovery_document(provider):
    out = StringIO()
    call_command("oidc_discover", provider.issuer, stdout=out)
    lines = out.getvalue().splitlines()
    assert f"OIDC_ISSUER={provider.issuer}" in lines
    assert f"OIDC_TOKEN_ENDPOINT={provider.url('/token')}" in lines
    assert f"OIDC_JWKS_ENDPOINT={provider.url('/jwks')}" in lines
    with pytest.raises(CommandError, match="Could not read the discovery document"):
        call_command("oidc_discover", provider.url("/nothing-here"))
