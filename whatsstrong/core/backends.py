"""Sign-in backend: Django's own, reading the signed-in staff member with a prepared query."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User
from .prepared import prepared


@prepared
def staff_by_id(user_id):
    # With their team: the layout and the caseload name it on most pages.
    return User.objects.select_related("team").filter(pk=user_id)


class StaffBackend(ModelBackend):
    """Every signed-in request reads the staff member again, so inactive accounts stop at once."""

    def get_user(self, user_id):
        try:
            found = staff_by_id(User._meta.pk.to_python(user_id))
        except ValidationError:
            return None
        return found[0] if found and self.user_can_authenticate(found[0]) else None
