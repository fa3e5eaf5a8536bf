"""Two-word name search as one seek: each two different tokens of a person's names, both ways round.

A search such as "Dvaid Smith" intersected everyone holding a token close to one word with everyone
holding a token matching the other, and so read every David in the council. The pair index holds
each (token, other token) of a person who is not archived, with the name keys for ranking, so the
same search seeks the pairs that start with a close token. Filled here from the token index.
"""

from django.db import migrations, models

BATCH = 5000


def fill_pairs(apps, schema_editor):
    """A person's pairs follow from their tokens, which the token index already holds in order."""
    PersonNameToken = apps.get_model("people", "PersonNameToken")
    PersonNamePair = apps.get_model("people", "PersonNamePair")
    tokens = PersonNameToken.objects.order_by("person_id", "token")
    columns = ("person_id", "token", "family_name_key", "given_name_key")
    last = 0
    while True:
        rows = list(tokens.filter(person_id__gt=last).values_list(*columns)[:BATCH])
        if not rows:
            return
        cut = rows[-1][0]
        if len(rows) == BATCH:
            # Whole people only: the batch's last person may go on past it.
            if rows[0][0] == cut:
                rows = list(tokens.filter(person_id=cut).values_list(*columns))
            else:
                rows = [row for row in rows if row[0] != cut]
        people = {}
        for person_id, token, family, given in rows:
            people.setdefault((person_id, family, given), []).append(token)
        pairs = [
            PersonNamePair(person_id=person_id, token=a, other=b, family_name_key=family, given_name_key=given)
            for (person_id, family, given), held in people.items()
            for a in held
            for b in held
            if a != b
        ]
        PersonNamePair.objects.bulk_create(pairs, batch_size=BATCH)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("people", "0009_outward_code_search")]

    operations = [
        migrations.CreateModel(
            name="PersonNamePair",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(db_collation="BINARY", max_length=100)),
                ("other", models.CharField(db_collation="BINARY", max_length=100)),
                ("family_name_key", models.CharField(db_collation="BINARY", default="", max_length=100)),
                ("given_name_key", models.CharField(db_collation="BINARY", default="", max_length=100)),
                (
                    "person",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=models.CASCADE,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
        ),
        migrations.RunPython(fill_pairs, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="personnamepair",
            index=models.Index(
                fields=["token", "other", "family_name_key", "given_name_key", "person"],
                name="people_namepair_rank_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="personnamepair",
            constraint=models.UniqueConstraint(
                fields=("person", "token", "other"), name="one_pair_per_person_and_tokens"
            ),
        ),
    ]
