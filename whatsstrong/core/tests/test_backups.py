"""Backup while the product writes, restore into an empty database elsewhere, and prove the copy whole;
refuse a damaged, truncated or newer backup and a database already in use, leaving the target as it was.

The commands run as the operator runs them: `manage.py` in its own process, against its own database
(a file for SQLite; for PostgreSQL a database named after the test run's, created and dropped here).
Each test runs on the engine DATABASE_URL names; CI runs the suite once with each.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from whatsstrong.core import backups

from .cases import supervisor_sets

ROOT = Path(__file__).resolve().parents[3]
POSTGRES = connection.vendor == "postgresql"

WRITER = """
import os, pathlib
from whatsstrong.core import access
from whatsstrong.core.models import User
from whatsstrong.people.services import person_create
stop, progress = pathlib.Path({stop!r}), pathlib.Path({progress!r})
alice, lee = User.objects.get(username="alice"), User.objects.get(username="lee")
written = 0
while not stop.exists():
    person = person_create(
        actor=alice,
        data={{"given_name": "Ada", "family_name": f"Writer {{written}}", "preferred_name": "",
              "team": alice.team, "allocated_worker": alice}},
    )
    access.log_view(user=lee, record=person, path="/people/", refused=True)
    written += 1
    progress.with_suffix(".new").write_text(str(written))
    os.replace(progress.with_suffix(".new"), progress)
"""


def manage(url, *args, timeout=240):
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="whatsstrong.test_settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


class Places:
    """Databases a test makes for itself, removed at the end."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.made = []
        self.base = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://")).get("NAME") or "ws"

    def _server(self):
        import psycopg

        s = connection.settings_dict
        return psycopg.connect(
            host=s["HOST"],
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def empty(self, label):
        """A URL for an empty database."""
        if not POSTGRES:
            return f"sqlite:///{self.tmp_path / f'{label}.sqlite3'}"
        name = f"{self.base}_{label}_{uuid.uuid4().hex[:6]}"
        with self._server() as server:
            server.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{name}"

    def copy_of_test_database(self, label):
        """A URL for a database holding what the test database holds now (committed)."""
        url = self.empty(label)
        if not POSTGRES:
            target = sqlite3.connect(url.removeprefix("sqlite:///"))
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
        else:
            s = connection.settings_dict
            env = dict(os.environ, PGHOST=s["HOST"], PGPORT=str(s["PORT"] or 5432), PGUSER=s["USER"])
            dump = self.tmp_path / f"{label}.pgdump"
            subprocess.run([f"{backups.PG_BIN}/pg_dump", "-Fc", "-f", str(dump), s["NAME"]], env=env, check=True)
            subprocess.run(
                [f"{backups.PG_BIN}/pg_restore", "--no-owner", "-d", url.rsplit("/", 1)[1], str(dump)],
                env=env,
                check=True,
            )
        return url

    def tables(self, url):
        if not POSTGRES:
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                return []
            with sqlite3.connect(path) as db:
                return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        import psycopg

        s = connection.settings_dict
        with psycopg.connect(
            host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], dbname=url.rsplit("/", 1)[1]
        ) as db:
            return [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]

    def drop_all(self):
        if self.made:
            with self._server() as server:
                for name in self.made:
                    server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def places(tmp_path):
    made = Places(tmp_path)
    yield made
    made.drop_all()


@pytest.fixture
def council(transactional_db, staff, make_person):
    """Two teams' staff and a few people, one restricted, and their access log, committed."""
    from whatsstrong.core import access

    peggy = make_person()
    make_person(given_name="Rita", family_name="Ahmed", preferred_name="")
    supervisor_sets(staff, peggy, restricted=True)
    peggy.refresh_from_db()
    access.grant_restricted_access(user=staff["bob"], record=peggy, reason="Covering the duty desk today")
    access.log_view(user=staff["bob"], record=peggy, path="/people/")
    return peggy


def written(progress):
    return int(progress.read_text()) if progress.exists() else 0


def wait_for(progress, at_least, timeout=120):
    stop_at = time.monotonic() + timeout
    while time.monotonic() < stop_at:
        if written(progress) >= at_least:
            return written(progress)
        time.sleep(0.1)
    raise AssertionError(f"the writer wrote fewer than {at_least} records in {timeout} seconds")


