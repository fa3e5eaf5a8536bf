"""Fill the database with a synthetic council for benchmarks: teams, staff and people.

    manage.py generate_council --people 150000 --seed 1

Names, NHS numbers (from the never-issued 999 range), postcodes and text are made up.
Not for a live database: it adds thousands of staff accounts.
"""

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.demo.generator.council import Council


class Command(BaseCommand):
    help = "Generate a synthetic council (teams, staff, people with networks and strengths) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, required=True, help="How many people to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same council.")
        parser.add_argument("--batch-size", type=int, default=2000, help="People written per transaction.")
        parser.add_argument(
            "--password",
            default=None,
            help="One password for every generated staff account (default: none can sign in).",
        )

    def handle(self, *args, people, seed, batch_size, password, **options):
        if people < 1:
            raise CommandError("--people must be at least 1.")
        try:
            council = Council(people=people, seed=seed, batch_size=batch_size, password=password, out=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Generating {people:,} people with seed {seed}.")
        council.generate()
