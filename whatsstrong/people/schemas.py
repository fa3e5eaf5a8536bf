"""Shapes of the people API. Field checks call people/rules.py and reuse the forms' messages,
so a client sees the same plain words a practitioner sees on screen."""

import datetime

from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from whatsstrong.core.api_schemas import Input

from . import rules
from .forms import AssetForm, NetworkMemberForm, PersonDetailsForm
from .models import AdvocacyException, AppropriatePerson, Asset, Consent, NetworkMember, Person

# "Enter their given name" and the like, taken from the forms rather than written twice.
REQUIRED_MESSAGES = {
    name: messages["required"]
    for form in (PersonDetailsForm, NetworkMemberForm, AssetForm)
    for name, messages in form.Meta.error_messages.items()
    if "required" in messages
}


def invalid(field, message):
    """A 422 naming one field, for checks that need the database (so cannot live in a schema)."""
    # Located as pydantic locates a field of the body parameter, so the error body names `field`.
    return ValidationError([{"loc": ("body", "payload", field), "msg": message, "type": "invalid"}])


def _max(model, name):
    return model._meta.get_field(name).max_length


def _text(model, name, default=""):
    """A text field as long as the model column allows; `None` default means "leave unchanged"."""
    return Field(default, max_length=_max(model, name))


def _required_text(model, name, default=...):
    """Text that must say something. The schema tells clients so (`pattern` \\S: at least one character that
    is not a space); the validators below answer in the form's words when it does not."""
    max_length = _max(model, name) if model else None
    return Field(default, min_length=1, max_length=max_length, pattern=r"\S")


def _problem(message):
    # A custom error type keeps the message exactly as written (no "Value error," prefix).
    return PydanticCustomError("invalid", message)


# --- Output -----------------------------------------------------------------------------------


class ChangeOut(Schema):
    field: str
    label: str
    theirs: object
    yours: object


class ConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[ChangeOut]


class TeamOut(Schema):
    id: int
    name: str


class StaffOut(Schema):
    id: int
    display_name: str


class AdvocacyOut(Schema):
    needed: bool
    prompt: str


class PersonListItem(Schema):
    """A row in a list. For a restricted person this user may not open, only the first three are sent."""

    id: int
    display_name: str
    restricted: bool
    given_name: str | None = None
    family_name: str | None = None
    preferred_name: str | None = None
    date_of_birth: datetime.date | None = None
    postcode: str | None = None
    team: TeamOut | None = None
    allocated_worker: StaffOut | None = None
    version: int | None = None


class PersonPage(Schema):
    items: list[PersonListItem]
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page; null on the last.")


class DuplicateOut(Schema):
    """A 409 from adding a person: records that may be them. Only records you may open are listed;
    `others` counts those you may not (restricted or archived), which `detail` says who can check."""

    detail: str
    can_confirm: bool = Field(
        description="True when sending the same body with `confirm_not_duplicate: true` adds the person; "
        "false when the NHS number is already on a record, which nothing overrides."
    )
    matches: list["DuplicateMatchOut"]
    others: int


class DuplicateMatchOut(Schema):
    id: int
    display_name: str
    reason: str = Field(description="Why it may be them, like 'the same name and date of birth'.")


DuplicateOut.model_rebuild()


class PersonOut(Schema):
    id: int
    display_name: str
    given_name: str
    family_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: datetime.date | None
    nhs_number: str
    address: str
    postcode: str
    preferred_language: str
    interpreter_needed: bool
    communication_needs: str
    culture_and_identity: str
    religion_or_belief: str
    life_story: str
    what_matters: str
    good_day: str
    interests: str
    skills_and_talents: str
    proud_of: str
    consent_to_involve: Consent
    consent_to_share: Consent
    consent_notes: str
    capacity_note: str
    difficulty_understanding: bool
    difficulty_retaining: bool
    difficulty_weighing: bool
    difficulty_communicating: bool
    appropriate_person: AppropriatePerson
    appropriate_person_name: str
    advocacy_exception: AdvocacyException
    advocate_referred_on: datetime.date | None
    advocacy: AdvocacyOut
    team: TeamOut
    allocated_worker: StaffOut | None
    restricted: bool
    review_due_on: datetime.date | None = Field(
        None, description="When their next review is due; null when none is planned (or support closed)."
    )
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_advocacy(person):
        result = person.advocacy()
        return {"needed": result.needed, "prompt": result.prompt}


class NetworkMemberOut(Schema):
    id: int
    name: str
    relationship: str
    kind: NetworkMember.Kind
    closeness: NetworkMember.Closeness
    what_they_bring: str
    is_carer: bool
    has_died: bool
    contact: str
    version: int


class AssetOut(Schema):
    id: int
    level: Asset.Level
    description: str
    network_member_id: int | None
    in_their_words: bool
    version: int


# --- Input: the person ------------------------------------------------------------------------


