"""The search index carries each service's status on its word rows, and each word's count of
services, so a word search starts from its rarest word and never reads a service until its page of
results is chosen (search.py)."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    ServiceWord = apps.get_model("directory", "ServiceWord")
    SearchWord = apps.get_model("directory", "SearchWord")
    ServiceWord.objects.update(status=Subquery(Service.objects.filter(pk=OuterRef("service_id")).values("status")[:1]))
    counts = ServiceWord.objects.filter(word=OuterRef("word")).order_by().values("word").annotate(n=Count("pk"))
    SearchWord.objects.update(services=Coalesce(Subquery(counts.values("n")[:1]), 0))


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_bundled_taxonomy")]

    operations = [
        migrations.RemoveIndex(model_name="serviceword", name="directory_word_idx"),
        migrations.RemoveIndex(model_name="serviceword", name="directory_word_service_idx"),
        migrations.AddField(
            model_name="searchword",
            name="services",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="serviceword",
            name="status",
            field=models.CharField(
                choices=[
                    ("active", "Running"),
                    ("temporarily closed", "Closed for now"),
                    ("inactive", "Not running at the moment"),
                    ("defunct", "Closed for good"),
                ],
                default="active",
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="serviceword",
            index=models.Index(fields=["word", "service", "weight", "status"], name="directory_word_idx"),
        ),
        migrations.AddIndex(
            model_name="serviceword",
            index=models.Index(fields=["service", "word", "weight"], name="directory_word_service_idx"),
        ),
    ]
