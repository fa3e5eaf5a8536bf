import datetime

from django import forms

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukModelForm, VersionedForm

from .models import Addendum, CaseNote


class CaseNoteForm(VersionedForm):
    long_fields = ("text",)
    happened_on = GovukDateField(
        label="Date", past=True, initial=datetime.date.today, help_text="For example, 3 11 2026"
    )

    class Meta:
        model = CaseNote
        fields = ["happened_on", "kind", "present", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={**LONG_TEXT, "rows": 8})}
        help_texts = {
            "text": "What was talked about, in plain words the person could read. "
            "Put their own words in quotation marks.",
            "present": "For example: Peggy, her daughter Grace",
        }
        error_messages = {"text": {"required": "Enter the note"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].error_messages["required"] = "Enter the date"
        self.fields["happened_on"].required = True


class AddendumForm(GovukModelForm):
    long_fields = ("text",)

    class Meta:
        model = Addendum
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={**LONG_TEXT, "rows": 6})}
        help_texts = {
            "text": "It is shown under the note with your name and today's date. "
            "The note itself stays as it was written."
        }
        error_messages = {"text": {"required": "Enter what you are adding to the note"}}
