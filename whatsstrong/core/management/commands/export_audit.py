"""Export the access log as JSON Lines for a council's security monitoring.

    manage.py export_audit --since 2026-01-01T00:00 [--output FILE]

One JSON object per line, oldest first, from the given time onward (UTC unless the time says
otherwise), with the fields each entry's hash covers, its number in the chain, the hash of the
entry before it and its own, so the receiver can check the chain (whatsstrong/core/audit_chain.py
says how a hash is made). Without --since, the whole log.
"""

import json
import sys
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from whatsstrong.core import audit_export


class Command(BaseCommand):
    help = "Write the access log as JSON Lines, from a given time onward, with the hash chain's fields."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="The earliest time to include, such as 2026-01-01T00:00 (UTC).")
        parser.add_argument("--output", help="A file to write to; the standard output if not given.")

    def handle(self, *args, since=None, output=None, **options):
        start = None
        if since:
            try:
                start = datetime.fromisoformat(since)
            except ValueError:
                raise CommandError(
                    f"--since {since!r} is not a time. Give a date and time like 2026-01-01T00:00."
                ) from None
            if timezone.is_naive(start):
                start = timezone.make_aware(start, UTC)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        count = 0
        try:
            for line in audit_export.lines(since=start):
                out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        finally:
            if output:
                out.close()
        if output:
            self.stderr.write(f"Wrote {count} entries to {output}.")
