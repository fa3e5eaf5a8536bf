"""Every write of information governance: legal holds, the retention schedule's removals, and the
access log entries saying what was done (core/audit_log.py chains each one; nothing here changes
or removes an entry).

Retention, per kind of record (docs/operations.md, "Retention"):
- the person's own row is **anonymised**: every detail emptied, names replaced, the row kept, so the
  access log's entries about it still point to a record and a later look-up finds it was removed;
- everything else that belongs to the person alone (network, strengths, case notes, assessments,
  plans, risk, safeguarding, forum hearings, signposts, survey invitations, language summaries) is
  **removed**, with every history row of it and of the person, and any draft typed for the record;
- records that belong to the organisation and only point at the person (a practice audit, a gap in
  the directory, survey answers kept apart) are **kept and unlinked**: the link is emptied.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.db.models.signals import post_delete
from django.utils import timezone
from simple_history.models import HistoricalChanges

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent, AccessLogHead, Draft, Role
from whatsstrong.people.models import NameVariant, Person, PersonNameToken

from . import queries, rules
from .models import LegalHold, RetentionRemoval

# What governance writes to the access log, beside core's kinds of view.
SUBJECT_ACCESS = AccessEvent.Action.SUBJECT_ACCESS
LEGAL_HOLD_SET = AccessEvent.Action.LEGAL_HOLD_SET
LEGAL_HOLD_LIFTED = AccessEvent.Action.LEGAL_HOLD_LIFTED
RETENTION_REMOVED = AccessEvent.Action.RETENTION_REMOVED
LOG_DOWNLOADED = AccessEvent.Action.ACCESS_LOG_DOWNLOAD
COMMAND_PATH = "manage.py retention"
ANONYMISED = {"given_name": "Removed", "family_name": "record", "preferred_name": ""}


class HoldProblem(ValueError):
    """A hold cannot be set or lifted as asked: `field` names where, the message says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RetentionRefused(Exception):
    """This record's personal data must not go now (kept by a hold, not due, in use, already gone)."""


def log(*, user: Any, record: Any, action: str, reason: str, path: str = "") -> AccessEvent:
    return AccessEvent.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=record.pk,
        action=action,
        reason=reason,
        path=path[: access.LOGGED_PATH_LENGTH],
    )


# --- Legal holds -------------------------------------------------------------------------------------


def hold_set(*, actor: Any, person: Person, reason: str, path: str = "") -> LegalHold:
    if not access.can_hold_records(actor):
        raise PermissionDenied("Only quality leads and administrators put a record on legal hold.")
    problem = rules.reason_problem(reason, "why the record must be kept")
    if problem:
        raise HoldProblem("reason", problem)
    with transaction.atomic():
        Person.all_objects.select_for_update().get(pk=person.pk)
        if RetentionRemoval.objects.filter(person_id=person.pk).exists():
            raise HoldProblem("reason", "This record's personal data has already been removed.")
        if queries.live_hold(person.pk):
            raise HoldProblem("reason", "This record is already on legal hold. Lift that hold first.")
        hold = LegalHold(person=person, reason=reason.strip(), set_by=actor)
        hold._history_user = actor
        hold.save()
        log(user=actor, record=person, action=LEGAL_HOLD_SET, reason=f"Legal hold {hold.pk}: {hold.reason}", path=path)
    return hold


def hold_lift(*, actor: Any, hold_id: int, reason: str, path: str = "") -> LegalHold:
    if not access.can_hold_records(actor):
        raise PermissionDenied("Only quality leads and administrators lift a legal hold.")
    problem = rules.reason_problem(reason, "why the hold is lifted")
    if problem:
        raise HoldProblem("reason", problem)
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold_id)
        if hold.lifted_at is not None:
            raise HoldProblem("reason", "This hold has already been lifted.")
        hold.lifted_by, hold.lifted_at, hold.lift_reason = actor, timezone.now(), reason.strip()
        hold.version += 1
        hold._history_user = actor
        hold.save()
        log(
            user=actor,
            record=Person.all_objects.get(pk=hold.person_id),
            action=LEGAL_HOLD_LIFTED,
            reason=f"Legal hold {hold.pk} lifted: {hold.lift_reason}",
            path=path,
        )
    return hold


