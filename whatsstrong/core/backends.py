"""Sign-in backend: Django's own, reading the signed-in staff member with their team in one query."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User


class StaffBackend(ModelBackend):
    """Every signed-in request reads the staff member again, so inactive accounts stop at once."""

    def get_user(self, user_id):
        try:
            # With their team: the layout and the caseload name it on most pages.
            user = User.objects.select_related("team").filter(pk=user_id).first()
        except (ValueError, ValidationError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
