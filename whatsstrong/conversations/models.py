"""Conversations with and about a person, recorded as case notes.

A note is the author's account. The author may correct it for a short while after writing it
(`rules.may_correct`); after that, and for anyone else, a change is an addendum that names who
added it and when, and the note as first written stays as it was.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
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

    # Long text the language coach reads and summarises for supervisors.
    coached_fields = ("text",)

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-happened_on"])]

    def __str__(self):
        return self.title_for(self.happened_on)

    def get_absolute_url(self):
        return reverse("conversations:note", args=[self.person_id, self.pk])

    @staticmethod
    def title_for(day):
        return f"Case note of {date_format(day, 'DATE_FORMAT')}"


class Addendum(models.Model):
    """Something added to a case note after it was written. Addenda are never changed."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="addenda")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("What you are adding")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    coached_fields = ("text",)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "addenda"

    def __str__(self):
        return f"Addendum to the {str(self.note)[0].lower()}{str(self.note)[1:]}"
