"""`manage.py load_demo`: loads a fictional council for trying the product, then prints how to sign in.

The people, staff and teams are in whatsstrong/demo/data/*.json. Loading happens once; every later
run only prints the sign-in table, so a second `make run` starts straight away.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from whatsstrong.core.models import Role, User
from whatsstrong.demo import loader

# Every demo member of staff signs in with this password. It is published, which is why the
# command will only run with DEBUG on.
DEMO_PASSWORD = "strengths-demo-2026"
# Where `make run` serves the demo; it passes its PORT along.
SIGN_IN_URL = "http://127.0.0.1:{port}/sign-in/"


class Command(BaseCommand):
    help = "Load the demo organisation (teams, staff in every role, people) once, and print the sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="The port the demo is served on, for the sign-in address printed."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo has known passwords, so it only loads when DEBUG is on. "
                "Run it with DEBUG=1 on a local database (as `make run` does), never on a live system."
            )
        if loader.is_loaded():
            self.stdout.write("The demo organisation is already loaded, so nothing was changed.")
        else:
            clashes = loader.clashing_usernames()
            if clashes:
                raise CommandError(
                    "These demo usernames already belong to someone in this database: "
                    + ", ".join(clashes)
                    + ". Use a fresh database for the demo."
                )
            started = time.monotonic()
            counts = loader.load(password=DEMO_PASSWORD)
            summary = ", ".join(f"{number} {what}" for what, number in counts.items())
            self.stdout.write(
                self.style.SUCCESS(f"Loaded the demo organisation in {time.monotonic() - started:.1f}s: {summary}.")
            )
        self.print_sign_ins(SIGN_IN_URL.format(port=options["port"]))

    def print_sign_ins(self, sign_in_url):
        order = [member["username"] for member in loader.organisation()["staff"]]
        users = {u.username: u for u in User.objects.filter(username__in=order).select_related("team")}
        rows = [("Username", "Role", "Team", "Name")]
        for username in order:
            user = users.get(username)
            if user is not None:
                role = Role(user.role).label + (
                    " (qualified)" if user.role == Role.PRACTITIONER and user.qualified else ""
                )
                rows.append((username, role, user.team.name if user.team else "Whole council", user.display_name))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        rule = "  ".join("-" * width for width in widths)

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Sign in at {sign_in_url} as any of these demo staff:"))
        for i, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
            if i == 0:
                self.stdout.write(rule)
        self.stdout.write("")
        self.stdout.write(f"Every demo account uses the password:  {DEMO_PASSWORD}")
        self.stdout.write(
            "Everyone in the demo is fictional. Try a practitioner first, then a supervisor to see history."
        )
        self.stdout.write(
            "Administrators set up an authenticator app when they first sign in (two-factor); "
            "TWO_FACTOR_ADMINISTRATORS=0 make run leaves it out."
        )
        self.stdout.write("")
