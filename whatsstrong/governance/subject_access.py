"""A person's whole record for a subject access request: every record of theirs in every app, read
from the apps' models directly (governance sits above the domain apps; nothing imports it), plus
the history of every change, as JSON and as an HTML page to read or print, zipped together.

Third parties are protected before release:
- names given by `core/withheld.py` (alleged sources of harm) are always replaced, and the
  safeguarding records naming a source of risk are never included;
- network members marked by the member of staff, and any other names they type, are replaced the
  same way (`Withheld`: the name, or its first word, becomes "someone"), and a marked member's
  name and contact details are withheld from the network list.
The safeguarding section is included only for those with need to know (access.py).
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from simple_history.models import HistoricalChanges

from whatsstrong.core import access, record_parts, withheld
from whatsstrong.core.history import shown_value
from whatsstrong.people.models import NetworkMember, Person

FORMAT = "whatsstrong-subject-access/1"
WITHHELD = "Withheld"
# Sections in the order a reader expects; anything else linking to the person follows, by app.
ORDER = ["people", "conversations", "assessments", "plans", "risk", "safeguarding", "forums", "directory", "surveys"]
# Bookkeeping, search keys and the organisation's own tallies: nothing the person would read as theirs.
LEFT_OUT_MODELS = {"people.personnametoken", "people.personnamepair", "coach.textsummary", "coach.personlanguagetotal"}
# Never released: who is alleged to have caused harm.
NEVER_RELEASED = {"safeguarding.sourceofrisk"}
HIDDEN_FIELDS = {
    "id",
    "person",
    "version",
    "family_name_key",
    "given_name_key",
    "preferred_name_key",
    "postcode_key",
    "postcode_outward",
}


@dataclass
class Item:
    title: str
    fields: list[tuple[str, str]]


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Bundle:
    person_id: int
    name: str
    made_at: datetime.datetime
    made_by: str
    sections: list[Section]
    history: list[dict]
    notes: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "record": self.person_id,
            "name": self.name,
            "made_at": self.made_at.isoformat(),
            "made_by": self.made_by,
            "notes": self.notes,
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "items": [
                        {"title": i.title, "fields": [{"label": k, "value": v} for k, v in i.fields]} for i in s.items
                    ],
                }
                for s in self.sections
            ],
            "history": self.history,
        }


def third_parties(person: Person) -> list[tuple[NetworkMember, bool]]:
    """The person's network members, each with whether it must be withheld whatever is marked."""
    always = withheld.Withheld(withheld.names_for(person))
    return [(m, always.named(m.name)) for m in NetworkMember.objects.filter(person_id=person.pk).order_by("name")]


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d %B %Y %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d %B %Y")
    return str(value)


def _row(model: type[models.Model], obj: models.Model, hide: withheld.Withheld) -> list[tuple[str, str]]:
    found = []
    for f in model._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS:
            continue
        value = _text(shown_value(model, f.name, getattr(obj, f.attname)))
        if value:
            found.append((str(f.verbose_name).capitalize(), hide.hide(value)))
    return found


def _linked_models() -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model._meta.app_label == "governance":
            continue
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if label in LEFT_OUT_MODELS:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Person and not f.null:
                found.append((model, f))
    return found


def _app_title(app_label: str) -> str:
    return str(apps.get_app_config(app_label).verbose_name)


def build(*, person: Person, user: Any, marked: set[int], other_names: list[str]) -> Bundle:
    """The bundle for this person as this user may release it. `marked` are network member ids to
    withhold; `other_names` further names to replace wherever they appear."""
    members = third_parties(person)
    withhold_ids = set(marked) | {m.pk for m, forced in members if forced}
    names = set(withheld.names_for(person)) | set(other_names) | {m.name for m, _ in members if m.pk in withhold_ids}
    # The person's own names are never hidden from them, even if typed.
    own = {withheld.fold(n) for n in (person.given_name, person.family_name, person.preferred_name) if n}
    hide = withheld.Withheld(n for n in names if withheld.fold(n) not in own)
    with_safeguarding = access.safeguarding_need_to_know(user, person)
    notes = [
        'Names of other people marked for redaction are replaced by "someone".',
        "Who is alleged to have caused harm is never included.",
    ]
    if not with_safeguarding:
        notes.append(
            "Safeguarding records are not included: only the person's allocated worker or their team's supervisor "
            "may export them."
        )

    details = Section("details", "Personal details", [Item(person.display_name, _row(Person, person, hide))])
    network = Section("network", "Network: family, friends and others who matter")
    for member, _ in members:
        row = _row(NetworkMember, member, hide)
        if member.pk in withhold_ids:
            row = [(k, WITHHELD if k in ("Name", "How to contact them") else v) for k, v in row]
        network.items.append(Item(WITHHELD if member.pk in withhold_ids else hide.hide(member.name), row))
    sections = [details, network]

    by_app: dict[str, Section] = {}
    for model, link in sorted(_linked_models(), key=lambda p: _sort_key(p[0])):
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if model is NetworkMember or label in NEVER_RELEASED:
            continue
        if model._meta.app_label == "safeguarding" and not with_safeguarding:
            continue
        rows = model._base_manager.filter(**{link.attname: person.pk}).order_by("pk")
        app = model._meta.app_label
        if model is not Person and app == "people":
            section = Section(model._meta.model_name, str(model._meta.verbose_name_plural).capitalize())
            sections.append(section)
        else:
            section = by_app.get(app)
            if section is None:
                section = by_app[app] = Section(app, _app_title(app))
                sections.append(section)
        for obj in rows:
            title = f"{str(model._meta.verbose_name).capitalize()}: {hide.hide(str(obj))}"
            section.items.append(Item(title, _row(model, obj, hide)))

    history = [
        {
            "at": _text(e.at),
            "by": e.by,
            "record": hide.hide(str(e.record)),
            "action": e.action,
            "changes": [
                {"field": str(label), "before": hide.hide(_text(before)), "after": hide.hide(_text(after))}
                for label, before, after in e.changes
            ],
        }
        # Safeguarding's own trail is in `private_history`, given to need-to-know readers only.
        for e in sorted(record_parts.history_entries(person, user), key=lambda e: e.at)
    ]
    return Bundle(
        person.pk,
        person.display_name,
        timezone.now(),
        user.display_name,
        [s for s in sections if s.items or s.key in ("details", "network")],
        history,
        notes,
    )


def _sort_key(model: type[models.Model]) -> tuple[int, str]:
    app = model._meta.app_label
    return (ORDER.index(app) if app in ORDER else len(ORDER), f"{app}.{model._meta.model_name}")


def zipped(bundle: Bundle) -> bytes:
    """record.html (to read, or print to PDF from the browser) and record.json, in one zip file."""
    html = render_to_string("governance/bundle.html", {"bundle": bundle})
    data = json.dumps(bundle.as_json(), ensure_ascii=False, indent=2)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("record.html", html)
        zf.writestr("record.json", data)
    return out.getvalue()
