"""Shapes of the safeguarding API. Category values are the codes in data/sac.json; the labels are sent
beside them. `name` and `network_member_id` of a source of risk are null for anyone outside
need-to-know (core/access.py)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from whatsstrong.core.api_schemas import Input

from . import reference


def _codes(name):
    return Literal[tuple(reference.codes(name))]


DECISION = Literal["s42", "other", "none"]
ASKED = _codes("asked")
ACTION_RESULT = _codes("action_result")
RISK_OUTCOME = _codes("risk_outcome")
ACHIEVED = _codes("achieved")
TEXT = 20000


class UserRef(Schema):
    id: int
    display_name: str


class SourceOut(Schema):
    id: int
    kind: str = Field(description="service_provider, known or unknown (SAC source of risk).")
    kind_label: str
    name: str | None = Field(description="Who is alleged to have caused harm; null outside need-to-know.")
    relationship: str | None = Field(description="Who they are to the person; null outside need-to-know.")
    network_member_id: int | None = Field(description="Someone from the person's network; null outside need-to-know.")


class DesiredOutcomeOut(Schema):
    id: int
    text: str = Field(description="What the person wants to happen, in their words.")
    achieved: str = Field(description="fully, partly or not; empty until the enquiry closes.")
    version: int


class EnquiryOut(Schema):
    id: int
    concern_id: int
    kind: str = Field(description="s42 (section 42) or other.")
    started_on: datetime.date
    asked: str
    capacity: str
    advocacy: str
    advocate_name: str
    abuse_types: list[str] = Field(description="Codes of the types of abuse or neglect (SAC).")
    location: str
    actions: str
    outcomes: list[DesiredOutcomeOut]
    sources: list[SourceOut]
    action_result: str
    risk_outcome: str
    concluded_on: datetime.date | None
    closed_by: UserRef | None
    survey: str = Field(description="not_offered, offered, declined or sent.")
    survey_on: datetime.date | None
    version: int


class ConcernSummaryOut(Schema):
    id: int
    raised_on: datetime.date
    decision: str = Field(description="s42, other or none; empty until decided.")
    enquiry_id: int | None
    enquiry_open: bool


class ConcernOut(Schema):
    id: int
    raised_by: str
    raised_on: datetime.date
    what_happened: str
    happened_on: datetime.date | None
    immediate_safety: str
    recorded_by: UserRef
    decision: str
    decision_reasons: str
    decided_by: UserRef | None
    decided_on: datetime.date | None
    enquiry: EnquiryOut | None
    version: int


class RaisedOut(Schema):
    id: int
    opens_for_you: bool = Field(description="False when the caller raised it but is not one who may open it.")


class ConcernCreate(Input):
    raised_by: str = Field(..., min_length=1, max_length=200, pattern=r"\S")
    raised_on: datetime.date
    what_happened: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    happened_on: datetime.date | None = None
    immediate_safety: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")


class ConcernDecisionIn(Input):
    version: int = Field(..., ge=1)
    decision: DECISION
    decision_reasons: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S")
    decided_on: datetime.date | None = Field(None, description="Today when not sent.")


class OutcomeIn(Input):
    text: str = Field(..., min_length=1, max_length=TEXT, pattern=r"\S", description="In the person's own words.")


class AnswerIn(Input):
    outcome_id: int
    achieved: ACHIEVED


class CloseIn(Input):
    version: int = Field(..., ge=1)
    action_result: ACTION_RESULT
    risk_outcome: RISK_OUTCOME | Literal[""] = Field("", description="Needed where a risk was found or not ruled out.")
    concluded_on: datetime.date
    achieved: list[AnswerIn] = Field([], max_length=100, description="An answer for every desired outcome.")
