"""Sign-in backend: Django's own, reading the signed-in staff member with their team in one query."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from . import sql
from .models import Role, Team, User

# Every signed-in request reads the staff member: explicit SQL (core/sql.py), with their team,
# which the layout and the caseload name on most pages.
STAFF_SQL = f"""SELECT {sql.columns(User, "u")}, {sql.columns(Team, "t")}
                FROM {sql.table(User)} u LEFT JOIN {sql.table(Team)} t ON t.id = u.team_id WHERE u.id = %s"""


def staff_with_team(user_id):
    rows = sql.fetch(STAFF_SQL, [user_id])
    if not rows:
        return None
    user = sql.instance(User, rows[0])
    user.team = sql.instance(Team, rows[0], sql.width(User)) if user.team_id is not None else None
    return user


class StaffBackend(ModelBackend):
    """Every signed-in request reads the staff member again, so inactive accounts stop at once.

    With LOCAL_PASSWORDS off, passwords are refused on every sign-in page, except the administrators
    named in LOCAL_PASSWORD_ADMINS (their way in when single sign-on is down; they need two-factor too).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LOCAL_PASSWORDS and username not in settings.LOCAL_PASSWORD_ADMINS:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not settings.LOCAL_PASSWORDS and user.role != Role.ADMINISTRATOR:
            return None
        return user

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = staff_with_team(user_id) if 0 < user_id < 2**63 else None
        return user if user is not None and self.user_can_authenticate(user) else None
