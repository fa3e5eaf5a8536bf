"""Issue an API token for another system to act as a named staff member.

The raw token goes to standard output alone (so it can be piped into a secret store) and is
never shown again: only its hash is kept. To stop a system, set the token's revoked_at in admin.
"""

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help='Which system will use it, like "Case management sync".')

    def handle(self, *args, username, name, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give --name: which system will use the token.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No staff member with username {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username} is not active, so a token for them would not work.")
        raw = ApiToken.issue(user=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(f"Token for {user.display_name} ({name}). It is shown only this once; keep it secret.")