def test_backup_while_writing_then_restore_elsewhere_then_verify(council, places, tmp_path):
    live = places.copy_of_test_database("live")
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    env = dict(os.environ, DATABASE_URL=live, DJANGO_SETTINGS_MODULE="whatsstrong.test_settings")
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", WRITER.format(stop=str(stop), progress=str(progress))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = wait_for(progress, 5)
        backup_file = tmp_path / "council.wsbackup"
        made = manage(live, "backup", str(backup_file))
        assert made.returncode == 0, made.stderr
        during = wait_for(progress, written(progress) + 5)  # still writing after the copy was taken
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err

    with tarfile.open(backup_file) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    people = manifest["tables"]["people_person"]
    assert 2 + before <= people < 2 + during  # taken mid-stream: some writes in, later ones not
    assert manifest["audit"]["whole"] and manifest["audit"]["entries"] == manifest["audit"]["last_seq"] >= 2 + before
    assert manifest["latest_migrations"]["core"] == max(backups.known_migrations()["core"])
    assert manifest["newest_history"]["table"] == "people_historicalperson"

    restored = places.empty("restored")
    done = manage(restored, "restore", str(backup_file))
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    audit = manage(restored, "verify_audit")
    assert audit.returncode == 0 and f"{manifest['audit']['entries']} entries checked" in audit.stdout

    checked = manage(restored, "verify_backup", str(backup_file))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The backup is whole" in checked.stdout
    assert f"Access log: {manifest['audit']['entries']} entries" in checked.stdout


def real_backup(tmp_path, name="made.wsbackup"):
    path = tmp_path / name
    call_command("backup", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return path


def rewrite_manifest(path, change):
    """The same backup with its manifest changed, as a backup from another version would differ."""
    with tarfile.open(path) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    rewritten = path.with_name("changed-" + path.name)
    with tarfile.open(rewritten, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            import io

            archive.addfile(info, io.BytesIO(data))
    return rewritten


def from_a_newer_version(manifest):
    manifest["migrations"]["core"].append("0999_from_a_newer_version")


BAD_BACKUPS = {
    "corrupt": (lambda p: p.with_name("corrupt").write_bytes(os.urandom(4096)) and p.with_name("corrupt"), "damaged"),
    "truncated": (
        lambda p: (
            p.with_name("truncated").write_bytes(p.read_bytes()[: p.stat().st_size // 2]) and p.with_name("truncated")
        ),
        "damaged or incomplete",
    ),
    "newer schema": (lambda p: rewrite_manifest(p, from_a_newer_version), "comes from a newer version"),
}


@pytest.mark.parametrize("kind", BAD_BACKUPS)
def test_a_bad_backup_is_refused_and_the_target_is_left_untouched(council, places, tmp_path, kind):
    make, message = BAD_BACKUPS[kind]
    bad = make(real_backup(tmp_path))
    target = places.empty("target")
    done = manage(target, "restore", str(bad))
    assert done.returncode != 0
    assert "Nothing was restored." in done.stderr and message in done.stderr
    assert places.tables(target) == []
    with pytest.raises(CommandError, match=message):
        call_command("verify_backup", str(bad))


def test_a_newer_schema_names_what_this_version_does_not_know(council, tmp_path):
    bad = rewrite_manifest(real_backup(tmp_path), from_a_newer_version)
    with pytest.raises(CommandError, match=r"core\.0999_from_a_newer_version\)\. Restore it with the version"):
        call_command("verify_backup", str(bad))


def test_a_copy_whose_database_was_changed_inside_is_refused_by_its_checksum(council, tmp_path):
    made = real_backup(tmp_path)
    with tarfile.open(made) as archive:
        name = next(n for n in archive.getnames() if n.startswith("database."))
        start = archive.getmember(name).offset_data
    data = bytearray(made.read_bytes())
    data[start + 5000] ^= 0xFF
    made.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="does not match the checksum"):
        call_command("verify_backup", str(made))


def test_a_database_in_use_is_never_restored_over(council, tmp_path):
    from whatsstrong.people.models import Person

    made = real_backup(tmp_path)
    people = Person.objects.count()
    with pytest.raises(CommandError, match=r"Nothing was restored\. The database .* already has \d+ tables"):
        call_command("restore", str(made))
    assert Person.objects.count() == people


def test_a_backup_never_overwrites_a_file(council, tmp_path):
    made = real_backup(tmp_path)
    before = made.read_bytes()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(made))
    assert made.read_bytes() == before


def test_verify_names_a_table_whose_count_differs_from_the_manifest(council, tmp_path):
    def one_more_person(manifest):
        manifest["tables"]["people_person"] += 1

    changed = rewrite_manifest(real_backup(tmp_path), one_more_person)
    result = backups.verify(
        changed, scratch=None if not POSTGRES else f"{Places(tmp_path).base}_scratch_{uuid.uuid4().hex[:6]}"
    )
    assert not result.whole
    assert any(p.startswith("Table people_person has 2 rows; the manifest says 3.") for p in result.problems)


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL only: pg_dump's copy and a temporary database")
def test_verify_on_postgresql_drops_its_scratch_database(council, places, tmp_path):
    name = f"{places.base}_scratch_{uuid.uuid4().hex[:6]}"
    result = backups.verify(real_backup(tmp_path), scratch=name)
    assert result.whole, result.problems
    with places._server() as server:
        assert server.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone()[0] == 0


@pytest.mark.skipif(POSTGRES, reason="SQLite only: the online backup API's copy")
def test_a_sqlite_backup_is_one_self_contained_file(council, tmp_path):
    made = real_backup(tmp_path)
    with tarfile.open(made) as archive:
        assert sorted(archive.getnames()) == ["database.sqlite3", "manifest.json"]
