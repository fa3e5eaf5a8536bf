"""Write the directory out as an Open Referral UK JSON feed (every service in full, as the API gives
each one) or as a CSV file that import_directory reads back.

    manage.py export_directory > feed.json
    manage.py export_directory --format csv --output services.csv
"""

import json
import sys

from django.core.management.base import BaseCommand

from whatsstrong.directory import exchange, oruk


class Command(BaseCommand):
    help = "Export the directory as an Open Referral UK JSON feed or a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["oruk", "csv"], default="oruk")
        parser.add_argument("--output", help="A file to write (default: the standard output).")

    def handle(self, *args, format="oruk", output=None, **options):
        found = oruk.full_services().prefetch_related("locations").order_by("name", "pk")
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            if format == "csv":
                count = exchange.write_csv(found, out)
            else:
                data = exchange.feed(found)
                json.dump(data, out, ensure_ascii=False, indent=1)
                count = len(data["services"])
        finally:
            if output:
                out.close()
        self.stderr.write(f"Exported {count} services.")
