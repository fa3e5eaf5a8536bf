from django.contrib.auth.forms import AuthenticationForm

from .forms import GovukBoundField


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
