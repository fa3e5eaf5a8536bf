"""Your account, two-factor and password pages for tests/test_every_page_html.py: each page as it opens,
each form after a bad submission, and the administrators' reset pages, allowed and refused. The single
sign-on routes answer with redirects or the refusal page, which whatsstrong/core/tests/test_single_sign_on.py
checks against a real provider (and the HTML checks there)."""

from django.urls import reverse


def enrolled(client, w):
    """Adam has an authenticator app and recovery codes, and this session still needs his code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from whatsstrong.core import two_factor

    adam = w.staff["adam"]
    TOTPDevice.objects.get_or_create(user=adam, confirmed=True, defaults={"name": "Authenticator app"})
    two_factor.new_recovery_codes(adam)
    session = client.session
    session[two_factor.SESSION_KEY] = True
    session.save()


def with_app(client, w):
    """Adam has set up an app and given his code this session (the page to make new recovery codes)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from whatsstrong.core import two_factor

    TOTPDevice.objects.get_or_create(user=w.staff["adam"], confirmed=True, defaults={"name": "Authenticator app"})
    two_factor.new_recovery_codes(w.staff["adam"])


def alice_has_an_app(client, w):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(user=w.staff["alice"], confirmed=True, defaults={"name": "Authenticator app"})


def to(name, who=None):
    def build(w):
        return reverse(name, args=[w.staff[who].pk] if who else [])

    return build


def visits(Visit):
    new = "a-much-longer-passphrase-7"
    return [
        Visit("account", "core:account", "alice", to("core:account"), shows="Change your password"),
        Visit("account-admin", "core:account", "adam", to("core:account"), shows="Two-factor for staff"),
        Visit("two-factor-set-up", "core:two_factor_setup", "adam", to("core:two_factor_setup"), shows="QR code"),
        Visit(
            "two-factor-set-up-empty",
            "core:two_factor_setup",
            "adam",
            to("core:two_factor_setup"),
            post=lambda w: {"code": ""},
            errors=True,
        ),
        Visit(
            "two-factor-set-up-wrong",
            "core:two_factor_setup",
            "adam",
            to("core:two_factor_setup"),
            post=lambda w: {"code": "000000"},
            errors=True,
        ),
        Visit(
            "two-factor-code",
            "core:two_factor_verify",
            "adam",
            to("core:two_factor_verify"),
            before=enrolled,
            shows="Enter your code",
        ),
        Visit(
            "two-factor-code-empty",
            "core:two_factor_verify",
            "adam",
            to("core:two_factor_verify"),
            before=enrolled,
            post=lambda w: {"code": ""},
            errors=True,
        ),
        Visit(
            "two-factor-code-wrong",
            "core:two_factor_verify",
            "adam",
            to("core:two_factor_verify"),
            before=enrolled,
            post=lambda w: {"code": "not-a-code"},
            errors=True,
        ),
        Visit(
            "recovery-codes",
            "core:two_factor_recovery_codes",
            "adam",
            to("core:two_factor_recovery_codes"),
            before=with_app,
            shows="recovery codes left",
        ),
        Visit(
            "recovery-codes-new",
            "core:two_factor_recovery_codes",
            "adam",
            to("core:two_factor_recovery_codes"),
            before=with_app,
            post=lambda w: {},
            follow=True,
            shows="Keep your recovery codes",
        ),
        Visit("password-change", "core:password_change", "alice", to("core:password_change"), shows="New password"),
        Visit(
            "password-change-errors",
            "core:password_change",
            "alice",
            to("core:password_change"),
            post=lambda w: {"old_password": "wrong", "new_password1": new, "new_password2": new + "x"},
            errors=True,
        ),
        Visit(
            "password-changed",
            "core:password_change_done",
            "alice",
            to("core:password_change_done"),
            shows="Your password has been changed",
        ),
        Visit(
            "staff-two-factor",
            "core:staff_two_factor",
            "adam",
            to("core:staff_two_factor"),
            before=alice_has_an_app,
            shows="Reset<span",
        ),
        Visit("staff-two-factor-403", "core:staff_two_factor", "carol", to("core:staff_two_factor"), status=403),
        Visit(
            "two-factor-reset",
            "core:two_factor_reset",
            "adam",
            to("core:two_factor_reset", "alice"),
            before=alice_has_an_app,
            shows="Reset two-factor for Alice Test",
        ),
        Visit(
            "two-factor-reset-own-403",
            "core:two_factor_reset",
            "adam",
            to("core:two_factor_reset", "adam"),
            status=403,
            shows="Another administrator resets your own two-factor",
        ),
    ]


def excluded():
    return {
        "core:oidc_start": (
            "Sends the browser to the identity provider (404 without single sign-on set up); "
            "whatsstrong/core/tests/test_single_sign_on.py follows it against a real provider.",
            lambda w: reverse("core:oidc_start"),
        ),
        "core:oidc_callback": (
            "Where the identity provider sends the browser back: it signs in and redirects, or shows the refusal "
            "page, whose HTML whatsstrong/core/tests/test_single_sign_on.py checks (404 without single sign-on).",
            lambda w: reverse("core:oidc_callback"),
        ),
    }
