"""Forms for each section of the person's record. Error messages say what to fix."""

import datetime

from django import forms

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm, GovukModelForm, VersionedForm
from whatsstrong.core.models import CASE_ROLES, User

from . import queries, rules
from .models import Asset, NetworkMember, Person


class PersonDetailsForm(VersionedForm):
    # Its limits (not in the future, not before 1900) are checked by rules.date_of_birth_problem, as the API does.
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 1948")

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "nhs_number",
            "address",
            "postcode",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "nhs_number": "Optional. 10 digits, like 943 476 5919",
            "pronouns": "For example she/her, he/him, they/them",
        }
        error_messages = {
            "given_name": {"required": "Enter their given name"},
            "family_name": {"required": "Enter their family name"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("given_name", "family_name", "preferred_name", "postcode"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        self.fields["postcode"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["nhs_number"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["nhs_number"].widget.attrs["inputmode"] = "numeric"
        # People type these with spaces ("943 476 5919", "SW1A  1AA"); the clean methods tidy them to
        # the stored length, so the browser must not cut the typing short at the column's length.
        for name in ("nhs_number", "postcode"):
            self.fields[name].max_length = None
            self.fields[name].validators = []
            self.fields[name].widget.attrs.pop("maxlength", None)

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        problem = rules.date_of_birth_problem(value, today=datetime.date.today())
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if not value:
            return ""
        problem = rules.nhs_number_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        value = rules.normalise_nhs_number(value)
        # One record per NHS number, archived ones included (the model's constraint); said here in
        # plain words rather than met as a database error.
        if queries.nhs_number_holder(value, other_than=self.instance.pk):
            raise forms.ValidationError(rules.NHS_NUMBER_IN_USE)
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        problem = rules.postcode_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return rules.normalise_postcode(value)


class AllocationMixin:
    """Choosing a team and a worker: the worker must be in that team."""

    def setup_worker_choices(self):
        self.fields["allocated_worker"].queryset = User.objects.filter(is_active=True, role__in=CASE_ROLES)
        self.fields["allocated_worker"].label_from_instance = lambda u: f"{u.display_name} ({u.team or 'no team'})"
        self.fields["team"].error_messages["required"] = "Choose the team that will work with them"
        self.fields["team"].empty_label = "Choose a team"
        self.fields["allocated_worker"].empty_label = "No one yet"

    def clean(self):
        cleaned = super().clean()
        worker, team = cleaned.get("allocated_worker"), cleaned.get("team")
        problem = (
            worker
            and team
            and rules.worker_team_problem(
                worker_name=worker.display_name, worker_team_id=worker.team_id, team_id=team.pk, team_name=str(team)
            )
        )
        if problem:
            self.add_error("allocated_worker", problem)
        return cleaned


class NewPersonForm(AllocationMixin, PersonDetailsForm):
    class Meta(PersonDetailsForm.Meta):
        fields = PersonDetailsForm.Meta.fields + ["team", "allocated_worker"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_worker_choices()

    def identity(self):
        """Who is being added, as the duplicate check compares people (rules.Identity). It reads
        what was typed even when another field is wrong, so the warning can show on any answer."""
        data = getattr(self, "cleaned_data", {})
        nhs_number = self.data.get("nhs_number", "")
        return rules.Identity.of(
            given_name=data.get("given_name", self.data.get("given_name", "")),
            family_name=data.get("family_name", self.data.get("family_name", "")),
            date_of_birth=data.get("date_of_birth"),
            nhs_number=nhs_number if not rules.nhs_number_problem(nhs_number) else "",
        )


class AllocationForm(AllocationMixin, VersionedForm):
    """Who works with the person, and whether the record is restricted. For supervisors."""

    class Meta:
        model = Person
        fields = ["team", "allocated_worker", "restricted"]
        labels = {"restricted": "Restrict this record"}
        help_texts = {
            "restricted": "Only the allocated worker and the team's managers will open it directly; "
            "anyone else must give a reason, and every view is logged."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_worker_choices()
        self.fields["allocated_worker"].required = False


class WhoIAmForm(VersionedForm):
    long_fields = (
        "life_story",
        "what_matters",
        "good_day",
        "interests",
        "skills_and_talents",
        "proud_of",
        "communication_needs",
        "culture_and_identity",
    )

    class Meta:
        model = Person
        fields = [
            "what_matters",
            "good_day",
            "life_story",
            "interests",
            "skills_and_talents",
            "proud_of",
            "preferred_language",
            "interpreter_needed",
            "communication_needs",
            "culture_and_identity",
            "religion_or_belief",
        ]
        widgets = {
            name: forms.Textarea(attrs=LONG_TEXT)
            for name in [
                "what_matters",
                "good_day",
                "life_story",
                "interests",
                "skills_and_talents",
                "proud_of",
                "communication_needs",
                "culture_and_identity",
            ]
        }
        help_texts = {
            "what_matters": "In their words where you can. Put their own words in quotation marks.",
            "culture_and_identity": "As they describe it: heritage, community, identity, traditions.",
            "life_story": "The story they want people to know: places, work, people, turning points.",
        }


class ConsentForm(VersionedForm):
    class Meta:
        model = Person
        fields = ["consent_to_involve", "consent_to_share", "consent_notes"]
        labels = {
            "consent_to_involve": "Are they happy for us to involve their family, friends and others?",
            "consent_to_share": "Are they happy for us to share information with other organisations?",
        }
        widgets = {
            "consent_to_involve": forms.RadioSelect,
            "consent_to_share": forms.RadioSelect,
            "consent_notes": forms.Textarea(attrs=LONG_TEXT),
        }


class CapacityForm(VersionedForm):
    long_fields = ("capacity_note",)

    class Meta:
        model = Person
        fields = [
            "capacity_note",
            "difficulty_understanding",
            "difficulty_retaining",
            "difficulty_weighing",
            "difficulty_communicating",
            "appropriate_person",
            "appropriate_person_name",
            "advocacy_exception",
            "advocate_referred_on",
        ]
        labels = {
            "capacity_note": "Mental capacity: what you found, for which decision",
            "difficulty_understanding": "Substantial difficulty understanding relevant information",
            "difficulty_retaining": "Substantial difficulty retaining that information",
            "difficulty_weighing": "Substantial difficulty using or weighing the information",
            "difficulty_communicating": "Substantial difficulty communicating their views, wishes or feelings",
            "appropriate_person": "Is there an appropriate person to support them to be involved?",
            "appropriate_person_name": "Name of the appropriate person",
            "advocacy_exception": "Does one of these apply, even if there is an appropriate person?",
        }
        help_texts = {
            "appropriate_person": "Not someone paid to care for them, and someone they agree to "
            "(or in their best interests)."
        }
        widgets = {
            "capacity_note": forms.Textarea(attrs=LONG_TEXT),
            "appropriate_person": forms.RadioSelect,
            "advocacy_exception": forms.RadioSelect,
        }

    advocate_referred_on = GovukDateField(label="Date an advocate was asked for", required=False, past=True)

    def clean(self):
        cleaned = super().clean()
        problem = rules.appropriate_person_problem(
            cleaned.get("appropriate_person"), cleaned.get("appropriate_person_name")
        )
        if problem:
            self.add_error("appropriate_person_name", problem)
        return cleaned


class NetworkMemberForm(VersionedForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "relationship", "kind", "closeness", "what_they_bring", "is_carer", "has_died", "contact"]
        widgets = {
            "kind": forms.RadioSelect,
            "closeness": forms.RadioSelect,
            "what_they_bring": forms.Textarea(attrs=LONG_TEXT),
        }
        error_messages = {
            "name": {"required": "Enter their name"},
            "relationship": {"required": "Enter how they know the person, for example daughter or neighbour"},
        }


class AssetForm(VersionedForm):
    class Meta:
        model = Asset
        fields = ["level", "description", "network_member", "in_their_words"]
        labels = {
            "level": "Whose strength is this?",
            "description": "The strength",
            "network_member": "Who in their network (optional)",
        }
        widgets = {"level": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "level": {"required": "Choose whose strength this is"},
            "description": {"required": "Describe the strength"},
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network_member"].queryset = person.network.all()
        self.fields["network_member"].required = False
        self.fields["network_member"].empty_label = "No one in particular"


# --- Several network members and strengths on one page --------------------------------------------
#
# Each list is a formset of rows. Rows left as they were drawn are left out, so the page can offer
# blank rows; "Add another" posts the page and draws it again with one more row and everything
# typed kept, so it works without JavaScript. Every row is new: nothing here changes a saved one.

BLANK_ROWS = 3
ROW_LIMIT = 20  # rows in one list at a time: far more than one conversation brings


class NetworkRowForm(GovukModelForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "relationship", "kind", "closeness", "what_they_bring", "is_carer"]
        labels = {"kind": "Family, friend or other", "closeness": "How close"}
        widgets = {"what_they_bring": forms.Textarea(attrs={**LONG_TEXT, "rows": 2})}
        help_texts = {"relationship": ""}
        error_messages = {"name": {"required": "Enter their name"}}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relationship"].error_messages["required"] = (
            f"Enter how they know {person.known_as}, for example daughter or neighbour"
        )
        self.fields["name"].widget.attrs["autocomplete"] = "off"


class StrengthRowForm(GovukModelForm):
    class Meta:
        model = Asset
        fields = ["description", "level", "in_their_words"]
        labels = {"description": "What is the strength?", "level": "Whose strength is it?"}
        widgets = {"description": forms.TextInput, "level": forms.RadioSelect(attrs={"data-inline": "true"})}
        error_messages = {
            "description": {"required": "Enter what the strength is"},
            "level": {"required": "Choose whose strength it is"},
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (Asset.Level.OWN, f"{person.known_as}'s own"),
            (Asset.Level.NETWORK, "Family, friends or network"),
            (Asset.Level.COMMUNITY, "Their community"),
        ]
        self.fields["in_their_words"].label = f"In {person.known_as}'s own words"


class RowFormSet(forms.BaseFormSet):
    row_name = "Row"
    blank_rows = BLANK_ROWS
    default_error_messages = {
        "missing_management_form": "The page was not sent whole. Go back to the person's page and start again",
        "too_many_forms": "Add at most %(num)d at a time, then save and add more",
    }

    def __init__(self, *args, person, **kwargs):
        self.person = person
        super().__init__(*args, form_kwargs={"person": person}, **kwargs)

    @classmethod
    def build(cls, form_class, *, person, data=None, rows=None, **kwargs):
        """Bound to `data` when given; otherwise blank rows, or `rows` of values to show again."""
        factory = forms.formset_factory(
            form_class,
            formset=cls,
            extra=len(rows) if rows else cls.blank_rows,
            max_num=ROW_LIMIT,
            absolute_max=ROW_LIMIT,
        )
        return factory(data, initial=rows, person=person, **kwargs)

    def initial_form_count(self):
        # Every row adds a record, so none is an "initial" row bound to one already saved; rows shown
        # again after "Add another" come back as initial values, yet may still be left blank.
        return 0

    def filled(self):
        """The rows someone typed into."""
        return [form for form in self.forms if form.has_changed()]

    def typed_rows(self):
        """What each row holds now, to draw the page again with everything kept."""
        return [{name: form[name].value() for name in form.fields} for form in self.forms]

    def redrawn(self, *, add_row=False):
        """This list again, unchecked, with what was typed kept (and one more row, with the cursor in it)."""
        rows = self.typed_rows() + ([{}] if add_row else [])
        again = self.build(self.form, person=self.person, prefix=self.prefix, rows=rows, **self.build_kwargs())
        if add_row and again.forms:
            new_row = again.forms[-1]
            new_row.fields[next(iter(new_row.fields))].widget.attrs["autofocus"] = True
        return again

    def build_kwargs(self):
        return {}

    def can_add_row(self):
        return self.total_form_count() < ROW_LIMIT

    def summary(self):
        """(anchor, sentence) for each error, for the error summary: "Strength 2: enter what the strength is"."""
        items = [(self.prefix, str(error)) for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, 1):
            for field in form.visible_fields():
                for error in field.errors:
                    items.append((field.anchor_id, f"{self.row_name} {number}: {error[:1].lower()}{error[1:]}"))
        return items


class NetworkRowFormSet(RowFormSet):
    row_name = "Person"


class StrengthRowFormSet(RowFormSet):
    row_name = "Strength"
    blank_rows = 6  # a first conversation finds several, at each of the three levels

    def __init__(self, *args, existing=(), **kwargs):
        self.existing = list(existing)  # (level, words) of the strengths already recorded
        super().__init__(*args, **kwargs)

    def build_kwargs(self):
        return {"existing": self.existing}

    def clean(self):
        rows = [form for form in self.filled() if form.is_valid()]
        repeats = rules.repeated_strengths(
            self.existing, [(form.cleaned_data["level"], form.cleaned_data["description"]) for form in rows]
        )
        self.mark_repeats(repeats, rows)

    def mark_repeats(self, repeats, rows=None):
        """Put `rules.repeated_strengths`'s answer on the rows it is about (`rows`: those it was asked of)."""
        rows = rows if rows is not None else self.filled()
        numbers = {id(form): number for number, form in enumerate(self.forms, 1)}
        for index, earlier in repeats.items():
            if earlier is None:
                message = "This strength is already recorded at this level"
            else:
                message = f"This is the same as strength {numbers[id(rows[earlier])]}"
            rows[index].add_error("description", message)


class ArchiveForm(GovukForm):
    reason = forms.CharField(
        label="Why is this record being archived?",
        help_text="For example: moved to another council, or no longer needs support from us. "
        "The reason is kept with the record.",
        max_length=200,
        error_messages={
            "required": "Enter why the record is being archived",
            "max_length": "Use 200 characters or fewer",
        },
    )


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Name, date of birth, NHS number or postcode",
        max_length=100,
        required=False,
        help_text="For example 'mar pat' (any part of their name from the start; small typos are fine), "
        "'Margaret Okafor 27/3/1948', '943 476 5919', 'CV1 2GN' or 'CV1'.",
    )

    def clean_q(self):
        value = self.cleaned_data["q"]
        self.terms = rules.read_search(value, today=datetime.date.today())
        if self.terms.problem:
            raise forms.ValidationError(self.terms.problem)
        return value
