"""Prove a backup is whole: restore it into a scratch place and check it against its manifest.

    manage.py verify_backup 2026-12-01.wsbackup [--scratch-database NAME]

SQLite backups are restored into a temporary file; PostgreSQL backups into a temporary database
(named after the configured one, or --scratch-database), created and dropped here. Checked: the
row count of every table, the newest history row, the migrations, and the access log's chain.
Exits 0 when whole, 1 with each problem named otherwise.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core import backups


class Command(BaseCommand):
    help = "Restore a backup somewhere temporary and check its row counts, newest history and access log chain."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file.")
        parser.add_argument("--scratch-database", help="PostgreSQL only: the name of the temporary database.")

    def handle(self, *args, path, scratch_database=None, **options):
        try:
            result = backups.verify(path, scratch=scratch_database)
        except backups.BackupRefused as refused:
            raise CommandError(str(refused)) from None
        manifest, found = result.manifest, result.found
        rows = sum(found["tables"].values())
        newest = found["newest_history"]
        self.stdout.write(f"Backup made {manifest['created_at']} from {backups.ENGINE_NAMES[manifest['engine']]}.")
        self.stdout.write(f"Restored {len(found['tables'])} tables holding {rows} rows.")
        if newest:
            self.stdout.write(
                f"Newest history row: {newest['table']} {newest['history_id']} at {newest['history_date']}."
            )
        self.stdout.write(
            f"Access log: {found['audit']['entries']} entries, newest number {found['audit']['last_seq']}."
        )
        if result.whole:
            self.stdout.write("The backup is whole: every count, the newest history row and the access log match.")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        self.stderr.write(f"The backup is NOT whole: {len(result.problems)} problems.")
        sys.exit(1)
