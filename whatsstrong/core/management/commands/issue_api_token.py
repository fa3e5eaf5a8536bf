"""Issue an API token for another system to act as a named staff member.

    manage.py issue_api_token USERNAME --name "Care records sync" [--days N]

The raw token goes to standard output alone (so it can be piped into a secret store) and is
never shown again: only its hash is kept. It expires after --days days (API_TOKEN_DAYS, 90 unless
set, by default); issue a new one before then. To stop a system sooner, revoke its token in the
admin (API tokens, "Revoke selected tokens") or with `manage.py revoke_api_token`.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format

from whatsstrong.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help='Which system will use it, like "Case management sync".')
        parser.add_argument("--days", type=int, help="How many days it works for (default: API_TOKEN_DAYS).")

    def handle(self, *args, username, name, days, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give --name: which system will use the token.")
        days = settings.API_TOKEN_DAYS if days is None else days
        if days < 1:
            raise CommandError("Give --days as a whole number of days, 1 or more.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No staff member with username {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username} is not active, so a token for them would not work.")
        raw = ApiToken.issue(user=user, name=name, days=days)
        expires = ApiToken.objects.get(token_hash=ApiToken.hash(raw)).expires_at
        self.stdout.write(raw)
        self.stderr.write(
            f"Token for {user.display_name} ({name}), working until "
            f"{date_format(timezone.localtime(expires), 'j F Y, H:i')}. "
            "It is shown only this once; keep it secret."
        )
