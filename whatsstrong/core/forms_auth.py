from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from .forms import GovukBoundField, GovukForm


class SignInForm(AuthenticationForm):
    bound_field_class = GovukBoundField
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class TwoFactorCodeForm(GovukForm):
    """The code at sign-in: six digits from the app, or one of the recovery codes."""

    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        max_length=40,
        error_messages={
            "required": "Enter the code from your authenticator app, or a recovery code",
            "max_length": "Enter the 6-digit code, or an 8-character recovery code",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class AppSetupForm(GovukForm):
    code = forms.CharField(
        label="Code from the app",
        help_text="The app shows a new 6-digit code every 30 seconds.",
        max_length=20,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "Enter the 6-digit code from your authenticator app",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class GovukPasswordChangeForm(PasswordChangeForm):
    bound_field_class = GovukBoundField
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not right. Enter it again.",
        "password_mismatch": "The two new passwords are not the same. Enter the same new password twice.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"
        self.fields[
            "new_password1"
        ].help_text = (
            "At least 12 characters. Not a common password, not only numbers, and not like your name or username."
        )
        self.fields["new_password2"].help_text = ""
        for name, words in (
            ("old_password", "Enter your current password"),
            ("new_password1", "Enter a new password"),
            ("new_password2", "Enter the new password again"),
        ):
            self.fields[name].error_messages["required"] = words
