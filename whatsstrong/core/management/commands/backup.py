"""Write a consistent backup while the product runs.

    manage.py backup /var/backups/whatsstrong/2026-12-01.wsbackup

One file: the database copy (SQLite's online backup, or pg_dump's custom format from one snapshot)
and a manifest of what it holds (migrations, row counts, the newest history row, the access log's
chain). Check it with verify_backup; see docs/operations.md for scheduling, encryption and
off-site copies.
"""

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core import backups


class Command(BaseCommand):
    help = "Write a consistent backup of the database, with a manifest to check it by, to a new file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The new backup file to write (it must not exist yet).")

    def handle(self, *args, path, **options):
        try:
            manifest = backups.backup(path)
        except backups.BackupRefused as refused:
            raise CommandError(str(refused)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows} rows, {manifest['audit']['entries']} access log "
            f"entries) from {backups.ENGINE_NAMES[manifest['engine']]} to {path}."
        )
        if not manifest["audit"]["whole"]:
            self.stderr.write("The access log in this copy is not whole: run manage.py verify_audit.")
