"""Load the bundled learning themes (audits/data/themes.json)."""

from django.db import migrations


def load(apps, schema_editor):
    from whatsstrong.audits.services import themes_load

    themes_load(theme_model=apps.get_model("audits", "LearningTheme"))


class Migration(migrations.Migration):
    dependencies = [("audits", "0003_learning_themes_reviewed_records")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
