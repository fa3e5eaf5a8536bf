import datetime

from django import forms

from whatsstrong.core.forms import GovukDateField
from whatsstrong.people.forms import LONG_TEXT, VersionedForm

from .models import CaseNote


class CaseNoteForm(VersionedForm):
    long_fields = ("text",)
    happened_on = GovukDateField(label="Date", past=True, initial=datetime.date.today, help_text="For example, 3 11 2026")

    class Meta:
        model = CaseNote
        fields = ["happened_on", "kind", "present", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={**LONG_TEXT, "rows": 8})}
        help_texts = {"text": "What was talked about, in plain words the person could read. Put their own words in quotation marks.",
                      "present": "For example: Peggy, her daughter Grace"}
        error_messages = {"text": {"required": "Enter the note"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].error_messages["required"] = "Enter the date"
        self.fields["happened_on"].required = True
