"""Two-factor sign-in for staff who sign in with a password: an authenticator app (TOTP) and recovery codes.

django-otp keeps the devices (a TOTP device for the app, a static device holding single-use recovery
codes) and marks a session verified once a code from one of them is accepted. This module decides who
needs a second factor, sets one up, checks codes, and lets an administrator reset a colleague's lost
device. `TwoFactorMiddleware` sends anyone who needs a second factor and has not given one to set it
up or to enter a code, and lets them reach nothing else.

Who needs it (read once at sign-in and kept in the session, so ordinary pages ask the database nothing):
- nobody who signed in through single sign-on: their organisation's identity provider asks for its own;
- administrators, unless TWO_FACTOR_ADMINISTRATORS is off; everyone when TWO_FACTOR_EVERYONE is on;
- administrators signing in with a password while LOCAL_PASSWORDS is off, always;
- anyone who has set up an authenticator app of their own accord.
"""

from __future__ import annotations

import base64
import math
import re
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access
from .models import AccessEvent, Role

SESSION_KEY = "two_factor_needed"
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
TOTP_CODE = re.compile(r"^\d{6}$")


# --- Who needs it ---------------------------------------------------------------------------------


def signed_in_with_single_sign_on(backend_path: str | None) -> bool:
    return backend_path == settings.OIDC_BACKEND


def required_by_role(user: Any, backend_path: str | None) -> bool:
    """The rule the settings set, before asking whether someone has a device of their own."""
    if signed_in_with_single_sign_on(backend_path):
        return False
    if settings.TWO_FACTOR_EVERYONE:
        return True
    is_admin = user.role == Role.ADMINISTRATOR or user.is_superuser
    if is_admin and not settings.LOCAL_PASSWORDS:
        return True  # the administrators' own way in when single sign-on is down
    return is_admin and settings.TWO_FACTOR_ADMINISTRATORS


def has_app(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needed(user: Any, backend_path: str | None) -> bool:
    if signed_in_with_single_sign_on(backend_path):
        return False
    return required_by_role(user, backend_path) or has_app(user)


@receiver(user_logged_in, dispatch_uid="two_factor_needed_at_sign_in")
def _note_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = needed(user, request.session.get(BACKEND_SESSION_KEY))


class TwoFactorMiddleware:
    """Until someone who needs a second factor has given one, only the pages to do so open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            session = request.session
            if SESSION_KEY not in session:  # a session from before two-factor existed
                session[SESSION_KEY] = needed(user, session.get(BACKEND_SESSION_KEY))
            if session[SESSION_KEY] and not self._open(request.path):
                page = "core:two_factor_verify" if has_app(user) else "core:two_factor_setup"
                return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
            return True
        return path in {reverse("core:two_factor_verify"), reverse("core:two_factor_setup"), reverse("logout")}


def verified(request: Any, device: Any) -> None:
    """This session has given a second factor: a new session key for the stronger sign-in."""
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    request.session.cycle_key()


# --- Setting up an authenticator app --------------------------------------------------------------


def pending_app(user: Any) -> TOTPDevice:
    """The app being set up: one unconfirmed device, kept while the person scans and types."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_as_text(device: TOTPDevice) -> str:
    """The secret as an app takes it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The app's set-up address as a QR code: an SVG drawn here, shown as an image (no other service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=4)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def confirm_app(request: Any, device: TOTPDevice, code: str) -> list[str]:
    """The first code from the app proves it is set up: keep it (replacing any older app), mark this
    session verified, and give a fresh set of recovery codes. CodeRefused if the code is wrong."""
    code = normalise(code)
    refuse_while_throttled(device)
    if not TOTP_CODE.match(code) or not device.verify_token(code):
        raise CodeRefused("That code is not right. Enter the 6-digit code the app shows now.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    verified(request, device)
    return codes


def new_recovery_codes(user: Any) -> list[str]:
    """A new set of single-use recovery codes; any earlier set stops working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Using it at sign-in --------------------------------------------------------------------------


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


class CodeRefused(ValueError):
    """A code that did not work, with what to do about it in plain words."""


def refuse_while_throttled(device: Any) -> None:
    """After a wrong code, django-otp checks the next only after a pause that doubles each time."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        until = (why or {}).get("locked_until")
        seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 1
        wait = f"{seconds} second{'' if seconds == 1 else 's'}"
        raise CodeRefused(f"Too many wrong codes. Wait {wait}, then enter the newest code.")


def check_code(request: Any, code: str) -> Any:
    """Six digits are checked against the app, anything else against the recovery codes (each works
    once). The device that accepted the code, with this session marked verified."""
    user = request.user
    code = normalise(code)
    if TOTP_CODE.match(code):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        kind = "code from your authenticator app"
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        kind = "recovery code"
    if device is None:
        raise CodeRefused(f"You have no {kind.removeprefix('code from ')} set up. Ask an administrator to reset it.")
    refuse_while_throttled(device)
    with transaction.atomic():
        accepted = device.verify_token(code)
    if not accepted:
        if kind == "recovery code":
            raise CodeRefused("That recovery code is not right, or has been used. Each recovery code works once.")
        raise CodeRefused("That code is not right. Enter the 6-digit code your authenticator app shows now.")
    verified(request, device)
    return device


# --- A lost device --------------------------------------------------------------------------------


def reset(*, actor: Any, member: Any, path: str = "") -> None:
    """Remove a colleague's authenticator app and recovery codes, so they set up new ones at their
    next sign-in; logged in the access log. Never one's own: a second administrator does it."""
    if not access.can_reset_two_factor(actor, member):
        raise PermissionDenied("Another administrator resets your two-factor: you cannot reset your own.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=member).delete()
        StaticDevice.objects.filter(user=member).delete()
        AccessEvent.objects.create(
            user=actor,
            content_type=ContentType.objects.get_for_model(member),
            object_id=member.pk,
            action=AccessEvent.Action.RESET_TWO_FACTOR,
            reason=f"Two-factor reset for {member.username}",
            path=path[: access.LOGGED_PATH_LENGTH],
        )
