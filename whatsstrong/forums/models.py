"""Outcomes forums: a meeting (`Forum`) of members from several disciplines (`ForumMember`) that
hears people (`Hearing`): the practitioner brings the person's story and their support plan, and the
forum agrees the plan or asks for changes (what, by when), saying why. A later hearing may follow an
earlier one. Gaps in what the community or market offers, raised while hearing someone, are kept in
the directory (`directory.Gap`, source "forum"), and the forum keeps which it raised (`ForumGap`).

The forum itself is about no one; each hearing belongs to the person's record and goes through the
gate like any other part of it.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import rules

DISCIPLINE_LIST = json.loads((Path(__file__).resolve().parent / "data" / "disciplines.json").read_text("utf-8"))
DISCIPLINE_CHOICES = rules.disciplines(DISCIPLINE_LIST, active_only=False)


class Forum(models.Model):
    held_on = models.DateField("Date of the forum")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    place = models.CharField("Where", max_length=200, blank=True)
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["-held_on", "-id"], name="forum_day_idx")]

    def __str__(self):
        return f"Outcomes forum, {self.held_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("forums:forum", args=[self.pk])


class ForumMember(models.Model):
    """Someone at the forum, and the discipline they bring."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("Name", max_length=120)
    discipline = models.CharField("Discipline", max_length=40, choices=DISCIPLINE_CHOICES)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.get_discipline_display()})"


class Hearing(models.Model):
    class Decision(models.TextChoices):
        NOT_YET = "", "Not decided yet"
        AGREED = rules.AGREED, rules.DECISIONS[rules.AGREED]
        CHANGES = rules.CHANGES, rules.DECISIONS[rules.CHANGES]

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="hearings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # The support plan brought (read only here: plans keeps it).
    plan = models.ForeignKey("plans.SupportPlan", on_delete=models.PROTECT, related_name="+")
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    story = models.TextField("Their story, as you will bring it")
    # An earlier hearing of the same person this one follows (after changes were asked for, say).
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="followed_by", verbose_name="Follows"
    )
    decision = models.CharField("What the forum decided", max_length=8, choices=Decision.choices, blank=True)
    changes = models.TextField("What needs to change", blank=True)
    changes_by = models.DateField("Changes needed by", null=True, blank=True)
    reasons = models.TextField("Why", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    coached_fields = ("story", "reasons", "changes")

    class Meta:
        ordering = ["forum__held_on", "pk"]
        indexes = [models.Index(fields=["person", "forum"], name="hearing_person_idx")]
        constraints = [models.UniqueConstraint(fields=["forum", "person"], name="hearing_once_per_forum")]

    def __str__(self):
        return "Outcomes forum hearing"

    def get_absolute_url(self):
        return reverse("forums:hearing", args=[self.person_id, self.pk])


class ForumGap(models.Model):
    """A gap the forum raised while hearing someone: the gap itself is the directory's."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="gaps")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="gaps")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    gap = models.OneToOneField("directory.Gap", on_delete=models.PROTECT, related_name="forum_link")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return "Gap raised at an outcomes forum"
