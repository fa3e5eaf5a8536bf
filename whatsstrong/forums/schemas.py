"""Shapes of the outcomes forum API. Choices come from the same lists as the pages (the disciplines
in data/disciplines.json, the directory's urgencies), so a client meets the same words."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictInt

from whatsstrong.core.api_schemas import Input
from whatsstrong.directory.models import URGENCY_CHOICES

from .models import DISCIPLINE_CHOICES

DISCIPLINE = Literal[tuple(code for code, _ in DISCIPLINE_CHOICES)]  # type: ignore[valid-type]
URGENCY = Literal[tuple(code for code, _ in URGENCY_CHOICES)]  # type: ignore[valid-type]
DECISION = Literal["agreed", "changes"]
ID = Field(..., ge=1, le=2**63 - 1)


class ForumStaffRef(Schema):
    id: int
    display_name: str


class MemberOut(Schema):
    id: int
    name: str
    discipline: str
    discipline_label: str


class ForumOut(Schema):
    id: int
    held_on: datetime.date
    chair: ForumStaffRef
    place: str
    members: list[MemberOut]
    heard: int = Field(description="How many people the forum hears. Who they are is read from each person.")
    version: int


class ForumCreate(Input):
    held_on: datetime.date
    chair_id: StrictInt = Field(..., ge=1, le=2**63 - 1, description="A supervisor, quality lead or senior leader.")
    place: str = Field("", max_length=200)


class MemberIn(Input):
    name: str = Field(..., min_length=1, max_length=120)
    discipline: DISCIPLINE


class GapOut(Schema):
    id: int
    category: str | None
    area: str
    who: str
    need: str
    urgency: str
    recorded_on: datetime.date


class HearingOut(Schema):
    id: int
    forum_id: int
    held_on: datetime.date
    plan_id: int
    presenter: ForumStaffRef
    story: str
    follows_id: int | None
    decision: str = Field(description="agreed, changes, or empty while not decided.")
    decision_label: str
    changes: str
    changes_by: datetime.date | None
    reasons: str
    gaps: list[GapOut]
    version: int


class HearingCreate(Input):
    forum_id: StrictInt = ID
    plan_id: StrictInt = ID
    story: str = Field(..., max_length=5000)
    follows_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)


class HearingDecisionIn(Input):
    version: StrictInt = Field(..., ge=1, le=2**31)
    decision: DECISION
    reasons: str = Field(..., max_length=5000)
    changes: str = Field("", max_length=5000)
    changes_by: datetime.date | None = None


class ForumGapIn(Input):
    category_id: str = Field(..., max_length=40, description="A category id from the directory's taxonomy.")
    area: str = Field(..., max_length=60)
    who: str = Field(..., max_length=200, description="A group, never a name.")
    need: str = Field(..., max_length=2000)
    urgency: URGENCY


class ForumConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[dict]
