"""Working with risk: positive risk assessments, and the complex case and risk enablement panel.

A positive risk assessment (`RiskAssessment`) is about one decision or activity the person wants
(moving home, going out alone, living with family). It holds the benefits for them and for others,
each risk (`Risk`) with how likely and how serious it is in the person's view and in the
practitioner's (scales as data, `data/scales.json`), what keeps the benefits while managing the risks,
the person's own view in their words, who agreed and a review date. Where the person lacks capacity
for this decision, the capacity finding for it and the best-interests record (who was consulted, the
person's past and present wishes, feelings, beliefs and values) are part of the same assessment.

The panel: any practitioner or supervisor of the person's team refers (`PanelReferral`); a
coordinator (`core.access.can_coordinate_panels`) puts the referral on a meeting (`Panel`), which can
hear several. The panel records who attended (on the meeting) and, for each referral, what was
discussed, its advice and recommendations. The decision stays with the practitioner and their
manager: they record it, with their reasons, on the referral afterwards. Actions (`PanelAction`) have
an owner, a due date and done or not.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

SCALE = [MinValueValidator(1), MaxValueValidator(3)]


class RiskAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        AGREED = "agreed", "Agreed"

    class Capacity(models.TextChoices):
        HAS = "has", "Has capacity to make this decision"
        LACKS = "lacks", "Lacks capacity to make this decision"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="risk_assessments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("Started")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    decision = models.CharField("The decision or activity", max_length=300)
    their_view = models.TextField("Their view, in their words", blank=True)
    benefits_to_them = models.TextField("What they gain", blank=True)
    benefits_to_others = models.TextField("What others gain", blank=True)
    keeping_benefits = models.TextField("How the benefits are kept and the risks managed", blank=True)
    # Capacity for this one decision, and the best-interests record when they lack it.
    capacity = models.CharField("Capacity for this decision", max_length=5, choices=Capacity.choices, blank=True)
    capacity_finding = models.TextField("How capacity for this decision was assessed, and what was found", blank=True)
    consulted = models.TextField("Who was consulted", blank=True)
    past_wishes = models.TextField("Their past wishes", blank=True)
    present_wishes = models.TextField("Their wishes now", blank=True)
    feelings_beliefs_values = models.TextField("Their feelings, beliefs and values", blank=True)
    best_interests = models.TextField("The decision in their best interests, and why", blank=True)
    # Agreement.
    agreed_by = models.TextField("Who agreed", blank=True)
    agreed_on = models.DateField("Date agreed", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_on = models.DateField("Review date", null=True, blank=True)
    # Reviewing an agreed assessment starts a new one from it (services.assessment_reopen): the agreed
    # one is never changed, so what was agreed, and any referral that names it, stays as it was.
    review_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name="The agreed assessment this reviews",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("their_view", "benefits_to_them", "benefits_to_others", "keeping_benefits")

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["person", "-started_on"], name="risk_assessment_person_idx")]

    def __str__(self):
        return f"Positive risk assessment: {self.decision}"

    def get_absolute_url(self):
        return reverse("risk:assessment", args=[self.person_id, self.pk])


class Risk(models.Model):
    class ForWhom(models.TextChoices):
        THEM = "them", "For them"
        OTHERS = "others", "For others"

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="risks")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    what = models.TextField("What could go wrong")
    for_whom = models.CharField("Who it is a risk for", max_length=6, choices=ForWhom.choices)
    likelihood_theirs = models.PositiveSmallIntegerField("How likely, in their view", validators=SCALE)
    likelihood_ours = models.PositiveSmallIntegerField("How likely, in the practitioner's view", validators=SCALE)
    severity_theirs = models.PositiveSmallIntegerField("How serious, in their view", validators=SCALE)
    severity_ours = models.PositiveSmallIntegerField("How serious, in the practitioner's view", validators=SCALE)
    managed_by = models.TextField("What will lessen it", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood_theirs__range=(1, 3))
                & models.Q(likelihood_ours__range=(1, 3))
                & models.Q(severity_theirs__range=(1, 3))
                & models.Q(severity_ours__range=(1, 3)),
                name="risk_scales_1_to_3",
            )
        ]

    def __str__(self):
        return self.what[:60]


class Panel(models.Model):
    """One meeting of the complex case and risk enablement panel; it can hear several referrals."""

    meets_on = models.DateField("Date of the panel")
    place = models.CharField("Where", max_length=200, blank=True)
    chair = models.CharField("Who chairs it", max_length=120, blank=True)
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendance = models.TextField("Who attended", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meets_on", "pk"]
        indexes = [models.Index(fields=["meets_on"], name="risk_panel_date_idx")]

    def __str__(self):
        return f"Risk enablement panel, {self.meets_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("risk:panel", args=[self.pk])


class PanelReferral(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a panel date"
        SCHEDULED = "scheduled", "On a panel"
        HEARD = "heard", "Heard: waiting for the decision"
        DECIDED = "decided", "Decision recorded"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="panel_referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField("Date of referral")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    assessment = models.ForeignKey(
        RiskAssessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name="Positive risk assessment",
    )
    situation = models.TextField("The situation")
    tried = models.TextField("What has been tried")
    their_view = models.TextField("Their view, in their words")
    question = models.TextField("The question for the panel")
    # Set by a coordinator.
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    # What the panel recorded.
    discussion = models.TextField("What the panel discussed", blank=True)
    advice = models.TextField("The panel's advice", blank=True)
    recommendations = models.TextField("The panel's recommendations", blank=True)
    follow_up_on = models.DateField("Follow-up date", null=True, blank=True)
    # The decision: the practitioner's and their manager's, after the panel.
    decision = models.TextField("The decision", blank=True)
    reasons = models.TextField("The reasons for it", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Manager who agreed the decision",
    )
    decided_on = models.DateField("Date of the decision", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("situation", "tried", "their_view", "question", "decision", "reasons")

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-referred_on"], name="risk_referral_person_idx"),
            models.Index(fields=["status", "referred_on"], name="risk_referral_status_idx"),
        ]

    def __str__(self):
        return "Referral to the risk enablement panel"

    def get_absolute_url(self):
        return reverse("risk:referral", args=[self.person_id, self.pk])


class PanelAction(models.Model):
    referral = models.ForeignKey(PanelReferral, on_delete=models.CASCADE, related_name="actions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    what = models.TextField("What is to be done")
    owner = models.CharField("Who will do it", max_length=120)
    due_on = models.DateField("Due by")
    done = models.BooleanField("Done", default=False)
    done_on = models.DateField("Date done", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done", "due_on"], name="risk_action_due_idx")]

    def __str__(self):
        return self.what[:60]
