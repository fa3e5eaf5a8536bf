"""Experience surveys: who was invited, and what people answered, kept apart from case records.

The questions are data (`data/surveys.json`, and an organisation's own licensed packs in
`QuestionPack`), read by `definitions.py`; records name a survey and its statements by code.

Privacy by design:
- `Invitation` belongs to the person's record: who was invited to which survey, when, by whom. Its
  code is kept only as a keyed hash, and marked used without a time (a plain update, see services).
- `Response` knows its survey, the team that invited (for results by team), the month, and how it
  came in (online, on paper, by phone). It names no invitation. It names the person only when they
  agreed to that on the first page (`person`, empty otherwise). Responses and their answers are
  written once and never changed, so they keep no history table: a history row would time each one to the second,
  and that time beside the invitations' history would say whose answers they were.
- `Answer` is one statement's answer; `more` (the free text) is read only by survey managers.
- `WrongCode` logs each code typed that matched nothing, by a keyed hash of the address, to slow
  guessing (rules.wait_minutes).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Channel(models.TextChoices):
    ONLINE = "online", "Online, with a code"
    PAPER = "paper", "On paper, typed in by staff"
    PHONE = "phone", "By phone, typed in by staff"


class QuestionPack(models.Model):
    """An organisation's own licensed questions, loaded with `manage.py load_survey_pack FILE`."""

    code = models.SlugField(max_length=80, unique=True)
    licence_holder = models.CharField(max_length=200)
    definitions = models.JSONField()
    loaded_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self):
        return self.code


class Source(models.TextChoices):
    BY_HAND = "by_hand", "Invited by hand"
    REVIEW = "review", "A review was completed"
    ENQUIRY = "enquiry", "A safeguarding enquiry closed"
    DIRECT_PAYMENT = "direct_payment", "A direct payment has run for three months"
    STAFF = "staff", "A member of staff asked about supervision"


class Invitation(models.Model):
    """To a person who draws on support (`person`), or, for the supervision survey, to a member of
    staff (`staff`): one of the two. `source` says what led to it, and `source_id` which review,
    enquiry or plan, so one event never invites twice. `letter_code` holds the code only until the
    letter is printed or the email sent, for invitations made without anyone at a screen to print
    them (the three triggers); it is then emptied."""

    survey = models.CharField(max_length=40)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.BY_HAND)
    source_id = models.PositiveIntegerField(null=True, blank=True)
    letter_code = models.CharField(max_length=12, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["code_hash", "letter_code"])

    class Meta:
        ordering = ["-invited_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-invited_at"], name="surveys_invitation_person_idx"),
            models.Index(fields=["source", "source_id"], name="surveys_invitation_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=True) | models.Q(staff__isnull=True),
                name="surveys_invitation_person_or_staff",
            )
        ]

    def __str__(self):
        return f"Invited to the {self.survey} survey"


class Response(models.Model):
    survey = models.CharField(max_length=40)
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month it came in: no finer, so it cannot be timed")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    easy_read = models.BooleanField(default=False)
    # Only when the person agreed on the first page.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    more = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["survey", "month", "team"], name="surveys_response_idx")]

    def __str__(self):
        return f"Answers to the {self.survey} survey"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.CharField(max_length=40)
    answer = models.CharField(max_length=40)
    # Copied from the response, written once with it, so results are counted from one index alone
    # (surveys_answer_count_idx) rather than a join over every response: 8 times faster on SQLite
    # with 100,000 responses (bench/README.md).
    survey = models.CharField(max_length=40)
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "statement"], name="surveys_one_answer_each")]
        indexes = [
            models.Index(fields=["survey", "statement", "team", "answer"], name="surveys_answer_count_idx"),
        ]

    def __str__(self):
        return f"{self.statement}: {self.answer}"


class WrongCode(models.Model):
    address = models.CharField(max_length=64, db_index=True)  # a keyed hash, not the address itself
    at = models.DateTimeField(db_index=True)
    # A log itself, written once and deleted when old: no history table.

    def __str__(self):
        return f"A wrong survey code at {self.at:%Y-%m-%d %H:%M}"


class InvitationRules(models.Model):
    """Which events in practice invite someone, and how long before anyone is invited again. One row
    (pk 1), changed by survey managers on a page, with its history: these are choices about practice
    that a quality lead owns and may change between releases, not settings of a server."""

    review = models.BooleanField("Invite when a review is completed", default=True)
    enquiry = models.BooleanField("Invite when a safeguarding enquiry closes", default=True)
    direct_payment = models.BooleanField("Invite when a direct payment has run for three months", default=True)
    months_apart = models.PositiveSmallIntegerField("Months before anyone is invited again", default=6)
    history = HistoricalRecords()

    def __str__(self):
        return "Survey invitation rules"


class TextTheme(models.Model):
    """A theme a survey manager gave to what someone wrote: counted on the results page."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=60)
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "theme"], name="surveys_one_theme_each")]

    def __str__(self):
        return self.theme


class NationalFigure(models.Model):
    """The organisation's latest national survey figure for one statement, typed in to compare."""

    survey = models.CharField(max_length=40)
    statement = models.CharField(max_length=40)
    percent = models.DecimalField(max_digits=4, decimal_places=1)
    year = models.CharField("Survey year", max_length=20)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "statement"], name="surveys_one_figure_each")]

    def __str__(self):
        return f"{self.statement}: {self.percent}%"