class PersonRules(Input):
    """Checks shared by create and change; each calls the same rule the web form calls."""

    @field_validator("given_name", "family_name", mode="before", check_fields=False)
    @classmethod
    def _not_blank(cls, value, info):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise _problem(REQUIRED_MESSAGES[info.field_name])
        return value.strip() if isinstance(value, str) else value

    @field_validator("nhs_number", check_fields=False)
    @classmethod
    def _nhs_number(cls, value):
        value = (value or "").strip()
        if not value:
            return ""
        problem = rules.nhs_number_problem(value)
        if problem:
            raise _problem(problem)
        return rules.normalise_nhs_number(value)

    @field_validator("postcode", check_fields=False)
    @classmethod
    def _postcode(cls, value):
        value = (value or "").strip()
        if not value:
            return ""
        problem = rules.postcode_problem(value)
        if problem:
            raise _problem(problem)
        return rules.normalise_postcode(value)

    @field_validator("date_of_birth", check_fields=False)
    @classmethod
    def _date_of_birth(cls, value):
        problem = rules.date_of_birth_problem(value, today=datetime.date.today())
        if problem:
            raise _problem(problem)
        return value

    @field_validator("advocate_referred_on", check_fields=False)
    @classmethod
    def _in_the_past(cls, value, info):
        # The same rule as GovukDateField(past=True) on the forms.
        if value and value > datetime.date.today():
            label = str(Person._meta.get_field(info.field_name).verbose_name).capitalize()
            raise _problem(f"{label} must be in the past")
        return value


class PersonCreate(PersonRules):
    given_name: str = _required_text(Person, "given_name")
    family_name: str = _required_text(Person, "family_name")
    preferred_name: str = _text(Person, "preferred_name")
    pronouns: str = _text(Person, "pronouns")
    date_of_birth: datetime.date | None = None
    nhs_number: str = Field("", description="10 digits, spaces allowed, like 943 476 5919.")
    address: str = ""
    postcode: str = Field("", description="A UK postcode, like CV1 2GN.")
    team_id: int | None = Field(None, description="Defaults to your own team.")
    allocated_worker_id: int | None = Field(None, description="Defaults to you; send null for nobody yet.")
    confirm_not_duplicate: bool = Field(
        False,
        description="Someone with the same name and date of birth already has a record (a 409 listed them), "
        "and this is a different person: add them anyway. Does not override an NHS number already in use.",
    )


class PersonPatch(PersonRules):
    """Only the fields sent are changed. `version` is the one you read, so a newer save is not overwritten."""

    version: int = Field(..., ge=1)
    given_name: str = _required_text(Person, "given_name", None)
    family_name: str = _required_text(Person, "family_name", None)
    preferred_name: str = _text(Person, "preferred_name", None)
    pronouns: str = _text(Person, "pronouns", None)
    date_of_birth: datetime.date | None = None
    nhs_number: str = None
    address: str = None
    postcode: str = None
    preferred_language: str = _text(Person, "preferred_language", None)
    interpreter_needed: bool = None
    communication_needs: str = None
    culture_and_identity: str = None
    religion_or_belief: str = _text(Person, "religion_or_belief", None)
    life_story: str = None
    what_matters: str = None
    good_day: str = None
    interests: str = None
    skills_and_talents: str = None
    proud_of: str = None
    consent_to_involve: Consent = None
    consent_to_share: Consent = None
    consent_notes: str = None
    capacity_note: str = None
    difficulty_understanding: bool = None
    difficulty_retaining: bool = None
    difficulty_weighing: bool = None
    difficulty_communicating: bool = None
    appropriate_person: AppropriatePerson = None
    appropriate_person_name: str = _text(Person, "appropriate_person_name", None)
    advocacy_exception: AdvocacyException = None
    advocate_referred_on: datetime.date | None = None


# --- Input: network and strengths -------------------------------------------------------------


class RequiredText(Input):
    @field_validator("name", "relationship", "description", mode="before", check_fields=False)
    @classmethod
    def _not_blank(cls, value, info):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise _problem(REQUIRED_MESSAGES[info.field_name])
        return value


class NetworkMemberCreate(RequiredText):
    name: str = _required_text(NetworkMember, "name")
    relationship: str = _required_text(NetworkMember, "relationship")
    kind: NetworkMember.Kind = NetworkMember.Kind.FAMILY
    closeness: NetworkMember.Closeness = NetworkMember.Closeness.CLOSE
    what_they_bring: str = ""
    is_carer: bool = False
    has_died: bool = False
    contact: str = _text(NetworkMember, "contact")


class NetworkMemberPatch(RequiredText):
    version: int = Field(..., ge=1)
    name: str = _required_text(NetworkMember, "name", None)
    relationship: str = _required_text(NetworkMember, "relationship", None)
    kind: NetworkMember.Kind = None
    closeness: NetworkMember.Closeness = None
    what_they_bring: str = None
    is_carer: bool = None
    has_died: bool = None
    contact: str = _text(NetworkMember, "contact", None)


class AssetCreate(RequiredText):
    level: Asset.Level
    description: str = _required_text(None, "description")
    network_member_id: int | None = Field(None, description="Someone in this person's network.")
    in_their_words: bool = False


class AssetPatch(RequiredText):
    version: int = Field(..., ge=1)
    level: Asset.Level = None
    description: str = _required_text(None, "description", None)
    network_member_id: int | None = None
    in_their_words: bool = None


class OverdueReviewOut(Schema):
    id: int
    display_name: str
    restricted: bool
    review_due_on: datetime.date
    worker_name: str = Field(description="Blank when no one is allocated.")


class OverdueReviewsPage(Schema):
    items: list[OverdueReviewOut]
    count: int = Field(description="How many reviews in the team are overdue.")
    limit: int
    offset: int
