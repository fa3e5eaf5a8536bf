"""The risk API's shapes. Inputs derive from core's `Input` and call the same rules as the forms."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictInt, field_validator
from pydantic_core import PydanticCustomError

from whatsstrong.core.api_schemas import Input

from . import rules

TEXT = 20000
CAPACITY = Literal["has", "lacks", ""]
FOR_WHOM = Literal["them", "others"]
SCALE_HELP = (
    "1 to 3 (data/scales.json): likelihood 1 unlikely, 2 could happen, 3 likely; severity 1 minor to 3 very serious."
)


class RiskConflictChangeOut(Schema):
    field: str
    label: str
    theirs: object
    yours: object


class RiskConflictOut(Schema):
    """Someone saved after this caller read the record (whatsstrong/api.py sends it)."""

    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[RiskConflictChangeOut]


class RiskStaffRef(Schema):
    id: int
    name: str


class RiskOut(Schema):
    id: int
    what: str
    for_whom: FOR_WHOM
    likelihood_theirs: int
    likelihood_ours: int
    severity_theirs: int
    severity_ours: int
    managed_by: str
    version: int


class RiskAssessmentOut(Schema):
    id: int
    status: Literal["draft", "agreed"]
    started_on: datetime.date
    author: RiskStaffRef
    decision: str
    their_view: str
    benefits_to_them: str
    benefits_to_others: str
    keeping_benefits: str
    capacity: CAPACITY
    capacity_finding: str
    consulted: str
    past_wishes: str
    present_wishes: str
    feelings_beliefs_values: str
    best_interests: str
    agreed_by: str
    agreed_on: datetime.date | None
    review_on: datetime.date | None
    review_of_id: int | None = Field(None, description="The agreed assessment this one reviews, if any")
    risks: list[RiskOut]
    version: int


class RiskPanelActionOut(Schema):
    id: int
    what: str
    owner: str
    due_on: datetime.date
    done: bool
    done_on: datetime.date | None
    version: int


class RiskPanelReferralOut(Schema):
    id: int
    status: Literal["waiting", "scheduled", "heard", "decided"]
    referred_on: datetime.date
    referred_by: RiskStaffRef
    assessment_id: int | None
    situation: str
    tried: str
    their_view: str
    question: str
    panel_on: datetime.date | None = Field(..., description="The date of the panel it is on, if any.")
    attendance: str
    discussion: str
    advice: str
    recommendations: str
    follow_up_on: datetime.date | None
    decision: str
    reasons: str
    decided_by: RiskStaffRef | None = Field(..., description="The practitioner who recorded the decision.")
    manager: RiskStaffRef | None = Field(..., description="The manager who agreed it.")
    decided_on: datetime.date | None
    actions: list[RiskPanelActionOut]
    version: int


def _problem(message):
    return PydanticCustomError("invalid", message)


def _future(value):
    if value is not None and (problem := rules.review_problem(value, datetime.date.today())):
        raise _problem(problem)
    return value


class RiskAssessmentIn(Input):
    decision: str = Field(..., min_length=1, max_length=300, pattern=r"\S", description="The decision or activity.")
    their_view: str = Field("", max_length=TEXT)
    benefits_to_them: str = Field("", max_length=TEXT)
    benefits_to_others: str = Field("", max_length=TEXT)
    keeping_benefits: str = Field("", max_length=TEXT)
    capacity: CAPACITY = Field("", description="For this decision. `lacks` needs the best-interests fields.")
    capacity_finding: str = Field("", max_length=TEXT)
    consulted: str = Field("", max_length=TEXT)
    past_wishes: str = Field("", max_length=TEXT)
    present_wishes: str = Field("", max_length=TEXT)
    feelings_beliefs_values: str = Field("", max_length=TEXT)
    best_interests: str = Field("", max_length=TEXT)
    review_on: datetime.date | None = Field(None, description="In the future.")

    @field_validator("review_on")
    @classmethod
    def _review(cls, value):
        return _future(value)


class RiskAssessmentPatch(Input):
    version: int = Field(..., ge=1)
    decision: str = Field(None, min_length=1, max_length=300, pattern=r"\S")
    their_view: str = Field(None, max_length=TEXT)
    benefits_to_them: str = Field(None, max_length=TEXT)
    benefits_to_others: str = Field(None, max_length=TEXT)
    keeping_benefits: str = Field(None, max_length=TEXT)
    capacity: CAPACITY = None
    capacity_finding: str = Field(None, max_length=TEXT)
    consulted: str = Field(None, max_length=TEXT)
    past_wishes: str = Field(None, max_length=TEXT)
    present_wishes: str = Field(None, max_length=TEXT)
    feelings_beliefs_values: str = Field(None, max_length=TEXT)
    best_interests: str = Field(None, max_length=TEXT)
    review_on: datetime.date | None = None

    @field_validator("review_on")
    @classmethod
    def _review(cls, value):
        return _future(value)


def _scale(field):
    def check(cls, value):
        if problem := rules.scale_problem(field, value):
            raise _problem(problem)
        return value

    return field_validator(field)(classmethod(check))


class RiskIn(Input):
    what: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    for_whom: FOR_WHOM
    likelihood_theirs: StrictInt = Field(..., description=SCALE_HELP)
    likelihood_ours: StrictInt = Field(..., description=SCALE_HELP)
    severity_theirs: StrictInt = Field(..., description=SCALE_HELP)
    severity_ours: StrictInt = Field(..., description=SCALE_HELP)
    managed_by: str = Field("", max_length=TEXT)

    _lt = _scale("likelihood_theirs")
    _lo = _scale("likelihood_ours")
    _st = _scale("severity_theirs")
    _so = _scale("severity_ours")


class RiskAgreeIn(Input):
    version: int = Field(..., ge=1)
    agreed_by: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    review_on: datetime.date = Field(..., description="In the future.")

    @field_validator("review_on")
    @classmethod
    def _review(cls, value):
        return _future(value)


class RiskReferralIn(Input):
    situation: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    tried: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    their_view: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    question: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    assessment_id: int | None = Field(None, description="One of this person's positive risk assessments.")


class RiskPanelDecisionIn(Input):
    version: int = Field(..., ge=1)
    decision: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    reasons: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    manager_id: int = Field(..., description="A supervisor of the person's team who agreed the decision.")


# --- The panel, for coordinators (/api/risk/...) -------------------------------------------------------


class RiskPanelOut(Schema):
    id: int
    meets_on: datetime.date
    place: str
    chair: str
    attendance: str
    arranged_by: RiskStaffRef
    referral_ids: list[int] = Field(description="The referrals put on this panel")
    version: int


class RiskPanelIn(Input):
    meets_on: datetime.date | None = Field(None, description="Required: today or later")
    place: str = Field("", max_length=200, description="A room, or how to join online")
    chair: str = Field("", max_length=120)


class RiskPanelPatch(Input):
    version: int = Field(..., ge=1, le=2**31 - 1, description="The version read")
    meets_on: datetime.date | None = Field(None, description="Today or later, if changed")
    place: str | None = Field(None, max_length=200)
    chair: str | None = Field(None, max_length=120)
    attendance: str | None = Field(None, max_length=TEXT)


class RiskWaitingReferralOut(Schema):
    id: int
    person_id: int = Field(description="Open the person through /api/people/{id}: the access rules apply there")
    referred_on: datetime.date
    status: Literal["waiting"]


class RiskScheduleIn(Input):
    panel_id: int = Field(..., ge=1, le=2**63 - 1, description="A panel that has not met yet")
    version: int = Field(..., ge=1, le=2**31 - 1, description="The referral's version read")
