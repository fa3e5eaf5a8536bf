"""The community directory: who runs what, where and when, and what came of suggesting it to someone.

Directory records (`Organisation`, `Service`, `Location`, `ServiceAtLocation`, `OpeningTime`, and the
categories in `Taxonomy` and `TaxonomyTerm`) are not about any person: every signed-in member of staff
reads them, directory editors and administrators change them, and the Open Referral UK API publishes
them. Their ids are UUIDs, as that standard asks, so a record keeps one id in every feed.

Signposting (`Signpost`) belongs to the person's record and goes through the gate like any other part
of it. `Gap` keeps a need nothing in the directory met: the category, the area and who it is for,
counted for commissioners without names.

`SearchWord`, `SearchWordVariant` and `ServiceWord` are the search index (see search.py), kept by the
services on every save.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

# Words and postcodes are searched by prefix ranges, which are only right in code-point order
# (see people/models.py: SQLite has BINARY; a people migration makes it on PostgreSQL).
CODE_POINT_ORDER = "BINARY"
MONEY = {"max_digits": 7, "decimal_places": 2}
# How soon a gap's need is needed: a list kept as data (rules.urgency_list_problems checks it).
URGENCIES = json.loads((Path(__file__).resolve().parent / "data" / "gap_urgency.json").read_text(encoding="utf-8"))
URGENCY_CHOICES = [(u["code"], u["label"]) for u in URGENCIES["urgencies"]]


class Status(models.TextChoices):
    # The values are Open Referral UK's, so the API publishes them as stored.
    ACTIVE = "active", "Running"
    TEMPORARILY_CLOSED = "temporarily closed", "Closed for now"
    INACTIVE = "inactive", "Not running at the moment"
    DEFUNCT = "defunct", "Closed for good"


# What practitioners are shown: running services, and those closed for now (with a tag saying so).
SHOWN_STATUSES = (Status.ACTIVE, Status.TEMPORARILY_CLOSED)


class Kind(models.TextChoices):
    GROUP = "group", "Group"
    CLUB = "club", "Club"
    ACTIVITY = "activity", "Activity or class"
    FAITH = "faith", "Faith group"
    LIBRARY = "library", "Library"
    CAFE = "cafe", "Cafe or lunch club"
    BEFRIENDING = "befriending", "Befriending"
    VOLUNTARY = "voluntary", "Voluntary organisation"
    SOCIAL_PRESCRIBING = "social_prescribing", "Social prescribing"
    STATUTORY = "statutory", "Statutory service"
    OTHER = "other", "Something else"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    CHARGE = "charge", "There is a charge"
    UNKNOWN = "", "Not known"


class Taxonomy(models.Model):
    """A list of categories: the bundled one, or an organisation's own (LGA/ESD lists, say)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    uri = models.URLField(blank=True)
    version_label = models.CharField("Version", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    # A stable code from the list it came from; records keep the link, the code keeps the meaning.
    code = models.CharField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    term_uri = models.URLField(blank=True)
    # Retired, never deleted: services and gaps may still point at it.
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["taxonomy", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="directory_term_code_once")]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField("What the organisation does", blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="directory_org_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation", args=[self.pk])


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="locations")
    name = models.CharField("Name of the place", max_length=200)
    address = models.TextField("Address", help_text="The street address, without the town or postcode.")
    town = models.CharField("Town or city", max_length=100)
    postcode = models.CharField(max_length=8)
    # The postcode as compared ("CV1 2GN") and its outward code ("CV1"): a person's postcode is placed
    # on the map by the places in the directory that share it (queries.place_of).
    postcode_key = models.CharField(max_length=8, editable=False, default="", db_collation=CODE_POINT_ORDER)
    outward = models.CharField(max_length=4, editable=False, default="", db_collation=CODE_POINT_ORDER)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField(
        "Getting in and around",
        blank=True,
        help_text="For example step-free entrance, accessible toilet, hearing loop, parking, quiet room.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["postcode_key", "outward"])

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["postcode_key"], name="directory_loc_postcode_idx"),
            models.Index(fields=["outward"], name="directory_loc_outward_idx"),
            # Services near a point: a box around it is read from here, then measured exactly.
            models.Index(fields=["latitude", "longitude"], name="directory_loc_place_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from . import rules

        self.postcode_key = rules.postcode_key(self.postcode)
        self.outward = rules.outward_code(self.postcode_key)
        super().save(*args, **kwargs)

    @property
    def one_line(self):
        from . import rules

        return rules.one_line(self.address, self.town, self.postcode)


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    kind = models.CharField("What kind of service it is", max_length=20, choices=Kind.choices, default=Kind.GROUP)
    description = models.TextField("What happens there", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    alert = models.CharField(
        "Notice for now", max_length=300, blank=True, help_text="Something short to know now, like a change of room."
    )
    categories = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    locations = models.ManyToManyField(Location, through="ServiceAtLocation", blank=True, related_name="services")
    # Who it is for.
    minimum_age = models.PositiveSmallIntegerField("Youngest age", null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField("Oldest age", null=True, blank=True)
    languages = models.CharField(
        "Languages spoken", max_length=300, blank=True, help_text="Separate them with commas, like English, Punjabi."
    )
    # What it costs.
    cost = models.CharField("Cost", max_length=10, choices=Cost.choices, blank=True, default=Cost.UNKNOWN)
    cost_amount = models.DecimalField("Amount, in pounds", null=True, blank=True, **MONEY)
    cost_note = models.CharField("What the charge is for", max_length=200, blank=True)
    # How to get in touch.
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    contact_name = models.CharField("Who to ask for", max_length=120, blank=True)
    contact_role = models.CharField("Their role", max_length=120, blank=True)
    # When someone last made sure the entry is right (entries older than a year are listed for review).
    last_checked = models.DateField("Last checked", null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[categories])

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # Lists by name walk this and stop after a page (status is checked on the way).
            models.Index(fields=["name", "id"], name="directory_service_name_idx"),
            # A word search joins each matching word to its service for the status and the name:
            # read from this, the join never touches the wide rows (search.ranked).
            models.Index(fields=["id", "status", "name"], name="directory_service_card_idx"),
            models.Index(fields=["last_checked"], name="directory_service_checked_idx"),
            models.Index(fields=["organisation", "name"], name="directory_service_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_amount__isnull=True) | Q(cost_amount__gte=0), name="directory_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="directory_ages_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:service", args=[self.pk])


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="at_services")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="directory_service_location_once")]

    def __str__(self):
        return f"{self.service} at {self.location}"


