"""What the directory adds to the person's page and to the history of their record (core.record_parts):
the services suggested to them and what came of it, and the next step of finding some."""

from textwrap import shorten

from django.urls import reverse

from whatsstrong.core.history import entries_for
from whatsstrong.core.record_parts import TOP, RecordPart

from .models import Gap, Service, Signpost
from .queries import signposts_of


def page_context(request, person, can_edit):
    return {"signposts": signposts_of(person.pk), "can_edit": can_edit}


def actions(request, person, can_edit):
    if not can_edit:
        return []
    return [("Find community support", f"{reverse('directory:search')}?person={person.pk}")]


def history(person):
    names = dict(
        Service.objects.filter(pk__in=Signpost.history.filter(person_id=person.pk).values("service_id")).values_list(
            "pk", "name"
        )
    )
    entries = entries_for(
        Signpost.history.filter(person_id=person.pk),
        Signpost,
        lambda row: f"Suggested: {names.get(row.service_id, 'a service')}",
    )
    entries += entries_for(
        Gap.history.filter(person_id=person.pk),
        Gap,
        lambda row: f"Gap in what the community offers: {shorten(row.need, 60, placeholder='…')}",
    )
    return entries


PART = RecordPart(
    name="community",
    order=40,
    place=TOP,
    template="directory/person_signposts.html",
    context=page_context,
    actions=actions,
    history=history,
)
