"""Practice quality assurance: the standards practice is audited against, audits and their ratings,
moderation of audits by senior managers, and each team's quarterly sample of cases to audit.

Standards and the rating scale are reference data: the bundled set (data/standards.json) is loaded by
a migration, and administrators reword, reorder and switch them off in the admin, with history.
Records store the code, never the label. Nothing here is deleted.

An audit is one of four kinds (`Audit.Kind`): a record audit (a person's record, usually one
assessment in it), a practice observation (a visit or meeting watched with the person's consent),
a staff supervision audit and a thematic review across many records. Each rates every active
standard on the scale (`AuditRating`), with the evidence, and records the strengths of the
practice, the learning and actions for the practitioner (`AuditAction`); once shared, the
practitioner reads it and can answer. A senior manager moderates it: on each rating they agree or
give their own with a reason (`AuditRating.moderated`), and the differences are reported.

An auditor tags the learning with themes (`LearningTheme`, data/themes.json) so the quarterly themes
report can count them. A thematic review names its theme (`focus`) and the records it looked at
(`Audit.people`). A staff supervision audit is of the supervisee (`practitioner`), rated against the
same standards and KcVETS questions; `focus` says in words which supervision sessions were read.
The audit page lists the supervisee's recent one-to-one sessions (`supervision.SupervisionSession`),
read live through `supervision.queries.sessions_for_audit` (date, supervisor, on time or not, how many
case discussions and actions, a link each; never the wellbeing notes) and only those the reader may
open under supervision's own rule (`access.can_see_supervision`). No row here links to a session: which
were read stays in `focus`, and a stored link (a many-to-many to the sessions, chosen on the start page)
is left for when auditors ask to pick them.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Standard(models.Model):
    class Group(models.TextChoices):
        PRACTICE = "practice", "Practice standards"
        REFLECTIVE = "reflective", "Reflective questions (KcVETS)"

    code = models.SlugField(max_length=60, unique=True, help_text="A stable code. Never reuse one.")
    group = models.CharField(max_length=12, choices=Group.choices)
    name = models.CharField(max_length=120)
    expectation = models.TextField("What good practice looks like")
    evidence = models.TextField("What an auditor looks for", help_text="One thing per line.")
    # Pre-screen indicators (rules.INDICATOR_KEYS) that help with this standard, separated by spaces.
    prescreen = models.CharField("Pre-screen indicators that help", max_length=120, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop rating this standard in new audits.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "practice standard"

    def __str__(self):
        return self.name

    @property
    def evidence_list(self):
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class RatingLevel(models.Model):
    """One point on the organisation's rating scale. A higher value is better practice."""

    code = models.SlugField(max_length=30, unique=True, help_text="A stable code. Never reuse one.")
    label = models.CharField(max_length=60)
    description = models.CharField(max_length=300)
    value = models.PositiveSmallIntegerField(unique=True, help_text="Higher is better. Used to compare ratings.")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-value"]
        verbose_name = "rating"

    def __str__(self):
        return self.label


class LearningTheme(models.Model):
    """A theme an auditor tags an audit's learning with (data/themes.json), counted in the quarterly
    themes report. Reference data: reworded and switched off in the admin, with history."""

    code = models.SlugField(max_length=60, unique=True, help_text="A stable code. Never reuse one.")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop offering this theme in new audits.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "learning theme"

    def __str__(self):
        return self.name


class Audit(models.Model):
    class Kind(models.TextChoices):
        RECORD = "record", "Practice standards audit of a record"
        OBSERVATION = "observation", "Practice observation"
        SUPERVISION = "supervision", "Staff supervision audit"
        THEMATIC = "thematic", "Thematic practice review"

    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        SHARED = "shared", "Shared with the practitioner"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A record audit and an observation are about one person; a thematic review names its theme instead.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Empty for a thematic review, which looks across many practitioners' work.
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Practitioner audited",
    )
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(max_length=7)
    focus = models.TextField("What was looked at", blank=True)
    # An observation only: the person agreed to be observed, and when it happened.
    consent = models.BooleanField("The person agreed to the observation", default=False)
    observed_on = models.DateField("Date observed", null=True, blank=True)
    strengths = models.TextField("Strengths of the practice", blank=True)
    learning = models.TextField("Learning", blank=True)
    # The themes the auditor sees in the learning, counted across audits in the themes report.
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="+", verbose_name="Learning themes")
    # A thematic review: the people whose records it looks at (each opened through the gate).
    people = models.ManyToManyField("people.Person", blank=True, related_name="+", verbose_name="Records reviewed")
    started_at = models.DateTimeField(auto_now_add=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField("The practitioner's response", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_comment = models.TextField("Moderator's comment", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    # No `coached_fields`: the coach keeps language totals of what is written about the person, and
    # an audit is written about the practice. Its long fields still get the coach's live hints.

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["team", "quarter"], name="audit_team_quarter_idx"),
            models.Index(fields=["practitioner", "-started_at"], name="audit_practitioner_idx"),
            models.Index(fields=["person"], name="audit_person_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quarter}"

    def get_absolute_url(self):
        return reverse("audits:audit", args=[self.pk])


class AuditRating(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    rating = models.ForeignKey(RatingLevel, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField("Evidence", blank=True)
    # Moderation: the moderator's own rating when they differ, and why. Empty: not moderated, or agreed.
    moderated = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="Moderated rating"
    )
    moderation_reason = models.TextField("Why the rating changed", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["audit", "standard"], name="one_rating_per_standard")]

    def __str__(self):
        return f"{self.standard_id}: {self.rating_id}"


class AuditAction(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="actions")
    text = models.TextField("What the practitioner will do")
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]


class Sample(models.Model):
    """A team's cases to audit in a quarter, drawn by `rules.draw_sample` from the seed kept here."""

    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(max_length=7)
    seed = models.CharField(max_length=40)
    size = models.PositiveSmallIntegerField()
    self_authorised_share = models.DecimalField(max_digits=3, decimal_places=2, default=0.1)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-drawn_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["team", "quarter"], name="one_sample_per_team_quarter")]

    def __str__(self):
        return f"Sample {self.quarter}"


class SampleCase(models.Model):
    class Reason(models.TextChoices):
        ATTENTION = "attention", "Marked by the pre-screen"
        RANDOM = "random", "Drawn at random"
        SELF_AUTHORISED = "self_authorised", "Self-authorised: checked by audit"

    sample = models.ForeignKey(Sample, on_delete=models.PROTECT, related_name="cases")
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    notes = models.CharField(max_length=400, blank=True)  # the pre-screen's reasons, when it marked the case
    audit = models.ForeignKey(Audit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["sample", "assessment"], name="one_case_per_assessment")]

    def __str__(self):
        return f"{self.reason} {self.assessment_id}"