class OpeningTime(models.Model):
    """One session a week: a service may open twice on a day (morning and evening)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_times")
    weekday = models.PositiveSmallIntegerField(
        choices=[
            (n, d) for n, d in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        ]
    )
    opens = models.TimeField()
    closes = models.TimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "opens", "closes", "service"], name="directory_open_idx")]
        constraints = [models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="directory_opens_before_closes")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M} to {self.closes:%H:%M}"


class Signpost(models.Model):
    """A service suggested to a person, and what came of it, in their words."""

    class Tried(models.TextChoices):
        NOT_KNOWN = "", "Not known yet"
        YES = "yes", "Yes"
        NO = "no", "No"

    class Helped(models.TextChoices):
        NOT_KNOWN = "", "Not known yet"
        YES = "yes", "Yes"
        A_LITTLE = "a_little", "A little"
        NO = "no", "No"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="signposts")
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    suggested_on = models.DateField("Suggested on")
    # Suggested as part of the person's support plan (a community contribution naming the service),
    # rather than from the directory's own pages; counted alike.
    from_plan = models.BooleanField("Part of their support plan", default=False)
    why = models.TextField("What you suggested and why", blank=True)
    tried = models.CharField("Have they tried it?", max_length=3, choices=Tried.choices, blank=True, default="")
    helped = models.CharField("Did it help?", max_length=10, choices=Helped.choices, blank=True, default="")
    their_words = models.TextField("What they said about it, in their words", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-suggested_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-suggested_on"], name="directory_signpost_person_idx"),
            models.Index(fields=["service", "tried", "helped"], name="directory_signpost_use_idx"),
        ]

    def __str__(self):
        return f"Suggested: {self.service.name}"


class Gap(models.Model):
    """A need the directory could not meet: what, where and for whom, how soon, for commissioners."""

    class Source(models.TextChoices):
        SEARCH = "search", "The directory's search"
        PERSON = "person", "A person's record"
        FORUM = "forum", "An outcomes forum"

    category = models.ForeignKey(
        TaxonomyTerm, null=True, blank=True, on_delete=models.PROTECT, related_name="gaps", verbose_name="Category"
    )
    area = models.CharField("Area", max_length=60, help_text="A neighbourhood, or the first part of a postcode.")
    who = models.CharField("Who it would be for", max_length=200)
    need = models.TextField("What is needed")
    urgency = models.CharField("How soon it is needed", max_length=12, choices=URGENCY_CHOICES, blank=True)
    source = models.CharField("Where it was recorded", max_length=8, choices=Source.choices, default=Source.SEARCH)
    # From whose record, when it was recorded there: never shown where gaps are counted.
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        indexes = [
            models.Index(fields=["category", "area"], name="directory_gap_idx"),
            # Counting by quarter reads the days in order.
            models.Index(fields=["recorded_on"], name="directory_gap_day_idx"),
        ]

    def __str__(self):
        return f"Gap: {self.need[:60]}"


# --- The search index (search.py) --------------------------------------------------------------------


class SearchWord(models.Model):
    """Every word in the index once, for prefix ranges, with how many services have it: a search
    starts from its rarest typed word (search.py), and a word no service has any more is skipped."""

    word = models.CharField(max_length=40, primary_key=True, db_collation=CODE_POINT_ORDER)
    services = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchWordVariant(models.Model):
    """A word filed under itself with one letter dropped, so a slip in a typed word still finds it."""

    key = models.CharField(max_length=40, db_collation=CODE_POINT_ORDER)
    word = models.CharField(max_length=40, db_collation=CODE_POINT_ORDER)

    class Meta:
        indexes = [models.Index(fields=["key", "word"], name="directory_variant_idx")]
        constraints = [models.UniqueConstraint(fields=["key", "word"], name="directory_variant_once")]

    def __str__(self):
        return f"{self.key}: {self.word}"


class ServiceWord(models.Model):
    """A word of a service, with how much it counts (its name counts most), and the service's status,
    so a search keeps only the services it may show without reading them."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="words", db_index=False)
    word = models.CharField(max_length=40, db_collation=CODE_POINT_ORDER)
    weight = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices)

    class Meta:
        indexes = [
            # Read by word, carrying everything the search needs, so it never touches the table.
            models.Index(fields=["word", "service", "weight", "status"], name="directory_word_idx"),
            # A service's answer to its other typed words, sought once the rarest word has found it.
            models.Index(fields=["service", "word", "weight"], name="directory_word_service_idx"),
        ]

    def __str__(self):
        return f"{self.word} ({self.weight})"
