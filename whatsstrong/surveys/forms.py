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
    def __init__(self, *args, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"] = forms.ChoiceField(
            label="Which survey?",
            choices=[(s.code, s.title) for s in surveys],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose a survey to invite them to"},
        )


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
