"""Finding people by date of birth, NHS number and postcode, and one record per NHS number.

Adds the postcode's search key (filled here for everyone saved before it), indexes on date of
birth and postcode, and a unique constraint on the NHS number. Before the constraint, it stops with
a list of any NHS number held by more than one record: those records need merging or correcting
by someone who knows the people, not by a migration.
"""

from django.db import migrations, models
from django.db.models import Count

from whatsstrong.people import rules

BATCH = 2000


def fill_postcode_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    last = 0
    while True:
        batch = list(Person.objects.filter(pk__gt=last).only("postcode", "postcode_key").order_by("pk")[:BATCH])
        if not batch:
            return
        for person in batch:
            person.postcode_key = rules.postcode_key(person.postcode)
        Person.objects.bulk_update(batch, ["postcode_key"])
        last = batch[-1].pk


def refuse_shared_nhs_numbers(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    shared = (
        Person.objects.exclude(nhs_number="")
        .values("nhs_number")
        .annotate(records=Count("pk"))
        .filter(records__gt=1)
        .values_list("nhs_number", flat=True)
    )
    numbers = list(shared[:20])
    if numbers:
        raise RuntimeError(
            "These NHS numbers are held by more than one record: "
            + ", ".join(numbers)
            + ". Correct or merge those records, then run the migration again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_staff_are_never_deleted"),
        ("people", "0006_staff_are_never_deleted"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="postcode_key",
            field=models.CharField(db_collation="BINARY", default="", editable=False, max_length=8),
        ),
        migrations.RunPython(fill_postcode_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["date_of_birth", "family_name_key", "given_name_key"], name="people_birth_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["postcode_key", "family_name_key", "given_name_key"], name="people_postcode_idx"
            ),
        ),
        migrations.RunPython(refuse_shared_nhs_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nhs_number", ""), _negated=True),
                fields=("nhs_number",),
                name="one_record_per_nhs_number",
                violation_error_message="Someone already has a record with this NHS number",
            ),
        ),
    ]
