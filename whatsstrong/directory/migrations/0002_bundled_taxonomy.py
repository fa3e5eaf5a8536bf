"""Load the bundled categories (directory/data/taxonomy.json), so every database starts with them."""

from django.db import migrations


def load(apps, schema_editor):
    from whatsstrong.directory.services import taxonomy_load

    taxonomy_load(
        taxonomy_model=apps.get_model("directory", "Taxonomy"), term_model=apps.get_model("directory", "TaxonomyTerm")
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_directory")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
