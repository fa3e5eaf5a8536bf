"""Forms for safeguarding records, with GOV.UK errors in plain words. The services check the same
things again; a refusal there comes back on the page as an error with everything typed kept."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import reference

MAX_TEXT = 20000


def long_text(label, *, required=False, help_text="", required_error="", rows=5):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={**LONG_TEXT, "rows": rows}),
        error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters"},
    )
    field.validators.append(MaxLengthValidator(MAX_TEXT))
    if required_error:
        field.error_messages["required"] = required_error
    return field


def line(label, max_length, *, required=False, help_text="", required_error=""):
    field = forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={"max_length": f"Keep this under {max_length} characters"},
    )
    if required_error:
        field.error_messages["required"] = required_error
    return field


def radios(label, list_name, *, required=False, required_error="", help_text="", choices=None):
    return forms.ChoiceField(
        label=label,
        choices=choices or reference.choices(list_name),
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_error or f"Choose {label.lower()}",
            "invalid_choice": "Choose one from the list",
        },
    )


class ConcernForm(GovukForm):
    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by"] = line(
            "Who raised the concern",
            200,
            required=True,
            help_text=f"Their name and who they are to {name}, for example a neighbour, a home care worker, or {name}",
            required_error="Enter who raised the concern",
        )
        self.fields["raised_on"] = GovukDateField(
            label="Date the concern was raised", past=True, help_text="For example, 27 3 2026"
        )
        self.fields["what_happened"] = long_text(
            "What happened",
            required=True,
            help_text=f"What was seen or told, as the person raising it put it. "
            f"Use {name}'s own words in quotation marks.",
            required_error="Enter what happened",
        )
        self.fields["happened_on"] = GovukDateField(
            label="When it happened", past=True, required=False, help_text="Leave empty if no one knows"
        )
        self.fields["immediate_safety"] = long_text(
            f"{name}'s safety now",
            required=True,
            help_text="Is anyone in danger now? Say what was done straight away, or why nothing was needed.",
            required_error=f"Say what was done about {name}'s safety straight away, or why nothing was needed",
        )


DECISIONS = [
    ("s42", "Yes, a section 42 enquiry"),
    ("other", "Yes, another safeguarding enquiry"),
    ("none", "No enquiry"),
]


class DecisionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = radios(
            "Is an enquiry needed?",
            "enquiry_kind",
            required=True,
            choices=DECISIONS,
            required_error="Choose whether an enquiry is needed",
            help_text=(
                f"A section 42 enquiry is needed when {name} has needs for care and support, is at risk of abuse "
                "or neglect, and because of those needs cannot protect themselves (Care Act 2014, section 42)."
            ),
        )
        self.fields["decision_reasons"] = long_text(
            "Your reasons",
            required=True,
            help_text=f"Say which parts of the duty apply to {name}, and what {name} wants, if you know",
            required_error="Give the reasons for the decision",
        )
        self.fields["decided_on"] = GovukDateField(
            label="Date decided", past=True, required=False, help_text="Leave empty for today"
        )


class EnquiryForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asked"] = radios(
            f"Was {name} asked what they want to happen?",
            "asked",
            help_text="Ask at the start, before anything is decided for them",
        )
        self.fields["capacity"] = radios(
            f"Did {name} lack capacity to take part in decisions about the enquiry?", "capacity"
        )
        self.fields["advocacy"] = radios(
            f"Who supported {name} to take part?",
            "advocacy",
            help_text="If they find it hard to take part and no one suitable can help, they have a right to an "
            "independent advocate (Care Act 2014, section 68)",
        )
        self.fields["advocate_name"] = line("Advocate's name", 120)
        self.fields["abuse_types"] = forms.MultipleChoiceField(
            label="Types of abuse or neglect",
            choices=reference.choices("abuse_type"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Choose every one that applies",
            error_messages={"invalid_choice": "Choose types of abuse or neglect from the list"},
        )
        self.fields["location"] = forms.ChoiceField(
            label="Where the harm happened",
            choices=[("", "Not known yet")] + reference.choices("location"),
            required=False,
            error_messages={"invalid_choice": "Choose where the harm happened from the list"},
        )
        self.fields["actions"] = long_text("Actions taken", help_text="What was done, by whom, and what it was for")


class OutcomeForm(GovukForm):
    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = long_text(
            f"What does {name} want to happen?",
            required=True,
            rows=3,
            help_text=f"In {name}'s own words, in quotation marks. Add one outcome at a time.",
            required_error="Enter what they want to happen, in their words",
        )


class SourceForm(GovukForm):
    def __init__(self, *args, name, members, **kwargs):
        super().__init__(*args, **kwargs)
        hints = reference.hints("source_of_risk")
        self.fields["kind"] = radios(
            "Source of risk",
            "source_of_risk",
            required=True,
            required_error="Choose whether the source of risk is a service provider, someone they know, "
            "or someone they do not know",
            help_text=" ".join(hints.values()),
        )
        self.fields["network_member"] = forms.TypedChoiceField(
            label=f"Someone from {name}'s network",
            choices=[("", "No one from their network")] + [(m.pk, f"{m.name} ({m.relationship})") for m in members],
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": f"Choose someone from {name}'s own network"},
        )
        self.fields["name"] = line("Or their name", 200, help_text="A person's name, or a care provider's")
        self.fields["relationship"] = line(
            f"Who they are to {name}", 120, help_text="For example, nephew, or home care agency"
        )


class CloseForm(GovukForm):
    """The close: what the enquiry found, the risk at the end, each desired outcome's answer."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, name, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome_fields = []
        self.fields["action_result"] = radios(
            "What did the enquiry find, and was action taken?",
            "action_result",
            required=True,
            required_error="Choose what the enquiry found and whether action was taken",
        )
        self.fields["risk_outcome"] = radios(
            "Risk at the end",
            "risk_outcome",
            help_text="Where a risk was found or could not be ruled out: is it removed, reduced, or does it remain?",
        )
        for number, outcome in enumerate(outcomes, start=1):
            key = f"achieved_{number}"
            self.fields[key] = radios(
                f"Desired outcome {number}: {outcome.text.strip()}",
                "achieved",
                choices=[("fully", "Fully"), ("partly", "Partly"), ("not", "Not")],
                help_text="Was it achieved?",
            )
            self.outcome_fields.append((key, outcome.pk))
        self.fields["concluded_on"] = GovukDateField(
            label="Date the enquiry closed", past=True, required=False, help_text="For example, 27 3 2026"
        )

    def achieved(self):
        return {pk: self.cleaned_data.get(key) or "" for key, pk in self.outcome_fields}


SURVEY = [
    ("not_offered", "Not offered"),
    ("offered", "Offered, waiting for an answer"),
    ("declined", "Declined"),
    ("sent", "Sent"),
]


class SurveyForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"] = radios(
            f"Has {name} been offered the safeguarding experience survey?",
            "",
            required=True,
            choices=SURVEY,
            required_error="Choose where the survey invitation is",
            help_text="The survey asks how the enquiry felt to them. It is offered once the enquiry has closed.",
        )
        self.fields["survey_on"] = GovukDateField(
            label="Date", past=True, required=False, help_text="When it was offered, declined or sent"
        )
