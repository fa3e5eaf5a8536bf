"""Apply the retention schedule (whatsstrong/governance/data/retention.json) to archived records.

    manage.py retention --dry-run               list what is due, and what a legal hold keeps
    manage.py retention --by ADMIN_USERNAME     remove the personal data of every record due

Each record is done in its own transaction: all of it or none. What was done goes to the access
log, naming the administrator given with --by; docs/operations.md says what is removed and what is
anonymised.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.governance import queries, services


class Command(BaseCommand):
    help = "List (--dry-run) or remove the personal data of archived records the retention schedule says are due."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is due; change nothing.")
        parser.add_argument("--by", help="The username of the administrator running it (needed without --dry-run).")
        parser.add_argument("--today", help="Count as if today were this date, YYYY-MM-DD (for checking the schedule).")
        parser.add_argument("--all", action="store_true", help="With --dry-run, list records not yet due as well.")

    def handle(self, *args, dry_run=False, by=None, today=None, all=False, **options):
        day = self._day(today)
        actor = None
        if not dry_run:
            actor = self._administrator(by)
        rows = queries.retention_rows(day)
        due = [r for r in rows if r.verdict.due]
        held = [r for r in due if r.hold]
        self.stdout.write(
            f"Retention on {day.isoformat()}: {len(rows)} archived record(s), {len(due)} due, "
            f"{len(held)} kept by a legal hold."
        )
        for row in rows if all else due:
            self.stdout.write(self._line(row))
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return
        done = failed = 0
        for row in due:
            if row.hold:
                continue
            try:
                removal = services.retention_remove(actor=actor, person_id=row.person_id, today=day)
            except services.RetentionRefused as refused:
                failed += 1
                self.stderr.write(f"record {row.person_id}: {refused}")
                continue
            done += 1
            self.stdout.write(f"record {row.person_id}: removed ({sum(removal.counts.values())} rows)")
        self.stdout.write(f"Removed the personal data of {done} record(s); {len(held)} kept by a legal hold.")
        if failed:
            raise CommandError(f"{failed} record(s) could not be done; nothing of theirs was changed.")

    def _day(self, text):
        if not text:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--today {text!r} is not a date. Give one like 2026-12-01.") from None

    def _administrator(self, username):
        if not username:
            raise CommandError(
                "Say who is running it: --by USERNAME (an administrator). Use --dry-run to only list what is due."
            )
        user = User.objects.filter(username=username).first()
        if user is None or not user.is_active or user.role != Role.ADMINISTRATOR:
            raise CommandError(f"{username!r} is not an active administrator: nothing was changed.")
        return user

    @staticmethod
    def _line(row):
        if row.hold:
            what = f"KEPT: legal hold {row.hold.pk} ({row.hold.reason})"
        elif row.verdict.due:
            what = "due"
        else:
            what = "not due"
        return (
            f"record {row.person_id}\t{row.name}\tlast contact {row.last_contact.isoformat()}\t"
            f"rule {row.verdict.rule.code} ({row.verdict.rule.years} years)\t"
            f"due {row.verdict.due_on.isoformat()}\t{what}"
        )
