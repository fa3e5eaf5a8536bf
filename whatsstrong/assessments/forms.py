"""Assessment forms: GOV.UK markup from core/forms.py, long text marked for the language coach and
for the "Mark as their words" button, and the same rules (rules.py) as the services, in the same words."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm, VersionedForm
from whatsstrong.eligibility import load_reference
from whatsstrong.people.models import Asset

from . import documents, rules
from .models import Assessment, Conversation, ReviewLook, SectionText, WellbeingArea

# Long text where the person's words may be quoted: the coach's hints, and the quote button (static/assessments.js).
THEIR_WORDS = {**LONG_TEXT, "data-their-words": "true"}
QUOTE_HINT = "Put the words they said in quotation marks, so they are shown as theirs."


# Long enough for any section; a limit keeps a pasted document from being taken as one.
MAX_TEXT = 20000


class LongTextLimit:
    """Each long text field of the form holds at most MAX_TEXT characters, said in plain words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in getattr(self, "long_fields", ()):
            field = self.fields[name]
            field.max_length = MAX_TEXT
            field.validators.append(MaxLengthValidator(MAX_TEXT))
            field.error_messages["max_length"] = (
                f"Keep this under {MAX_TEXT:,} characters: put longer writing in another section or conversation"
            )


def long_text(rows=6):
    return forms.Textarea(attrs={**THEIR_WORDS, "rows": rows})


class StartForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of assessment?",
        choices=Assessment.Kind.choices,
        widget=forms.RadioSelect,
        help_text="A contact is one page, for a short conversation that may end with information and advice.",
        error_messages={"required": "Choose the kind of assessment"},
    )


def check_conversation(form, data, prefix=""):
    problems = rules.conversation_problems(
        happened_on=data.get("happened_on"),
        today=timezone.localdate(),
        text=data.get("text") or "",
        advocate=bool(data.get("advocate")),
        advocate_name=data.get("advocate_name") or "",
        interpreter=bool(data.get("interpreter")),
        interpreter_language=data.get("interpreter_language") or "",
    )
    for name, message in problems.items():
        # The date field has said what is wrong with it already, if anything.
        if name == "happened_on" and form.errors.get("happened_on"):
            continue
        form.add_error(name, message)


CONVERSATION_LABELS = {
    "place": ("Where", "For example: at home, on the phone, at the day centre"),
    "present": ("Who was there", "For example: Peggy, her daughter Joy"),
    "communication": (
        "How they took part",
        "For example: spoke for themselves, used pictures, their sister helped them explain",
    ),
    "advocate": ("An advocate took part", ""),
    "advocate_name": ("The advocate's name", "Leave empty if no advocate took part"),
    "interpreter": ("An interpreter took part", ""),
    "interpreter_language": ("Language interpreted", "Leave empty if no interpreter took part"),
    "text": ("What was talked about", QUOTE_HINT),
}


def _date_field():
    return GovukDateField(
        label="Date of the conversation",
        past=True,
        initial=datetime.date.today,
        help_text="For example, 3 11 2026",
        error_messages={"required": rules.NO_DATE},
    )


class ConversationForm(LongTextLimit, VersionedForm):
    long_fields = ("text",)
    happened_on = _date_field()

    class Meta:
        model = Conversation
        fields = [
            "happened_on",
            "place",
            "present",
            "communication",
            "advocate",
            "advocate_name",
            "interpreter",
            "interpreter_language",
            "text",
        ]
        widgets = {"text": long_text(8)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint) in CONVERSATION_LABELS.items():
            self.fields[name].label = label
            self.fields[name].help_text = hint
        self.fields["text"].required = False  # the rule below says what is missing, in its own words
        self.fields["happened_on"].error_messages["required"] = rules.NO_DATE

    def clean(self):
        data = super().clean()
        check_conversation(self, data)
        return data


