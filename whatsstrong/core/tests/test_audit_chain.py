"""The access log is append-only and tamper-evident: each entry hashes the one before it, and
manage.py verify_audit names any entry edited, removed or inserted behind the product's back."""

import io
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from whatsstrong.core import access, audit_chain, audit_log
from whatsstrong.core.models import AccessEvent, AccessLogHead, AppendOnly

from .cases import supervisor_sets

TABLE = AccessEvent._meta.db_table


@pytest.fixture
def restricted_peggy(staff, peggy):
    supervisor_sets(staff, peggy, restricted=True)
    peggy.refresh_from_db()
    return peggy


@pytest.fixture
def logged(staff, restricted_peggy):
    """Six entries written the way the product writes them."""
    for who in ("alice", "carol", "alice"):
        access.log_view(user=staff[who], record=restricted_peggy, path="/people/1/")
    access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Covering the duty desk today")
    access.log_view(user=staff["bob"], record=restricted_peggy, path="/people/1/")
    access.log_view(user=staff["lee"], record=restricted_peggy, path="/people/1/", refused=True)
    return list(AccessEvent.objects.order_by("seq"))


def run_verify():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
        status = 0
    except SystemExit as stop:
        status = stop.code
    return status, out.getvalue(), err.getvalue()


def raw(sql, params=()):
    """SQL straight at the table, as someone who controls the database could, lifting its guard first
    (inside the test's transaction, so the guard is back when the test ends)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, this transaction only
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {audit_log.TRIGGER}")
        cursor.execute(sql, params)


def insert_raw(fields, prev_hash, digest):
    """An entry written straight into the table, as someone with the database could."""
    columns = ["user_id", "content_type_id", "object_id", "action", "reason", "path", "at", "seq"]
    values = [fields[c] for c in columns]
    values[6] = connection.ops.adapt_datetimefield_value(values[6])
    raw(
        f"INSERT INTO {TABLE} ({', '.join(columns)}, prev_hash, hash) VALUES ({', '.join(['%s'] * 10)})",
        [*values, prev_hash, digest],
    )


def test_entries_are_numbered_and_each_links_to_the_one_before(logged):
    assert [e.seq for e in logged] == [1, 2, 3, 4, 5, 6]
    assert logged[0].prev_hash == audit_chain.GENESIS
    for before, after in zip(logged, logged[1:]):
        assert after.prev_hash == before.hash
    for event in logged:
        fields = {name: getattr(event, name) for name in audit_chain.HASHED_FIELDS}
        assert audit_chain.entry_hash(fields, event.prev_hash) == event.hash
    head = AccessLogHead.objects.get()
    assert (head.seq, head.hash) == (6, logged[-1].hash)
    status, out, err = run_verify()
    assert status == 0 and "whole: 6 entries checked" in out and err == ""


def test_the_product_cannot_change_or_remove_an_entry(logged):
    event = logged[0]
    event.reason = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AppendOnly):
        AccessEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.bulk_update([event], ["reason"])
    assert AccessEvent.objects.get(pk=event.pk).reason == ""
    assert run_verify()[0] == 0


def test_the_database_itself_refuses_to_change_an_entry(logged):
    from django.db import DatabaseError, transaction

    assert audit_log.guarded()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reason = 'changed' WHERE id = %s", [logged[0].pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [logged[0].pk])
    assert AccessEvent.objects.count() == 6 and run_verify()[0] == 0


def test_an_edited_entry_is_named(logged):
    target = logged[3]  # the break-glass reason
    raw(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["Just curious", target.pk])
    status, out, err = run_verify()
    assert status == 1
    assert f"Entry id {target.pk}: edited: its contents no longer match its hash" in err
    assert err.count("Entry id") == 1  # only that one


def test_an_entry_edited_and_rehashed_breaks_the_next_link(logged):
    target = logged[2]
    fields = {name: getattr(target, name) for name in audit_chain.HASHED_FIELDS} | {"path": "/elsewhere/"}
    new_hash = audit_chain.entry_hash(fields, target.prev_hash)
    raw(f"UPDATE {TABLE} SET path = %s, hash = %s WHERE id = %s", ["/elsewhere/", new_hash, target.pk])
    status, _, err = run_verify()
    assert status == 1
    assert f"Entry id {logged[3].pk}: relinked: its link does not match entry id {target.pk}" in err


def test_a_removed_entry_is_named_by_its_neighbours(logged):
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [logged[2].pk])
    status, _, err = run_verify()
    assert status == 1
    assert (
        f"Missing entries: removed: entry number 3 (after entry id {logged[1].pk} and before entry id {logged[3].pk})"
        in err
    )


def test_the_newest_entries_removed_are_caught_against_the_head(logged):
    raw(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [logged[4].pk, logged[5].pk])
    status, _, err = run_verify()
    assert status == 1
    assert "removed: the newest entries, numbers 5 to 6, are missing" in err


def test_an_inserted_entry_is_named(staff, logged):
    newest = logged[-1]
    fake = {
        "seq": newest.seq + 1,
        "user_id": staff["alice"].pk,
        "content_type_id": newest.content_type_id,
        "object_id": newest.object_id,
        "action": "view",
        "reason": "",
        "path": "/people/1/",
        "at": timezone.now(),
    }
    fake_hash = audit_chain.entry_hash(fake, newest.hash)  # even a correctly made hash is caught
    insert_raw(fake, newest.hash, fake_hash)
    inserted = AccessEvent.objects.get(seq=newest.seq + 1)
    status, _, err = run_verify()
    assert status == 1
    assert f"Entry id {inserted.pk}: inserted: its number 7 is beyond the newest entry the log wrote (number 6)" in err


def test_an_entry_slipped_between_two_is_named(staff, logged):
    # Make room in the numbering as someone with the database would, then slip an entry in.
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [logged[3].pk])
    fake = {name: getattr(logged[3], name) for name in audit_chain.HASHED_FIELDS} | {"reason": "Routine check"}
    insert_raw(fake, logged[2].hash, "f" * 64)
    inserted = AccessEvent.objects.get(seq=4)
    status, _, err = run_verify()
    assert status == 1
    assert f"Entry id {inserted.pk}: edited: its contents no longer match its hash" in err
    assert f"Entry id {logged[4].pk}: relinked" in err


def test_export_is_json_lines_from_a_time_onward_and_the_receiver_can_check_it(logged, tmp_path):
    output = tmp_path / "audit.jsonl"
    call_command("export_audit", since=logged[2].at.isoformat(), output=str(output), stderr=io.StringIO())
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line["seq"] for line in lines] == [3, 4, 5, 6]
    assert lines[1]["action"] == "break_glass" and lines[1]["reason"] == "Covering the duty desk today"
    assert lines[0]["record_type"] == "people.person" and lines[0]["username"] == "alice"
    report = audit_chain.check_chain(lines, start_seq=3, start_hash=lines[0]["prev_hash"], head_seq=6)
    assert report.whole and report.checked == 4
    lines[2]["path"] = "/changed/"
    assert [p.kind for p in audit_chain.check_chain(lines, start_seq=3, start_hash=lines[0]["prev_hash"]).problems] == [
        "edited"
    ]


def test_export_refuses_a_time_it_cannot_read(logged):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a time"):
        call_command("export_audit", since="last tuesday")


def test_the_existing_log_is_chained_by_the_migration(logged):
    from django.db.migrations.loader import MigrationLoader
    from django.utils.module_loading import import_string

    state = MigrationLoader(connection).project_state(("core", "0004_access_log_chain")).apps

    chain_existing = import_string("whatsstrong.core.migrations.0004_access_log_chain.chain_existing")
    AccessLogHead.objects.all().delete()
    raw(f"UPDATE {TABLE} SET seq = seq + 100, prev_hash = '', hash = ''")
    chain_existing(state, None)
    assert run_verify()[0] == 0
    assert list(AccessEvent.objects.order_by("at", "id").values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time by design")
@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_never_fork_the_chain(staff, restricted_peggy):
    def write(who):
        try:
            for _ in range(40):
                access.log_view(user=staff[who], record=restricted_peggy, path="/people/")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(who,)) for who in ("alice", "carol", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = audit_log.verify()
    assert report.whole, report.problems
    assert report.checked == report.last_seq == 120


def test_the_canonical_form_is_plain_sorted_json_so_any_receiver_can_remake_it():
    from datetime import UTC, datetime

    entry = {
        "seq": 7,
        "user_id": 3,
        "content_type_id": 12,
        "object_id": 2**40,
        "action": "break_glass",
        "reason": 'Covering "duty" — José\\n\x01',
        "path": "/people/1/?a=1&b=é",
        "at": "2026-03-01 09:00:00.5",  # as SQLite hands it back: UTC, no zone
    }
    expected = json.dumps(
        {**entry, "at": "2026-03-01T09:00:00.500000+00:00", "prev_hash": "ab" * 32},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    assert audit_chain.canonical(entry, "ab" * 32) == expected
    same_moment = entry | {"at": datetime(2026, 3, 1, 9, 0, 0, 500000, tzinfo=UTC)}
    assert audit_chain.entry_hash(same_moment, "ab" * 32) == audit_chain.entry_hash(entry, "ab" * 32)
