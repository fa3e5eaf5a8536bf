"""Signing in: the page, the lock-out after repeated wrong passwords, and where a sign-in comes from.

django-axes counts wrong passwords for each username from each address (settings.py says why)
and calls `locked_out` and `client_address` from here.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.shortcuts import render

from .forms_auth import SignInForm


def duration_in_words(span):
    """'15 minutes', '1 hour', '1 hour and 30 minutes'."""
    hours, minutes = divmod(round(span.total_seconds() / 60), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if minutes or not hours:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    return " and ".join(parts)


def lockout_terms():
    """The lock-out as the pages state it, from the settings in force."""
    return {
        "lockout_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_wait": duration_in_words(timedelta(hours=settings.AXES_COOLOFF_TIME)),
    }


class SignInView(LoginView):
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **lockout_terms(), **sign_in_choices()}


def sign_in_choices():
    """Which ways in the sign-in page offers: single sign-on when it is set up, and the password form
    unless LOCAL_PASSWORDS is off (then only behind 'single sign-on is not working', for the named
    administrators)."""
    return {
        "single_sign_on": settings.OIDC_ENABLED,
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "local_passwords": settings.LOCAL_PASSWORDS,
        "password_admins": bool(settings.LOCAL_PASSWORD_ADMINS),
    }


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes answers with once a username is locked from this address."""
    return render(request, "registration/locked_out.html", lockout_terms(), status=429)


def client_address(request):
    """The address a request came from, for counting wrong passwords.

    Behind a TLS proxy, each proxy adds the address it was sent the request by to the right of
    X-Forwarded-For. Anything further left came from the client and could be made up, so the
    address TLS_PROXY_COUNT places from the right is the one to trust. Without BEHIND_TLS_PROXY
    the header is ignored: anyone could send it.
    """
    if settings.BEHIND_TLS_PROXY:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= settings.TLS_PROXY_COUNT and _is_address(hops[-settings.TLS_PROXY_COUNT]):
            return hops[-settings.TLS_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
