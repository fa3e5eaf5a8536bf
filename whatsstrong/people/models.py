"""The person, in the round: who they are, their network, and their strengths at three levels."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import rules

# Name keys are searched by prefix ranges (queries.prefix_range), which are only right when the key
# columns compare in code-point order, whatever the database's own collation (a council's
# PostgreSQL may sort in en_GB.UTF-8, which orders by language rules). SQLite has this order built
# in as BINARY; on PostgreSQL migration 0004 makes a collation of the same name from "C".
CODE_POINT_ORDER = "BINARY"


class Consent(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    YES = "yes", "Yes"
    NO = "no", "No"
    SOME = "some", "Yes, with limits (see notes)"


class AppropriatePerson(models.TextChoices):
    NOT_CONSIDERED = "not_considered", "Not considered yet"
    YES = "yes", "Yes, someone can support them"
    NO = "no", "No one suitable"


class AdvocacyException(models.TextChoices):
    NONE = "", "None of these"
    HOSPITAL = "hospital_28_days", "Likely to be in an NHS hospital for 28 days or more"
    CARE_HOME = "care_home_8_weeks", "Likely to be in a care home for 8 weeks or more"
    DISAGREEMENT = "disagreement", "The council and the appropriate person disagree, and both want an advocate"


class ActivePeople(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(archived_at__isnull=True)


class Person(models.Model):
    # Who they are, in their own terms.
    given_name = models.CharField("Given name", max_length=100)
    family_name = models.CharField("Family name", max_length=100)
    preferred_name = models.CharField(
        "Preferred name",
        max_length=100,
        blank=True,
        help_text="The name they like to be called. It is used on every page.",
    )
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)

    preferred_language = models.CharField(max_length=60, blank=True, default="English")
    interpreter_needed = models.BooleanField(default=False)
    communication_needs = models.TextField(
        blank=True, help_text="For example easy read, British Sign Language, pictures, large print, more time."
    )
    culture_and_identity = models.TextField("Culture and identity", blank=True)
    religion_or_belief = models.CharField("Religion, faith or belief", max_length=120, blank=True)

    life_story = models.TextField(blank=True)
    what_matters = models.TextField("What matters to them", blank=True)
    good_day = models.TextField("What a good day looks like", blank=True)
    interests = models.TextField("Interests and hobbies", blank=True)
    skills_and_talents = models.TextField("Skills and talents", blank=True)
    proud_of = models.TextField("What they are proud of", blank=True)

    # Consent to involve others and to share information.
    consent_to_involve = models.CharField(max_length=12, choices=Consent.choices, default=Consent.NOT_ASKED)
    consent_to_share = models.CharField(max_length=12, choices=Consent.choices, default=Consent.NOT_ASKED)
    consent_notes = models.TextField(blank=True)

    # Mental capacity, and the Care Act section 67 advocacy test.
    capacity_note = models.TextField(blank=True)
    difficulty_understanding = models.BooleanField(default=False)
    difficulty_retaining = models.BooleanField(default=False)
    difficulty_weighing = models.BooleanField(default=False)
    difficulty_communicating = models.BooleanField(default=False)
    appropriate_person = models.CharField(
        max_length=16, choices=AppropriatePerson.choices, default=AppropriatePerson.NOT_CONSIDERED
    )
    appropriate_person_name = models.CharField(max_length=120, blank=True)
    advocacy_exception = models.CharField(max_length=24, choices=AdvocacyException.choices, blank=True)
    advocate_referred_on = models.DateField(null=True, blank=True)

    # Allocation and record keeping.
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="people")
    # Staff are deactivated, never deleted, so a worker's people are never silently un-allocated.
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="caseload"
    )
    restricted = models.BooleanField(default=False)
    # When the person's support is next reviewed. Set by the assessments app through
    # services.review_schedule: signing off a fuller assessment sets the first review, signing off a
    # review the next one (or clears it when support closes). Empty when no review is planned.
    review_due_on = models.DateField("Next review due", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    archive_reason = models.CharField(max_length=200, blank=True)

    # Search forms of the names (rules.name_key) for indexed prefix search on any database.
    family_name_key = models.CharField(max_length=100, editable=False, db_collation=CODE_POINT_ORDER)
    given_name_key = models.CharField(max_length=100, editable=False, db_index=True, db_collation=CODE_POINT_ORDER)
    preferred_name_key = models.CharField(max_length=100, editable=False, db_index=True, db_collation=CODE_POINT_ORDER)
    # The postcode as search compares it (rules.postcode_key: "CV1 2GN"), and its outward code
    # ("CV1", rules.outward_key), each the head of an index that also holds the name order.
    postcode_key = models.CharField(max_length=8, editable=False, default="", db_collation=CODE_POINT_ORDER)
    postcode_outward = models.CharField(max_length=8, editable=False, default="", db_collation=CODE_POINT_ORDER)

    # Long text the language coach reads and summarises for supervisors.
    coached_fields = (
        "what_matters",
        "good_day",
        "life_story",
        "interests",
        "skills_and_talents",
        "proud_of",
        "communication_needs",
        "culture_and_identity",
        "consent_notes",
        "capacity_note",
    )

    history = HistoricalRecords(
        excluded_fields=[
            "family_name_key",
            "given_name_key",
            "preferred_name_key",
            "postcode_key",
            "postcode_outward",
        ]
    )
    objects = ActivePeople()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, after the default one on purpose)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            # The caseload (queries.caseload_for) is counted and paged from these. Partial on
            # archived_at IS NULL, and in the page's order after the team or worker, so both databases
            # read the page straight off the index and stop at the limit: PostgreSQL does not treat
            # IS NULL as an equality for ordering, so (team, archived_at, family_name, ...) still
            # sorted the whole team there. The trailing archived_at is for SQLite, which otherwise
            # does not see the index as covering the count and reads every row of the team.
            models.Index(
                fields=["team", "family_name", "given_name", "id", "archived_at"],
                condition=models.Q(archived_at__isnull=True),
                name="people_caseload_team_idx",
            ),
            models.Index(
                fields=["allocated_worker", "family_name", "given_name", "id", "archived_at"],
                condition=models.Q(archived_at__isnull=True),
                name="people_caseload_worker_idx",
            ),
            # A team's people whose review is due before a day, oldest due first (queries.overdue_reviews
            # and the per-team counts): partial, so people with no review planned take no room.
            models.Index(
                fields=["team", "review_due_on", "id"],
                condition=models.Q(archived_at__isnull=True, review_due_on__isnull=False),
                name="people_review_due_idx",
            ),
            # Name search: a common family name is ordered by given name without a sort.
            models.Index(fields=["family_name_key", "given_name_key"]),
            # Two-word name search: a family name with the start of a preferred name, one seek
            # (queries._family_matches), where SQLite read every person of that family name.
            models.Index(fields=["family_name_key", "preferred_name_key"], name="people_family_preferred_idx"),
            # Finding people by date of birth or postcode (search.find_by_keys): a seek on the key,
            # then the few people found there in name order.
            models.Index(fields=["date_of_birth", "family_name_key", "given_name_key"], name="people_birth_idx"),
            models.Index(fields=["postcode_key", "family_name_key", "given_name_key"], name="people_postcode_idx"),
            # An outward code holds thousands of people: equality here reads them in name order, where
            # a range over people_postcode_idx had to sort them all.
            models.Index(fields=["postcode_outward", "family_name_key", "given_name_key"], name="people_outward_idx"),
        ]
        constraints = [
            # An NHS number identifies one person, so it belongs to one record, archived or not.
            # nhs_number keeps its own plain index for look-ups: SQLite would not use this partial one
            # for `nhs_number = '...'`.
            models.UniqueConstraint(
                fields=["nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="one_record_per_nhs_number",
                violation_error_message="Someone already has a record with this NHS number",
            )
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.family_name_key = rules.name_key(self.family_name)
        self.given_name_key = rules.name_key(self.given_name)
        self.preferred_name_key = rules.name_key(self.preferred_name)
        self.postcode_key = rules.postcode_key(self.postcode)
        self.postcode_outward = rules.outward_key(self.postcode_key)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.pk])

    @property
    def display_name(self):
        return rules.display_name(self.given_name, self.preferred_name, self.family_name)

    @property
    def known_as(self):
        return self.preferred_name or self.given_name

    @property
    def formal_name(self):
        return f"{self.given_name} {self.family_name}"

    def advocacy(self):
        return rules.advocacy_assessment(
            difficulties=[
                self.difficulty_understanding,
                self.difficulty_retaining,
                self.difficulty_weighing,
                self.difficulty_communicating,
            ],
            appropriate_person=self.appropriate_person,
            exception=self.advocacy_exception,
            referred=self.advocate_referred_on is not None,
        )


class NetworkMember(models.Model):
    class Kind(models.TextChoices):
        FAMILY = "family", "Family"
        FRIEND = "friend", "Friend"
        NEIGHBOUR = "neighbour", "Neighbour"
        COMMUNITY = "community", "Group or community"
        PROFESSIONAL = "professional", "Professional"
        PET = "pet", "Pet or animal"

    class Closeness(models.IntegerChoices):
        CLOSEST = 1, "Closest to them"
        CLOSE = 2, "Close"
        WIDER = 3, "Wider circle"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=80, help_text="For example daughter, neighbour, choir, GP.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.FAMILY)
    closeness = models.PositiveSmallIntegerField(choices=Closeness.choices, default=Closeness.CLOSE)
    what_they_bring = models.TextField("What they bring", blank=True)
    is_carer = models.BooleanField("They are a carer", default=False)
    has_died = models.BooleanField("They have died but still matter", default=False)
    contact = models.CharField("How to contact them", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("what_they_bring",)

    class Meta:
        ordering = ["closeness", "name"]

    def __str__(self):
        return f"{self.name} ({self.relationship})"


class Asset(models.Model):
    """A strength or resource, at one of the three levels the assessment conversation looks for."""

    class Level(models.TextChoices):
        OWN = "own", "Their own strengths"
        NETWORK = "network", "Their family, friends and network"
        COMMUNITY = "community", "Their community"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assets")
    level = models.CharField(max_length=12, choices=Level.choices)
    description = models.TextField()
    network_member = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="assets"
    )
    in_their_words = models.BooleanField("These are the person's own words", default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "pk"]

    def __str__(self):
        return self.description[:60]


from .name_index import NameVariant, PersonNamePair, PersonNameToken  # noqa: E402,F401  (typo-tolerant name search)
