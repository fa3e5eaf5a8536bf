"""Revoke API tokens, so the systems using them are refused from now on.

    manage.py revoke_api_token --id 12
    manage.py revoke_api_token --name "Care records sync"

By --id, one token (the id is shown in the admin's list of API tokens); by --name, every token
still working that was issued for that system. A revoked token is kept as a record, never deleted.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from whatsstrong.core.models import ApiToken


class Command(BaseCommand):
    help = "Revoke an API token by its id, or every token issued for a system by its name."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--id", dest="token_id", type=int, help="The token's id, from the admin's list of API tokens."
        )
        which.add_argument("--name", help="The system's name, as given to issue_api_token --name.")

    def handle(self, *args, token_id, name, **options):
        tokens = ApiToken.objects.select_related("user")
        found = tokens.filter(pk=token_id) if token_id is not None else tokens.filter(name=name.strip())
        if not found.exists():
            which = f"id {token_id}" if token_id is not None else f"name {name!r}"
            raise CommandError(f"No API token with {which}. The admin lists every token with its id and name.")
        live = list(found.filter(revoked_at__isnull=True))
        if not live:
            raise CommandError(
                "That token was already revoked."
                if token_id is not None
                else f"Every token named {name!r} was already revoked."
            )
        now = timezone.now()
        ApiToken.objects.filter(pk__in=[token.pk for token in live]).update(revoked_at=now)
        for token in live:
            self.stdout.write(f"Revoked token {token.pk}: {token.name}, acting for {token.user.display_name}.")
