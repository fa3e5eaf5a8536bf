"""Load a list of categories for the directory: the bundled one again, or an organisation's own.

    manage.py load_taxonomy                         the bundled list (data/taxonomy.json)
    manage.py load_taxonomy my-list.json            a file in the same shape
    manage.py load_taxonomy esd-services.csv --code esd-services --name "LGA service list"

A CSV file has a header row naming its columns: the code (code, identifier or id), the name (name,
label or title), and optionally a description and the parent's code (parent or broader), as the
LGA/ESD standard lists are published. Loading again updates terms and retires those no longer listed.
"""

import csv
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from whatsstrong.directory import services

COLUMNS = {
    "code": ("code", "identifier", "id"),
    "name": ("name", "label", "title"),
    "description": ("description", "definition"),
    "parent": ("parent", "parent code", "parent identifier", "broader"),
}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        headers = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
        found = {key: next((headers[n] for n in names if n in headers), None) for key, names in COLUMNS.items()}
        if not found["code"] or not found["name"]:
            raise CommandError("The CSV file needs a header row with a code (or identifier) and a name (or label)")
        rows = [{k: (row.get(col) or "").strip() if col else "" for k, col in found.items()} for row in reader]
    return parents_first(rows)


def parents_first(rows: list[dict]) -> list[dict]:
    """The terms with each parent before its children, as the loader needs them."""
    by_code = {row["code"]: row for row in rows}
    ordered, placed = [], set()

    def place(row, seen=()):
        if row["code"] in placed or row["code"] in seen:
            return
        parent = by_code.get(row.get("parent") or "")
        if parent:
            place(parent, (*seen, row["code"]))
        placed.add(row["code"])
        ordered.append({**row, "parent": row.get("parent") if parent else None})

    for row in rows:
        place(row)
    return ordered


class Command(BaseCommand):
    help = "Load the directory's categories from the bundled list, a JSON file or an LGA/ESD-style CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A .json or .csv file (default: the bundled list).")
        parser.add_argument("--code", help="For a CSV file: a short code for the list, like esd-services.")
        parser.add_argument("--name", help="For a CSV file: the list's name.")
        parser.add_argument("--description", default="", help="For a CSV file: what the list is.")

    def handle(self, *args, file=None, code=None, name=None, description="", **options):
        if file is None:
            data = None
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"No such file: {file}")
            if path.suffix.lower() == ".csv":
                if not code or not name:
                    raise CommandError("Give the list a --code and a --name when loading a CSV file")
                data = {"taxonomy": {"code": code, "name": name, "description": description}, "terms": read_csv(path)}
            else:
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except json.JSONDecodeError as error:
                    raise CommandError(f"{file} is not JSON: {error}") from error
        try:
            counts = services.taxonomy_load(data)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        reindexed = services.reindex_all()
        self.stdout.write(
            f"{counts['terms']} terms loaded ({counts['added']} new, {counts['retired']} retired); "
            f"search words brought up to date for {reindexed} services."
        )
