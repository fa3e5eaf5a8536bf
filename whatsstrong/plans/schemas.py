"""Shapes of the support plan API. Field checks call plans/rules.py, so a client reads the same words
a practitioner does.

Money travels as text in pounds and pence ("125.50"), never as a JSON number: a number would be read
as a float, and £0.10 three times is then not £0.30.
"""

import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import StrictInt, field_validator
from pydantic_core import PydanticCustomError

from whatsstrong.core.api_schemas import Input, text_problem

from . import rules
from .models import Contribution, FamilyAction, FamilyGroupConference, SupportPlan

MONEY_TYPE = 'Send the amount as text in pounds and pence, like "125.50"'
MONEY_HELP = 'Pounds and pence as text, like "125.50"; never a number. '

KIND = Literal["self", "network", "community", "technology", "equipment", "paid"]
STATUS = Literal["draft", "awaiting_sign_off", "returned", "agreed", "ended"]
STAGE = Literal["pre_contemplation", "contemplation", "decision", "action", "maintenance", "lapse"]
CONFERENCE_STAGE = Literal["referred", "information_sharing", "private_family_time", "agreeing_the_plan", "plan_agreed"]
WELLBEING = Literal["a", "b", "c", "d", "e", "f", "g", "h", "i"]
MANAGED = Literal["direct_payment", "individual_service_fund", "council_arranged", "mixed", ""]


def _max(model, name):
    return model._meta.get_field(name).max_length


def _problem(message):
    return PydanticCustomError("invalid", message)


