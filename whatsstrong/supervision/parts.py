"""What supervision adds to the person's page and history (core.record_parts): open actions agreed in
supervision about them (a task list near the top, each with a button to mark it done), case
discussions about them and self-reflections on work with them; and to a user's home page
(core.home_parts): their own open actions and when their next supervision is due.

Wellbeing notes are never read here: the person's page and history show case discussions only."""

from textwrap import shorten

from django.urls import reverse
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.history import entries_for
from whatsstrong.core.home_parts import HomePart
from whatsstrong.core.record_parts import TOP, RecordPart

from . import queries
from .models import MODELS, CaseDiscussion, SelfReflection, SupervisionAction
from .rules import model_named


def page_context(request, person, can_edit):
    actions = queries.open_actions_of_person(person.pk)
    discussions = queries.discussions_of_person(person.pk)
    reflections = queries.reflections_of_person(person.pk)
    if not (actions or discussions or reflections):
        return None
    return {
        "actions": [(a, access.can_finish_supervision_action(request.user, a, person)) for a in actions],
        "discussions": [(d, model_named(MODELS, d.model)["name"]) for d in discussions],
        "reflections": reflections,
        "can_edit": can_edit,
    }


def actions(request, person, can_edit):
    if not can_edit:
        return []
    return [("Reflect before closing your work", reverse("supervision:reflect", args=[person.pk]))]


def _short(text, width=60):
    return shorten(text or "", width, placeholder="…")


def history(person):
    pid = person.pk
    entries = entries_for(
        CaseDiscussion.history.filter(person_id=pid),
        CaseDiscussion,
        lambda row: f"Case discussion in supervision ({model_named(MODELS, row.model)['name']})",
    )
    entries += entries_for(
        SupervisionAction.history.filter(person_id=pid),
        SupervisionAction,
        lambda row: f"Action agreed in supervision: “{_short(row.what)}”",
    )
    entries += entries_for(
        SelfReflection.history.filter(person_id=pid),
        SelfReflection,
        lambda row: "Self-reflection before closing a piece of work",
    )
    return entries


PART = RecordPart(
    name="supervision",
    order=30,
    place=TOP,
    template="supervision/person_part.html",
    context=page_context,
    actions=actions,
    history=history,
)


def home_context(request):
    user = request.user
    if not (access.is_active_staff(user) and user.role in {"practitioner", "supervisor"}):
        return None
    return {
        "actions": queries.open_actions_of_owner(user.pk),
        "standing": queries.standing_of(user, timezone.localdate()),
        "oversees": access.can_see_supervision_overview(user),
    }


HOME = HomePart(name="supervision", template="supervision/home_part.html", context=home_context, order=50)
