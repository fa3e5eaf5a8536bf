"""Name keys compare in code-point order on every database, so prefix ranges find names in any script.

SQLite has that order built in as the BINARY collation. PostgreSQL gets a collation of the same
name, copied from "C" (byte order, which is code-point order in UTF-8), whatever the database's
own collation is.
"""

from django.db import migrations, models


def create_binary_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('CREATE COLLATION IF NOT EXISTS "BINARY" FROM "C"')


def drop_binary_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('DROP COLLATION IF EXISTS "BINARY"')


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_caseload_order_indexes'),
    ]

    operations = [
        migrations.RunPython(create_binary_collation, drop_binary_collation),
        migrations.AlterField(
            model_name='person',
            name='family_name_key',
            field=models.CharField(db_collation='BINARY', editable=False, max_length=100),
        ),
        migrations.AlterField(
            model_name='person',
            name='given_name_key',
            field=models.CharField(db_collation='BINARY', db_index=True, editable=False, max_length=100),
        ),
        migrations.AlterField(
            model_name='person',
            name='preferred_name_key',
            field=models.CharField(db_collation='BINARY', db_index=True, editable=False, max_length=100),
        ),
        migrations.AlterField(
            model_name='personnametoken',
            name='family_name_key',
            field=models.CharField(db_collation='BINARY', default='', max_length=100),
        ),
        migrations.AlterField(
            model_name='personnametoken',
            name='given_name_key',
            field=models.CharField(db_collation='BINARY', default='', max_length=100),
        ),
        migrations.AlterField(
            model_name='personnametoken',
            name='token',
            field=models.CharField(db_collation='BINARY', max_length=100),
        ),
    ]
