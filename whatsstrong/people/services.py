"""Every change to a person's record goes through here: one transaction, a history entry naming
the actor, and a version check so that two people editing at once never overwrite each other
(the shared machinery is `core.records`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from whatsstrong.core.access import can_allocate, require_add, require_allocate, require_edit
from whatsstrong.core.records import add_to_record, save_versioned, stored

from . import queries, rules
from .models import Asset, NetworkMember, Person

# Who works with the person and who may open their record: the team supervisor's decisions.
ALLOCATION_FIELDS = {"team", "team_id", "allocated_worker", "allocated_worker_id", "restricted"}


class NhsNumberInUse(ValidationError):
    """An NHS number identifies one person, so it belongs to one record (archived ones included)."""

    def __init__(self, holder_id: int | None) -> None:
        super().__init__({"nhs_number": rules.NHS_NUMBER_IN_USE})
        self.holder_id = holder_id


def _nhs_number_free(nhs_number: str, *, other_than: int | None = None) -> None:
    holder = queries.nhs_number_holder(nhs_number, other_than=other_than)
    if holder is not None:
        raise NhsNumberInUse(holder)


def _save_new(person: Person) -> None:
    """Save, turning a record with the same NHS number saved a moment before into NhsNumberInUse."""
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        holder = queries.nhs_number_holder(person.nhs_number)
        if holder is None:
            raise
        raise NhsNumberInUse(holder) from None


def person_create(*, actor: Any, data: dict[str, Any]) -> Person:
    """Add a person. Possible duplicates by name and date of birth are the caller's to warn about
    (queries.possible_duplicates); a second record for an NHS number is refused here."""
    with transaction.atomic():
        person = Person(**data)
        if person.team_id is None:
            person.team_id = actor.team_id
        require_add(actor, person)
        _nhs_number_free(person.nhs_number)
        person._history_user = actor
        _save_new(person)
        return person


def person_update(
    *, actor: Any, person_id: int, expected_version: int | None, data: dict[str, Any], draft_key: str | None = None
) -> Person:
    person = Person.objects.get(pk=person_id)
    if ALLOCATION_FIELDS.intersection(data):
        require_allocate(actor, person)
    if data.get("nhs_number"):
        require_edit(actor, person)  # only someone who may change the record learns who holds a number
        _nhs_number_free(data["nhs_number"], other_than=person_id)
    try:
        with transaction.atomic():
            return save_versioned(
                Person,
                actor=actor,
                record_id=person_id,
                expected_version=expected_version,
                data=data,
                person=person,
                draft_key=draft_key,
            )
    except IntegrityError:
        # Another record took this NHS number between the check above and the save.
        holder = queries.nhs_number_holder(data.get("nhs_number") or "", other_than=person_id)
        if holder is None:
            raise
        raise NhsNumberInUse(holder) from None


def person_archive(*, actor: Any, person_id: int, reason: str) -> Person:
    """People are never deleted from the product; an archived record is kept and can be read."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_id)
        if not can_allocate(actor, person):
            raise PermissionDenied("Only a supervisor of the person's team can archive their record.")
        person.archived_at = timezone.now()
        person.archive_reason = reason
        person.version += 1
        person._history_user = actor
        person.save()
        return person


def person_unarchive(*, actor: Any, person_id: int) -> Person:
    """Bring an archived record back into the team's caseload, as it was."""
    with transaction.atomic():
        person = Person.all_objects.select_for_update().get(pk=person_id, archived_at__isnull=False)
        if not can_allocate(actor, person):
            raise PermissionDenied("Only a supervisor of the person's team can bring their record back.")
        person.archived_at = None
        person.archive_reason = ""
        person.version += 1
        person._history_user = actor
        person.save()
        return person


def network_member_save(
    *,
    actor: Any,
    person: Person,
    data: dict[str, Any],
    member_id: int | None = None,
    expected_version: int | None = None,
) -> NetworkMember:
    if member_id is None:
        return add_to_record(NetworkMember, actor=actor, person=person, data=data)
    if not NetworkMember.objects.filter(pk=member_id, person=person).exists():
        raise NetworkMember.DoesNotExist(f"No network member {member_id} for this person.")
    return save_versioned(
        NetworkMember, actor=actor, record_id=member_id, expected_version=expected_version, data=data, person=person
    )


def asset_save(
    *,
    actor: Any,
    person: Person,
    data: dict[str, Any],
    asset_id: int | None = None,
    expected_version: int | None = None,
) -> Asset:
    if asset_id is None:
        return add_to_record(Asset, actor=actor, person=person, data=data)
    if not Asset.objects.filter(pk=asset_id, person=person).exists():
        raise Asset.DoesNotExist(f"No strength {asset_id} for this person.")
    return save_versioned(
        Asset, actor=actor, record_id=asset_id, expected_version=expected_version, data=data, person=person
    )


class RepeatedStrengths(Exception):
    """Some strengths to add are already recorded at the same level, or repeat one another.
    `repeats` is `rules.repeated_strengths`'s answer: index of the new strength, and the earlier
    one it repeats (None when it repeats one already recorded)."""

    def __init__(self, repeats: dict[int, int | None]) -> None:
        super().__init__("These strengths are already recorded.")
        self.repeats = repeats


def strengths_and_network_add(
    *, actor: Any, person: Person, members: list[dict[str, Any]], strengths: list[dict[str, Any]]
) -> tuple[list[NetworkMember], list[Asset]]:
    """Add several network members and strengths at once, all or none: one transaction, each
    one through `network_member_save` and `asset_save` (a history row each, naming the actor).

    Access is decided on the person as stored, whose row stays locked to the end, so two people
    adding the same strength at once cannot both get it past the check for repeats."""
    with transaction.atomic():
        locked = stored(person)
        require_edit(actor, locked)
        repeats = rules.repeated_strengths(
            list(Asset.objects.filter(person=locked).values_list("level", "description")),
            [(s.get("level", ""), s.get("description", "")) for s in strengths],
        )
        if repeats:
            raise RepeatedStrengths(repeats)
        added_members = [network_member_save(actor=actor, person=locked, data=data) for data in members]
        added_strengths = [asset_save(actor=actor, person=locked, data=data) for data in strengths]
    return added_members, added_strengths


def review_schedule(*, actor: Any, person: Person, due_on: Any, reason: str = "") -> Person:
    """Set (or clear, with None) the day the person's next review is due. Called by the assessments
    app when an assessment or a review is signed off, and by the page that changes the date. Checks
    the actor may change the record as stored, and keeps a history row with the reason."""
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        require_edit(actor, locked)
        if locked.review_due_on == due_on:
            return locked
        # The version is left alone: the date is not on any form of the record, so moving it must not
        # make someone editing the record at the same moment start again.
        locked.review_due_on = due_on
        locked._history_user = actor
        locked._change_reason = (reason or "").strip()[:100] or None
        locked.save(update_fields=["review_due_on", "updated_at"])
        return locked
