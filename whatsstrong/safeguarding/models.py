"""Making Safeguarding Personal: a concern about a person, the decision whether it needs an enquiry,
and the enquiry, led by what the person wants.

A `Concern` records who raised it, what happened and when, and what was done straight away for the
person's safety; then a supervisor of the person's team decides whether it needs a section 42 enquiry,
another safeguarding enquiry, or none, and why. An `Enquiry` follows from a decision that one is
needed: whether the person was asked what they want to happen, their desired outcomes in their own
words (`DesiredOutcome`), advocacy and mental capacity, the types of abuse or neglect
(`EnquiryAbuse`, one row each), where it happened, who or what is the source of risk
(`SourceOfRisk`, which may name someone from the person's network), the actions taken and, at the
close, the result, the risk outcome and whether each desired outcome was achieved. Its experience
survey invitation is kept on it.

Category values are codes from data/sac.json (the Safeguarding Adults Collection). Every model keeps
its history, naming who made each change. Who may see any of it: core/access.py (safeguarding).
No model names `coached_fields`: the coach's stored summaries are added up on the person's page for
anyone who reads it, and nothing of a safeguarding record goes where need-to-know is not asked.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import reference

CODE = {"max_length": 30}


def _choices(name):
    return [(i["code"], i["label"]) for i in reference.items(name)]


class Concern(models.Model):
    class Decision(models.TextChoices):
        S42 = "s42", "A section 42 enquiry is needed"
        OTHER = "other", "Another safeguarding enquiry is needed"
        NONE = "none", "No enquiry is needed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    raised_by = models.CharField("Who raised the concern", max_length=200)
    raised_on = models.DateField("Date the concern was raised")
    what_happened = models.TextField("What happened")
    happened_on = models.DateField("When it happened", null=True, blank=True)
    immediate_safety = models.TextField("The person's immediate safety")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField("Decision", max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField("Reasons for the decision", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Decided by",
    )
    decided_on = models.DateField("Date decided", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-raised_on"], name="sg_concern_person_idx"),
            models.Index(fields=["raised_on"], name="sg_concern_raised_idx"),
        ]

    def __str__(self):
        return f"Safeguarding concern (number {self.pk})"

    def get_absolute_url(self):
        return reverse("safeguarding:concern", args=[self.person_id, self.pk])


class Enquiry(models.Model):
    class Survey(models.TextChoices):
        NOT_OFFERED = "not_offered", "Not offered"
        OFFERED = "offered", "Offered"
        DECLINED = "declined", "Declined"
        SENT = "sent", "Sent"

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="enquiry")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("Kind of enquiry", choices=_choices("enquiry_kind"), **CODE)
    started_on = models.DateField("Date the enquiry started")
    asked = models.CharField("Were they asked what they want to happen?", choices=_choices("asked"), blank=True, **CODE)
    capacity = models.CharField(
        "Did they lack capacity to take part in decisions about the enquiry?",
        choices=_choices("capacity"),
        blank=True,
        **CODE,
    )
    advocacy = models.CharField("Who supported them", choices=_choices("advocacy"), blank=True, **CODE)
    advocate_name = models.CharField("Advocate's name", max_length=120, blank=True)
    location = models.CharField("Where the harm happened", choices=_choices("location"), blank=True, **CODE)
    actions = models.TextField("Actions taken", blank=True)
    action_result = models.CharField(
        "What the enquiry found and did", choices=_choices("action_result"), blank=True, **CODE
    )
    risk_outcome = models.CharField("Risk at the end", choices=_choices("risk_outcome"), blank=True, **CODE)
    concluded_on = models.DateField("Date the enquiry closed", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Closed by",
    )
    survey = models.CharField(
        "Experience survey invitation", max_length=12, choices=Survey.choices, default=Survey.NOT_OFFERED
    )
    survey_on = models.DateField("Date of the survey invitation's state", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["started_on"], name="sg_enquiry_started_idx"),
            models.Index(fields=["concluded_on", "kind"], name="sg_enquiry_concluded_idx"),
        ]

    def __str__(self):
        return f"Safeguarding enquiry (number {self.pk})"

    @property
    def closed(self):
        return self.concluded_on is not None


class EnquiryAbuse(models.Model):
    """One type of abuse or neglect the enquiry looked into."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="abuse_types")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    code = models.CharField("Type of abuse or neglect", choices=_choices("abuse_type"), **CODE)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enquiry", "code"], name="sg_one_of_each_abuse_type")]

    def __str__(self):
        return self.get_code_display()


class SourceOfRisk(models.Model):
    """Who or what is alleged to have caused the harm. Never shown outside need-to-know, and never
    in anything made for the person (core/withheld.py)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="sources")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("Source of risk", choices=_choices("source_of_risk"), **CODE)
    network_member = models.ForeignKey(
        "people.NetworkMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Someone from their network",
    )
    name = models.CharField("Name", max_length=200, blank=True)
    relationship = models.CharField("Who they are to the person", max_length=120, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["person"], name="sg_source_person_idx")]

    def __str__(self):
        return self.get_kind_display()


class DesiredOutcome(models.Model):
    """What the person wants to happen, in their own words, and at the close whether it did."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="outcomes")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("What they want to happen, in their words")
    achieved = models.CharField("Was it achieved?", choices=_choices("achieved"), blank=True, **CODE)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text
