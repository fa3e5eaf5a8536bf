"""Reads of safeguarding records for pages, the API and the person's page. Nothing here checks access:
callers ask core/access.py first (the pages and the API through views.py and api.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from textwrap import shorten
from typing import Any

from whatsstrong.core.history import Entry, entries_for
from whatsstrong.people.models import NetworkMember

from . import reference
from .models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse, SourceOfRisk


def concerns_of(person_id: int) -> list[Concern]:
    """The person's concerns, newest first, each with its enquiry (or None) as `found_enquiry`: one query."""
    found = list(Concern.objects.filter(person_id=person_id).select_related("enquiry"))
    for row in found:
        row.found_enquiry = getattr(row, "enquiry", None)
    return found


def concern(person: Any, concern_id: int) -> Concern:
    """Concern.DoesNotExist for a number that is not this person's concern."""
    if not 0 < concern_id < 2**63:
        raise Concern.DoesNotExist
    return Concern.objects.select_related("recorded_by", "decided_by").get(pk=concern_id, person=person)


@dataclass
class EnquiryView:
    enquiry: Enquiry
    outcomes: list[DesiredOutcome] = field(default_factory=list)
    abuse_types: list[str] = field(default_factory=list)  # codes, in the list's order
    sources: list[SourceOfRisk] = field(default_factory=list)

    @property
    def abuse_labels(self) -> list[str]:
        return [reference.label("abuse_type", c) for c in self.abuse_types]


def enquiry_of(found: Concern) -> EnquiryView | None:
    enquiry = Enquiry.objects.select_related("closed_by").filter(concern=found).first()
    if enquiry is None:
        return None
    order = reference.codes("abuse_type")
    codes = sorted(EnquiryAbuse.objects.filter(enquiry=enquiry).values_list("code", flat=True), key=order.index)
    return EnquiryView(
        enquiry=enquiry,
        outcomes=list(DesiredOutcome.objects.filter(enquiry=enquiry)),
        abuse_types=codes,
        sources=list(SourceOfRisk.objects.filter(enquiry=enquiry).select_related("network_member")),
    )


def source_name(source: SourceOfRisk) -> str:
    if source.network_member_id:
        return f"{source.network_member.name} ({source.network_member.relationship})"
    return " ".join(filter(None, [source.name, f"({source.relationship})" if source.relationship else ""]))


def withheld_names(person: Any) -> list[str]:
    """Every alleged source of harm recorded for the person, by name: never in the person's own copy."""
    rows = SourceOfRisk.objects.filter(person_id=person.pk).values_list("name", "network_member__name")
    return sorted({name for pair in rows for name in pair if name and name.strip()})


# --- The trail: history -----------------------------------------------------------------------------


def _short(text: str, width: int = 60) -> str:
    return shorten(text or "", width, placeholder="…")


def trail(person_id: int, *, concern_id: int | None = None, with_sources: bool = True) -> list[Entry]:
    """Every change to the person's safeguarding records (or one concern's), naming who made it.
    Without `with_sources`, the sources of risk are not named."""
    concerns = Concern.history.filter(person_id=person_id)
    enquiries = Enquiry.history.filter(person_id=person_id)
    outcomes = DesiredOutcome.history.filter(person_id=person_id)
    abuse = EnquiryAbuse.history.filter(person_id=person_id)
    sources = SourceOfRisk.history.filter(person_id=person_id)
    if concern_id is not None:
        enquiry_ids = list(Enquiry.objects.filter(concern_id=concern_id).values_list("pk", flat=True))
        concerns = concerns.filter(id=concern_id)
        enquiries = enquiries.filter(concern_id=concern_id)
        outcomes, abuse, sources = (h.filter(enquiry_id__in=enquiry_ids) for h in (outcomes, abuse, sources))

    def of_enquiry(row):
        return f"Safeguarding enquiry (number {row.enquiry_id})"

    entries = entries_for(concerns, Concern, lambda row: f"Safeguarding concern (number {row.id})")
    entries += entries_for(enquiries, Enquiry, lambda row: f"Safeguarding enquiry (number {row.id})")
    entries += entries_for(
        outcomes, DesiredOutcome, lambda row: f"{of_enquiry(row)}: desired outcome “{_short(row.text)}”"
    )
    for row in abuse.select_related("history_user"):
        action = {"+": "Added", "-": "Removed"}.get(row.history_type)
        if action:
            entries.append(
                Entry(
                    row.history_date,
                    _by(row),
                    of_enquiry(row),
                    action,
                    [("Type of abuse or neglect", "", reference.label("abuse_type", row.code))],
                )
            )
    for row in sources.filter(history_type="+").select_related("history_user"):
        who = _source_words(row) if with_sources else "left out: you are not working with this person"
        changes = [("Source of risk", "", reference.label("source_of_risk", row.kind)), ("Who", "", who)]
        entries.append(Entry(row.history_date, _by(row), of_enquiry(row), "Added", changes))
    return entries


def _by(row) -> str:
    user = row.history_user
    return (user.get_full_name() or user.username) if user else "System"


def _source_words(row) -> str:
    if row.network_member_id:
        member = NetworkMember.objects.filter(pk=row.network_member_id).first()
        return f"{member.name}, from their network" if member else "someone from their network"
    return row.name or "not known"
