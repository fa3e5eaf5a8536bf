from django.db import transaction

from whatsstrong.core.access import require_edit
from whatsstrong.core.drafts import discard_draft
from whatsstrong.people.services import EditConflict, changed_since

from .models import CaseNote


def case_note_save(*, actor, person, data, note_id=None, expected_version=None, draft_key=None):
    """Add a case note, or change one; a change made on top of someone else's is refused."""
    with transaction.atomic():
        require_edit(actor, person)
        if note_id is None:
            note = CaseNote(person=person, author=actor, **data)
        else:
            note = CaseNote.objects.select_for_update().get(pk=note_id, person=person)
            if note.version != expected_version:
                changes, saved_by = changed_since(CaseNote, note, expected_version, data)
                raise EditConflict(record=note, changes=changes, saved_by=saved_by)
            for field, value in data.items():
                setattr(note, field, value)
            note.version += 1
        note._history_user = actor
        note.save()
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return note
