"""Single sign-on with OpenID Connect (mozilla-django-oidc): the backend that matches staff, and the pages.

The flow is the authorisation code flow with PKCE: `start` sends the browser to the identity provider
with a fresh state and nonce kept in the session; the provider sends it back to `callback` with a
code; the backend exchanges the code for an ID token at the provider's token endpoint, checks the
token's signature against the provider's published keys, its issuer, audience, expiry and nonce, and
signs in the one member of staff whose `oidc_subject` is the token's subject.

Nobody is created by signing in. Someone the provider knows but the product does not is refused with
a page that says so and gives the reference an administrator needs to link their account; their role
and team are set here, in the product, never taken from the provider.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect, render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import staff_with_team
from .models import User

log = logging.getLogger(__name__)
CLOCK_LEEWAY_SECONDS = 60


class SignInRefused(Exception):
    """Single sign-on did not end with someone signed in; `kind` picks the words on the page."""

    def __init__(self, kind: str, detail: str = "", subject: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail, self.subject = kind, detail, subject


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        """The ID token is whole: signed by the provider's published key, for us, from our provider,
        not expired, and answering the nonce this sign-in started with."""
        try:
            key = self.retrieve_matching_jwk(token)
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise SignInRefused("expired", str(error)) from error
        except (jwt.InvalidTokenError, SuspiciousOperation, ValueError) as error:
            raise SignInRefused("invalid", str(error)) from error
        if payload.get("nonce") != kwargs.get("nonce"):
            raise SignInRefused("invalid", "the nonce does not match this sign-in")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        """The member of staff whose subject is the ID token's; never a new account."""
        subject = str(payload.get("sub") or "")
        user = User.objects.filter(oidc_subject=subject).first() if subject else None
        if user is None:
            raise SignInRefused("unknown", "no member of staff has this subject", subject=subject)
        if not self.user_can_authenticate(user):
            raise SignInRefused("switched_off", "this account is switched off", subject=subject)
        return user

    def get_user(self, user_id):
        """As the password backend: the member of staff with their team, active accounts only."""
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = staff_with_team(user_id) if 0 < user_id < 2**63 else None
        return user if user is not None and self.user_can_authenticate(user) else None


def start(request):
    if not settings.OIDC_ENABLED:  # not set up here: the sign-in page offers what there is
        return redirect("login")
    return OIDCAuthenticationRequestView.as_view()(request)


REFUSALS = {
    "unknown": (403, "Your account is not set up here yet"),
    "switched_off": (403, "Your account is switched off"),
    "expired": (400, "Signing in took too long"),
    "invalid": (400, "Signing in did not work"),
    "state": (400, "Signing in did not work"),
    "unavailable": (502, "Your organisation's sign-in did not answer"),
    "cancelled": (400, "Signing in did not finish"),
}


def refused(request, refusal: SignInRefused):
    status, heading = REFUSALS[refusal.kind]
    log.warning("Single sign-on refused (%s): %s; subject %r", refusal.kind, refusal.detail, refusal.subject)
    return render(
        request,
        "registration/sign_in_refused.html",
        {"kind": refusal.kind, "heading": heading, "subject": refusal.subject},
        status=status,
    )


class Callback(OIDCAuthenticationCallbackView):
    """mozilla-django-oidc's callback, with every way it can fail answered by a page that says what
    happened and what to do, instead of a bare error."""

    def get(self, request):
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return refused(request, refusal)
        except SuspiciousOperation as error:  # a state this browser did not start
            return refused(request, SignInRefused("state", str(error)))
        except requests.RequestException as error:
            return refused(request, SignInRefused("unavailable", str(error)))

    def login_failure(self):
        kind = "cancelled" if "error" in self.request.GET else "state"
        return refused(self.request, SignInRefused(kind, self.request.GET.get("error", "no sign-in under way")))


def callback(request):
    if not settings.OIDC_ENABLED:
        return redirect("login")
    return Callback.as_view()(request)
