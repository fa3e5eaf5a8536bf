"""Information governance: legal holds that stop the retention schedule, and what the schedule did.

Nothing here holds the person's own details: a hold says why the record must be kept, and a
`RetentionRemoval` says which rule removed a record's personal data, when, and what it counted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class LegalHold(models.Model):
    """A reason the record must be kept whatever the retention schedule says (a claim, an inquiry,
    a complaint to the ombudsman). Set and lifted with a reason; a record has one live hold at most."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("Why the record must be kept")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField("Why the hold is lifted", blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-set_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(lifted_at__isnull=True), name="one_live_hold_per_person"
            )
        ]

    def __str__(self):
        return f"Legal hold on record {self.person_id}"

    @property
    def live(self):
        return self.lifted_at is None


class RetentionRemoval(models.Model):
    """The retention schedule removed this record's personal data: the person's row is kept, emptied,
    so the access log's entries about it still point somewhere and it is never considered again."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=40)
    last_contact = models.DateField()
    due_on = models.DateField()
    done_at = models.DateTimeField(default=timezone.now)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # How many rows of each kind were removed, emptied or unlinked, and history rows removed.
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-done_at", "-pk"]

    def __str__(self):
        return f"Record {self.person_id} removed under {self.rule}"
