"""Link a member of staff to their account at the organisation's identity provider (single sign-on).

    manage.py link_sign_in nadia 00000000-0000-0000-0000-000000000000
    manage.py link_sign_in nadia --unlink

The subject is the provider's `sub` claim for them. Someone refused at single sign-on is shown theirs
on the refusal page, to pass to an administrator. Role and team stay as set in the product.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from whatsstrong.core.models import User


class Command(BaseCommand):
    help = "Link a member of staff to their identity provider's subject, or unlink them."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("subject", nargs="?", help="Their identity provider's subject (the sub claim).")
        parser.add_argument("--unlink", action="store_true", help="Remove the link: single sign-on refuses them.")

    def handle(self, *args, username, subject, unlink, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No member of staff has the username {username!r}.")
        if unlink == bool(subject):
            raise CommandError("Give either a subject to link, or --unlink.")
        subject = (subject or "").strip() or None
        taken = User.objects.filter(oidc_subject=subject).exclude(pk=user.pk).first() if subject else None
        if taken:
            raise CommandError(f"That subject is already linked to {taken.username}. Unlink them first.")
        user.oidc_subject = subject
        try:
            user.save(update_fields=["oidc_subject"])
        except IntegrityError as error:
            raise CommandError("That subject is already linked to another member of staff.") from error
        if subject:
            self.stdout.write(f"{user.username} now signs in through single sign-on as {subject}.")
        else:
            self.stdout.write(f"{user.username} is no longer linked to single sign-on.")
