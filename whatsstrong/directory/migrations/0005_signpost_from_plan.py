"""A suggestion made as part of a person's support plan is marked as such (`Signpost.from_plan`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_gap_urgency_and_source")]

    operations = [
        migrations.AddField(
            model_name="historicalsignpost",
            name="from_plan",
            field=models.BooleanField(default=False, verbose_name="Part of their support plan"),
        ),
        migrations.AddField(
            model_name="signpost",
            name="from_plan",
            field=models.BooleanField(default=False, verbose_name="Part of their support plan"),
        ),
    ]
