"""Question prompts for conversations: groups (a theme, a letter of ROPES, scaling, a kind of
solution-focused question) and the prompts in them.

The bundled set (data/prompts.json) is loaded by a migration, so every database starts with it;
administrators then add, reword, reorder and switch off prompts in the admin. Nothing is deleted:
a prompt no longer wanted is switched off, and every change is kept in its history.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from . import rules


class PromptGroup(models.Model):
    class Kind(models.TextChoices):
        STRENGTHS = "strengths", "Strengths-based conversation"
        ROPES = "ropes", "ROPES (resources, options, possibilities, exceptions, solutions)"
        SCALING = "scaling", "Scaling question (1 to 10)"
        SOLUTION_FOCUSED = "solution_focused", "Solution-focused question"

    code = models.SlugField(max_length=60, unique=True, help_text="A stable code. Never reuse one.")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the questions in this group come from.")
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop showing this group and its prompts.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "question prompt group"

    def __str__(self):
        return self.name


class Prompt(models.Model):
    group = models.ForeignKey(PromptGroup, on_delete=models.PROTECT, related_name="prompts")
    code = models.SlugField(max_length=60, unique=True, help_text="A stable code. Never reuse one.")
    text = models.CharField(
        max_length=300,
        help_text="The question, in plain words. Write {name} where the person's preferred name should go.",
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to stop offering this prompt.")
    # Wellbeing areas (codes from the data file's "tags"), separated by spaces.
    tags = models.CharField("Wellbeing areas", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group__order", "order", "pk"]
        verbose_name = "question prompt"

    def __str__(self):
        return self.text

    @property
    def tag_list(self):
        return rules.tag_list(self.tags)
