"""Survey forms. Error messages say what to do, in the words of the mode the person chose."""

from django import forms

from whatsstrong.core.forms import GovukForm

from . import rules
from .models import Channel


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Your code",
        help_text="It is 8 letters and numbers, on your letter. For example, CDEF 3467.",
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_code(self):
        code, problem = rules.read_code(self.cleaned_data["code"])
        if problem:
            raise forms.ValidationError(problem)
        return code


class AgreeForm(GovukForm):
    link = forms.ChoiceField(
        label="Can we keep your answers with your record?",
        choices=[("no", "No, keep my answers apart from my record"), ("yes", "Yes, keep them with my record")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether we keep your answers with your record"},
    )


class AnswerForm(GovukForm):
    def __init__(self, *args, survey, easy=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"] = forms.ChoiceField(
            choices=[(c.code, c.easy if easy else c.label) for c in survey.all_choices],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose an answer. You can choose ‘I do not want to say’"
                if easy
                else "Choose how much you agree, or choose ‘Prefer not to say’",
                "invalid_choice": "Choose one of the answers shown",
            },
        )


class MoreForm(GovukForm):
    more = forms.CharField(
        label="Anything else",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "Write 3,000 characters or fewer"},
    )


class InviteForm(GovukForm):
    def __init__(self, *args, surveys, mail=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"] = forms.ChoiceField(
            label="Which survey?",
            choices=[(s.code, s.title) for s in surveys],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose a survey to invite them to"},
        )
        if mail:
            self.fields["email"] = forms.EmailField(
                label="Email address (optional)",
                help_text="To send the code by email as well as on the letter. The address is used for this "
                "one email and not kept.",
                required=False,
                max_length=254,
                widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
                error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty"},
            )


class InvitationRulesForm(GovukForm):
    review = forms.BooleanField(label="When a review is completed (the client survey)", required=False)
    enquiry = forms.BooleanField(label="When a safeguarding enquiry closes (the safeguarding survey)", required=False)
    direct_payment = forms.BooleanField(
        label="When a direct payment has run for three months (the direct payments survey)", required=False
    )
    months_apart = forms.IntegerField(
        label="Months before anyone is invited again",
        help_text="Whatever led to it, nobody is invited twice within this many months. From 0 to 36.",
        min_value=0,
        max_value=36,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the number of months",
            "invalid": "Enter a whole number of months, like 6",
            "min_value": "Enter a number of months from 0 to 36",
            "max_value": "Enter a number of months from 0 to 36",
        },
    )


class ThemeForm(GovukForm):
    theme = forms.CharField(
        label="Theme",
        max_length=60,
        error_messages={
            "required": "Enter a theme, for example ‘waiting times’",
            "max_length": "Keep the theme to 60 characters or fewer",
        },
    )


class StaffInviteForm(GovukForm):
    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"] = forms.ChoiceField(
            label="Which team?",
            choices=[(t.pk, t.name) for t in teams],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose a team", "invalid_choice": "Choose one of the teams shown"},
        )


class NationalForm(GovukForm):
    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["year"] = forms.CharField(
            label="Which year's national survey?",
            help_text="For example, 2024 to 2025",
            max_length=20,
            widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            error_messages={"required": "Enter the year of the national survey, for example 2024 to 2025"},
        )
        for statement in survey.statements:
            self.fields[f"n_{statement.code}"] = forms.CharField(
                label=statement.text,
                help_text="The percentage who agreed, as your national survey report gives it. Leave empty if it has "
                "no matching question.",
                required=False,
                max_length=8,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
            )

    def clean(self):
        data = super().clean()
        for statement in self.survey.statements:
            _, problem = rules.read_percent(data.get(f"n_{statement.code}") or "")
            if problem:
                self.add_error(f"n_{statement.code}", problem)
        return data

    def figures(self):
        return {s.code: self.cleaned_data.get(f"n_{s.code}", "") for s in self.survey.statements}


class EnterForm(GovukForm):
    """All of a survey's statements on one page, for staff typing in a paper or phone response."""

    def __init__(self, *args, survey, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["channel"] = forms.ChoiceField(
            label="How did the answers come in?",
            choices=[(Channel.PAPER, "On paper"), (Channel.PHONE, "By phone")],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose whether the answers came on paper or by phone"},
        )
        self.fields["team"] = forms.ChoiceField(
            label="Which team invited them?",
            choices=[("", "Not known")] + [(t.pk, t.name) for t in teams],
            required=False,
        )
        for statement in survey.statements:
            self.fields[f"s_{statement.code}"] = forms.ChoiceField(
                label=statement.text,
                choices=[(c.code, c.label) for c in survey.all_choices],
                widget=forms.RadioSelect,
                required=False,
                help_text="Leave this empty if they did not answer it.",
            )
        if survey.more:
            self.fields["more"] = forms.CharField(
                label=survey.more["text"],
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": "Write 3,000 characters or fewer"},
            )

    def answers(self):
        """Only the statements answered: a skipped one has no row."""
        chosen = {s.code: self.cleaned_data.get(f"s_{s.code}") for s in self.survey.statements}
        return {code: answer for code, answer in chosen.items() if answer}

    def clean(self):
        data = super().clean()
        answered = any(data.get(f"s_{s.code}") for s in self.survey.statements)
        if not self.errors and not answered and not data.get("more"):
            raise forms.ValidationError("Enter at least one answer: the response has none")
        return data


class LettersForm(GovukForm):
    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"] = forms.MultipleChoiceField(
            label="Letters to print",
            choices=waiting,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Choose at least one letter to print",
                "invalid_choice": "That letter has been printed already: choose from the letters shown",
            },
        )
        self.fields["large"] = forms.BooleanField(label="Print them in large print", required=False)
