"""The database itself refuses to change an access log entry (PostgreSQL and SQLite) or remove one
(PostgreSQL), whatever code path tries. Emptying tables wholesale (TRUNCATE, as tests do) still works.
SQLite rebuilds a table to alter it, which drops its triggers: tests/core check the trigger is there."""

from django.db import migrations

MESSAGE = "The access log is append-only: entries are never changed or removed."

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION core_accessevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}';
END $$
"""
POSTGRESQL_TRIGGER = """
CREATE TRIGGER core_accessevent_append_only BEFORE UPDATE OR DELETE ON core_accessevent
    FOR EACH ROW EXECUTE FUNCTION core_accessevent_append_only()
"""
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS core_accessevent_append_only ON core_accessevent",
    "DROP FUNCTION IF EXISTS core_accessevent_append_only()",
]
SQLITE = f"""
CREATE TRIGGER core_accessevent_append_only BEFORE UPDATE ON core_accessevent
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_UNDO = "DROP TRIGGER IF EXISTS core_accessevent_append_only;"


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        run(schema_editor, [POSTGRESQL_FUNCTION, POSTGRESQL_TRIGGER])
    else:
        run(schema_editor, [SQLITE])


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        run(schema_editor, POSTGRESQL_UNDO)
    else:
        run(schema_editor, [SQLITE_UNDO])


class Migration(migrations.Migration):

    dependencies = [("core", "0004_access_log_chain")]

    operations = [migrations.RunPython(guard, unguard)]
