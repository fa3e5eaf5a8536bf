"""Audit forms: GOV.UK markup from core/forms.py, long text marked for the language coach, and the
same rules as the services in the same words, so a mistake is named before anything is sent on."""

from django import forms
from django.core.validators import MaxLengthValidator

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import rules, services

MAX_TEXT = 20000


def long_text(label, *, hint="", rows=4, required=False, missing=""):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.Textarea(attrs={**LONG_TEXT, "rows": rows}),
        validators=[MaxLengthValidator(MAX_TEXT)],
        error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters", "required": missing},
    )
    field.max_length = MAX_TEXT
    return field


def radios(label, choices, missing, required=True, hint=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
    )


class StartForm(GovukForm):
    """Start a record audit or a practice observation of one person's record."""

    kind = radios(
        "What kind of audit is this?",
        [("record", "A practice standards audit of the record"), ("observation", "A practice observation")],
        "Choose the kind of audit",
    )
    assessment = forms.ChoiceField(
        label="Which assessment does it look at?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of this person's assessments, or the whole record"},
    )
    practitioner = forms.ChoiceField(
        label="Whose practice is observed?",
        required=False,
        help_text="For an observation. A record audit is of the assessment's author, or the allocated worker.",
        error_messages={"invalid_choice": services.NO_PRACTITIONER},
    )
    consent = forms.BooleanField(
        label="The person agreed to be observed",
        required=False,
        help_text="For an observation: ask them before the visit or meeting, and say they can change their mind.",
    )
    observed_on = GovukDateField(label="Date observed", required=False, past=True)
    focus = long_text("What will you look at?", hint="For example, how the review built on what is working.")

    def __init__(self, *args, assessments=(), practitioners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [("", "The whole record")] + [
            (str(a.pk), f"{a.get_kind_display()}, started {a.started_at:%d %B %Y}") for a in assessments
        ]
        self.fields["practitioner"].choices = [("", "Choose one")] + [
            (str(u.pk), u.display_name) for u in practitioners
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == "observation":
            if not data.get("consent"):
                self.add_error("consent", services.NO_CONSENT)
            if not data.get("observed_on") and "observed_on" not in self.errors:
                self.add_error("observed_on", services.NO_DATE)
            if not data.get("practitioner"):
                self.add_error("practitioner", services.NO_PRACTITIONER)
        return data


class WriteForm(GovukForm):
    """Each active standard's rating and evidence, then the strengths and learning."""

    def __init__(self, *args, standards=(), scale=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        choices = [(level.code, level.label) for level in scale]
        self.scale_codes = [code for code, _ in choices]
        for standard in self.standards:
            self.fields[f"rating_{standard.code}"] = forms.ChoiceField(
                label=f"Rating for {standard.name}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--small"}),
                error_messages={"invalid_choice": rules.RATING_UNKNOWN.format(standard=standard.name)},
            )
            self.fields[f"evidence_{standard.code}"] = long_text(
                f"Evidence for {standard.name}", hint="What you saw in the record, and where.", rows=3
            )
        self.fields["strengths"] = long_text("Strengths of the practice", rows=5)
        self.fields["learning"] = long_text("Learning", hint="What the practitioner could build on or do differently.")
        self.fields["themes"] = forms.MultipleChoiceField(
            label="Learning themes",
            help_text="Choose the themes the learning is about. The quarterly themes report counts them.",
            choices=[(t.code, t.name) for t in themes],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": services.UNKNOWN_THEME},
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def ratings(self):
        data = self.cleaned_data
        return {
            s.code: (data.get(f"rating_{s.code}") or None, data.get(f"evidence_{s.code}", "")) for s in self.standards
        }

    def sections(self):
        for standard in self.standards:
            yield standard, self[f"rating_{standard.code}"], self[f"evidence_{standard.code}"]


class ActionForm(GovukForm):
    text = long_text(
        "What will the practitioner do?", rows=3, required=True, missing="Enter what the practitioner will do"
    )


class RespondForm(GovukForm):
    response = long_text(
        "Your response",
        hint="What you make of the audit, anything it missed, and what you will take from it.",
        rows=6,
        required=True,
        missing="Write your response to the audit",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ModerateForm(GovukForm):
    """For each rating: agree, or give another with the reason."""

    def __init__(self, *args, ratings=(), scale=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(ratings)
        self.scale_codes = [level.code for level in scale]
        for row in self.rows:
            code = row.standard.code
            self.fields[f"moderated_{code}"] = forms.ChoiceField(
                label=f"Your rating for {row.standard.name}",
                choices=[("", f"Agree: {row.rating.label}")]
                + [(level.code, level.label) for level in scale if level.code != row.rating.code],
                required=False,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--small"}),
                error_messages={"invalid_choice": rules.RATING_UNKNOWN.format(standard=row.standard.name)},
            )
            self.fields[f"reason_{code}"] = forms.CharField(
                label=f"Why you would rate {row.standard.name} differently",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "Keep the reason under 2,000 characters"},
            )
        self.fields["comment"] = long_text("Your comment on the audit", rows=3)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        given = {r.standard.code: r.rating.code for r in self.rows}
        theirs = {code: data.get(f"moderated_{code}") for code in given}
        reasons = {code: data.get(f"reason_{code}", "") for code in given}
        names = {r.standard.code: r.standard.name for r in self.rows}
        for code, problem in rules.moderation_problems(given, theirs, reasons, self.scale_codes, names).items():
            field = f"reason_{code}" if problem.startswith("Say why") else f"moderated_{code}"
            if field not in self.errors:
                self.add_error(field, problem)
        return data

    def sections(self):
        for row in self.rows:
            yield row, self[f"moderated_{row.standard.code}"], self[f"reason_{row.standard.code}"]


class SampleForm(GovukForm):
    team = forms.ChoiceField(
        label="Team", error_messages={"required": "Choose a team", "invalid_choice": "Choose a team"}
    )
    quarter = forms.CharField(
        label="Quarter",
        help_text="For example, 2026-Q3",
        max_length=7,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": rules.QUARTER_MESSAGE, "max_length": rules.QUARTER_MESSAGE},
    )
    seed = forms.CharField(
        label="Seed",
        help_text="Any word or number. Keep it: the same seed draws the same sample again.",
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": rules.SEED_MESSAGE, "max_length": rules.SEED_MESSAGE},
    )
    size = forms.IntegerField(
        label="How many cases",
        min_value=1,
        max_value=50,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": rules.SIZE_MESSAGE,
            "invalid": rules.SIZE_MESSAGE,
            "min_value": rules.SIZE_MESSAGE,
            "max_value": rules.SIZE_MESSAGE,
        },
    )
    share = forms.IntegerField(
        label="Share of self-authorised assessments to audit, in per cent",
        initial=10,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter a share from 0 to 100",
            "invalid": "Enter a share from 0 to 100",
            "min_value": "Enter a share from 0 to 100",
            "max_value": "Enter a share from 0 to 100",
        },
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Choose one")] + [(str(t.pk), t.name) for t in teams]

    def clean_quarter(self):
        quarter = self.cleaned_data["quarter"].strip()
        problem = rules.quarter_problem(quarter)
        if problem:
            raise forms.ValidationError(problem)
        return quarter


class SupervisionStartForm(GovukForm):
    """Start a staff supervision audit: the supervisee, and which supervision sessions were read."""

    practitioner = forms.ChoiceField(
        label="Whose supervision is audited?",
        help_text="The member of staff who is supervised. Their supervisor's practice is part of what you look at.",
        error_messages={"required": services.NO_SUPERVISEE, "invalid_choice": services.NO_SUPERVISEE},
    )
    focus = long_text(
        "Which supervision sessions did you read?",
        hint="For example, the last three sessions' notes, and what you will look for in them.",
        required=True,
        missing="Say which supervision sessions the audit looks at",
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].choices = [("", "Choose one")] + [
            (str(u.pk), f"{u.display_name}, {u.team.name if u.team else 'no team'}") for u in staff
        ]


RECORDS_HINT = "Record numbers as shown on each person's page, separated by commas or spaces. At least two."


class ThematicStartForm(GovukForm):
    """Start a thematic practice review: its theme, the team, and the people's records it looks at."""

    focus = forms.CharField(
        label="What is the theme of the review?",
        help_text="For example, how carers' own needs are recorded at first assessment.",
        max_length=300,
        error_messages={"required": services.NO_FOCUS, "max_length": "Keep the theme under 300 characters"},
    )
    team = forms.ChoiceField(
        label="Which team's work does it look at?",
        error_messages={"required": "Choose a team", "invalid_choice": "Choose a team"},
    )
    records = forms.CharField(
        label="Which records does it look at?",
        help_text=RECORDS_HINT,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": services.NO_RECORDS, "max_length": "Enter at most 100 record numbers"},
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Choose one")] + [(str(t.pk), t.name) for t in teams]

    def clean_records(self):
        numbers, bad = rules.record_numbers(self.cleaned_data["records"])
        if bad:
            raise forms.ValidationError(f"Enter record numbers only: {', '.join(bad[:5])} is not one")
        if len(numbers) < 2:
            raise forms.ValidationError(services.NO_RECORDS)
        if len(numbers) > 100:
            raise forms.ValidationError("Enter at most 100 record numbers")
        return numbers


class ThemesPeriodForm(GovukForm):
    """The quarters the themes report covers (read from the query string)."""

    first = forms.CharField(
        label="From quarter",
        help_text="For example, 2026-Q1",
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": rules.QUARTER_MESSAGE, "max_length": rules.QUARTER_MESSAGE},
    )
    last = forms.CharField(
        label="To quarter",
        help_text="For example, 2026-Q4",
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": rules.QUARTER_MESSAGE, "max_length": rules.QUARTER_MESSAGE},
    )

    def clean(self):
        data = super().clean()
        if "first" in self.errors or "last" in self.errors:
            return data
        for field, problem in rules.period_problems(data.get("first", ""), data.get("last", "")).items():
            self.add_error(field, problem)
        return data
