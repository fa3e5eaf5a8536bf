"""Your account: two-factor set-up and use at sign-in, recovery codes, changing your password; and the
administrators' page for resetting a colleague's lost two-factor device."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeDoneView, PasswordChangeView
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access, two_factor
from .forms_auth import AppSetupForm, GovukPasswordChangeForm, TwoFactorCodeForm
from .models import User

NEW_CODES_KEY = "two_factor_new_codes"


def _next(request, default="home"):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse(default)


def _single_sign_on(request):
    return two_factor.signed_in_with_single_sign_on(request.session.get(BACKEND_SESSION_KEY))


def password_changeable(request):
    user = request.user
    if _single_sign_on(request) or not user.has_usable_password():
        return False
    return settings.LOCAL_PASSWORDS or user.username in settings.LOCAL_PASSWORD_ADMINS


@login_required
def account(request):
    user = request.user
    return render(
        request,
        "core/account.html",
        {
            "single_sign_on": _single_sign_on(request),
            "has_app": two_factor.has_app(user),
            "required": two_factor.required_by_role(user, request.session.get(BACKEND_SESSION_KEY)),
            "codes_left": two_factor.recovery_codes_left(user),
            "password_changeable": password_changeable(request),
        },
    )


@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request.user
    if user.is_verified() or not request.session.get(two_factor.SESSION_KEY):
        return redirect(_next(request))
    if not two_factor.has_app(user):
        return redirect(f"{reverse('core:two_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.check_code(request, form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: make new ones from your account page.",
                )
            return redirect(_next(request))
    return render(request, "core/two_factor_verify.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the secret), then give the first code."""
    user = request.user
    if two_factor.has_app(user) and not user.is_verified():
        # Replacing an app needs the old one first; a lost one is reset by an administrator.
        return redirect(f"{reverse('core:two_factor_verify')}?{urlencode({'next': _next(request)})}")
    device = two_factor.pending_app(user)
    form = AppSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_app(request, device, form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            form.add_error("code", str(refused))
        else:
            request.session[NEW_CODES_KEY] = codes
            return redirect(f"{reverse('core:two_factor_recovery_codes')}?{urlencode({'next': _next(request)})}")
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_as_text(device),
            "replacing": two_factor.has_app(user),
            "next": _next(request),
        },
    )


@login_required
def recovery_codes(request):
    """New recovery codes are shown once, straight after they are made."""
    user = request.user
    if request.method == "POST":
        if not two_factor.has_app(user):
            raise PermissionDenied("Set up an authenticator app first: recovery codes go with it.")
        request.session[NEW_CODES_KEY] = two_factor.new_recovery_codes(user)
        return redirect("core:two_factor_recovery_codes")
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(
        request,
        "core/two_factor_recovery_codes.html",
        {
            "codes": codes,
            "codes_left": two_factor.recovery_codes_left(user),
            "has_app": two_factor.has_app(user),
            "next": _next(request, "core:account"),
        },
    )


@method_decorator(login_required, name="dispatch")
class PasswordChange(PasswordChangeView):
    form_class = GovukPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("core:password_change_done")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not password_changeable(request):
            raise PermissionDenied(
                "You sign in through your organisation's account, so your password is changed there, not here."
            )
        return super().dispatch(request, *args, **kwargs)


class PasswordChangeDone(PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


@login_required
def staff_two_factor(request):
    """Administrators: who has two-factor set up, and resetting a colleague's lost device."""
    if not access.can_see_staff_two_factor(request.user):
        raise PermissionDenied("Two-factor for staff is managed by administrators.")
    staff = User.objects.filter(is_active=True).select_related("team").order_by("last_name", "first_name", "username")
    with_app = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    return render(request, "core/staff_two_factor.html", {"staff": staff, "with_app": with_app})


@login_required
def reset_two_factor(request, pk):
    member = get_object_or_404(User, pk=pk)
    if not access.can_reset_two_factor(request.user, member):
        raise PermissionDenied(
            "Another administrator resets your own two-factor."
            if member.pk == request.user.pk
            else "Two-factor is reset by administrators."
        )
    if request.method == "POST":
        two_factor.reset(actor=request.user, member=member, path=request.path)
        messages.success(
            request, f"Two-factor reset for {member.display_name}. They set up a new app when they next sign in."
        )
        return redirect("core:staff_two_factor")
    return render(request, "core/reset_two_factor.html", {"member": member, "has_app": two_factor.has_app(member)})
