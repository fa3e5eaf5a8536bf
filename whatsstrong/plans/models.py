"""Support plans: what a good life looks like for the person, in their words, and who does what.

A plan (`SupportPlan`) starts from a signed-off assessment's hand-over, or stands alone for someone
whose assessment was written before this system. It holds personal outcomes (`PersonalOutcome`), each
written in the person's words, linked to the Care Act wellbeing areas it serves, with how they will
know it is getting better. Each outcome has contributions (`Contribution`): what the person does
themselves, what named people from their network do, community assets, technology enabled care,
equipment and paid support, in that order. Anyone from the network the plan relies on must have
agreed, with a note on their own wellbeing (`NetworkAgreement`).

Money: the personal budget, how it is managed and what it buys are on the plan; each contribution
may have a cost in pounds and pence (`DecimalField`, never a float).

Progress: scaling scores 1 to 10 over time (`OutcomeScore`), added by the person with the
practitioner or by a review; for an outcome that asks for change, the stage of change
(`ChangeStage`), each new stage a new row so the journey is kept.

A family group conference (`FamilyGroupConference`) is the family's meeting; its action plan
(`FamilyAction`) links into the support plan as contributions.

Agreeing a plan writes a numbered version (`PlanVersion`) holding the plan as agreed; changing an
agreed plan opens the next version, and the person's copy says which version it shows.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

MONEY = {"max_digits": 9, "decimal_places": 2}


class Period(models.TextChoices):
    WEEK = "week", "a week"
    YEAR = "year", "a year"
    ONCE = "once", "once"


class SupportPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        AWAITING = "awaiting_sign_off", "Waiting for sign-off"
        RETURNED = "returned", "Returned with comments"
        AGREED = "agreed", "Agreed"
        ENDED = "ended", "Ended"

    class Management(models.TextChoices):
        DIRECT_PAYMENT = "direct_payment", "Direct payment: the person, or someone for them, holds the money"
        ISF = "individual_service_fund", "Individual service fund: a provider holds the money for the person"
        COUNCIL = "council_arranged", "The council arranges the support"
        MIXED = "mixed", "A mix of these"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans")
    # The signed-off assessment whose hand-over the plan starts from; empty for a plan that stands alone.
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Starts from",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    good_life = models.TextField("What a good life looks like, in their words", blank=True)
    # Money and control.
    budget = models.DecimalField("Personal budget, in pounds", null=True, blank=True, **MONEY)
    budget_per = models.CharField(
        "The budget is for", max_length=4, choices=[c for c in Period.choices if c[0] != "once"], blank=True
    )
    managed = models.CharField("How the budget is managed", max_length=30, choices=Management.choices, blank=True)
    managed_by = models.CharField("Who manages it", max_length=200, blank=True)
    money_notes = models.TextField("Anything else about the money", blank=True)
    # Contingency and emergency plans.
    if_carer_unwell = models.TextField("If someone who helps is ill or cannot come", blank=True)
    if_things_go_wrong = models.TextField("If things go wrong", blank=True)
    who_to_call = models.TextField("Who to call", blank=True)
    review_on = models.DateField("Review date", null=True, blank=True)
    # The number of the version being written or last agreed (PlanVersion); 1 until first agreed.
    edition = models.PositiveIntegerField("Version", default=1)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("good_life", "money_notes", "if_carer_unwell", "if_things_go_wrong")

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["person", "-started_at"], name="plan_person_idx")]
        constraints = [models.CheckConstraint(condition=Q(budget__gte=0), name="plan_budget_not_negative")]

    def __str__(self):
        return f"Support plan, version {self.edition}"

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.person_id, self.pk])


class PersonalOutcome(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("What I want, in my words")
    # Codes of the Care Act wellbeing areas it serves (a to i, assessments/data/wellbeing.json).
    wellbeing = models.JSONField("Wellbeing areas it serves", default=list)
    how_we_know = models.TextField("How I will know it is getting better", blank=True)
    asks_for_change = models.BooleanField("Reaching it means changing something I do", default=False)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("text", "how_we_know")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:60]


class Contribution(models.Model):
    """One part of who does what for an outcome. `Kind` is in the order the plan shows them."""

    class Kind(models.TextChoices):
        SELF = "self", "What I will do"
        NETWORK = "network", "My family, friends and neighbours"
        COMMUNITY = "community", "Community groups and places"
        TECHNOLOGY = "technology", "Technology that helps: sensors, alarms, reminders"
        EQUIPMENT = "equipment", "Equipment"
        PAID = "paid", "Paid support"

    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.CASCADE, related_name="contributions")
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("Who or what helps", max_length=12, choices=Kind.choices)
    # A named person from this person's own network; never retyped (rules: same person only).
    network_member = models.ForeignKey(
        "people.NetworkMember", null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    # The community asset, the provider, the device or the piece of equipment, in words.
    who = models.CharField("Who or what", max_length=200, blank=True)
    what = models.TextField("What they will do")
    when = models.CharField("When, or how often", max_length=200, blank=True)
    cost = models.DecimalField("Cost, in pounds", null=True, blank=True, **MONEY)
    cost_per = models.CharField("The cost is", max_length=4, choices=Period.choices, blank=True)
    from_budget = models.BooleanField("Paid for from the personal budget", default=False)
    family_action = models.OneToOneField(
        "FamilyAction", null=True, blank=True, on_delete=models.SET_NULL, related_name="contribution"
    )
    # A community contribution may name a running service from the directory, picked from a list,
    # never typed; naming it records a suggestion on the person's record (`signpost`, marked as from
    # the plan) once, so the service's counts include it.
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Service from the directory",
    )
    signpost = models.ForeignKey(
        "directory.Signpost", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("what",)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="contribution_cost_not_negative")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.what[:40]}"


class NetworkAgreement(models.Model):
    """Someone from the person's network the plan relies on: whether they agreed, and how they are."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="agreements")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    network_member = models.ForeignKey("people.NetworkMember", on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField("They agreed to what the plan asks of them", default=False)
    agreed_on = models.DateField("Date they agreed", null=True, blank=True)
    their_wellbeing = models.TextField("How they are, and what helps them keep going", blank=True)
    carers_assessment = models.BooleanField("They were offered a carer's assessment", default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("their_wellbeing",)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "network_member"], name="one_agreement_per_helper"),
        ]

    def __str__(self):
        return f"Agreement of network member {self.network_member_id}"


