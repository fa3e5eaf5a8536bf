"""What surveys add to the person's page and history (core.record_parts): who invited them to which
survey and when, never what they answered (answers are kept apart, see models.py), and the next
step of inviting them. A person never invited costs one query and draws nothing."""

from django.urls import reverse

from whatsstrong.core.history import entries_for
from whatsstrong.core.record_parts import BOTTOM, RecordPart

from . import definitions
from .models import Invitation
from .queries import invitations_of


def _title(code):
    found = definitions.survey(code)
    return found.title if found else code


def page_context(request, person, can_edit):
    invitations = invitations_of(person.pk)
    if not invitations:
        return None
    return {"invitations": [(i, _title(i.survey)) for i in invitations], "can_edit": can_edit}


def actions(request, person, can_edit):
    if not can_edit:
        return []
    return [("Invite to an experience survey", reverse("surveys:invite", args=[person.pk]))]


def history(person):
    return entries_for(
        Invitation.history.filter(person_id=person.pk, history_type="+"),
        Invitation,
        lambda row: f"Invited to: {_title(row.survey)}",
    )


PART = RecordPart(
    name="surveys",
    order=90,
    place=BOTTOM,
    template="surveys/person_invitations.html",
    context=page_context,
    actions=actions,
    history=history,
)
