"""Load the bundled practice standards and rating scale (audits/data/standards.json)."""

from django.db import migrations


def load(apps, schema_editor):
    from whatsstrong.audits.services import standards_load

    standards_load(standard_model=apps.get_model("audits", "Standard"), level_model=apps.get_model("audits", "RatingLevel"))


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_standards_audits_samples")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