# --- Retention ---------------------------------------------------------------------------------------


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _links_to_person() -> list[tuple[type[models.Model], models.Field]]:
    """Every link to a person in the product, governance's own and history tables aside."""
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model._meta.app_label == "governance":
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Person:
                found.append((model, field))
            elif not field.is_relation and field.attname == "person_id":
                found.append((model, field))  # a plain number naming the person (the coach's summaries)
    return found


def _history_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


def _remove_rows(person_id: int, counts: Counter) -> dict[type[models.Model], set]:
    """Remove everything belonging to the person alone; unlink what only points at them. Returns
    every removed row by model (cascades included), from the deletion signal."""
    removed: dict[type[models.Model], set] = defaultdict(set)

    def note(sender: Any, instance: Any, **kwargs: Any) -> None:
        removed[sender].add(instance.pk)

    pending = []
    for model, field in _links_to_person():
        rows = model._base_manager.filter(**{field.attname: person_id})
        if field.is_relation and field.null:
            unlinked = rows.update(**{field.attname: None})
            if unlinked:
                counts[f"unlinked {_label(model)}"] += unlinked
        elif not field.is_relation:
            gone, _ = rows.delete()
            if gone:
                counts[f"removed {_label(model)}"] += gone
        else:
            pending.append((model, field))
    # Receiving every model's deletions also stops Django deleting any of them in bulk without the signal.
    post_delete.connect(note, weak=False, dispatch_uid="governance-retention")
    try:
        # Records protect one another (an addendum its note, a sign-off its plan): remove what can go
        # now and come back for the rest, until everything is gone or nothing more can go.
        while pending:
            left, progress = [], False
            for model, field in pending:
                rows = model._base_manager.filter(**{field.attname: person_id})
                try:
                    with transaction.atomic():
                        progress |= rows.delete()[0] > 0
                except ProtectedError:
                    # One at a time, newest first (a review protects the assessment it follows), freeing
                    # what only points at a row: progress |= keeps going while anything at all goes.
                    for row in rows.order_by("-pk"):
                        progress |= _remove_one(row, counts)
                    if rows.exists():
                        left.append((model, field))
            if left and not progress:
                names = ", ".join(sorted(_label(m) for m, _ in left))
                raise RetentionRefused(f"Other records still need these, so nothing was removed: {names}.")
            pending = left
    finally:
        post_delete.disconnect(dispatch_uid="governance-retention")
    for model, pks in removed.items():
        counts[f"removed {_label(model)}"] += len(pks)
    return removed


def _remove_one(row: models.Model, counts: Counter) -> bool:
    """Remove one row; what stops it and does not belong to the person (an organisation's audit, a
    forum's note of a gap it raised) has its link emptied where it may be empty, else is removed."""
    for _ in range(3):
        try:
            with transaction.atomic():
                row.delete()
            return True
        except ProtectedError as error:
            blockers = [b for b in error.protected_objects if not (type(b) is type(row) and b.pk == row.pk)]
            if not blockers:
                return False
            for blocker in blockers:
                model = type(blocker)
                links = [
                    f
                    for f in model._meta.concrete_fields
                    if f.is_relation and f.related_model is type(row) and getattr(blocker, f.attname) == row.pk
                ]
                if links and all(f.null for f in links):
                    model._base_manager.filter(pk=blocker.pk).update(**{f.attname: None for f in links})
                    counts[f"unlinked {_label(model)}"] += 1
                else:
                    try:
                        with transaction.atomic():
                            blocker.delete()
                    except ProtectedError:
                        return False
    return False


def _remove_history(person_id: int, removed: dict[type[models.Model], set], counts: Counter) -> None:
    """Every history row of the person and of what was removed, including rows of records removed
    long ago that still carry the person's number."""
    for history in _history_models():
        original = history.instance_type
        gone = 0
        if original is Person:
            gone += history.objects.filter(id=person_id).delete()[0]
        if original in removed:
            pk_name = original._meta.pk.attname
            pks = list(removed[original])
            for start in range(0, len(pks), 500):
                gone += history.objects.filter(**{f"{pk_name}__in": pks[start : start + 500]}).delete()[0]
        if any(f.attname == "person_id" for f in history._meta.concrete_fields):
            gone += history.objects.filter(person_id=person_id).delete()[0]
        if gone:
            counts[f"history {_label(original)}"] += gone


