"""The forms of the progress pages: a scaling score for an outcome, and the stage of change.

The score is typed as text, not a number field, so that whatever was typed ("0", "11", "seven")
comes back in the box with a sentence saying what to type instead."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import rules
from .models import ChangeStage

MAX_TEXT = 20000
WHOLE_NUMBER = "Enter the score as a whole number from 1 to 10, like 7"
TOO_LONG = f"Keep this under {MAX_TEXT:,} characters"
QUOTE_HINT = "Optional. Put the words they said in quotation marks, so they are shown as theirs."


def _long_text(label, help_text):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={**LONG_TEXT, "rows": 4}),
        validators=[MaxLengthValidator(MAX_TEXT)],
        error_messages={"max_length": TOO_LONG},
    )


def _day(label):
    return GovukDateField(
        label=label,
        past=True,
        initial=datetime.date.today,
        help_text="For example, 3 11 2025",
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class ScoreForm(GovukForm):
    long_fields = ("said",)
    score = forms.CharField(
        label="Where are they now, on a scale of 1 to 10?",
        help_text="10 is how they want it to be; 1 is the furthest from it.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={"required": rules.SCORE_RANGE},
    )
    scored_on = _day("Date of the score")
    said = _long_text("What they said about it", QUOTE_HINT)

    def __init__(self, data=None, *, initial=None, instance=None):
        # `instance` is what the shared edit page passes; a score is only ever added here.
        super().__init__(data, initial=initial)

    def clean_score(self):
        text = self.cleaned_data["score"].strip()
        if not text.isdigit():
            raise forms.ValidationError(WHOLE_NUMBER)
        if problem := rules.scaling_score_problem(int(text)):
            raise forms.ValidationError(problem)
        return int(text)


class StageForm(GovukForm):
    long_fields = ("note",)
    stage = forms.ChoiceField(
        label="Where are they now?",
        choices=ChangeStage.Stage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the stage that fits best",
            "invalid_choice": "Choose a stage from the list",
        },
    )
    noted_on = _day("Date you noticed it")
    note = _long_text("What they said, or what you noticed", QUOTE_HINT)

    def __init__(self, data=None, *, initial=None, instance=None):
        super().__init__(data, initial=initial)
