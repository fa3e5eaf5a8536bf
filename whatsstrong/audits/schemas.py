"""The shapes of the audits API: input derives from core's `Input` (text a database can keep, values
of the declared type); the rules are the services', so a client meets the same words as the pages."""

import datetime

from ninja import Field, Schema

from whatsstrong.core.api_schemas import Input

ID = Field(..., ge=1, le=2**63 - 1)


# --- Output -----------------------------------------------------------------------------------------


class StandardOut(Schema):
    code: str
    group: str = Field(description="practice, or reflective (the KcVETS questions)")
    name: str
    expectation: str
    evidence: list[str]
    prescreen: list[str] = Field(description="Pre-screen indicators that help with this standard")


class LevelOut(Schema):
    code: str
    label: str
    description: str
    value: int = Field(description="Higher is better practice")


class StandardsOut(Schema):
    standards: list[StandardOut]
    scale: list[LevelOut]


class IndicatorOut(Schema):
    key: str
    label: str
    found: str
    reading: str = Field(description="good, some, low, or not_yet: each indicator on its own, never a score")


class PrescreenOut(Schema):
    indicators: list[IndicatorOut]
    attention: list[str] = Field(description="Why the record is worth a closer look, if it is")
    quoted_letters: int
    letters: int
    strengths: dict[str, int]
    wellbeing_areas: int
    network_members: int
    outcomes: int
    outcomes_first_person: int
    deficit: int
    jargon: int
    days_since_review: int | None
    review_overdue: bool


class RatingOut(Schema):
    standard: str
    rating: str
    evidence: str
    moderated: str | None = Field(None, description="The moderator's rating, when they differed")
    moderation_reason: str


class AuditActionOut(Schema):
    id: int
    text: str
    done: bool


class AuditOut(Schema):
    id: int
    kind: str
    status: str
    person_id: int | None
    assessment_id: int | None
    practitioner_id: int | None
    auditor_id: int
    team_id: int
    quarter: str
    focus: str
    consent: bool
    observed_on: datetime.date | None
    strengths: str
    learning: str
    themes: list[str] = Field(description="Learning theme codes, counted in the quarterly themes report")
    shared: bool
    response: str
    moderator_id: int | None
    moderated: bool
    moderation_comment: str
    version: int
    ratings: list[RatingOut]
    actions: list[AuditActionOut]


class AuditChangeOut(Schema):
    field: str
    label: str
    theirs: object
    yours: object


class AuditConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[AuditChangeOut]


# --- Input ------------------------------------------------------------------------------------------


class AuditIn(Input):
    kind: str = Field(..., description="record or observation (of one person's record), supervision or thematic")
    person_id: int | None = Field(None, ge=1, le=2**63 - 1)
    assessment_id: int | None = Field(None, ge=1, le=2**63 - 1)
    practitioner_id: int | None = Field(None, ge=1, le=2**63 - 1)
    consent: bool = Field(False, description="An observation: the person agreed to be observed")
    observed_on: datetime.date | None = None
    focus: str = Field("", max_length=20000)


class RatingIn(Input):
    standard: str = Field(..., max_length=60)
    rating: str | None = Field(None, max_length=30)
    evidence: str = Field("", max_length=20000)


class RatingsIn(Input):
    version: int = Field(..., ge=1, le=2**31)
    ratings: list[RatingIn] = Field(default_factory=list, max_length=100)
    strengths: str = Field("", max_length=20000)
    learning: str = Field("", max_length=20000)
    share: bool = Field(False, description="Share with the practitioner: every standard must be rated")
    themes: list[str] | None = Field(
        None,
        max_length=20,
        description="Learning theme codes the learning is about; leave out to keep them as they are",
    )


class ModeratedIn(Input):
    standard: str = Field(..., max_length=60)
    rating: str | None = Field(None, max_length=30, description="Empty to agree with the auditor")
    reason: str = Field("", max_length=2000, description="Needed when the rating differs from the auditor's")


class ModerationIn(Input):
    version: int = Field(..., ge=1, le=2**31)
    ratings: list[ModeratedIn] = Field(default_factory=list, max_length=100)
    comment: str = Field("", max_length=20000)


class ResponseIn(Input):
    version: int = Field(..., ge=1, le=2**31)
    response: str = Field(..., max_length=20000)


# --- The quarterly themes report ----------------------------------------------------------------------


class ThemesQuery(Input):
    json_types = False
    first: str = Field(
        "", max_length=20, description='The first quarter, like "2026-Q1". Default: three before the last.'
    )
    last: str = Field("", max_length=20, description='The last quarter, like "2026-Q4". Default: this quarter.')


class ThemesRatingCountOut(Schema):
    level: str = Field(description="The rating's code on the scale")
    count: int


class ThemesRatingRowOut(Schema):
    standard: str = Field(description="The standard's code")
    standard_name: str
    team: str
    quarter: str
    counts: list[ThemesRatingCountOut] = Field(description="Ratings at each level, best first, after moderation")
    total: int


class ThemesModerationRowOut(Schema):
    quarter: str
    moderated: int = Field(description="Ratings a moderator checked")
    agreed: int = Field(description="Of those, ratings the moderator left as they were")
    agreed_percent: int | None = Field(description="Whole per cent; null when none were moderated")


class ThemesThemeRowOut(Schema):
    theme: str = Field(description="The learning theme's code")
    name: str
    by_quarter: list[int] = Field(description="Audits tagged with the theme, one figure for each quarter in order")
    total: int


class ThemesActionRowOut(Schema):
    team: str
    quarter: str
    done: int
    outstanding: int


class ThemesTotalsOut(Schema):
    audits: int
    ratings: int
    moderated: int
    agreed: int
    agreed_percent: int | None
    done: int
    outstanding: int
    tagged: int


class ThemesReportOut(Schema):
    quarters: list[str]
    totals: ThemesTotalsOut
    ratings: list[ThemesRatingRowOut]
    moderation: list[ThemesModerationRowOut]
    themes: list[ThemesThemeRowOut]
    actions: list[ThemesActionRowOut]
