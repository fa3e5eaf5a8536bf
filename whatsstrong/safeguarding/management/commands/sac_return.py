"""Write a year's Safeguarding Adults Collection counts as CSV.

    manage.py sac_return --year 2025 [--output sac-2025-26.csv]

The year is the one the return starts in: 2025 means 1 April 2025 to 31 March 2026 (see
whatsstrong/safeguarding/sac.py for what each table counts).
"""

import io

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.safeguarding import rules, sac


class Command(BaseCommand):
    help = "Write the Safeguarding Adults Collection counts for a reporting year (April to March) as CSV."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", required=True, help="The year the return starts in: 2025 for April 2025 to March 2026."
        )
        parser.add_argument("--output", default="", help="File to write; the screen when not given.")

    def handle(self, *args, year, output, **options):
        problem = rules.sac_year_problem(year)
        if problem:
            raise CommandError(problem)
        found = sac.counts(int(year))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                rows = sac.write_csv(found, out)
            first, last = rules.sac_year(int(year))
            self.stderr.write(
                f"Wrote {rows} rows for {rules.sac_year_label(int(year))} ({first} to {last}) to {output}."
            )
        else:
            text = io.StringIO()
            sac.write_csv(found, text)
            self.stdout.write(text.getvalue(), ending="")
