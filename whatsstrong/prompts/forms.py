from django import forms

from whatsstrong.core.forms import GovukForm

MAX_QUERY = 100


class PromptSearchForm(GovukForm):
    q = forms.CharField(
        label="Search question prompts",
        max_length=MAX_QUERY,
        required=False,
        help_text="Any words, for example 'family', 'scale' or 'exceptions'.",
        error_messages={"max_length": f"Enter {MAX_QUERY} characters or fewer"},
    )
