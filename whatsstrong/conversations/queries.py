from django.db.models import Prefetch

from .models import Addendum, CaseNote

RECENT_NOTES = 10


def recent_notes(person_id):
    """The person's latest case notes with their authors and addenda, for the person's page."""
    addenda = Prefetch("addenda", queryset=Addendum.objects.select_related("author"))
    return list(CaseNote.objects.filter(person_id=person_id).select_related("author")
                .prefetch_related(addenda)[:RECENT_NOTES])
