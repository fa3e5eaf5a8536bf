"""Assessments: the conversations with a person, written up, and the practitioner's analysis.

An assessment is one of three documents (`Assessment.Kind`). It records one or more conversations
and, beside guidance that is never a questionnaire, whatever the practitioner writes in each of its
sections (`SectionText`, one row per section, the sections themselves being data in
`data/documents.json`). Strengths found in the conversation are the person's own `people.Asset`
rows, linked here (`AssessmentStrength`). The nine Care Act wellbeing areas each get a row when
written about (`WellbeingArea`). Every step of the sign-off leaves a `SignOff` row. A fuller
assessment may hold one eligibility decision (`EligibilityDecision`), with the facts it was made on.

A review is the fourth kind, recorded like the others (conversations, analysis, sign-off). It looks
back at the person's latest signed-off fuller assessment (`Assessment.reviewed`): one `ReviewLook` per
thing looked back at (each wellbeing area the person ranked, and the hand-over), with what has changed,
what worked and a scaling score now. When support plans with personal outcomes land, each outcome
becomes one more subject of a `ReviewLook` ("outcome:<id>"), and a review looks back at the plan.
A review ends with its result and, unless support closes, the date of the next review, which
signing it off writes to `people.Person.review_due_on`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords


class Assessment(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", "Contact assessment"
        STRENGTHS = "strengths_and_wellbeing", "Strengths and wellbeing assessment"
        CARER = "carers_wellbeing", "Carer's wellbeing assessment"
        REVIEW = "review", "Review"

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        AWAITING = "awaiting_sign_off", "Waiting for sign-off"
        RETURNED = "returned", "Returned with comments"
        AUTHORISED = "authorised", "Signed off"

    class Result(models.TextChoices):
        REVISE = "revise_plan", "Revise the plan"
        CARRY_ON = "carry_on", "Carry on as planned"
        CLOSE = "close", "Close: no further support needed"

    class Offered(models.TextChoices):
        INFORMATION = "information_and_advice", "Information and advice"
        SIGNPOSTING = "signposting", "Put in touch with other help nearby"
        FURTHER = "further_assessment", "A fuller assessment is needed"
        NOTHING = "no_further_action", "Nothing more is needed for now"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField("Kind of assessment", max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The person's team: set when the assessment is started, and while it is still open it follows the
    # person to a new team (services.follow_persons_team), so that team's supervisor finds what waits
    # for them through the (status, team) index. Once signed off it keeps the team that did the work.
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    offered = models.CharField("What was offered", max_length=30, choices=Offered.choices, blank=True)
    analysis = models.TextField("Your analysis", blank=True)
    hand_over = models.TextField("What the support plan must pick up", blank=True)
    strengths = models.ManyToManyField("people.Asset", through="AssessmentStrength", related_name="assessments")
    # A review only: the signed-off fuller assessment it looks back at, what it leads to, and when
    # the next review is due (empty when support closes).
    reviewed = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews", verbose_name="Looks back at"
    )
    result = models.CharField("What the review leads to", max_length=20, choices=Result.choices, blank=True)
    next_review_on = models.DateField("Next review", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("analysis", "hand_over")

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-started_at"]),
            # A team's assessments at one stage, longest unchanged first: what waits for sign-off.
            models.Index(fields=["status", "team", "updated_at", "id"], name="assessment_stage_team_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} started {date_format(self.started_at, 'DATE_FORMAT')}"

    def get_absolute_url(self):
        return reverse("assessments:assessment", args=[self.person_id, self.pk])


class Conversation(models.Model):
    """One conversation the assessment records: when, where, who was there, and what was said."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="conversations")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField("Date")
    place = models.CharField("Where", max_length=200, blank=True)
    present = models.CharField("Who was there", max_length=300, blank=True)
    communication = models.CharField("How the person communicated", max_length=300, blank=True)
    advocate = models.BooleanField("An advocate took part", default=False)
    advocate_name = models.CharField("Advocate's name", max_length=120, blank=True)
    interpreter = models.BooleanField("An interpreter took part", default=False)
    interpreter_language = models.CharField("Language interpreted", max_length=60, blank=True)
    text = models.TextField("What was talked about")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("text",)

    class Meta:
        ordering = ["happened_on", "created_at", "pk"]

    def __str__(self):
        return self.title_for(self.happened_on)

    @staticmethod
    def title_for(day):
        return f"Conversation of {date_format(day, 'DATE_FORMAT')}"


class SectionText(models.Model):
    """What was written in one section of an assessment; `key` names a section in documents.json."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sections")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=40)
    text = models.TextField("What you wrote", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("text",)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="one_text_per_section")]

    def __str__(self):
        return self.key


class WellbeingArea(models.Model):
    """One of the nine Care Act wellbeing areas (codes a to i, data/wellbeing.json), as considered."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="wellbeing")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=1)
    said = models.TextField("What they said", blank=True)
    working = models.TextField("What is working", blank=True)
    matters = models.TextField("What matters most", blank=True)
    # The person's own order of priority; not every area must be ranked.
    rank = models.PositiveSmallIntegerField("Their priority", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("said", "working", "matters")

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "code"], name="one_row_per_wellbeing_area")]

    def __str__(self):
        return f"Wellbeing area {self.code}"


class AssessmentStrength(models.Model):
    """A strength of the person's, found in this assessment's conversations."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    asset = models.ForeignKey("people.Asset", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "asset"], name="one_link_per_strength")]

    def __str__(self):
        return f"Strength {self.asset_id} in assessment {self.assessment_id}"


class SignOff(models.Model):
    """One step of the sign-off, kept as a trail: who did what, when, and what they said."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Sent for sign-off"
        SELF_AUTHORISED = "self_authorised", "Signed off by its author"
        AUTHORISED = "authorised", "Signed off by a supervisor"
        RETURNED = "returned", "Returned with comments"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sign_offs")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.assessment_id})"


class EligibilityDecision(models.Model):
    """Whether the person's needs meet the national eligibility criteria (the 2015 regulations), as
    decided by whatsstrong.eligibility on the facts recorded here. One per fuller assessment: deciding
    again replaces it, and its history keeps every earlier decision."""

    class Who(models.TextChoices):
        ADULT = "adult", "An adult's needs"
        CARER = "carer", "A carer's needs"

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="eligibility")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    who = models.CharField("Whose needs", max_length=5, choices=Who.choices)
    # Exactly the case given to the library: the answers to its questions and, for each outcome, the
    # ways the person is unable to achieve it (codes, never labels).
    facts = models.JSONField("The facts decided on")
    impact = models.TextField("The impact on their wellbeing", blank=True)
    eligible = models.BooleanField("Eligible")
    unable = models.JSONField("Outcomes they are unable to achieve", default=list)
    reasons = models.JSONField("Reasons", default=list)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("Decided on")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("impact",)

    def __str__(self):
        return f"{'Eligible' if self.eligible else 'Not eligible'} ({self.assessment_id})"


class ReviewLook(models.Model):
    """One thing a review looks back at: `subject` is "wellbeing:<code>" for a wellbeing area the
    person ranked, or "hand_over" (later "outcome:<id>" for a personal outcome of the support plan)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="looks")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=40)
    changed = models.TextField("What has changed", blank=True)
    worked = models.TextField("What worked", blank=True)
    score = models.PositiveSmallIntegerField("Scaling score now, 1 to 10", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("changed", "worked")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "subject"], name="one_look_per_subject")]

    def __str__(self):
        return self.subject
