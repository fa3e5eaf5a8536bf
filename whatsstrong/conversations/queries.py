from whatsstrong.core.prepared import prepared

from .models import CaseNote

RECENT_NOTES = 10


@prepared
def recent_notes(person_id):
    """The person's latest case notes with their authors, for the person's page."""
    return CaseNote.objects.filter(person_id=person_id).select_related("author")[:RECENT_NOTES]
