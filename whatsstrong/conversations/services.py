from django.db import transaction

from whatsstrong.core.access import require_edit
from whatsstrong.core.drafts import discard_draft
from whatsstrong.people.services import save_versioned, stored

from .models import CaseNote


def case_note_save(*, actor, person, data, note_id=None, expected_version=None, draft_key=None):
    """Add a case note, or change one; a change made on top of someone else's is refused."""
    if note_id is None:
        with transaction.atomic():
            require_edit(actor, stored(person))
            note = CaseNote(person=person, author=actor, **data)
            note._history_user = actor
            note.save()
    else:
        if not CaseNote.objects.filter(pk=note_id, person=person).exists():
            raise CaseNote.DoesNotExist(f"No case note {note_id} for this person.")
        note = save_versioned(CaseNote, actor=actor, record_id=note_id, expected_version=expected_version,
                              data=data, person=person)
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return note
