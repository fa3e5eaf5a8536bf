"""Finer planner statistics on the name keys and name tokens (PostgreSQL only).

PostgreSQL estimates a prefix range ("russ" to "rust") as what lies above the start less what lies
above the end. With the default statistics a family name key holds only a hundred common values and a
hundred histogram buckets, so both halves are rough and their difference came out as one row where
2,177 people matched: the planner then sorted every match instead of reading the first page off the
index. A thousand values and buckets keep the estimate within the matches' own size. SQLite keeps
no such statistics unless asked, and needs none here.
"""

from django.db import migrations

COLUMNS = {
    "people_person": ("family_name_key", "given_name_key", "preferred_name_key"),
    "people_personnametoken": ("token",),
    "people_personnamepair": ("token", "other"),
}
TARGET = 1000


def set_statistics(target):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, columns in COLUMNS.items():
                for column in columns:
                    cursor.execute(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS {target}")
                cursor.execute(f"ANALYZE {quote(table)}")

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0010_name_pairs")]

    operations = [migrations.RunPython(set_statistics(TARGET), set_statistics(-1), elidable=False)]
