"""Shapes of the supervision API. The reflective models are those of data/models.json, so a client
meets the same codes as the pages. Wellbeing notes are given only to the session's two parties."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictInt

from whatsstrong.core.api_schemas import Input

from .models import MODEL_CHOICES

SUPERVISION_MODEL = Literal[tuple(code for code, _ in MODEL_CHOICES)]  # type: ignore[valid-type]
ID = Field(..., ge=1, le=2**63 - 1)
TEXT = 10000


class SupervisionStaffRef(Schema):
    id: int
    display_name: str


class SupervisionActionOut(Schema):
    id: int
    session_id: int | None
    person_id: int | None
    owner: SupervisionStaffRef
    what: str
    due_on: datetime.date | None
    done_at: datetime.datetime | None
    version: int


class SupervisionDiscussionOut(Schema):
    id: int
    session_id: int
    held_on: datetime.date
    person_id: int
    model: str
    model_name: str
    reflections: dict[str, str] = Field(description="What was said at each step, by the step's code.")
    version: int


class SupervisionSessionOut(Schema):
    id: int
    supervisor: SupervisionStaffRef
    supervisee: SupervisionStaffRef
    held_on: datetime.date
    agenda: str
    wellbeing: str | None = Field(description="The wellbeing check: null for anyone but the two parties.")
    learning: str
    discussions: list[SupervisionDiscussionOut]
    actions: list[SupervisionActionOut]
    version: int


class SupervisionSessionIn(Input):
    supervisee_id: StrictInt = ID
    held_on: datetime.date
    agenda: str = Field(..., max_length=TEXT)
    wellbeing: str = Field("", max_length=TEXT)
    learning: str = Field("", max_length=TEXT)


class SupervisionDiscussionIn(Input):
    person_id: StrictInt = ID
    model: SUPERVISION_MODEL


class SupervisionReflectionsIn(Input):
    version: StrictInt = Field(..., ge=1, le=2**31)
    reflections: dict[str, str] = Field(..., description="Text for each step of the model, by the step's code.")


class SupervisionActionIn(Input):
    what: str = Field(..., max_length=TEXT)
    person_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    owner_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1, description="The supervisee unless said.")
    due_on: datetime.date | None = None


class SupervisionDoneIn(Input):
    done: bool = True


class SupervisionConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[dict]


class SupervisionGroupSessionOut(Schema):
    id: int
    held_on: datetime.date
    facilitator: SupervisionStaffRef
    note_taker: SupervisionStaffRef
    presenter: SupervisionStaffRef
    person_id: int | None
    model: str
    reflections: dict[str, str]
    decisions: str
    next_on: datetime.date | None
    summary_shared: bool
    actions: list[SupervisionActionOut]
    version: int


class SupervisionAgreementOut(Schema):
    frequency: str
    duration: str
    place: str
    preparation: str
    recording: str
    confidentiality: str
    apologies: str
    agreed_on: datetime.date | None


class SupervisionGroupOut(Schema):
    id: int
    name: str
    supervisor: SupervisionStaffRef
    members: list[SupervisionStaffRef]
    agreement: SupervisionAgreementOut
    sessions: list[SupervisionGroupSessionOut]
    version: int


class SupervisionGroupIn(Input):
    name: str = Field(..., max_length=120)
    member_ids: list[StrictInt] = Field(..., max_length=100)
    frequency: str = Field(..., max_length=200)
    duration: str = Field(..., max_length=200)
    place: str = Field("", max_length=TEXT)
    preparation: str = Field("", max_length=TEXT)
    recording: str = Field("", max_length=TEXT)
    confidentiality: str = Field("", max_length=TEXT)
    apologies: str = Field("", max_length=TEXT)
    agreed_on: datetime.date | None = None


class SupervisionGroupUpdateIn(SupervisionGroupIn):
    """The agreement and members as they are now, with the group's `version` as read."""

    version: StrictInt = Field(..., ge=1, le=2**31)
