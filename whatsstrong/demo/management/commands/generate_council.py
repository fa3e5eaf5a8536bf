"""Fill the database with a synthetic council for benchmarks: teams, staff and people, and a
community directory.

    manage.py generate_council --people 150000 --seed 1
    manage.py generate_council --services 50000
    manage.py generate_council --responses 100000

Names, NHS numbers (from the never-issued 999 range), postcodes and text are made up.
Not for a live database: it adds thousands of staff accounts.
"""

from django.core.management.base import BaseCommand, CommandError

from whatsstrong.demo.generator import audits
from whatsstrong.demo.generator import storyboards as storyboard_generator
from whatsstrong.demo.generator.council import Council
from whatsstrong.demo.generator.directory import Directory
from whatsstrong.demo.generator.forums import Forums
from whatsstrong.demo.generator.safeguarding import Safeguarding
from whatsstrong.demo.generator.supervision import Supervision
from whatsstrong.demo.generator.surveys import Responses


class Command(BaseCommand):
    help = "Generate a synthetic council for benchmarks: teams, staff, people, and a community directory."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=0, help="How many people to create.")
        parser.add_argument("--services", type=int, default=0, help="How many community directory services to create.")
        parser.add_argument("--responses", type=int, default=0, help="How many experience survey responses to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same council.")
        parser.add_argument("--batch-size", type=int, default=2000, help="People written per transaction.")
        parser.add_argument(
            "--password",
            default=None,
            help="One password for every generated staff account (default: none can sign in).",
        )

    def handle(self, *args, people, seed, batch_size, password, services=0, responses=0, **options):
        if people < 0 or services < 0 or responses < 0 or not (people or services or responses):
            raise CommandError("Give --people, --services or both, or --responses, each at least 1.")
        if services:
            self.stdout.write(f"Generating {services:,} directory services with seed {seed}.")
            Directory(services=services, seed=seed, batch_size=batch_size, out=self.stdout.write).generate()
        if not people:
            self._responses(responses, seed, batch_size)
            return
        try:
            council = Council(people=people, seed=seed, batch_size=batch_size, password=password, out=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Generating {people:,} people with seed {seed}.")
        council.generate()
        # Safeguarding concerns and enquiries for those people (generator/safeguarding.py has the rates).
        Safeguarding(seed=seed, out=self.stdout.write).generate()
        # Outcomes forums hearing some of the plans just written, and the gaps they raised.
        Forums(seed=seed, out=self.stdout.write).generate()
        # About one signed-off assessment in forty audited, some moderated (generator/audits.py).
        audits.generate(seed=seed, out=self.stdout.write)
        # About one storyboard a year from each practitioner and supervisor (generator/storyboards.py).
        storyboard_generator.generate(seed=seed, out=self.stdout.write)
        # Six months of one-to-one supervision for every practitioner (generator/supervision.py has the rates).
        Supervision(seed=seed, out=self.stdout.write).generate()
        self._responses(responses, seed, batch_size)

    def _responses(self, responses, seed, batch_size):
        """After the people, so the answers spread over the council's teams."""
        if responses:
            self.stdout.write(f"Generating {responses:,} survey responses with seed {seed}.")
            Responses(responses=responses, seed=seed, batch_size=batch_size, out=self.stdout.write).generate()
