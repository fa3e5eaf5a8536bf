"""Support plan forms: GOV.UK markup from core/forms.py, long text marked for the language coach and
drafts, money typed as text and read by `rules.money`, and the same rules as the services, in the
same words, so a mistake is named on the page before anything is sent on."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from whatsstrong.assessments import rules as sign_off_rules
from whatsstrong.assessments.queries import wellbeing_areas
from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm, VersionedForm

from . import rules
from .models import Contribution, NetworkAgreement, PersonalOutcome, SupportPlan

# Long enough for anything written with the person; a limit keeps a pasted document from being taken as one.
MAX_TEXT = 20000
THEIR_WORDS = "Write it as they say it."


def long_text(rows=5):
    return forms.Textarea(attrs={**LONG_TEXT, "rows": rows})


class LongTextLimit:
    """Each long text field of the form holds at most MAX_TEXT characters, said in plain words."""

    long_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.long_fields:
            field = self.fields[name]
            field.max_length = MAX_TEXT
            field.validators.append(MaxLengthValidator(MAX_TEXT))
            field.error_messages["max_length"] = f"Keep this under {MAX_TEXT:,} characters"


def money_field(label, hint):
    """An amount typed as people write it ("125.50", "£1,250"): text, read by rules.money in clean."""
    return forms.CharField(
        label=label,
        required=False,
        help_text=hint,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"max_length": rules.NOT_MONEY},
    )


def read_money(value):
    """The typed amount as a Decimal, None when empty; ValidationError in the rule's words."""
    if not (value or "").strip():
        return None
    try:
        return rules.money(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


def radios(label, choices, missing, required=True, hint=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
    )


# --- The plan's own parts ---------------------------------------------------------------------------


class GoodLifeForm(LongTextLimit, VersionedForm):
    long_fields = ("good_life",)

    class Meta:
        model = SupportPlan
        fields = ["good_life"]
        widgets = {"good_life": long_text(10)}
        labels = {"good_life": "What a good life looks like, in their words"}
        help_texts = {"good_life": f"{THEIR_WORDS} Put what they said in quotation marks."}


BUDGET_PER = [("week", "Each week"), ("year", "Each year")]


class MoneyForm(LongTextLimit, VersionedForm):
    long_fields = ("money_notes",)
    budget = money_field("Personal budget", "In pounds and pence, like 125.50. Leave empty if there is none yet.")
    budget_per = radios(
        "The budget is for", BUDGET_PER, "Say whether the personal budget is for a week or a year", required=False
    )
    managed = radios(
        "How the budget is managed",
        SupportPlan.Management.choices,
        "Choose how the budget is managed",
        required=False,
    )

    class Meta:
        model = SupportPlan
        fields = ["budget", "budget_per", "managed", "managed_by", "money_notes"]
        widgets = {"money_notes": long_text(4)}
        labels = {"managed_by": "Who manages it", "money_notes": "Anything else about the money"}
        help_texts = {
            "managed_by": "For example: Amir himself, his sister Jo, or the name of the provider",
            "money_notes": "Optional. For example, what the budget buys that is not written under an outcome.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.budget is not None:
            self.initial["budget"] = f"{self.instance.budget:.2f}"

    def clean_budget(self):
        return read_money(self.cleaned_data.get("budget"))

    def clean(self):
        data = super().clean()
        # Said now rather than at sign-off: an amount with no period means nothing.
        if data.get("budget") is not None and not data.get("budget_per") and "budget_per" not in self.errors:
            self.add_error("budget_per", "Say whether the personal budget is for a week or a year")
        return data


class ContingencyForm(LongTextLimit, VersionedForm):
    long_fields = ("if_carer_unwell", "if_things_go_wrong", "who_to_call")

    class Meta:
        model = SupportPlan
        fields = ["if_carer_unwell", "if_things_go_wrong", "who_to_call"]
        widgets = {"if_carer_unwell": long_text(4), "if_things_go_wrong": long_text(4), "who_to_call": long_text(3)}
        labels = {
            "if_carer_unwell": "If someone who helps is ill or cannot come",
            "if_things_go_wrong": "If things go wrong",
            "who_to_call": "Who to call",
        }
        help_texts = {
            "if_carer_unwell": "Who steps in, and what they need to know.",
            "if_things_go_wrong": "What the person wants to happen, and what helps them feel safe.",
            "who_to_call": "Names and numbers, in the order to try them, day and night.",
        }


class ReviewDateForm(VersionedForm):
    review_on = GovukDateField(
        label="Review date",
        help_text="When to look at the plan again with them. For example, 3 11 2026",
        error_messages={"required": "Enter the review date"},
    )

    class Meta:
        model = SupportPlan
        fields = ["review_on"]

    def clean_review_on(self):
        day = self.cleaned_data.get("review_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("The review date must be today or in the future")
        return day


# --- Outcomes and who does what ---------------------------------------------------------------------


class OutcomeForm(LongTextLimit, VersionedForm):
    long_fields = ("text", "how_we_know")
    wellbeing = forms.MultipleChoiceField(
        label="Which wellbeing areas does it serve?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any that fit.",
        error_messages={"invalid_choice": "Choose wellbeing areas from the list"},
    )

    class Meta:
        model = PersonalOutcome
        fields = ["text", "wellbeing", "how_we_know", "asks_for_change"]
        widgets = {"text": long_text(4), "how_we_know": long_text(3)}
        labels = {
            "text": "What do they want, in their words?",
            "how_we_know": "How will they know it is getting better?",
            "asks_for_change": "Reaching it means they will change something they do",
        }
        help_texts = {
            "text": "Start with “I want...”, in the words they use.",
            "how_we_know": "Optional. Something they will notice, in their words.",
            "asks_for_change": "Tick this to record their stage of change for this outcome.",
        }
        error_messages = {"text": {"required": "Enter what they want, in their words"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wellbeing"].choices = [(a["code"], a["label"]) for a in wellbeing_areas()]


KIND_LABELS = dict(Contribution.Kind.choices)
COST_PER = [("week", "Each week"), ("year", "Each year"), ("once", "Once")]
WHO_HINT = (
    "Not needed for them or their network. For example: the lunch club at St Mary's, a falls sensor, "
    "a grab rail, or a personal assistant"
)


class ContributionForm(LongTextLimit, VersionedForm):
    """One part of who does what. A network member is chosen from this person's own network, never
    typed: any other id is refused with the rule's words, keeping everything else typed."""

    long_fields = ("what",)
    kind = radios("Who or what helps?", [(k, KIND_LABELS[k]) for k in rules.KIND_ORDER], "Choose who or what helps")
    network_member = forms.TypedChoiceField(
        label="Who in their network?",
        help_text="Only for “My family, friends and neighbours”.",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": rules.NOT_THEIR_NETWORK},
    )
    cost = money_field("Cost", "Optional. In pounds and pence, like 125.50. Only for the last four kinds.")
    cost_per = radios("The cost is", COST_PER, "Say whether the cost is each week, each year or once", required=False)

    class Meta:
        model = Contribution
        fields = ["kind", "who", "what", "when", "cost_per", "from_budget"]
        widgets = {"what": long_text(3)}
        labels = {
            "who": "Who or what",
            "what": "What they will do",
            "when": "When, or how often",
            "from_budget": "Paid for from the personal budget",
        }
        help_texts = {"who": WHO_HINT, "when": "Optional. For example: Saturday mornings, or every day at 8am"}

    def __init__(self, *args, person, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.members = list(members)
        self.fields["network_member"].choices = [("", "Choose someone")] + [
            (m.pk, f"{m.name} ({m.relationship})") for m in self.members
        ]
        self.fields["what"].required = False  # the rule says what is missing, in its own words
        if self.instance.pk:
            self.initial.setdefault("network_member", self.instance.network_member_id)
            if self.instance.cost is not None:
                self.initial.setdefault("cost", f"{self.instance.cost:.2f}")

    def clean_cost(self):
        return read_money(self.cleaned_data.get("cost"))

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or ""
        if kind != "network":
            data["network_member"] = None  # a choice left from before the kind changed
        # The choices are this person's own members, so a valid choice is theirs (the service asks again).
        member = data.get("network_member")
        problems = rules.contribution_problems(
            kind,
            network_member_person=self.person.pk if member is not None else None,
            person=self.person.pk,
            who=data.get("who") or "",
            what=data.get("what") or "",
            cost=data.get("cost"),
            per=data.get("cost_per") or "",
        )
        for name, message in problems.items():
            if name not in self.errors and name in self.fields:
                self.add_error(name, message)
        return data

    def for_save(self):
        names = ("kind", "network_member", "who", "what", "when", "cost", "cost_per", "from_budget")
        return {name: self.cleaned_data.get(name) for name in names}


YES_NO = [("yes", "Yes"), ("no", "No")]


class AgreementForm(LongTextLimit, VersionedForm):
    """Whether someone the plan relies on agreed, and how they are in themselves."""

    long_fields = ("their_wellbeing",)
    agreed = forms.TypedChoiceField(
        choices=[("yes", "Yes, they agreed"), ("no", "Not yet, or they said no")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    agreed_on = GovukDateField(label="Date they agreed", past=True, required=False, help_text="For example, 3 11 2026")
    carers_assessment = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"data-inline": "true"}),
    )

    class Meta:
        model = NetworkAgreement
        fields = ["agreed", "agreed_on", "their_wellbeing", "carers_assessment"]
        widgets = {"their_wellbeing": long_text(4)}

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["agreed"].label = f"Did {name} agree to what the plan asks of them?"
        fields["agreed"].error_messages["required"] = f"Say whether {name} agreed"
        fields["their_wellbeing"].label = f"How is {name}, and what helps them keep going?"
        fields["their_wellbeing"].help_text = "Their own wellbeing matters too: write what they told you."
        fields["carers_assessment"].label = f"Was {name} offered a carer's assessment?"
        fields["carers_assessment"].error_messages["required"] = f"Say whether {name} was offered a carer's assessment"
        if self.instance.pk:
            self.initial["agreed"] = "yes" if self.instance.agreed else "no"
            self.initial["carers_assessment"] = "yes" if self.instance.carers_assessment else "no"

    def clean(self):
        data = super().clean()
        if data.get("agreed") and data.get("agreed_on") is None and "agreed_on" not in self.errors:
            self.add_error("agreed_on", "Enter the date they agreed")
        return data


# --- Sign-off ----------------------------------------------------------------------------------------


class DecideForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("authorise", "Agree the plan and sign it off"), ("return", "Return it with comments")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to sign it off or return it"},
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed when you return it: say what should change. Shown to the author with your name.",
        error_messages={"max_length": f"Keep your comments under {MAX_TEXT:,} characters"},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and (problem := sign_off_rules.return_problem(data.get("comment") or "")):
            self.add_error("comment", problem)
        return data