def _money(value):
    """A before-validator: text in pounds and pence becomes the amount as text with two places."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("money_type", MONEY_TYPE)
    if problem := text_problem(value):
        # Runs before Input's own check, so says what Input would.
        raise PydanticCustomError("unstorable_text", problem)
    try:
        return str(rules.money(value))
    except ValueError as error:
        raise _problem(str(error)) from None


def _members(value):
    """Network member ids to invite: one past what a database column holds is nobody in their network
    (and would fail the database's `IN` lookup)."""
    if isinstance(value, list) and any(isinstance(i, int) and not 0 < i < 2**63 for i in value):
        raise _problem(rules.NOT_THEIR_NETWORK)
    return value


def _not_future(value, message):
    if value is not None and value > datetime.date.today():
        raise _problem(message)
    return value


# --- Output -----------------------------------------------------------------------------------------


class PlanChangeOut(Schema):
    field: str
    label: str
    theirs: object
    yours: object


class PlanConflictOut(Schema):
    """Someone saved after this caller read the record (whatsstrong/api.py sends it)."""

    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[PlanChangeOut]


class PersonRef(Schema):
    id: int
    display_name: str


class SignOffOut(Schema):
    action: str
    label: str
    by: PersonRef
    at: datetime.datetime
    comment: str


class ContributionOut(Schema):
    id: int
    outcome_id: int
    kind: KIND
    kind_label: str
    network_member_id: int | None = Field(description="Someone from the person's own network, for kind network.")
    name: str = Field(description="The network member's name, when there is one.")
    relationship: str
    who: str = Field(description="The group, device, equipment or provider, in words.")
    what: str
    when: str
    cost: str | None = Field(description=MONEY_HELP + "Null when there is no cost.")
    cost_per: Literal["week", "year", "once", ""]
    from_budget: bool
    family_action_id: int | None = Field(description="The line of a family action plan it came from.")
    service_id: str | None = Field(None, description="A community directory service it names, for kind community.")
    service_name: str = Field("", description="That service's name.")
    version: int


class ScoreOut(Schema):
    id: int
    outcome_id: int
    score: int = Field(ge=1, le=10)
    scored_on: datetime.date
    said: str
    recorded_by: PersonRef
    review_id: int | None


class StageOut(Schema):
    id: int
    outcome_id: int
    stage: STAGE
    stage_label: str
    noted_on: datetime.date
    note: str
    recorded_by: PersonRef


class OutcomeOut(Schema):
    id: int
    text: str
    wellbeing: list[str] = Field(description="Codes a to i of the Care Act wellbeing areas it serves.")
    how_we_know: str
    asks_for_change: bool
    position: int
    version: int
    contributions: list[ContributionOut] = Field(description="Who does what, the person first, paid support last.")
    scores: list[ScoreOut] = Field(description="Scaling scores, oldest first.")
    stages: list[StageOut] = Field(description="Stages of change, oldest first; the last is where they are now.")


class HelperOut(Schema):
    network_member_id: int
    name: str
    relied_on: bool = Field(description="The plan asks something of them now.")
    agreed: bool
    agreed_on: datetime.date | None
    their_wellbeing: str
    carers_assessment: bool
    version: int | None = Field(description="The agreement's version; null until one is recorded.")


class TotalsOut(Schema):
    week: str
    year: str
    once: str
    from_budget_a_year: str
    other_a_year: str
    a_year: str


class PlanSummaryOut(Schema):
    id: int
    status: STATUS
    status_label: str
    edition: int = Field(description="The number of the version being written, or last agreed.")
    author: PersonRef
    assessment_id: int | None = Field(description="The signed-off assessment the plan starts from, if any.")
    started_at: datetime.datetime
    updated_at: datetime.datetime
    review_on: datetime.date | None
    version: int


class PlanOut(PlanSummaryOut):
    good_life: str
    budget: str | None = Field(description=MONEY_HELP + "Null when no budget is set.")
    budget_per: Literal["week", "year", ""]
    managed: MANAGED
    managed_label: str
    managed_by: str
    money_notes: str
    if_carer_unwell: str
    if_things_go_wrong: str
    who_to_call: str
    outcomes: list[OutcomeOut]
    helpers: list[HelperOut] = Field(description="People from the network the plan relies on, and their agreement.")
    totals: TotalsOut = Field(description="What the plan costs, in pounds and pence as text.")
    sign_offs: list[SignOffOut]
    to_agree: list[str] = Field(description="What must be done before the plan can be agreed; empty when ready.")


class VersionSummaryOut(Schema):
    number: int
    agreed_at: datetime.datetime
    agreed_by: PersonRef


class VersionOut(VersionSummaryOut):
    content: dict[str, Any] = Field(description="Everything in the plan as it was agreed.")


class ActionOut(Schema):
    id: int
    network_member_id: int | None
    name: str
    who: str
    what: str
    by_when: str
    outcome_id: int | None = Field(description="The support plan outcome it is linked to, once linked.")
    contribution_id: int | None = Field(description="The contribution it became in the support plan.")
    version: int


class InvitedOut(Schema):
    id: int
    name: str
    relationship: str


class ConferenceOut(Schema):
    id: int
    plan_id: int | None
    referred_by: PersonRef
    referred_on: datetime.date
    reason: str
    invited: list[InvitedOut]
    invited_others: str
    meeting_on: datetime.date | None
    meeting_place: str
    coordinator: str
    stage: CONFERENCE_STAGE
    stage_label: str
    information_shared: str
    private_time_note: str
    review_on: datetime.date | None
    actions: list[ActionOut]
    version: int


# --- Input ------------------------------------------------------------------------------------------


class PlanCreate(Input):
    assessment_id: int | None = Field(
        ...,
        description="A signed-off strengths and wellbeing or carer's assessment of this person; null to stand alone.",
    )


class PlanPatch(Input):
    """Only the fields sent are changed; `version` is the plan's, as read."""

    version: int = Field(..., ge=1)
    good_life: str = Field(None, max_length=20000)
    budget: str | None = Field(None, max_length=20, description=MONEY_HELP + "Null removes it.")
    budget_per: Literal["week", "year", ""] = None
    managed: MANAGED = None
    managed_by: str = Field(None, max_length=_max(SupportPlan, "managed_by"))
    money_notes: str = Field(None, max_length=20000)
    if_carer_unwell: str = Field(None, max_length=20000)
    if_things_go_wrong: str = Field(None, max_length=20000)
    who_to_call: str = Field(None, max_length=20000)
    review_on: datetime.date | None = None

    @field_validator("budget", mode="before")
    @classmethod
    def _budget(cls, value):
        return _money(value)


class SignOffIn(Input):
    decision: Literal["agree", "return"] = Field(description="Agree and sign off the plan, or return it with comments.")
    comment: str = Field("", max_length=20000, description="Needed when returning it.")


class OutcomeRules(Input):
    @field_validator("text", mode="before", check_fields=False)
    @classmethod
    def _said(cls, value):
        if isinstance(value, str) and not value.strip():
            raise _problem("Enter what they want, in their words")
        return value


class OutcomeCreate(OutcomeRules):
    text: str = Field(..., min_length=1, max_length=20000, pattern=r"\S", description="In the person's own words.")
    wellbeing: list[WELLBEING] = Field([], max_length=9)
    how_we_know: str = Field("", max_length=20000)
    asks_for_change: bool = False


class OutcomePatch(OutcomeRules):
    version: int = Field(..., ge=1)
    text: str = Field(None, min_length=1, max_length=20000, pattern=r"\S")
    wellbeing: list[WELLBEING] = Field(None, max_length=9)
    how_we_know: str = Field(None, max_length=20000)
    asks_for_change: bool = None


class ContributionCreate(Input):
    kind: KIND = Field(description="self, network, community, technology, equipment or paid.")
    network_member_id: int | None = Field(None, description="For kind network: someone from this person's network.")
    who: str = Field("", max_length=_max(Contribution, "who"), description="The group, device, equipment or provider.")
    what: str = Field(..., max_length=20000)
    when: str = Field("", max_length=_max(Contribution, "when"))
    cost: str | None = Field(None, max_length=20, description=MONEY_HELP)
    cost_per: Literal["week", "year", "once", ""] = ""
    from_budget: bool = False
    service_id: str | None = Field(
        None, max_length=40, description="For kind community: a running service from the community directory."
    )

    @field_validator("cost", mode="before")
    @classmethod
    def _cost(cls, value):
        return _money(value)


class ContributionPatch(Input):
    version: int = Field(..., ge=1)
    kind: KIND = None
    network_member_id: int | None = None
    who: str = Field(None, max_length=_max(Contribution, "who"))
    what: str = Field(None, max_length=20000)
    when: str = Field(None, max_length=_max(Contribution, "when"))
    cost: str | None = Field(None, max_length=20, description=MONEY_HELP + "Null removes it.")
    cost_per: Literal["week", "year", "once", ""] = None
    from_budget: bool = None
    service_id: str | None = Field(
        None, max_length=40, description="For kind community: a running service from the community directory."
    )

    @field_validator("cost", mode="before")
    @classmethod
    def _cost(cls, value):
        return _money(value)


class AgreementIn(Input):
    agreed: bool = Field(..., description="Whether they agreed to what the plan asks of them.")
    agreed_on: datetime.date | None = Field(None, description="Needed when they agreed; today or earlier.")
    their_wellbeing: str = Field("", max_length=20000, description="How they are, and what helps them keep going.")
    carers_assessment: bool = Field(False, description="They were offered a carer's assessment.")
    version: int | None = Field(None, description="The agreement's version you read: needed when changing it.")


class ScoreIn(Input):
    score: int = Field(..., ge=1, le=10, description="A whole number from 1 to 10.")
    scored_on: datetime.date | None = Field(None, description="Today or earlier; today when left out.")
    said: str = Field("", max_length=20000, description="What they said about it.")

    @field_validator("score", mode="before")
    @classmethod
    def _range(cls, value):
        if isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= 10:
            raise _problem(rules.SCORE_RANGE)
        return value

    @field_validator("scored_on")
    @classmethod
    def _past(cls, value):
        return _not_future(value, "The date must be today or in the past")


class StageIn(Input):
    stage: STAGE
    noted_on: datetime.date | None = Field(None, description="Today or earlier; today when left out.")
    note: str = Field("", max_length=20000, description="What they said, or what you noticed.")

    @field_validator("noted_on")
    @classmethod
    def _past(cls, value):
        return _not_future(value, "The date must be today or in the past")


class ConferenceCreate(Input):
    reason: str = Field(..., min_length=1, max_length=20000, pattern=r"\S", description="Why, in their words.")
    referred_on: datetime.date | None = Field(None, description="Today or earlier; today when left out.")
    invited: list[StrictInt] = Field([], max_length=50, description="Network members of this person to invite.")
    invited_others: str = Field("", max_length=20000)
    meeting_on: datetime.date | None = None
    meeting_place: str = Field("", max_length=_max(FamilyGroupConference, "meeting_place"))
    coordinator: str = Field("", max_length=_max(FamilyGroupConference, "coordinator"))
    stage: CONFERENCE_STAGE = "referred"
    information_shared: str = Field("", max_length=20000)
    private_time_note: str = Field("", max_length=20000)
    review_on: datetime.date | None = None
    plan_id: int | None = Field(None, description="One of this person's support plans, which it feeds.")

    @field_validator("reason", mode="before")
    @classmethod
    def _said(cls, value):
        if isinstance(value, str) and not value.strip():
            raise _problem("Enter why the person wants a conference")
        return value

    @field_validator("referred_on")
    @classmethod
    def _past(cls, value):
        return _not_future(value, "The date of referral must be today or in the past")

    @field_validator("invited")
    @classmethod
    def _invited(cls, value):
        return _members(value)


class ConferencePatch(Input):
    version: int = Field(..., ge=1)
    reason: str = Field(None, min_length=1, max_length=20000, pattern=r"\S")
    invited: list[StrictInt] = Field(None, max_length=50, description="Network members of this person to invite.")
    invited_others: str = Field(None, max_length=20000)
    meeting_on: datetime.date | None = None
    meeting_place: str = Field(None, max_length=_max(FamilyGroupConference, "meeting_place"))
    coordinator: str = Field(None, max_length=_max(FamilyGroupConference, "coordinator"))
    stage: CONFERENCE_STAGE = None
    information_shared: str = Field(None, max_length=20000)
    private_time_note: str = Field(None, max_length=20000)
    review_on: datetime.date | None = None
    plan_id: int | None = None

    @field_validator("reason", mode="before")
    @classmethod
    def _said(cls, value):
        if isinstance(value, str) and not value.strip():
            raise _problem("Enter why the person wants a conference")
        return value

    @field_validator("invited")
    @classmethod
    def _invited(cls, value):
        return _members(value)


class ActionCreate(Input):
    network_member_id: int | None = Field(None, description="Someone from this person's network; or say `who`.")
    who: str = Field("", max_length=_max(FamilyAction, "who"))
    what: str = Field(..., max_length=20000)
    by_when: str = Field("", max_length=_max(FamilyAction, "by_when"))


class LinkIn(Input):
    outcome_id: int = Field(description="An outcome of this person's support plan that the action serves.")
