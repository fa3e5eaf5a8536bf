"""Storyboard forms: GOV.UK markup from core/forms.py. Every field is optional in the form itself, so a
draft can be kept half written; what submitting and publishing need is rules.py's, asked by the
services, and shown on the same fields in the same words."""

from django import forms
from django.core.validators import MaxLengthValidator

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm

from . import rules, themes
from .models import Storyboard

MAX_TEXT = 20000


def long_text(label, *, hint="", rows=5):
    field = forms.CharField(
        label=label,
        required=False,
        help_text=hint,
        widget=forms.Textarea(attrs={**LONG_TEXT, "rows": rows}),
        validators=[MaxLengthValidator(MAX_TEXT)],
        error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters"},
    )
    return field


def short_text(label, max_length, *, hint=""):
    field = forms.CharField(
        label=label,
        required=False,
        help_text=hint,
        validators=[MaxLengthValidator(max_length)],
        error_messages={"max_length": f"Keep this to {max_length} characters or fewer"},
    )
    return field


class StoryForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = short_text("Title", 150, hint="A few words a colleague searching the evidence bank would recognise.")
    situation = long_text(
        "The situation",
        hint="What was happening and what mattered to the person. Speak of people by their role, not their name.",
    )
    what_was_done = long_text("What was done", hint="Who did what, and how you worked with the person and others.")
    difference = long_text("The difference it made", hint="For the person, their family, or the service.")
    their_words = long_text(
        "In the person's own words (optional)",
        hint="What they said about the difference, if they agreed to it being shared.",
        rows=3,
    )
    learning = long_text("What was learnt", hint="What you, your team or others could take from it.")
    people_involved = long_text(
        "The people involved",
        hint="By their role: for example, the person, her son, a community connector, the GP.",
        rows=3,
    )
    themes = forms.MultipleChoiceField(
        label="Practice themes the story shows",
        required=False,
        help_text="Choose all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.UNKNOWN_THEME},
    )
    about_someone = forms.ChoiceField(
        label="Is the story about someone who draws on support, or their carer?",
        choices=[("yes", "Yes"), ("no", "No, it is about a way of working")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the story is about someone", "invalid_choice": "Choose yes or no"},
    )
    consent_by = short_text(
        "Who agreed to the story being shared?",
        200,
        hint="By their role, for example: the person; her daughter, who holds lasting power of attorney.",
    )
    consent_how = forms.ChoiceField(
        label="How did they agree?",
        required=False,
        choices=Storyboard.ConsentHow.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": rules.CONSENT_HOW},
    )
    consent_on = GovukDateField(
        label="The date they agreed", required=False, past=True, help_text="For example, 27 3 2026"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = themes.choices()

    def story_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in (*rules.STORY_FIELDS, "consent_by", "consent_how")}
        data["about_someone"] = self.cleaned_data.get("about_someone") != "no"
        data["consent_on"] = self.cleaned_data.get("consent_on")
        return data

    @staticmethod
    def initial_for(story: Storyboard, codes: list[str]) -> dict:
        initial = {
            name: getattr(story, name) for name in (*rules.STORY_FIELDS, "consent_by", "consent_how", "consent_on")
        }
        initial["about_someone"] = "yes" if story.about_someone else "no"
        initial["themes"] = codes
        initial["version"] = story.version
        return initial


class AcceptForm(GovukForm):
    step = forms.CharField(widget=forms.HiddenInput, initial="accept")
    flags = forms.MultipleChoiceField(
        label="Words that can stay",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.NOTHING_CHOSEN},
    )
    reason = forms.CharField(
        label="Why can they stay?",
        required=False,
        help_text="For example: a colleague's name, shared with their agreement; the name of a public group.",
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[MaxLengthValidator(2000)],
        error_messages={"max_length": "Keep the reason to 2,000 characters or fewer"},
    )

    def __init__(self, *args, open_flags=(), **kwargs):
        super().__init__(*args, **kwargs)
        kinds = {"name": "possible name", "email": "email address", "phone": "phone number", "postcode": "postcode"}
        self.fields["flags"].choices = [
            (f.key, f"“{f.words}”, a {kinds.get(f.kind, f.kind)} in {rules.STORY_FIELDS[f.field].lower()}")
            for f in open_flags
        ]


class DecisionForm(GovukForm):
    step = forms.CharField(widget=forms.HiddenInput, initial="decide")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.ChoiceField(
        label="Your decision",
        choices=[(rules.APPROVE, "Publish it to the evidence bank"), (rules.SEND_BACK, "Send it back to the author")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to publish the story or send it back",
            "invalid_choice": "Choose whether to publish the story or send it back",
        },
    )
    review_on = GovukDateField(
        label="The date to look at it again",
        required=False,
        help_text="When publishing: the date the story should be checked it is still right. For example, 27 3 2027",
    )
    changes = forms.CharField(
        label="What should the author change?",
        required=False,
        help_text="When sending it back.",
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[MaxLengthValidator(MAX_TEXT)],
        error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters"},
    )


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Words", required=False, max_length=200, help_text="For example: allotment, carer, discharge"
    )
    theme = forms.ChoiceField(
        label="Practice theme", required=False, error_messages={"invalid_choice": "Choose a theme from the list"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.pop("maxlength", None)
        self.fields["q"].error_messages["max_length"] = "Search for 200 characters or fewer"
        self.fields["theme"].choices = [("", "Any theme"), *themes.choices()]


class CpdForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="Type of CPD",
        choices=rules.CPD_TYPES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": rules.CPD_NEEDED["kind"]},
    )
    title = short_text("Title", 150)
    description = long_text("What I did")
    done_on = GovukDateField(label="The date of the activity", required=False, past=True)
    learning = long_text("What I learnt")
    impact = long_text("The impact on my practice", hint="What you do differently, or will keep doing, and why.")

    def record_data(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("kind", "title", "description", "done_on", "learning", "impact")
        }
