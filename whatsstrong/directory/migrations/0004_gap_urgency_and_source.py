"""How soon a gap's need is needed (from data/gap_urgency.json), and where it was recorded: the
directory's search, a person's record, or an outcomes forum. Gaps already kept from a person's record
are marked as from there."""

from django.db import migrations, models


def mark_sources(apps, schema_editor):
    Gap = apps.get_model("directory", "Gap")
    Gap.objects.filter(person__isnull=False).update(source="person")


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_index_speed")]

    operations = [
        migrations.AddField(
            model_name="gap",
            name="source",
            field=models.CharField(
                choices=[
                    ("search", "The directory's search"),
                    ("person", "A person's record"),
                    ("forum", "An outcomes forum"),
                ],
                default="search",
                max_length=8,
                verbose_name="Where it was recorded",
            ),
        ),
        migrations.AddField(
            model_name="gap",
            name="urgency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("now", "Needed now"),
                    ("soon", "Needed within a few weeks"),
                    ("later", "Would help in the months ahead"),
                ],
                max_length=12,
                verbose_name="How soon it is needed",
            ),
        ),
        migrations.AddField(
            model_name="historicalgap",
            name="source",
            field=models.CharField(
                choices=[
                    ("search", "The directory's search"),
                    ("person", "A person's record"),
                    ("forum", "An outcomes forum"),
                ],
                default="search",
                max_length=8,
                verbose_name="Where it was recorded",
            ),
        ),
        migrations.AddField(
            model_name="historicalgap",
            name="urgency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("now", "Needed now"),
                    ("soon", "Needed within a few weeks"),
                    ("later", "Would help in the months ahead"),
                ],
                max_length=12,
                verbose_name="How soon it is needed",
            ),
        ),
        migrations.AddIndex(
            model_name="gap",
            index=models.Index(fields=["recorded_on"], name="directory_gap_day_idx"),
        ),
        migrations.RunPython(mark_sources, migrations.RunPython.noop),
    ]