class SectionForm(LongTextLimit, VersionedForm):
    long_fields = ("text",)

    class Meta:
        model = SectionText
        fields = ["text"]
        widgets = {"text": long_text(10)}

    def __init__(self, *args, heading="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = heading
        self.fields["text"].help_text = f"Optional. {QUOTE_HINT}"


class AnalysisForm(LongTextLimit, VersionedForm):
    long_fields = ("analysis",)

    class Meta:
        model = Assessment
        fields = ["analysis"]
        widgets = {"analysis": long_text(10)}
        help_texts = {"analysis": "Your view, kept apart from theirs. " + QUOTE_HINT}


class ContactAnalysisForm(AnalysisForm):
    class Meta(AnalysisForm.Meta):
        fields = ["offered", "analysis"]
        widgets = {**AnalysisForm.Meta.widgets, "offered": forms.RadioSelect}


class HandOverForm(LongTextLimit, VersionedForm):
    long_fields = ("hand_over",)

    class Meta:
        model = Assessment
        fields = ["hand_over"]
        widgets = {"hand_over": long_text(8)}
        help_texts = {"hand_over": "Optional. The support plan starts from this."}


class WellbeingAreaForm(LongTextLimit, VersionedForm):
    long_fields = ("said", "working", "matters")

    class Meta:
        model = WellbeingArea
        fields = ["said", "working", "matters"]
        widgets = {"said": long_text(4), "working": long_text(4), "matters": long_text(3)}
        help_texts = {"said": QUOTE_HINT, "working": "Optional.", "matters": "Optional."}


class PrioritiesForm(GovukForm):
    """The person's own order of priority: a number beside each area, each number used once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in documents.wellbeing_areas():
            self.fields[area["code"]] = forms.IntegerField(
                label=area["label"],
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
                error_messages={"invalid": "Give a whole number from 1 to 9, or leave it empty"},
            )

    def clean(self):
        data = super().clean()
        ranks = {code: data.get(code) for code in rules.WELLBEING_CODES if code not in self.errors}
        for code, message in rules.rank_problems(ranks).items():
            self.add_error(code, message)
        return data

    def ranks(self):
        return {code: self.cleaned_data.get(code) for code in rules.WELLBEING_CODES}


NEW_STRENGTHS = 3
LEVEL_CHOICES = [("", "Choose a level"), *Asset.Level.choices]


class StrengthsForm(GovukForm):
    """Tick the person's strengths this assessment found, and add up to three new ones."""

    def __init__(self, *args, assets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linked"] = forms.TypedMultipleChoiceField(
            label="Strengths already on their record",
            choices=[(a.pk, a.description) for a in assets],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for i in range(1, NEW_STRENGTHS + 1):
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=f"Level of new strength {i}", choices=LEVEL_CHOICES, required=False
            )
            self.fields[f"description_{i}"] = forms.CharField(label=f"New strength {i}", max_length=500, required=False)

    def clean(self):
        data = super().clean()
        for i in range(1, NEW_STRENGTHS + 1):
            level, description = data.get(f"level_{i}"), (data.get(f"description_{i}") or "").strip()
            if description and not level:
                self.add_error(f"level_{i}", f"Choose the level of new strength {i}")
            elif level and not description:
                self.add_error(f"description_{i}", f"Describe new strength {i}, or choose no level")
        return data

    def new(self):
        return [
            (self.cleaned_data[f"level_{i}"], self.cleaned_data[f"description_{i}"].strip())
            for i in range(1, NEW_STRENGTHS + 1)
            if self.cleaned_data.get(f"level_{i}") and (self.cleaned_data.get(f"description_{i}") or "").strip()
        ]


class DecideForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("authorise", "Sign it off"), ("return", "Return it with comments")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to sign it off or return it"},
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed when you return it: say what should change. Shown to the author with your name.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return":
            problem = rules.return_problem(data.get("comment") or "")
            if problem:
                self.add_error("comment", problem)
        return data


class ContactForm(LongTextLimit, GovukForm):
    """The whole of a contact on one page: the conversation, what matters, what was offered, your analysis."""

    long_fields = ("text", "what_matters", "analysis")
    happened_on = _date_field()
    place = forms.CharField(max_length=200, required=False)
    present = forms.CharField(max_length=300, required=False)
    communication = forms.CharField(max_length=300, required=False)
    advocate = forms.BooleanField(required=False)
    advocate_name = forms.CharField(max_length=120, required=False)
    interpreter = forms.BooleanField(required=False)
    interpreter_language = forms.CharField(max_length=60, required=False)
    text = forms.CharField(required=False, widget=long_text(8))
    what_matters = forms.CharField(
        label="What matters to them", required=False, widget=long_text(4), help_text=f"Optional. {QUOTE_HINT}"
    )
    offered = forms.ChoiceField(
        label="What was offered",
        choices=Assessment.Offered.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what was offered"},
    )
    analysis = forms.CharField(
        label="Your analysis",
        required=False,
        widget=long_text(5),
        help_text="Your view, kept apart from theirs. Needed to complete the contact.",
    )
    complete = forms.BooleanField(
        label="This contact ends here: complete it now",
        required=False,
        help_text="Only when it ends with information and advice, help nearby, or nothing more needed. "
        "If you are qualified it is signed off by you; if not, it goes to your supervisor.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint) in CONVERSATION_LABELS.items():
            self.fields[name].label = label
            self.fields[name].help_text = hint

    def clean(self):
        data = super().clean()
        check_conversation(self, data)
        if data.get("complete"):
            problem = rules.contact_complete_problem(data.get("offered") or "")
            if problem and "offered" not in self.errors:
                self.add_error("complete", problem)
            elif not (data.get("analysis") or "").strip():
                self.add_error("analysis", "Write your analysis to complete the contact")
        return data

    def conversation(self):
        return {name: self.cleaned_data[name] for name in CONVERSATION_LABELS} | {
            "happened_on": self.cleaned_data["happened_on"]
        }


YES_NO = [("yes", "Yes"), ("no", "No")]
ANSWER = {True: "yes", False: "no"}
DAY_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def _holds(value):
    """Whether a field's value holds anything: a date, a tick, or a part of a date typed."""
    if isinstance(value, list | tuple):
        return any(part not in (None, "") for part in value)
    return bool(value)


def _capital(text):
    return text[:1].upper() + text[1:]


def _yes_no(label, missing):
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"data-inline": "true"}),
        error_messages={"required": missing},
    )


