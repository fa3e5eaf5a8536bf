"""Writing case notes: adding one, its author correcting it while they may, and addenda after that."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from whatsstrong.core.records import add_to_record, save_versioned

from . import rules
from .models import Addendum, CaseNote


def may_correct(actor: Any, note: Any) -> bool:
    """`note` is a CaseNote or a row from queries.recent_notes: both have author_id and created_at."""
    return rules.may_correct(
        author_id=note.author_id,
        actor_id=actor.pk,
        created_at=note.created_at,
        now=timezone.now(),
        window_hours=settings.CASE_NOTE_CORRECTION_HOURS,
    )


def case_note_add(*, actor: Any, person: Any, data: dict[str, Any], draft_key: str | None = None) -> CaseNote:
    return add_to_record(CaseNote, actor=actor, person=person, data=data, draft_key=draft_key, author=actor)


def case_note_correct(
    *,
    actor: Any,
    person: Any,
    note_id: int,
    expected_version: int | None,
    data: dict[str, Any],
    draft_key: str | None = None,
) -> CaseNote:
    """The author's own correction, within the correction period; anyone else adds an addendum."""
    note = CaseNote.objects.get(pk=note_id, person=person)
    if not may_correct(actor, note):
        raise PermissionDenied(
            "Only the author can correct a note, and only for "
            f"{settings.CASE_NOTE_CORRECTION_HOURS} hours after writing it. Add an addendum instead."
        )
    return save_versioned(
        CaseNote,
        actor=actor,
        record_id=note_id,
        expected_version=expected_version,
        data=data,
        person=person,
        draft_key=draft_key,
    )


def addendum_add(*, actor: Any, person: Any, note_id: int, text: str, draft_key: str | None = None) -> Addendum:
    note = CaseNote.objects.get(pk=note_id, person=person)
    return add_to_record(
        Addendum, actor=actor, person=person, data={"text": text}, draft_key=draft_key, note=note, author=actor
    )
