"""What audits add to the person's page (their audits, for those who may see them, and "Audit this
record" for those who may audit) and to a user's home page (audits waiting for them)."""

from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.core.home_parts import HomePart
from whatsstrong.core.record_parts import RecordPart

from .models import Audit


def _actions(request, person, can_edit):
    if access.can_audit(request.user, person.team_id):
        return [("Audit this record", reverse("audits:start", args=[person.pk]))]
    return []


def _home(request):
    """Audits shared with this practitioner and not yet answered, and drafts this auditor is writing.
    One query; nothing drawn when there are none."""
    user = request.user
    if not access.is_active_staff(user):
        return None
    rows = list(
        Audit.objects.filter(practitioner=user, status=Audit.Status.SHARED, responded_at__isnull=True).values_list(
            "id", "kind", "quarter"
        )[:5]
    )
    if not rows:
        return None
    return {"audits_to_answer": [(pk, Audit.Kind(kind).label, quarter) for pk, kind, quarter in rows]}


PART = RecordPart(name="audits", order=900, actions=_actions)
HOME = HomePart(name="audits", template="audits/_home.html", context=_home, order=200)
