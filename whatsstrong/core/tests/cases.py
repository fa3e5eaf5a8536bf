"""Small helpers the access tables share: grants, switched-off accounts, a supervisor's decisions."""

from django.db.models import F

from whatsstrong.core.models import AccessGrant
from whatsstrong.people.models import Person
from whatsstrong.people.services import person_update

LIVE, EXPIRED = "live", "expired"
REASON = "Covering the duty desk today"


def supervisor_sets(staff, person, **data):
    """Allocation and restriction, as North's supervisor decides them."""
    current = Person.objects.get(pk=person.pk)
    person_update(actor=staff["carol"], person_id=person.pk, expected_version=current.version, data=data)


def switch_off(user):
    user.is_active = False
    user.save()


def age(grant, by):
    """Move a grant into the past, as if the time `by` had gone by since it was given."""
    AccessGrant.objects.filter(pk=grant.pk).update(granted_at=F("granted_at") - by, expires_at=F("expires_at") - by)
