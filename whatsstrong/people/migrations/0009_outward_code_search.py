"""Searching by outward code ("CV1") as one equality on an index in name order.

Adds the postcode's outward code beside its search key, filled here for everyone saved before it,
and an index on it followed by the name keys. The range over the full postcode key that search
used before had to sort every person in the outward code by name.
"""

from django.db import migrations, models

from whatsstrong.people import rules

BATCH = 2000


def fill_outward_codes(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    last = 0
    while True:
        batch = list(Person.objects.filter(pk__gt=last).only("postcode_key").order_by("pk")[:BATCH])
        if not batch:
            return
        for person in batch:
            person.postcode_outward = rules.outward_key(person.postcode_key)
        Person.objects.bulk_update(batch, ["postcode_outward"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("people", "0008_review_due_on")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="postcode_outward",
            field=models.CharField(db_collation="BINARY", default="", editable=False, max_length=8),
        ),
        migrations.RunPython(fill_outward_codes, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["postcode_outward", "family_name_key", "given_name_key"], name="people_outward_idx"
            ),
        ),
    ]
