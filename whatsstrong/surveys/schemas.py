"""What the surveys API sends: definitions, and results as counts with small groups hidden."""

from ninja import Field, Schema

from whatsstrong.core.api_schemas import Input


class ChoiceOut(Schema):
    code: str
    label: str
    easy: str = Field(description="The easy-read wording")
    agrees: bool = Field(description="Counted as agreeing in the share who agreed")


class StatementOut(Schema):
    code: str
    text: str
    easy: list[str] = Field(description="The easy-read version: short sentences, one idea each")
    theme: str = Field(description="The national outcome theme it relates to (a theme, not a national measure), or ''")
    theme_label: str
    picture: str = Field(description="The name of the picture an organisation may show beside it in easy read")


class SurveyOut(Schema):
    code: str
    title: str
    easy_title: str
    for_whom: str
    question: str
    choices: list[ChoiceOut] = Field(description="The answers offered, 'Prefer not to say' last")
    statements: list[StatementOut]
    more: str | None = Field(description="The optional free-text question, if the survey has one")
    licence_holder: str = Field(description="Who licenses the questions, for an organisation's own pack; else ''")


class RowOut(Schema):
    group: str = Field(description="A team, or 'All teams'")
    hidden: bool = Field(description="The whole group is hidden: fewer than 5 answers, or hidden with one that was")
    counts: dict[str, int | None] = Field(description="Answers by choice code; null where hidden")
    total: int | None
    share_agreeing: float | None = Field(description="0 to 1, of those who answered; null where not shown")


class StatementResultOut(Schema):
    statement: str
    rows: list[RowOut]


class ResultsOut(Schema):
    survey: str
    responses: int | None = Field(description="Null for the supervision survey until 5 or more have answered")
    minimum_group: int
    statements: list[StatementResultOut]


class SurveyInvitationOut(Schema):
    id: int
    survey: str
    survey_title: str
    invited_at: str = Field(description="When, as an ISO 8601 date and time")
    invited_by: str = Field(description="Who sent it, or whose work in the record led to it")
    source: str = Field(description="by_hand, review, enquiry or direct_payment")
    source_label: str
    used: bool = Field(description="Answered online with its code (never what was answered)")
    letter_waiting: bool = Field(description="Made by an event in practice, its letter not yet printed")


class SurveyInvitationIn(Input):
    survey: str = Field(..., max_length=40, description="The code of a survey for people who draw on support")


class SurveyInvitationMadeOut(SurveyInvitationOut):
    code: str = Field(
        description="The code for the letter, as the letter shows it. Sent this once only: just its keyed hash "
        "is kept, so nobody can read it again later"
    )


class SurveyTrendSeriesOut(Schema):
    group: str = Field(description="A team, or 'All teams'")
    shares_agreeing: list[float | None] = Field(description="One per period, 0 to 1; null where hidden")
    answered: list[int | None] = Field(description="How many answered, one per period; null where hidden")


class SurveyTrendOut(Schema):
    statement: str
    series: list[SurveyTrendSeriesOut]


class SurveyTrendsOut(Schema):
    survey: str
    by: str = Field(description="month or quarter")
    periods: list[str]
    minimum_group: int
    weighted: bool = Field(description="Always false: our own counts, not weighted like the national survey")
    statements: list[SurveyTrendOut]


class SurveyRateOut(Schema):
    team: str
    month: str = Field(description="The first day of the month, YYYY-MM-DD")
    invited: int
    answered: int | None = Field(description="Null where fewer than 5 were invited")
    rate: float | None = Field(description="0 to 1; null where fewer than 5 were invited")
