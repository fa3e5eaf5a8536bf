"""The record machinery every domain app shares: versioned saves and the edit conflicts they raise.

Every record a practitioner can change carries a `version` and django-simple-history's `history`.
A form or API call sends the version the user opened; `save_versioned` locks the row and refuses
the save with `EditConflict` when someone else saved in between, naming what they changed. Every
write names its actor, so the history row says who made it, and checks the actor may change the
person the record belongs to (`core.access.require_edit`), whoever calls the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction

from .access import require_edit
from .drafts import discard_draft

RecordT = TypeVar("RecordT", bound=models.Model)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    theirs: Any  # what is stored now, saved by someone else
    yours: Any  # what this user submitted


class EditConflict(Exception):
    """Someone else saved the record after this user opened it."""

    def __init__(self, *, record: models.Model, changes: list[Change], saved_by: Any) -> None:
        super().__init__("The record changed while you were editing it.")
        self.record = record
        self.changes = changes
        self.saved_by = saved_by


def changed_since(
    model_cls: type[models.Model], record: Any, base_version: int, submitted: dict[str, Any]
) -> tuple[list[Change], Any]:
    """Fields that someone else changed between `base_version` and now, beside what this user typed."""
    then = record.history.filter(version=base_version).order_by("-history_date").first()
    latest = record.history.order_by("-history_date").first()
    changes = []
    for field, yours in submitted.items():
        now = getattr(record, field)
        if then is None or getattr(then, field, None) != now:
            label = model_cls._meta.get_field(field).verbose_name
            changes.append(Change(field, str(label).capitalize(), now, yours))
    return changes, latest.history_user if latest else None


def stored(record: RecordT) -> RecordT:
    """The record as saved now, locked. Access is decided on this, never on a copy the caller holds,
    which may be out of date (restricted since it was read) or changed in memory."""
    return type(record)._base_manager.select_for_update().get(pk=record.pk)


def save_versioned(
    model_cls: type[RecordT],
    *,
    actor: Any,
    record_id: int,
    expected_version: int | None,
    data: dict[str, Any],
    person: Any = None,
    draft_key: str | None = None,
) -> RecordT:
    """Change a record only if it is still at the version the user opened; otherwise EditConflict.

    `person` is the case record the access rules are asked about; without it, the record itself.
    """
    with transaction.atomic():
        record = model_cls._default_manager.select_for_update().get(pk=record_id)
        require_edit(actor, stored(person) if person is not None else record)
        if record.version != expected_version:
            changes, saved_by = changed_since(model_cls, record, expected_version, data)
            raise EditConflict(record=record, changes=changes, saved_by=saved_by)
        for field, value in data.items():
            setattr(record, field, value)
        record.version += 1
        record._history_user = actor
        record.save()
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return record


def add_to_record(
    model_cls: type[RecordT],
    *,
    actor: Any,
    person: Any,
    data: dict[str, Any],
    draft_key: str | None = None,
    **fixed: Any,
) -> RecordT:
    """Add a record that belongs to a person (a network member, a strength, a case note)."""
    with transaction.atomic():
        require_edit(actor, stored(person))
        record = model_cls(person=person, **fixed, **data)
        record._history_user = actor
        record.save()
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return record