class EligibilityForm(GovukForm):
    """The eligibility questions in plain words, with the person's name: Yes or No for each condition,
    and for each outcome the ways (that count for this kind of person) they are unable to achieve it."""

    long_fields = ("impact",)

    def __init__(self, *args, who, name, **kwargs):
        self.who = who
        self._name = name
        super().__init__(*args, **kwargs)
        ref = load_reference()
        scheme = ref.scheme(who)
        if who == "adult":
            self.fields["needs_from_impairment"] = _yes_no(
                f"Do {name}'s needs come from a physical or mental impairment or illness?",
                f"Say whether {name}'s needs come from an impairment or illness",
            )
        else:
            self.fields["needs_from_caring"] = _yes_no(
                f"Do {name}'s needs come from caring for someone who needs that care?",
                f"Say whether {name}'s needs come from the caring they do",
            )
            self.fields["health_deteriorating"] = _yes_no(
                f"Is {name}'s physical or mental health getting worse, or at risk of it?",
                f"Say whether {name}'s health is getting worse or at risk of it",
            )
        ways = [(way.code, _capital(way.label)) for way in ref.ways if way.code in scheme.ways]
        self.outcome_codes = scheme.codes
        for outcome in scheme.outcomes:
            self.fields[f"outcome_{outcome.code}"] = forms.MultipleChoiceField(
                label=_capital(outcome.label),
                choices=ways,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=f"Leave all unticked if {name} can do this",
                error_messages={"invalid_choice": "Choose from the ways listed"},
            )
        # Needs that change from day to day: other days, each with its date and the same ways.
        for n, ordinal in enumerate(DAY_ORDINALS[: rules.MOST_OCCASIONS], start=1):
            self.fields[f"day_{n}_date"] = GovukDateField(
                label=f"Date of the {ordinal} day",
                past=True,
                required=False,
                help_text="For example, 3 11 2026",
            )
            for outcome in scheme.outcomes:
                self.fields[f"day_{n}_outcome_{outcome.code}"] = forms.MultipleChoiceField(
                    label=_capital(outcome.label),
                    choices=ways,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": "Choose from the ways listed"},
                )
        self.fields["significant_impact"] = _yes_no(
            f"Is there, or is there likely to be, a significant impact on {name}'s wellbeing?",
            f"Say whether there is, or is likely to be, a significant impact on {name}'s wellbeing",
        )
        self.fields["impact"] = forms.CharField(
            label="What is the impact?",
            required=False,
            max_length=MAX_TEXT,
            error_messages={"max_length": f"Keep this under {MAX_TEXT:,} characters"},
            widget=forms.Textarea(attrs={**LONG_TEXT, "rows": 5}),
            help_text=f"In your own words, how these needs affect {name}'s wellbeing. Needed when you answer Yes.",
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @property
    def questions(self):
        """Field names in the order asked, before and after the outcomes."""
        before = ["needs_from_impairment"] if self.who == "adult" else ["needs_from_caring", "health_deteriorating"]
        return before, [f"outcome_{code}" for code in self.outcome_codes], ["significant_impact", "impact"]

    @property
    def days(self):
        """Each other day: (title, its date field's name, its outcome fields' names, open or not). A day
        is drawn open when it holds something or has an error, so nothing typed is hidden."""
        found = []
        for n, ordinal in enumerate(DAY_ORDINALS[: rules.MOST_OCCASIONS], start=1):
            names = [f"day_{n}_date"] + [f"day_{n}_outcome_{code}" for code in self.outcome_codes]
            held = any(self[name].errors or _holds(self[name].value()) for name in names)
            found.append((f"{ordinal.capitalize()} other day", names[0], names[1:], held))
        return found

    def _occasions(self, data):
        """The other days filled in, as the library's JSON contract has them; an error on a day with ways
        ticked but no date."""
        found = []
        for n, ordinal in enumerate(DAY_ORDINALS[: rules.MOST_OCCASIONS], start=1):
            if f"day_{n}_date" in self.errors:
                continue
            on = data.get(f"day_{n}_date")
            outcomes = {
                code: data.get(f"day_{n}_outcome_{code}")
                for code in self.outcome_codes
                if data.get(f"day_{n}_outcome_{code}")
            }
            if on is None:
                if outcomes:
                    self.add_error(f"day_{n}_date", f"Enter the date of the {ordinal} day, or untick its ways")
                continue
            found.append({"date": on.isoformat(), "outcomes": outcomes})
        return found

    def clean(self):
        data = super().clean()
        self.over_period = self._occasions(data)
        if data.get("significant_impact") == "yes" and "impact" not in self.errors:
            problem = rules.impact_problem(True, data.get("impact") or "")
            if problem:
                self.add_error("impact", f"Describe the impact on {self._name}'s wellbeing, or answer No above")
        return data

    def facts(self):
        """The case as whatsstrong.eligibility takes it: outcomes only where a way was ticked."""
        data = self.cleaned_data
        flags = [name for name in rules.ELIGIBILITY_FACTS[self.who] if name != "outcomes"]
        facts = {name: data[name] == "yes" for name in flags}
        facts["outcomes"] = {code: data[f"outcome_{code}"] for code in self.outcome_codes if data[f"outcome_{code}"]}
        if self.over_period:
            facts["over_period"] = self.over_period
        return facts

    @staticmethod
    def initial_from(decision):
        """The form's answers from a stored decision, so deciding again starts from it."""
        if decision is None:
            return {}
        initial = {name: ANSWER[value] for name, value in decision.facts.items() if isinstance(value, bool)}
        for code, ways in (decision.facts.get("outcomes") or {}).items():
            initial[f"outcome_{code}"] = list(ways)
        for n, occasion in enumerate(decision.facts.get("over_period") or [], start=1):
            initial[f"day_{n}_date"] = datetime.date.fromisoformat(occasion["date"])
            for code, ways in (occasion.get("outcomes") or {}).items():
                initial[f"day_{n}_outcome_{code}"] = list(ways)
        return {**initial, "impact": decision.impact, "version": decision.version}


# --- Reviews ----------------------------------------------------------------------------------------


class ReviewLookForm(LongTextLimit, VersionedForm):
    """One thing the review looks back at. The score is typed as text so that anything typed comes
    back with the same words as the service's rule (rules.scaling_score), and nothing is lost."""

    long_fields = ("changed", "worked")
    score = forms.CharField(
        label="Where are they now, on a scale of 1 to 10?",
        required=False,
        help_text="Optional. 10 is how they want it to be; 1 is the furthest from it.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )

    class Meta:
        model = ReviewLook
        fields = ["changed", "worked"]
        widgets = {"changed": long_text(4), "worked": long_text(4)}
        help_texts = {"changed": QUOTE_HINT, "worked": "Optional. What helped, and who made it work."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.score is not None and not self.is_bound:
            self.initial["score"] = str(self.instance.score)

    def clean_score(self):
        score, problem = rules.scaling_score(self.cleaned_data.get("score"))
        if problem:
            raise forms.ValidationError(problem)
        return score


class ReviewResultForm(VersionedForm):
    result = forms.ChoiceField(
        label="What does the review lead to?",
        choices=Assessment.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": rules.NO_RESULT},
    )
    next_review_on = GovukDateField(
        label="Date of the next review",
        required=False,
        help_text="Leave empty when support closes. For example, 27 3 2027",
    )

    class Meta:
        model = Assessment
        fields = ["result", "next_review_on"]

    def clean(self):
        data = super().clean()
        if "result" in data and "next_review_on" not in self.errors:
            problems = rules.review_result_problems(
                result=data["result"], next_review_on=data.get("next_review_on"), today=timezone.localdate()
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data


class ReviewDateForm(GovukForm):
    due_on = GovukDateField(
        label="Date of the next review",
        required=False,
        help_text="Leave empty when no review is planned. For example, 27 3 2027",
    )
    reason = forms.CharField(
        label="Why is it changing?",
        max_length=100,
        help_text="Kept in the record's history. For example: they asked to meet sooner after a fall.",
        error_messages={"required": rules.NO_REVIEW_REASON},
    )

    def clean(self):
        data = super().clean()
        if "due_on" not in self.errors and "reason" not in self.errors:
            problems = rules.review_date_problems(
                due_on=data.get("due_on"), today=timezone.localdate(), reason=data.get("reason") or ""
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data
