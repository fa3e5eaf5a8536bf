"""Governance forms, in the GOV.UK style. The rules behind them are in rules.py."""

import datetime

from django import forms

from whatsstrong.core.forms import GovukDateField, GovukForm

from . import rules


class HoldForm(GovukForm):
    reason = forms.CharField(
        label="Why must this record be kept?",
        help_text="For example: a claim against the council, an inquiry, a complaint to the ombudsman. "
        "The reason is kept with the hold and in the access log.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.REASON_LENGTH,
        error_messages={
            "required": "Enter why the record must be kept",
            "max_length": f"Keep it to {rules.REASON_LENGTH} characters or fewer",
        },
    )

    def clean_reason(self):
        problem = rules.reason_problem(self.cleaned_data["reason"], "why the record must be kept")
        if problem:
            raise forms.ValidationError(problem)
        return self.cleaned_data["reason"].strip()


class LiftForm(GovukForm):
    reason = forms.CharField(
        label="Why is the hold being lifted?",
        help_text="For example: the claim is settled. The reason is kept with the hold and in the access log.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=rules.REASON_LENGTH,
        error_messages={
            "required": "Enter why the hold is being lifted",
            "max_length": f"Keep it to {rules.REASON_LENGTH} characters or fewer",
        },
    )

    def clean_reason(self):
        problem = rules.reason_problem(self.cleaned_data["reason"], "why the hold is being lifted")
        if problem:
            raise forms.ValidationError(problem)
        return self.cleaned_data["reason"].strip()


class SubjectAccessForm(GovukForm):
    withhold = forms.TypedMultipleChoiceField(
        label="Which people in their network should be withheld?",
        help_text='Their names are replaced by "someone" everywhere in the export, and their contact details '
        "left out. People marked as never released are withheld whatever you choose.",
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose people from this person's network only"},
    )
    other_names = forms.CharField(
        label="Other people's names to withhold (optional)",
        help_text="One name a line, as written in the record. For example someone named in a case note.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "Keep the names to 5000 characters or fewer"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withhold"].choices = [
            (m.pk, f"{m.name} ({m.relationship})" + (": never released" if forced else "")) for m, forced in members
        ]


class AccessLogForm(GovukForm):
    since = GovukDateField(
        label="From",
        help_text="Entries from the start of this day (UTC) onward. For example 1 12 2026.",
        past=True,
        error_messages={"required": "Enter the date to start from"},
    )

    def since_moment(self):
        day = self.cleaned_data["since"]
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
