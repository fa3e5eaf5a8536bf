"""Check the access log's hash chain: every entry as written, none removed, none slipped in.

    manage.py verify_audit

Prints each entry that was edited, removed or inserted, by id, and exits with status 1 if there is
any; prints how many entries were checked and exits 0 when the chain is whole. Schedule it (see
docs/operations.md) and keep the exports (manage.py export_audit) somewhere the database's
administrators cannot write: a chain rewritten from the start is caught only against a copy.
"""

import sys

from django.core.management.base import BaseCommand

from whatsstrong.core import audit_log


class Command(BaseCommand):
    help = "Check the access log's hash chain and name any entry edited, removed or inserted."

    def handle(self, *args, **options):
        report = audit_log.verify()
        if report.whole:
            self.stdout.write(
                f"The access log is whole: {report.checked} entries checked, newest number {report.last_seq}."
            )
            return
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stderr.write(
            f"The access log has been tampered with: {len(report.problems)} problems in {report.checked} entries."
        )
        sys.exit(1)
