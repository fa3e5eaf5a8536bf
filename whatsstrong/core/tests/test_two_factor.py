"""Two-factor sign-in: setting up an authenticator app, codes at sign-in, recovery codes, an administrator
resetting a colleague's lost device; and staff changing their own password."""

import base64
import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from whatsstrong.core.models import AccessEvent, Role, User


@pytest.fixture(autouse=True)
def administrators_need_two_factor(settings):
    settings.TWO_FACTOR_ADMINISTRATORS = True  # the production default; the test settings turn it off
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code does not make the next right one wait
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device, steps_ahead=0):
    """What the authenticator app shows (steps_ahead: the next 30 seconds' code, which the device also takes)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def sign_in(client, username="adam", password=PASSWORD):
    response = client.post("/sign-in/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def set_up_app(client):
    """Sign-in has sent someone to set up an app: scan it (read the secret off the page) and confirm it."""
    page = client.get("/account/two-factor/set-up/").content.decode()
    device = TOTPDevice.objects.get(user__username=client.session_user, confirmed=False)
    response = client.post("/account/two-factor/set-up/", {"code": code_for(device), "next": "/"})
    device.refresh_from_db()
    return page, device, response


@pytest.fixture
def admin_client(client, staff):
    client.session_user = "adam"
    return client


def test_an_administrator_signing_in_sets_up_an_app_from_a_server_drawn_qr_code_and_the_secret_as_text(
    admin_client, staff
):
    sign_in(admin_client)
    # Nothing opens until two-factor is set up: not the caseload, not the admin.
    for path in ("/", "/admin/", "/access-log/"):
        response = admin_client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/set-up/"), path

    page, device, response = set_up_app(admin_client)

    qr = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert qr and "<svg" in base64.b64decode(qr.group(1)).decode()
    assert "QR code" in qr.group(2)
    typed = re.search(r'<code id="secret-key">([A-Z2-7 ]+)</code>', page).group(1)
    assert base64.b32decode(typed.replace(" ", "") + "=" * (-len(typed.replace(" ", "")) % 8)) == device.bin_key

    assert device.confirmed
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/recovery-codes/")
    codes_page = admin_client.get(response["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)
    assert len(shown) == 10
    kept = StaticToken.objects.filter(device__user=staff["adam"]).values_list("token", flat=True)
    assert sorted(shown) == sorted(kept)
    # Shown once only.
    assert "<li><code>" not in admin_client.get("/account/two-factor/recovery-codes/").content.decode()
    assert admin_client.get("/access-log/").status_code == 200


def test_a_wrong_code_while_setting_up_keeps_the_app_unconfirmed(admin_client, staff):
    sign_in(admin_client)
    admin_client.get("/account/two-factor/set-up/")
    response = admin_client.post("/account/two-factor/set-up/", {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff["adam"], confirmed=True).exists()
    assert admin_client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_at_the_next_sign_in_the_code_from_the_app_is_asked_for_and_a_wrong_one_refused(admin_client, staff):
    sign_in(admin_client)
    _, device, _ = set_up_app(admin_client)
    admin_client.post("/sign-out/")

    sign_in(admin_client)
    assert admin_client.get("/")["Location"].startswith("/sign-in/two-factor/")
    wrong = admin_client.post("/sign-in/two-factor/", {"code": "123456", "next": "/"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert admin_client.get("/")["Location"].startswith("/sign-in/two-factor/")
    empty = admin_client.post("/sign-in/two-factor/", {"code": ""})
    assert "Enter the code from your authenticator app, or a recovery code" in empty.content.decode()

    right = admin_client.post("/sign-in/two-factor/", {"code": code_for(device, steps_ahead=1), "next": "/"})
    assert right.status_code == 302 and right["Location"] == "/"
    assert admin_client.get("/").status_code == 200


def test_repeated_wrong_codes_make_the_next_attempt_wait(admin_client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    sign_in(admin_client)
    _, device, _ = set_up_app(admin_client)
    admin_client.post("/sign-out/")
    sign_in(admin_client)
    admin_client.post("/sign-in/two-factor/", {"code": "123456"})
    waited = admin_client.post("/sign-in/two-factor/", {"code": code_for(device, steps_ahead=1)})
    assert "Too many wrong codes" in waited.content.decode()
    assert admin_client.get("/")["Location"].startswith("/sign-in/two-factor/")


def test_a_recovery_code_signs_in_once_only(admin_client, staff):
    sign_in(admin_client)
    set_up_app(admin_client)
    codes = list(StaticToken.objects.filter(device__user=staff["adam"]).values_list("token", flat=True))
    admin_client.post("/sign-out/")

    sign_in(admin_client)
    used = admin_client.post("/sign-in/two-factor/", {"code": codes[0].upper()[:4] + " " + codes[0][4:], "next": "/"})
    assert used.status_code == 302 and used["Location"] == "/"
    assert "You have 9 left" in admin_client.get("/").content.decode()
    admin_client.post("/sign-out/")

    sign_in(admin_client)
    again = admin_client.post("/sign-in/two-factor/", {"code": codes[0]})
    assert again.status_code == 200 and "has been used" in again.content.decode()
    assert admin_client.get("/")["Location"].startswith("/sign-in/two-factor/")
    assert admin_client.post("/sign-in/two-factor/", {"code": codes[1], "next": "/"})["Location"] == "/"


def test_new_recovery_codes_replace_the_old_ones(admin_client, staff):
    sign_in(admin_client)
    set_up_app(admin_client)
    old = set(StaticToken.objects.filter(device__user=staff["adam"]).values_list("token", flat=True))
    admin_client.post("/account/two-factor/recovery-codes/")
    new = set(StaticToken.objects.filter(device__user=staff["adam"]).values_list("token", flat=True))
    assert len(new) == 10 and not old & new


def test_other_roles_need_two_factor_only_when_the_setting_asks_it_of_everyone(client, staff, settings):
    sign_in(client, "alice")
    assert client.get("/").status_code == 200
    client.post("/sign-out/")

    settings.TWO_FACTOR_EVERYONE = True
    sign_in(client, "alice")
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_with_two_factor_for_administrators_off_they_sign_in_with_a_password_alone(client, staff, settings):
    settings.TWO_FACTOR_ADMINISTRATORS = False
    sign_in(client, "adam")
    assert client.get("/access-log/").status_code == 200


# --- A lost device ----------------------------------------------------------------------------------


@pytest.fixture
def second_admin(db):
    other = User(username="ada", first_name="Ada", last_name="Test", role=Role.ADMINISTRATOR, is_staff=True)
    other.set_password(PASSWORD)
    other.save()
    return other


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    from whatsstrong.core import two_factor

    two_factor.new_recovery_codes(user)
    return device


def test_a_second_administrator_resets_a_lost_device_and_the_reset_is_in_the_access_log(client, staff, second_admin):
    adam = staff["adam"]
    enrolled(adam)
    ada_device = enrolled(second_admin)
    client.session_user = "ada"
    sign_in(client, "ada")
    client.post("/sign-in/two-factor/", {"code": code_for(ada_device)})

    listing = client.get("/staff/two-factor/").content.decode()
    assert f'href="/staff/{adam.pk}/two-factor/reset/"' in listing
    assert f'href="/staff/{second_admin.pk}/two-factor/reset/"' not in listing  # not one's own
    response = client.post(f"/staff/{adam.pk}/two-factor/reset/")

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=adam).exists()
    assert not StaticToken.objects.filter(device__user=adam).exists()
    logged = AccessEvent.objects.get(action=AccessEvent.Action.RESET_TWO_FACTOR)
    assert (logged.user, logged.content_type, logged.object_id) == (
        second_admin,
        ContentType.objects.get_for_model(User),
        adam.pk,
    )
    assert "Reset a colleague" in client.get("/access-log/").content.decode()

    # Adam signs in with his password and is asked to set up a new app.
    client.post("/sign-out/")
    sign_in(client, "adam")
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_an_administrator_cannot_reset_their_own_two_factor(client, staff, second_admin):
    device = enrolled(second_admin)
    sign_in(client, "ada")
    client.post("/sign-in/two-factor/", {"code": code_for(device)})

    response = client.post(f"/staff/{second_admin.pk}/two-factor/reset/")

    assert response.status_code == 403
    assert "Another administrator resets your own two-factor" in response.content.decode()
    assert TOTPDevice.objects.filter(user=second_admin).exists()
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.RESET_TWO_FACTOR).exists()


def test_only_administrators_reset_two_factor(client, staff):
    enrolled(staff["adam"])
    client.force_login(staff["carol"], backend="whatsstrong.core.backends.StaffBackend")
    assert client.get("/staff/two-factor/").status_code == 403
    assert client.post(f"/staff/{staff['adam'].pk}/two-factor/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff["adam"]).exists()


# --- Changing your own password -----------------------------------------------------------------------


def test_staff_change_their_own_password_and_bad_input_is_explained(client, staff):
    sign_in(client, "alice")
    assert 'href="/account/password/"' in client.get("/account/").content.decode()
    new = "a-much-longer-passphrase-7"

    cases = [
        ({"old_password": "wrong", "new_password1": new, "new_password2": new}, "Your current password is not right"),
        ({"old_password": PASSWORD, "new_password1": new, "new_password2": new + "x"}, "not the same"),
        ({"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}, "at least 12 characters"),
        ({"old_password": "", "new_password1": "", "new_password2": ""}, "Enter your current password"),
    ]
    for data, error in cases:
        response = client.post("/account/password/", data)
        page = response.content.decode()
        assert response.status_code == 200 and error in page, error
        assert "There is a problem" in page

    changed = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert changed.status_code == 302 and changed["Location"] == "/account/password/changed/"
    assert client.get("/").status_code == 200  # still signed in
    client.post("/sign-out/")
    assert client.post("/sign-in/", {"username": "alice", "password": PASSWORD}).status_code == 200
    sign_in(client, "alice", new)
    assert client.session[SESSION_KEY] == str(staff["alice"].pk)


def test_staff_signed_in_through_single_sign_on_change_their_password_with_their_organisation(client, staff, settings):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "whatsstrong.core.oidc.StaffOIDCBackend"]
    client.force_login(staff["alice"], backend="whatsstrong.core.oidc.StaffOIDCBackend")
    assert client.get("/account/password/").status_code == 403
    assert "changed there" in client.get("/account/").content.decode()


def test_giving_the_code_starts_a_new_session_key(admin_client, staff):
    sign_in(admin_client)
    _, device, _ = set_up_app(admin_client)
    admin_client.post("/sign-out/")
    sign_in(admin_client)
    before = admin_client.session.session_key
    admin_client.post("/sign-in/two-factor/", {"code": code_for(device, steps_ahead=1)})
    assert admin_client.session.session_key != before
    assert admin_client.get("/").status_code == 200