def _anonymise(person: Person) -> None:
    """Empty every detail of the person's row and keep the row (see the module's note)."""
    old_words = set(f"{person.family_name_key} {person.given_name_key} {person.preferred_name_key}".split())
    keep = {"id", "team", "allocated_worker", "archived_at", "created_at", "updated_at", "version"}
    for field in Person._meta.concrete_fields:
        if field.name in keep or not field.editable:
            continue
        if field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        else:
            value = ""
        setattr(person, field.attname, value)
    for name, value in ANONYMISED.items():
        setattr(person, name, value)
    person.allocated_worker = None
    person.restricted = False
    person.archive_reason = "Personal data removed under the retention schedule"
    person.version += 1
    person.skip_history_when_saving = True
    person.save()
    del person.skip_history_when_saving
    # Spellings of the old names, for typo search, that no one else has any more.
    NameVariant.objects.filter(token__in=old_words).exclude(token__in=PersonNameToken.objects.values("token")).delete()


def retention_remove(*, actor: Any, person_id: int, today: datetime.date) -> RetentionRemoval:
    """Remove one archived record's personal data, if the schedule says it is due and nothing holds it;
    all of it or none (one transaction), and say in the access log what was done."""
    if not (access.is_active_staff(actor) and actor.role == Role.ADMINISTRATOR):
        raise PermissionDenied("Only an administrator runs the retention schedule.")
    with transaction.atomic():
        person = Person.all_objects.select_for_update().filter(pk=person_id).first()
        if person is None:
            raise RetentionRefused(f"No record has the number {person_id}.")
        rows = queries.retention_rows(today, person_ids=[person_id])
        if not rows:
            raise RetentionRefused(f"Record {person_id} is in use or already removed: nothing was done.")
        row = rows[0]
        if row.hold is not None:
            raise RetentionRefused(f"Record {person_id} is on legal hold: nothing was done.")
        if not row.verdict.due:
            raise RetentionRefused(f"Record {person_id} is not due until {row.verdict.due_on:%d %B %Y}.")
        counts: Counter = Counter()
        removed = _remove_rows(person.pk, counts)
        counts["drafts"] += Draft.objects.filter(key__startswith=f"person:{person.pk}:").delete()[0]
        person.refresh_from_db()
        _anonymise(person)
        # Saving the emptied row may summarise its (now empty) text again: those go too.
        for model, field in _links_to_person():
            if not field.is_relation:
                model._base_manager.filter(**{field.attname: person.pk}).delete()
        _remove_history(person.pk, removed, counts)
        counts = {k: v for k, v in sorted(counts.items()) if v}
        done = RetentionRemoval.objects.create(
            person=person,
            rule=row.verdict.rule.code,
            last_contact=row.last_contact,
            due_on=row.verdict.due_on,
            done_by=actor,
            counts=counts,
        )
        summary = ", ".join(f"{k}: {v}" for k, v in counts.items()) or "nothing else held"
        log(
            user=actor,
            record=person,
            action=RETENTION_REMOVED,
            reason=(
                f"Rule {row.verdict.rule.code} (last contact {row.last_contact.isoformat()}, due "
                f"{row.verdict.due_on.isoformat()}); person anonymised; {summary}"
            ),
            path=COMMAND_PATH,
        )
    return done


# --- Logging reads -----------------------------------------------------------------------------------


def subject_access_logged(*, actor: Any, person: Person, redacted: int, safeguarding: bool, path: str) -> None:
    log(
        user=actor,
        record=person,
        action=SUBJECT_ACCESS,
        reason=(
            f"Subject access export; {redacted} third part{'y' if redacted == 1 else 'ies'} marked for redaction; "
            f"safeguarding {'included' if safeguarding else 'not included'}"
        ),
        path=path,
    )


def log_download_logged(*, actor: Any, since: datetime.datetime | None, path: str) -> None:
    head = AccessLogHead.objects.filter(pk=1).first() or AccessLogHead(pk=1)
    log(
        user=actor,
        record=head,
        action=LOG_DOWNLOADED,
        reason=f"Access log downloaded from {since.isoformat() if since else 'the start'}",
        path=path,
    )
