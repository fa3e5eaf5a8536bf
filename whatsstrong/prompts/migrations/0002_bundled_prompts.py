"""Load the bundled question prompts (prompts/data/prompts.json), so every database starts with them."""

from django.db import migrations


def load(apps, schema_editor):
    from whatsstrong.prompts.services import prompts_load

    prompts_load(group_model=apps.get_model("prompts", "PromptGroup"), prompt_model=apps.get_model("prompts", "Prompt"))


class Migration(migrations.Migration):

    dependencies = [
        ("prompts", "0001_prompts_and_groups"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
