"""Load services into the directory from an Open Referral UK JSON feed or a CSV file.

    manage.py import_directory services.csv --as lena
    manage.py import_directory feed.json --as lena --check

Every row is read and checked first. The report says how many were accepted and, for each refused,
its line (or its place in the feed), the field and why. If any row is refused nothing is written;
otherwise everything is, in one transaction, with history naming the directory editor given.
`--check` reports without writing. A CSV file's columns are those `export_directory --format csv`
writes (exchange.COLUMNS); a service's opening times are written like "MO 10:00-12:00; TH 14:00-16:00".
"""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core.models import User
from whatsstrong.directory import exchange, services


class Command(BaseCommand):
    help = "Import directory services from an Open Referral UK JSON feed or a CSV file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .json feed or a .csv file.")
        parser.add_argument("--as", dest="username", required=True, help="The directory editor the history names.")
        parser.add_argument("--check", action="store_true", help="Read and report, writing nothing.")

    def handle(self, *args, file, username, check=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        actor = User.objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No member of staff has the username {username}")
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".csv":
            report = exchange.read_csv(text)
        else:
            try:
                report = exchange.read_feed(json.loads(text))
            except json.JSONDecodeError as error:
                raise CommandError(f"{file} is not JSON: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        if report.problems:
            raise CommandError("Nothing was imported: correct the refused rows and import the file again.")
        if check:
            self.stdout.write("Checked only: nothing was written.")
            return
        try:
            written = services.directory_import(actor=actor, report=report)
        except ValidationError as error:
            for message in error.messages:
                self.stdout.write(f"Refused: {message}")
            raise CommandError("Nothing was imported: correct the refused rows and import the file again.") from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {written} services."))
