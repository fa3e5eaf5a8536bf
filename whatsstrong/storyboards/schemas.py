"""The shapes of the storyboards API, each named for storyboards so no two schemas in the API share
a name. Input derives from core's `Input`; the rules are the services', in the same words as the pages."""

import datetime
from typing import Literal

from ninja import Field, Schema

from whatsstrong.core.api_schemas import Input


class StoryboardThemeOut(Schema):
    code: str
    label: str


class StoryboardSummaryOut(Schema):
    id: int
    title: str
    status: str
    team: str | None
    themes: list[StoryboardThemeOut]
    published_at: datetime.datetime | None


class StoryboardListOut(Schema):
    count: int = Field(description="How many published stories match, in all")
    words: list[str] = Field(description="The words searched for, after common words are left out")
    stories: list[StoryboardSummaryOut]


class StoryboardOut(Schema):
    id: int
    status: str = Field(description="draft, submitted, sent_back or published")
    title: str
    situation: str
    what_was_done: str
    difference: str
    their_words: str
    learning: str
    people_involved: str
    themes: list[StoryboardThemeOut]
    about_someone: bool
    consent_by: str
    consent_how: str
    consent_on: datetime.date | None
    author: str
    team: str | None
    changes_asked: str
    published_at: datetime.datetime | None
    review_on: datetime.date | None
    open_flags: int = Field(description="Possible names or contact details not yet resolved (for reviewers)")
    version: int


class StoryboardConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str | None = None


class StoryboardQuery(Input):
    json_types = False
    q: str = Field("", max_length=200, description="Words to look for")
    theme: str = Field("", max_length=40, description="A theme code")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100000)


class StoryboardIn(Input):
    title: str = Field(..., max_length=150)
    situation: str = Field(..., max_length=20000)
    what_was_done: str = Field(..., max_length=20000)
    difference: str = Field(..., max_length=20000)
    their_words: str = Field("", max_length=20000)
    learning: str = Field(..., max_length=20000)
    people_involved: str = Field(..., max_length=20000)
    themes: list[str] = Field(..., max_length=30)
    about_someone: bool = True
    consent_by: str = Field("", max_length=200)
    consent_how: str = Field("", max_length=20)
    consent_on: datetime.date | None = None
    submit: bool = Field(True, description="Send it for review; false keeps it as a draft")


class StoryboardDecisionIn(Input):
    action: Literal["approve", "send_back"]
    review_on: datetime.date | None = Field(None, description="When approving: the date to look at it again")
    changes: str = Field("", max_length=20000, description="When sending back: what to change")
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class StoryboardCpdOut(Schema):
    id: int
    kind: str = Field(description="practice, reflection, course, reading, supervision or other")
    kind_label: str
    title: str
    description: str = Field(description="What I did")
    done_on: datetime.date
    learning: str = Field(description="What I learnt")
    impact: str = Field(description="The impact on my practice")
    storyboard_id: int | None = Field(description="The story it was drafted from, if any")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int


class StoryboardFlagOut(Schema):
    key: str = Field(description="Names this detail when resolving it")
    field: str = Field(description="The part of the story it is in")
    field_label: str
    words: str = Field(description="The words flagged, as written")
    kind: str = Field(description="name, email, phone or postcode")
    accepted: bool = Field(description="Accepted by a reviewer as able to stay; false while still open")
    reason: str = Field(description="Why it can stay, once accepted; else ''")
    accepted_by: str | None = None
    accepted_at: datetime.datetime | None = None


class StoryboardFlagsOut(Schema):
    story_id: int
    status: str
    version: int = Field(description="Send it back when taking a detail out")
    open: int = Field(description="Details neither taken out nor accepted: publishing waits for none")
    flags: list[StoryboardFlagOut] = Field(description="Open details first, in the story's order, then accepted ones")


class StoryboardFlagResolutionIn(Input):
    key: str = Field(..., max_length=400, description="The flag's `key`, from GET .../flags")
    resolution: Literal["taken_out", "accepted"] = Field(
        ..., description="taken_out: put other words in its place in the story; accepted: it stays, with a reason"
    )
    reason: str = Field("", max_length=2000, description="Required when accepting: why the words can stay")
    replace_with: str = Field(
        "", max_length=60, description="When taking out: the words to put in its place, like 'her son' (optional)"
    )
    version: int | None = Field(None, ge=1, le=2**31 - 1, description="When taking out: the story's version read")
