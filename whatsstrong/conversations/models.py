"""Conversations with and about a person, recorded as case notes."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class CaseNote(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", "Visit"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"
        MEETING = "meeting", "Meeting"
        MESSAGE = "message", "Letter, email or message"
        OTHER = "other", "Other"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField("Date", default=datetime.date.today)
    kind = models.CharField("How it happened", max_length=10, choices=Kind.choices, default=Kind.VISIT)
    present = models.CharField("Who was there", max_length=300, blank=True)
    text = models.TextField("Note")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-happened_on"])]

    def get_absolute_url(self):
        return reverse("conversations:edit_note", args=[self.person_id, self.pk])
