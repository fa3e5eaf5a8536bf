"""Reflective supervision.

- `Supervisee`: how often a member of staff is supervised (`every_weeks`, four by default) and by whom,
  set by their supervisor. Someone with no row is supervised every four weeks by their team's supervisor.
- `SupervisionSession`: one-to-one supervision between a supervisor and a supervisee: the agenda the
  supervisee prepares beforehand (the outcomes they want from it), a wellbeing check seen by the two
  of them only, learning and development, then case discussions and actions.
- `CaseDiscussion`: a person discussed in a session, in one reflective model (`data/models.json`), what
  was said at each step kept by the step's code. Seen from the person's record by anyone who may see
  the person; never with the wellbeing notes.
- `SupervisionAction`: an action agreed, for an owner (the supervisee, usually), perhaps about a person;
  it shows on that person's record and on the owner's home page until it is done. It belongs to a
  one-to-one session or to a peer group session, and the next session of either shows it done or not.
- `SelfReflection`: the practitioner's self-questions before closing their work with a person
  (`data/reflection.json`), with the answers by question code.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from . import rules

DATA = Path(__file__).resolve().parent / "data"
MODELS = json.loads((DATA / "models.json").read_text("utf-8"))
QUESTIONS = json.loads((DATA / "reflection.json").read_text("utf-8"))
MODEL_CHOICES = rules.model_choices(MODELS)


class Supervisee(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="supervision"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    every_weeks = models.PositiveSmallIntegerField("How often, in weeks", default=rules.DEFAULT_EVERY_WEEKS)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self):
        return f"Supervision every {self.every_weeks} weeks"


class SupervisionSession(models.Model):
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("Date of the session")
    agenda = models.TextField("What the supervisee wants from this session")
    wellbeing = models.TextField("Wellbeing check", blank=True)
    learning = models.TextField("Learning and development", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["wellbeing"])

    # No `coached_fields`: the coach totals what is written about a person, and a session is about
    # the supervisee (the form still gives hints on every long text field).

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["supervisee", "-held_on", "-id"], name="sup_session_supervisee_idx"),
            models.Index(fields=["supervisor", "-held_on"], name="sup_session_supervisor_idx"),
        ]

    def __str__(self):
        return f"Supervision on {self.held_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("supervision:session", args=[self.pk])


class CaseDiscussion(models.Model):
    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="discussions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    model = models.CharField("Reflective model", max_length=32, choices=MODEL_CHOICES)
    reflections = models.JSONField("What was said at each step", default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["person", "session"], name="sup_discussion_person_idx")]

    def __str__(self):
        return "Case discussion in supervision"

    def get_absolute_url(self):
        return reverse("supervision:discussion", args=[self.session_id, self.pk])


class SupervisionAction(models.Model):
    # The one-to-one session or the peer group session that agreed it (one of the two).
    session = models.ForeignKey(
        SupervisionSession, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    group_session = models.ForeignKey(
        "PeerGroupSession", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.TextField("What was agreed")
    due_on = models.DateField("Due by", null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "done_at"], name="sup_action_owner_idx"),
            models.Index(fields=["person", "done_at"], name="sup_action_person_idx"),
        ]

    def __str__(self):
        return "Action agreed in supervision"


class SelfReflection(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The assessment or review the work was, when there is one.
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    made_on = models.DateField(auto_now_add=True)
    answers = models.JSONField(default=dict)
    notes = models.TextField("What I will do differently, or follow up", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "-pk"]
        indexes = [models.Index(fields=["person", "-made_on"], name="sup_reflection_person_idx")]

    def __str__(self):
        return "Self-reflection before closing a piece of work"

    def get_absolute_url(self):
        return reverse("supervision:reflection", args=[self.person_id, self.pk])


class PeerGroup(models.Model):
    """A peer supervision group and its agreement: how it runs, agreed by its members on a date."""

    name = models.CharField("Name of the group", max_length=120)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="peer_groups", verbose_name="Members")
    frequency = models.CharField("How often it meets", max_length=200)
    duration = models.CharField("How long each session lasts", max_length=200)
    place = models.TextField("Where, and who books the room", blank=True)
    preparation = models.TextField("Preparation and the agenda", blank=True)
    recording = models.TextField("Who takes notes and who sees them", blank=True)
    confidentiality = models.TextField("Confidentiality and house rules", blank=True)
    apologies = models.TextField("When people send apologies", blank=True)
    agreed_on = models.DateField("Date agreed", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("supervision:group", args=[self.pk])


class PeerGroupSession(models.Model):
    """A peer group session: who facilitates and takes notes, the case brought, notes in a model, the
    decisions, the next date, and the summary the facilitator shares with the group's supervisor."""

    group = models.ForeignKey(PeerGroup, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("Date of the session")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note_taker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    model = models.CharField("Reflective model", max_length=32, choices=MODEL_CHOICES)
    reflections = models.JSONField(default=dict, blank=True)
    decisions = models.TextField("Decisions reached", blank=True)
    next_on = models.DateField("Next session", null=True, blank=True)
    summary = models.TextField("Summary for the supervisor", blank=True)
    summary_shared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Peer group session on {self.held_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("supervision:group_session", args=[self.group_id, self.pk])
