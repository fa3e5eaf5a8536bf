"""Bring a backup back into an empty database.

    DATABASE_URL=postgres://.../whatsstrong_restored manage.py restore 2026-12-01.wsbackup

Refuses, before writing anything: a damaged or incomplete file, a backup from a newer version (its
migrations are not all known here), a backup of the other engine, and a database that already has
tables.
"""

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core import backups


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup into the configured database, which must be empty."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file.")

    def handle(self, *args, path, **options):
        try:
            manifest = backups.restore(path)
        except backups.BackupRefused as refused:
            raise CommandError(f"Nothing was restored. {refused}") from None
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables from the backup made at {manifest['created_at']}. "
            "Check it with manage.py verify_audit, and manage.py migrate if this version is newer."
        )
