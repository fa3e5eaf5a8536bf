"""Add question prompts added to the bundled data file since this database was set up.

Prompts already in the database are left alone, so an organisation's own wording stands."""

from django.core.management.base import BaseCommand

from whatsstrong.prompts.models import Prompt, PromptGroup
from whatsstrong.prompts.services import prompts_load


class Command(BaseCommand):
    help = "Add any bundled question prompts this database does not have yet (existing ones are kept as they are)."

    def handle(self, *args, **options):
        groups, prompts = prompts_load(group_model=PromptGroup, prompt_model=Prompt)
        self.stdout.write(f"Added {groups} group(s) and {prompts} prompt(s).")
