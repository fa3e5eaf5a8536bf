"""Every change to a person's record goes through here: one transaction, a history entry naming
the actor, and a version check so that two people editing at once never overwrite each other."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from whatsstrong.core.access import require_add, require_allocate, require_edit
from whatsstrong.core.drafts import discard_draft

from .models import Asset, NetworkMember, Person

# Who works with the person and who may open their record: the team supervisor's decisions.
ALLOCATION_FIELDS = {"team", "team_id", "allocated_worker", "allocated_worker_id", "restricted"}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    theirs: object  # what is stored now, saved by someone else
    yours: object  # what this user submitted


class EditConflict(Exception):
    """Someone else saved the record after this user opened it."""

    def __init__(self, *, record, changes, saved_by):
        super().__init__("The record changed while you were editing it.")
        self.record = record
        self.changes = changes
        self.saved_by = saved_by


def changed_since(model_cls, record, base_version, submitted):
    """Fields that someone else changed between `base_version` and now, beside what this user typed."""
    history = record.history.filter(version=base_version).order_by("-history_date").first()
    latest = record.history.order_by("-history_date").first()
    changes = []
    for field, yours in submitted.items():
        then = getattr(history, field, None) if history else None
        now = getattr(record, field)
        if history is None or then != now:
            label = model_cls._meta.get_field(field).verbose_name
            changes.append(Change(field, str(label).capitalize(), now, yours))
    saved_by = latest.history_user if latest else None
    return changes, saved_by


def stored(record):
    """The record as saved now, locked. Access is decided on this, never on a copy the caller holds,
    which may be out of date (restricted since it was read) or changed in memory."""
    return type(record)._base_manager.select_for_update().get(pk=record.pk)


def save_versioned(model_cls, *, actor, record_id, expected_version, data, person):
    """Change a record only if it is still at the version the user opened; otherwise EditConflict."""
    with transaction.atomic():
        record = model_cls.objects.select_for_update().get(pk=record_id)
        require_edit(actor, stored(person) if person else record)
        if record.version != expected_version:
            changes, saved_by = changed_since(model_cls, record, expected_version, data)
            raise EditConflict(record=record, changes=changes, saved_by=saved_by)
        for field, value in data.items():
            setattr(record, field, value)
        record.version += 1
        record._history_user = actor
        record.save()
        return record


def person_create(*, actor, data):
    with transaction.atomic():
        person = Person(**data)
        if person.team_id is None:
            person.team_id = actor.team_id
        require_add(actor, person)
        person._history_user = actor
        person.save()
        return person


def person_update(*, actor, person_id, expected_version, data, draft_key=None):
    person = Person.objects.get(pk=person_id)
    if ALLOCATION_FIELDS.intersection(data):
        require_allocate(actor, person)
    record = save_versioned(
        Person, actor=actor, record_id=person_id, expected_version=expected_version, data=data, person=person
    )
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return record


def person_archive(*, actor, person_id, reason):
    """People are never deleted from the product; an archived record is kept under retention rules."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_id)
        require_edit(actor, person)
        person.archived_at = timezone.now()
        person.archive_reason = reason
        person.version += 1
        person._history_user = actor
        person.save()
        return person


def _child_save(model_cls, *, actor, person, data, child_id=None, expected_version=None):
    """Add a record that belongs to a person (network member, strength), or change one."""
    if child_id is None:
        with transaction.atomic():
            require_edit(actor, stored(person))
            child = model_cls(person=person, **data)
            child._history_user = actor
            child.save()
            return child
    if not model_cls.objects.filter(pk=child_id, person=person).exists():
        raise model_cls.DoesNotExist(f"No {model_cls._meta.verbose_name} {child_id} for this person.")
    return save_versioned(
        model_cls, actor=actor, record_id=child_id, expected_version=expected_version, data=data, person=person
    )


def network_member_save(*, actor, person, data, member_id=None, expected_version=None):
    return _child_save(NetworkMember, actor=actor, person=person, data=data, child_id=member_id,
                       expected_version=expected_version)


def asset_save(*, actor, person, data, asset_id=None, expected_version=None):
    return _child_save(Asset, actor=actor, person=person, data=data, child_id=asset_id,
                       expected_version=expected_version)