class OutcomeScore(models.Model):
    """A scaling score for an outcome, 1 to 10, given by the person with the practitioner."""

    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("Score, 1 to 10", validators=[MinValueValidator(1), MaxValueValidator(10)])
    scored_on = models.DateField("Date")
    said = models.TextField("What they said about it", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The review the score was given in, when it was (assessments.Assessment of kind review).
    review = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    coached_fields = ("said",)

    class Meta:
        ordering = ["scored_on", "pk"]
        indexes = [models.Index(fields=["outcome", "scored_on"], name="score_outcome_day_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=10), name="score_one_to_ten"),
            models.UniqueConstraint(
                fields=["outcome", "review"], condition=Q(review__isnull=False), name="one_score_per_review"
            ),
        ]

    def __str__(self):
        return f"{self.score} on {self.scored_on}"


class ChangeStage(models.Model):
    """Where the person is in the cycle of change for an outcome; a new row at each move, so the
    journey is kept. Stages and what helps at each are data (data/change_stages.json)."""

    class Stage(models.TextChoices):
        PRE_CONTEMPLATION = "pre_contemplation", "Not yet thinking about change"
        CONTEMPLATION = "contemplation", "Thinking about change"
        DECISION = "decision", "Decided to change"
        ACTION = "action", "Making the change"
        MAINTENANCE = "maintenance", "Keeping the change going"
        LAPSE = "lapse", "Slipped back"

    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.CASCADE, related_name="stages")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    noted_on = models.DateField("Date")
    note = models.TextField("What they said, or what you noticed", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    coached_fields = ("note",)

    class Meta:
        ordering = ["noted_on", "created_at", "pk"]

    def __str__(self):
        return self.get_stage_display()


class PlanVersion(models.Model):
    """The plan as agreed: a numbered copy of everything in it at that moment (`services.snapshot`)."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="versions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    agreed_at = models.DateTimeField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_row_per_plan_version")]

    def __str__(self):
        return f"Version {self.number}"


class PlanSignOff(models.Model):
    """One step of agreeing a plan, kept as a trail, as an assessment's sign-off is."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Sent for sign-off"
        SELF_AUTHORISED = "self_authorised", "Agreed and signed off by its author"
        AUTHORISED = "authorised", "Signed off by a supervisor"
        RETURNED = "returned", "Returned with comments"
        REOPENED = "reopened", "Changes started"

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="sign_offs")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_action_display()


class FamilyGroupConference(models.Model):
    """The person's own meeting of family and friends, with an independent coordinator: referral,
    then information sharing, private family time and agreeing the family action plan."""

    class Stage(models.TextChoices):
        REFERRED = "referred", "Referred"
        INFORMATION = "information_sharing", "Information sharing"
        PRIVATE_TIME = "private_family_time", "Private family time"
        AGREEING = "agreeing_the_plan", "Agreeing the plan"
        DONE = "plan_agreed", "Family action plan agreed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="family_conferences")
    plan = models.ForeignKey(
        SupportPlan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
        verbose_name="Support plan it feeds",
    )
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField("Date of referral")
    reason = models.TextField("Why a conference, in their words")
    invited = models.ManyToManyField("people.NetworkMember", blank=True, related_name="+")
    invited_others = models.TextField("Anyone else they want there", blank=True)
    meeting_on = models.DateField("Date of the meeting", null=True, blank=True)
    meeting_place = models.CharField("Where", max_length=200, blank=True)
    coordinator = models.CharField("Coordinator", max_length=120, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REFERRED)
    information_shared = models.TextField("What was shared at the start", blank=True)
    private_time_note = models.TextField("What the family asked for after their private time", blank=True)
    review_on = models.DateField("Review date", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("reason", "information_shared", "private_time_note")

    class Meta:
        ordering = ["-referred_on", "-pk"]

    def __str__(self):
        return "Family group conference"

    def get_absolute_url(self):
        return reverse("plans:conference", args=[self.person_id, self.pk])


class FamilyAction(models.Model):
    """One line of the family action plan: who does what, by when."""

    conference = models.ForeignKey(FamilyGroupConference, on_delete=models.CASCADE, related_name="actions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    network_member = models.ForeignKey(
        "people.NetworkMember", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    who = models.CharField("Who, if not someone in their network", max_length=200, blank=True)
    what = models.TextField("What they will do")
    by_when = models.CharField("By when", max_length=120, blank=True)
    # The outcome of the support plan it serves, once linked (services.family_action_link).
    outcome = models.ForeignKey(
        PersonalOutcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="family_actions"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("what",)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.what[:60]
