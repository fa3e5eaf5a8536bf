"""Forms for positive risk assessments and the panel, with GOV.UK errors in the person's name. The
services check the same rules again (rules.py), so the API and the pages refuse alike."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import rules

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
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "max_length": f"Keep this under {max_length} characters",
            "required": required_error or f"Enter {label.lower()}",
        },
    )


class Versioned(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _future(value: datetime.date | None, *, required=False) -> datetime.date | None:
    if problem := rules.review_problem(value, timezone.localdate(), required=required):
        raise forms.ValidationError(problem)
    return value


class AssessmentForm(Versioned):
    """The decision, their view, the benefits, and how the benefits are kept while risks are managed."""

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = line(
            "What decision or activity is this about?",
            300,
            required=True,
            help_text="For example, moving from the care home to live with her son, or going to the shops alone",
            required_error="Enter the decision or activity this is about",
        )
        self.fields["their_view"] = long_text(
            f"What does {name} say about it?", help_text="In their words. Put what they said in quotation marks."
        )
        self.fields["benefits_to_them"] = long_text(f"What does {name} gain from it?")
        self.fields["benefits_to_others"] = long_text("What do other people gain from it?", rows=3)
        self.fields["keeping_benefits"] = long_text(
            "How will the benefits be kept while the risks are managed?",
            help_text="Who does what, and what is in place if things go wrong",
        )
        self.fields["review_on"] = GovukDateField(
            label="Review date", required=False, help_text="A date in the future, for example, 27 3 2027"
        )

    def clean_review_on(self):
        return _future(self.cleaned_data.get("review_on"))


class CapacityForm(Versioned):
    """Capacity for this decision, and when they lack it, the best-interests record."""

    def __init__(self, *args, name, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"] = forms.ChoiceField(
            label=f"Does {name} have capacity to make this decision: {decision}?",
            choices=[("has", "Yes, for this decision"), ("lacks", "No, not for this decision")],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose whether they have capacity to make this decision",
                "invalid_choice": "Choose whether they have capacity to make this decision",
            },
        )
        self.fields["capacity_finding"] = long_text(
            "How was capacity for this decision assessed, and what was found?",
            help_text="Needed when they lack capacity for it",
            rows=4,
        )
        self.fields["consulted"] = long_text(
            "Who was consulted about their best interests?",
            help_text="Family, friends, carers, an advocate, anyone named to be consulted",
            rows=3,
        )
        self.fields["past_wishes"] = long_text(f"What did {name} want in the past?", rows=3)
        self.fields["present_wishes"] = long_text(f"What does {name} want now?", rows=3)
        self.fields["feelings_beliefs_values"] = long_text(
            f"What feelings, beliefs and values of {name}'s bear on it?", rows=3
        )
        self.fields["best_interests"] = long_text("What is decided in their best interests, and why?", rows=4)

    def clean(self):
        data = super().clean()
        for field, message in rules.capacity_problems(data).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


def scale_choices(name):
    return [(s["value"], f"{s['value']}: {s['label']} ({s['hint'].lower()})") for s in rules.scale(name)]


class RiskForm(Versioned):
    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"] = long_text(
            "What could go wrong?", required=True, required_error="Enter what could go wrong", rows=3
        )
        self.fields["for_whom"] = forms.ChoiceField(
            label="Who is it a risk for?",
            choices=[("them", f"{name}"), ("others", "Other people")],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose whether it is a risk for them or for others",
                "invalid_choice": "Choose whether it is a risk for them or for others",
            },
        )
        for field, (scale, what) in rules.SCALE_FIELDS.items():
            label = what[0].upper() + what[1:]
            if field.endswith("_theirs"):
                label = label.replace("in their view", f"in {name}'s view")
            message = rules.scale_problem(field, 0)
            self.fields[field] = forms.TypedChoiceField(
                label=label + "?",
                choices=scale_choices(scale),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose {what}", "invalid_choice": message},
            )
        self.fields["managed_by"] = long_text("What will make it less likely, or less serious?", rows=3)


class AgreeForm(Versioned):
    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"] = long_text(
            "Who agreed?",
            required=True,
            help_text=f"{name}, and anyone else who agreed, such as family or a manager",
            required_error="Enter who agreed: the person, and anyone else",
            rows=2,
        )
        self.fields["review_on"] = GovukDateField(
            label="Review date",
            help_text="A date in the future, for example, 27 3 2027",
            error_messages={"required": "Enter a review date"},
        )

    def clean_review_on(self):
        return _future(self.cleaned_data.get("review_on"), required=True)


class ReferForm(GovukForm):
    def __init__(self, *args, name, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["situation"] = long_text(
            "What is the situation?", required=True, required_error="Describe the situation"
        )
        self.fields["tried"] = long_text(
            "What has been tried?", required=True, required_error="Enter what has been tried", rows=4
        )
        self.fields["their_view"] = long_text(
            f"What does {name} think?",
            required=True,
            help_text="In their words. Put what they said in quotation marks.",
            required_error="Write their view, in their words",
            rows=4,
        )
        self.fields["question"] = long_text(
            "What would you like the panel to advise on?",
            required=True,
            required_error="Enter the question for the panel",
            rows=3,
        )
        self.fields["assessment"] = forms.TypedChoiceField(
            label="Positive risk assessment to share with the panel",
            choices=[("", "None")] + [(a.pk, a.decision) for a in assessments],
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": f"Choose one of {name}'s positive risk assessments"},
        )


class PanelForm(Versioned):
    def __init__(self, *args, with_attendance=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meets_on"] = GovukDateField(
            label="Date of the panel",
            help_text="Today or later, for example, 27 3 2027",
            error_messages={"required": "Enter the date of the panel"},
        )
        self.fields["place"] = line("Where", 200, help_text="A room, or how to join online")
        self.fields["chair"] = line("Who chairs it", 120)
        if with_attendance:
            self.fields["attendance"] = long_text(
                "Who attended?", help_text="Names and roles, and anyone who sent apologies", rows=4
            )


class ScheduleForm(Versioned):
    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"] = forms.TypedChoiceField(
            label="Which panel will hear it?",
            choices=[(p.pk, f"{p.meets_on:%-d %B %Y}{', ' + p.place if p.place else ''}") for p in panels],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose a panel date",
                "invalid_choice": "Choose a panel date from the list",
            },
        )


class RecordForm(Versioned):
    """What the panel said. The panel advises; the decision is recorded afterwards by others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discussion"] = long_text("What did the panel discuss?")
        self.fields["advice"] = long_text("What did the panel advise?", rows=4)
        self.fields["recommendations"] = long_text("What did the panel recommend?", rows=4)
        self.fields["follow_up_on"] = GovukDateField(
            label="Follow-up date", required=False, help_text="When the panel will hear how it went, if it asked to"
        )


class DecisionForm(Versioned):
    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = long_text(
            "What have you decided?", required=True, required_error="Enter the decision"
        )
        self.fields["reasons"] = long_text(
            "Why?",
            required=True,
            help_text="Your reasons, including where you followed or did not follow the panel's advice",
            required_error="Enter the reasons for the decision",
        )
        self.fields["manager"] = forms.TypedChoiceField(
            label="Which manager agreed the decision with you?",
            choices=[(m.pk, m.display_name) for m in managers],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose the manager who agreed the decision",
                "invalid_choice": "Choose a manager of the person's team",
            },
        )


class ActionForm(GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"] = long_text(
            "What is to be done?", required=True, required_error="Enter what is to be done", rows=3
        )
        self.fields["owner"] = line("Who will do it?", 120, required=True, required_error="Enter who will do it")
        self.fields["due_on"] = GovukDateField(
            label="Due by",
            help_text="For example, 27 3 2027",
            error_messages={"required": "Enter the date it is due by"},
        )


class DoneForm(Versioned):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"] = forms.ChoiceField(
            label="Has it been done?",
            choices=[("yes", "Yes"), ("no", "Not yet")],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose whether it has been done"},
        )
