"""A family name with the start of a preferred name as one index seek (queries._family_matches).

Without it SQLite read every person holding the family name to test their preferred name, which
grows with the council; PostgreSQL chose between two single-column indexes on its estimates.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0011_name_statistics")]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family_name_key", "preferred_name_key"], name="people_family_preferred_idx"),
        ),
    ]
