"""Forms for each section of the person's record. Error messages say what to fix."""

import datetime

from django import forms

from whatsstrong.core.forms import LONG_TEXT, GovukDateField, GovukForm, VersionedForm
from whatsstrong.core.models import CASE_ROLES, User

from . import rules
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
        return rules.normalise_nhs_number(value)

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
        label="Name",
        max_length=100,
        required=False,
        help_text="Any part of their name from the start, for example 'mar pat'. Small typos are fine.",
    )
