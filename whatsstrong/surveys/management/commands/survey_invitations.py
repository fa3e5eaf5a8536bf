"""Run daily: invite people whose direct payment has now run for three months (if switched on)."""

from django.core.management.base import BaseCommand

from whatsstrong.surveys import triggers


class Command(BaseCommand):
    help = "Invite people whose direct payment has run for three months to the direct payments survey."

    def handle(self, *args, **options):
        invited, skipped = triggers.invite_direct_payments()
        self.stdout.write(
            f"Invited {invited} to the direct payments survey; {skipped} not invited "
            "(switched off, or invited within the no-repeat window). Letters wait at /surveys/letters/."
        )
