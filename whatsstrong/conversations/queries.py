from .models import CaseNote


def recent_notes(person, limit=10):
    return list(CaseNote.objects.filter(person=person).select_related("author")[:limit])
