"""An organisation's own changes to the language coach's lexicon.

The bundled lexicon (whatsstrong/language/lexicon.json) is the starting point. An entry here with
the same rule id replaces the bundled one (or, when disabled, removes it); a new rule id adds one.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class LexiconEntry(models.Model):
    class Kind(models.TextChoices):
        DEFICIT = "deficit", "Deficit language"
        JARGON = "jargon", "Jargon"

    class Context(models.TextChoices):
        CONDUCT = "conduct", "A claim about what a person does (not flagged when negated or about things)"
        LABEL = "label", "A label that is wrong in itself (flagged even when negated)"
        DONE_TO = "done_to", "Something done to a person, such as feeding (not flagged for animals or things)"
        SENSE = "sense", "A word with other harmless senses (uses the exclusions)"
        ABBREVIATION = "abbreviation", "An abbreviation (found in any letter case, unless it is also an everyday word)"
        SERVICE_SPEAK = "service_speak", "Service language"

    rule = models.SlugField(
        max_length=60, unique=True, help_text="Use a bundled rule id to replace or switch off that rule."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    context = models.CharField(max_length=16, choices=Context.choices)
    terms = models.TextField(
        help_text="One phrase per line. End a word with + to match its endings (refuse+ matches refused, refusing)."
    )
    suggest = models.CharField("Suggested alternative", max_length=200)
    reason = models.CharField("Why, in one plain sentence", max_length=300)
    exclude = models.TextField(blank=True, help_text="Phrases, one per line, where the term means something else.")
    replace = models.TextField(
        "One-click replacement",
        blank=True,
        help_text="Optional, one rule per line: 'refuse+ => decline+' puts 'declined' for 'refused'. "
        "Leave empty to offer advice with no button.",
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule"]
        verbose_name = "language coach rule"

    def __str__(self):
        return self.rule

    def as_entry(self):
        """The shape the pure library reads (the field names of lexicon.json)."""
        return {
            "id": self.rule,
            "kind": self.kind,
            "context": self.context,
            "terms": [t.strip() for t in self.terms.splitlines() if t.strip()],
            "suggest": self.suggest,
            "reason": self.reason,
            "exclude": [t.strip() for t in self.exclude.splitlines() if t.strip()],
            "replace": [t.strip() for t in self.replace.splitlines() if t.strip()],
            "enabled": self.enabled,
        }


class TextSummary(models.Model):
    """What the coach found in one record's long text, kept when the record is saved.

    A supervisor's view of a person adds these up instead of reading every note again (a person
    with 200 case notes took 44 ms to check on each view). `lexicon_stamp` says which version of
    the organisation's rules produced the counts; rows from older rules are checked again when read.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    person_id = models.PositiveBigIntegerField(db_index=True)
    by_kind = models.JSONField(default=dict)
    by_rule = models.JSONField(default=dict)
    lexicon_stamp = models.CharField(max_length=80)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_summary_per_record")]

    def __str__(self):
        return f"Language summary of {self.content_type_id}:{self.object_id}"


class PersonLanguageTotal(models.Model):
    """The sum of a person's TextSummary rows, kept as each one changes, so the person's page reads
    one row however many notes they have."""

    person_id = models.PositiveBigIntegerField(unique=True)
    by_kind = models.JSONField(default=dict)
    by_rule = models.JSONField(default=dict)
    lexicon_stamp = models.CharField(max_length=80)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Language total for person {self.person_id}"
