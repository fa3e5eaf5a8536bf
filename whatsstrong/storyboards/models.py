"""Storyboards: examples of good practice written by any member of staff, reviewed by a quality lead
and published to the evidence bank; and the CPD records practitioners draft from them.

A story is not linked to anyone's case record: the evidence bank is read across the organisation,
so it speaks of people by their role ("the person", "her son"), and the reviewer checks that no name
or contact detail of someone who draws on support is left in it (`rules.flags`). Consent to share a
story about someone is recorded on the story: who agreed, how and when.

Nothing here is deleted; every change has a history row naming who made it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import rules


class Storyboard(models.Model):
    class Status(models.TextChoices):
        DRAFT = rules.DRAFT, "Draft"
        SUBMITTED = rules.SUBMITTED, "Waiting for review"
        SENT_BACK = rules.SENT_BACK, "Sent back for changes"
        PUBLISHED = rules.PUBLISHED, "Published"

    class ConsentHow(models.TextChoices):
        WRITTEN = "written", "In writing, on a consent form"
        SPOKEN = "spoken", "Spoken, and recorded in a case note"
        EASY_READ = "easy_read", "On an easy read consent form"
        EMAIL = "email", "By email or letter"
        REPRESENTATIVE = "representative", "Through someone with the authority to agree for them"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="storyboards")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("title", max_length=150, blank=True)
    situation = models.TextField("the situation", blank=True)
    what_was_done = models.TextField("what was done", blank=True)
    difference = models.TextField("the difference it made", blank=True)
    their_words = models.TextField("in the person's own words", blank=True)
    learning = models.TextField("what was learnt", blank=True)
    people_involved = models.TextField("the people involved", blank=True)
    about_someone = models.BooleanField("about someone who draws on support", default=True)
    consent_by = models.CharField("who agreed", max_length=200, blank=True)
    consent_how = models.CharField("how they agreed", max_length=20, choices=ConsentHow.choices, blank=True)
    consent_on = models.DateField("when they agreed", null=True, blank=True)
    # Set by the workflow only.
    submitted_at = models.DateTimeField(null=True, blank=True)
    times_submitted = models.PositiveSmallIntegerField(default=0)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    changes_asked = models.TextField("what to change", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_on = models.DateField("look at it again on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "review_on"], name="storyboard_status_review"),
            models.Index(fields=["author", "status"], name="storyboard_author_status"),
        ]

    def __str__(self):
        return self.title or f"Untitled storyboard {self.pk}"

    def get_absolute_url(self):
        return reverse("storyboards:story", args=[self.pk])

    def as_dict(self) -> dict:
        """The story's written parts and consent, as the pure rules read them."""
        return {
            name: getattr(self, name)
            for name in (
                *rules.STORY_FIELDS,
                "about_someone",
                "consent_by",
                "consent_how",
                "consent_on",
            )
        }


class StoryTheme(models.Model):
    """A practice theme a story shows (a code from data/themes.json)."""

    storyboard = models.ForeignKey(Storyboard, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["storyboard", "code"], name="storytheme_once")]
        indexes = [models.Index(fields=["code", "storyboard"], name="storytheme_code")]

    def __str__(self):
        return self.code


class FlagAccepted(models.Model):
    """Words flagged as possibly identifying someone, which the reviewer accepts, with why (a
    colleague's name shared with their agreement, a group's name, a place)."""

    storyboard = models.ForeignKey(Storyboard, on_delete=models.CASCADE, related_name="accepted_flags")
    key = models.CharField(max_length=400)  # rules.flag_key(field, words)
    words = models.CharField(max_length=300)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["storyboard", "key"], name="flagaccepted_once")]

    def __str__(self):
        return self.words


class CpdRecord(models.Model):
    """A practitioner's record of continuing professional development, private to them: drafted
    from a storyboard, changed as they wish, and downloaded for their professional registration."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cpd_records")
    storyboard = models.ForeignKey(Storyboard, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField("type of CPD", max_length=20, choices=rules.CPD_TYPES)
    title = models.CharField("title", max_length=150)
    description = models.TextField("what I did")
    done_on = models.DateField("date")
    learning = models.TextField("what I learnt")
    impact = models.TextField("the impact on my practice")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = "CPD record"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("storyboards:cpd", args=[self.pk])

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in ("kind", "title", "description", "done_on", "learning", "impact")}
