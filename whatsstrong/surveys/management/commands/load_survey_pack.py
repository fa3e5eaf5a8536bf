"""Load an organisation's own licensed question pack (a JSON file in the shape of
surveys/data/surveys.json, with "licence": {"holder": ...}). The whole file is checked first: any
problem, each named by its line, and nothing is loaded."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from whatsstrong.surveys import services


class Command(BaseCommand):
    help = "Load an organisation's own licensed survey questions from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--code", help="The pack's code (the file's name without .json unless given)")

    def handle(self, *args, file, code=None, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            pack = services.pack_load(text, code=code or file.stem)
        except ValidationError as error:
            lines = "\n".join(f"  - {m}" for m in error.messages)
            raise CommandError(f"{file} was not loaded, because:\n{lines}") from None
        surveys = ", ".join(s["code"] for s in pack.definitions["surveys"])
        self.stdout.write(f"Loaded the pack {pack.code} (licensed from {pack.licence_holder}): {surveys}.")
