"""Reads for governance pages and commands: what the retention schedule finds due, legal holds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from whatsstrong.assessments.models import Conversation
from whatsstrong.conversations.models import CaseNote
from whatsstrong.people.models import Person
from whatsstrong.safeguarding.models import Concern, Enquiry

from . import rules
from .models import LegalHold, RetentionRemoval


@dataclass(frozen=True)
class RetentionRow:
    """One archived record as the schedule sees it."""

    person_id: int
    name: str
    team: str
    archived_at: datetime.datetime
    last_contact: datetime.date
    verdict: rules.Verdict
    hold: LegalHold | None

    @property
    def will_go(self) -> bool:
        return self.verdict.due and self.hold is None


def _latest(queryset, field: str, ids: list[int]) -> dict[int, datetime.date]:
    rows = queryset.filter(person_id__in=ids).values("person_id").annotate(latest=Max(field))
    return {row["person_id"]: row["latest"] for row in rows if row["latest"]}


def last_contacts(people: list[Person]) -> dict[int, datetime.date]:
    """The last contact with each person: the latest case note, assessment conversation, safeguarding
    concern raised or enquiry closed; the day the record was added only when there is none of these
    (a record moved in from another system carries its history in its notes, not its added date)."""
    ids = [p.pk for p in people]
    found: dict[int, datetime.date] = {}
    for dates in (
        _latest(CaseNote.objects, "happened_on", ids),
        _latest(Conversation.objects, "happened_on", ids),
        _latest(Concern.objects, "raised_on", ids),
        _latest(Enquiry.objects, "concluded_on", ids),
    ):
        for pk, day in dates.items():
            if pk not in found or day > found[pk]:
                found[pk] = day
    for person in people:
        found.setdefault(person.pk, timezone.localdate(person.created_at))
    return found


def live_holds(ids: list[int] | None = None) -> dict[int, LegalHold]:
    holds = LegalHold.objects.filter(lifted_at__isnull=True).select_related("set_by")
    if ids is not None:
        holds = holds.filter(person_id__in=ids)
    return {h.person_id: h for h in holds}


def live_hold(person_id: int) -> LegalHold | None:
    return live_holds([person_id]).get(person_id)


def holds_of(person_id: int) -> list[LegalHold]:
    return list(LegalHold.objects.filter(person_id=person_id).select_related("set_by", "lifted_by"))


def retention_rows(today: datetime.date, *, person_ids: list[int] | None = None) -> list[RetentionRow]:
    """Every archived record not yet removed, with the rule that keeps it longest and when it is due,
    the earliest due first. Records still in a caseload are in use and never considered."""
    people = Person.all_objects.filter(archived_at__isnull=False).exclude(
        pk__in=RetentionRemoval.objects.values("person_id")
    )
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    people = list(people.select_related("team").order_by("pk"))
    ids = [p.pk for p in people]
    contacts = last_contacts(people)
    with_enquiry = set(Enquiry.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    holds = live_holds(ids)
    schedule = rules.rules_of(rules.read_schedule())
    found = []
    for person in people:
        facts = rules.Facts(
            last_contact=contacts[person.pk],
            safeguarding_enquiry=person.pk in with_enquiry,
            died=rules.died(person.archive_reason),
        )
        found.append(
            RetentionRow(
                person.pk,
                person.display_name,
                str(person.team),
                person.archived_at,
                contacts[person.pk],
                rules.verdict(facts, schedule, today),
                holds.get(person.pk),
            )
        )
    return sorted(found, key=lambda r: (r.verdict.due_on, r.person_id))


def removals():
    return RetentionRemoval.objects.select_related("done_by")
