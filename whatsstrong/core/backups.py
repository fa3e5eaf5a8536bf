"""Backups a council can trust: a consistent copy taken while the product runs, brought back only
into an empty database, and proved whole by restoring it somewhere else and checking it.

A backup is one tar file holding two members:

- `database.sqlite3` (SQLite's online backup API, page by page while writers carry on) or
  `database.pgdump` (pg_dump's custom format, taken inside an exported snapshot);
- `manifest.json`: the format, when and from which engine, the copy's size and SHA-256, every
  migration applied (and so the latest per app), the row count of every table, the newest history
  row, and the access log's chain state, all read from the same moment as the copy itself.

`read_backup` refuses a damaged or truncated file and a backup from a schema newer than this code
before anything is written anywhere; `restore` refuses a database that already has tables;
`verify` restores into a scratch place (a temporary SQLite file, or a temporary PostgreSQL database
created and dropped) and compares what it finds with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from whatsstrong.core import audit_chain

FORMAT = "whatsstrong-backup/1"
MANIFEST = "manifest.json"
FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Where pg_dump and pg_restore are: PG_BIN, else wherever the PATH finds pg_dump, else Debian's /usr/bin.
PG_BIN = os.environ.get("PG_BIN") or os.path.dirname(shutil.which("pg_dump") or "/usr/bin/pg_dump")
EVENT_TABLE = "core_accessevent"
HEAD_TABLE = "core_accessloghead"


class BackupRefused(Exception):
    """Said plainly to whoever runs the command; nothing has been written."""


# --- Reading a database through a plain DB-API cursor (the live one, a copy, or a scratch) --------


def _vendor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor: Any) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _newest_history(cursor: Any, tables: list[str]) -> dict[str, Any] | None:
    newest = None
    for table in sorted(history_tables() & set(tables)):
        cursor.execute(f'SELECT history_id, history_date FROM "{table}" ORDER BY history_date DESC, history_id DESC')
        row = cursor.fetchone()
        if row is None:
            continue
        found = {"table": table, "history_id": row[0], "history_date": audit_chain.canonical_time(row[1])}
        if newest is None or (found["history_date"], found["table"]) > (newest["history_date"], newest["table"]):
            newest = found
    return newest


def history_tables() -> set[str]:
    """The change-history tables simple-history keeps (each has history_id and history_date)."""
    from django.apps import apps

    tables = set()
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if {"history_id", "history_date"} <= names:
            tables.add(model._meta.db_table)
    return tables


def _chain_entries(cursor: Any) -> Iterator[dict[str, Any]]:
    columns = ["id", "seq", "user_id", "content_type_id", "object_id", "action", "reason", "path", "at"]
    cursor.execute(f"SELECT {', '.join(columns)}, prev_hash, hash FROM {EVENT_TABLE} ORDER BY seq, id")
    while rows := cursor.fetchmany(5000):
        for row in rows:
            yield dict(zip([*columns, "prev_hash", "hash"], row, strict=True))


def _audit(cursor: Any, tables: list[str]) -> dict[str, Any]:
    if EVENT_TABLE not in tables:
        return {"entries": 0, "last_seq": 0, "last_hash": "", "whole": True, "problems": []}
    head_seq = head_hash = None
    if HEAD_TABLE in tables:
        cursor.execute(f"SELECT seq, hash FROM {HEAD_TABLE} WHERE id = 1")
        row = cursor.fetchone()
        if row:
            head_seq, head_hash = row
    report = audit_chain.check_chain(_chain_entries(cursor), head_seq=head_seq, head_hash=head_hash)
    return {
        "entries": report.checked,
        "last_seq": report.last_seq,
        "last_hash": report.last_hash if report.checked else "",
        "whole": report.whole,
        "problems": [str(p) for p in report.problems],
    }


def describe(cursor: Any, vendor: str) -> dict[str, Any]:
    """What a manifest says about a database, all read through one cursor (one moment in time)."""
    tables = _tables(cursor, vendor)
    migrations = _migrations(cursor) if "django_migrations" in tables else {}
    return {
        "migrations": migrations,
        "latest_migrations": {app: names[-1] for app, names in migrations.items()},
        "tables": _counts(cursor, tables),
        "newest_history": _newest_history(cursor, tables),
        "audit": _audit(cursor, tables),
    }


# --- PostgreSQL helpers -------------------------------------------------------------------------


def _pg_settings(name: str | None = None) -> dict[str, Any]:
    s = connection.settings_dict
    return {
        "host": s.get("HOST") or "",
        "port": str(s.get("PORT") or ""),
        "user": s.get("USER") or "",
        "password": s.get("PASSWORD") or "",
        "dbname": name or s["NAME"],
    }


def _pg_env(params: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if params[key]:
            env[var] = params[key]
    return env


def _pg_connect(params: dict[str, Any], **options: Any) -> Any:
    import psycopg

    return psycopg.connect(**{k: v for k, v in params.items() if v}, **options)


def _pg_run(args: list[str], params: dict[str, Any], what: str) -> None:
    try:
        done = subprocess.run(args, env=_pg_env(params), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupRefused(
            f"{args[0]} was not found. Install the PostgreSQL client tools (the server's version or newer), "
            "or set PG_BIN to the folder that holds them."
        ) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupRefused(f"{what} failed: {detail[-1] if detail else 'no message'}")


# --- Writing a backup ---------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(destination: str | Path) -> dict[str, Any]:
    destination = Path(destination)
    if destination.exists():
        raise BackupRefused(f"{destination} already exists. Give a new file name, so no backup is overwritten.")
    if not destination.parent.is_dir():
        raise BackupRefused(f"The folder {destination.parent} does not exist. Create it first.")
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="ws-backup-", dir=destination.parent) as work:
        copy = Path(work) / FILES[vendor]
        if vendor == "sqlite":
            manifest = _backup_sqlite(copy)
        else:
            manifest = _backup_postgresql(copy)
        manifest.update(
            {
                "format": FORMAT,
                "created_at": audit_chain.canonical_time(timezone.now()),
                "engine": vendor,
                "database_file": copy.name,
                "size": copy.stat().st_size,
                "sha256": _sha256(copy),
            }
        )
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(copy, arcname=copy.name)
        os.replace(partial, destination)  # a half-written backup never sits under the name asked for
    return manifest


def _backup_sqlite(copy: Path) -> dict[str, Any]:
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)  # a consistent copy, while other connections write
    finally:
        target.close()
    with sqlite3.connect(copy) as check:
        cursor = check.cursor()
        cursor.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no write-ahead log beside it
        cursor.execute("PRAGMA integrity_check")
        if cursor.fetchone()[0] != "ok":
            raise BackupRefused("The copy failed SQLite's integrity check. The database itself may be damaged.")
        return describe(cursor, "sqlite")


def _backup_postgresql(copy: Path) -> dict[str, Any]:
    import psycopg

    params = _pg_settings()
    # One snapshot for both the dump and the manifest: the counts are those of the copy.
    with _pg_connect(params) as snap:
        snap.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snap.read_only = True
        with snap.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _pg_run(
                [f"{PG_BIN}/pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={copy}", params["dbname"]],
                params,
                "pg_dump",
            )
            manifest = describe(cursor, "postgresql")
            cursor.execute("SHOW server_version")
            manifest["server_version"] = cursor.fetchone()[0]
        snap.rollback()
    return manifest


# --- Reading a backup back ----------------------------------------------------------------------


@dataclass
class OpenedBackup:
    manifest: dict[str, Any]
    database: Path
    engine: str


def known_migrations() -> dict[str, set[str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known: dict[str, set[str]] = {}
    for app, name in loader.disk_migrations:
        known.setdefault(app, set()).add(name)
    return known


def newer_migrations(manifest: dict[str, Any]) -> list[str]:
    known = known_migrations()
    return [
        f"{app}.{name}"
        for app, names in sorted(manifest.get("migrations", {}).items())
        for name in names
        if name not in known.get(app, set())
    ]


def read_backup(path: str | Path, work: str | Path) -> OpenedBackup:
    """The backup unpacked into `work`, once it is known to be whole and from a schema this code has."""
    path = Path(path)
    if not path.is_file():
        raise BackupRefused(f"There is no backup file at {path}.")
    damaged = f"{path} is damaged or incomplete and cannot be used"
    try:
        with tarfile.open(path, "r:") as archive:
            names = archive.getnames()
            if MANIFEST not in names:
                raise BackupRefused(f"{damaged}: it has no manifest, so it is not a What's Strong backup.")
            manifest = json.loads(archive.extractfile(MANIFEST).read())
            if manifest.get("format") != FORMAT:
                raise BackupRefused(f"{damaged}: its format is {manifest.get('format')!r}, not {FORMAT}.")
            engine, database_file = manifest["engine"], manifest["database_file"]
            if engine not in FILES or database_file != FILES[engine] or database_file not in names:
                raise BackupRefused(f"{damaged}: the database copy is missing from it.")
            archive.extract(database_file, path=work, filter="data")
    except BackupRefused:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as problem:
        raise BackupRefused(f"{damaged} ({problem}). Use another backup.") from None
    database = Path(work) / database_file
    if database.stat().st_size != manifest.get("size") or _sha256(database) != manifest.get("sha256"):
        raise BackupRefused(
            f"{damaged}: the database copy inside it does not match the checksum written when it was made. "
            "Use another backup."
        )
    newer = newer_migrations(manifest)
    if newer:
        shown = ", ".join(newer[:5]) + (f" and {len(newer) - 5} more" if len(newer) > 5 else "")
        raise BackupRefused(
            f"{path} comes from a newer version of What's Strong: its database has changes this version does "
            f"not know ({shown}). Restore it with the version that made it, or a later one."
        )
    return OpenedBackup(manifest, database, engine)


# --- Restoring ----------------------------------------------------------------------------------


def _refuse_other_engine(opened: OpenedBackup) -> None:
    here = _vendor()
    if opened.engine != here:
        raise BackupRefused(
            f"This backup is of a {ENGINE_NAMES[opened.engine]} database and the database here is "
            f"{ENGINE_NAMES[here]}. Restore it into {ENGINE_NAMES[opened.engine]}."
        )


def restore(path: str | Path) -> dict[str, Any]:
    """Bring a backup back into the configured database, which must be empty."""
    with tempfile.TemporaryDirectory(prefix="ws-restore-") as work:
        opened = read_backup(path, work)
        _refuse_other_engine(opened)
        with connection.cursor() as cursor:
            tables = _tables(cursor, _vendor())
        if tables:
            shown = ", ".join(tables[:3])
            raise BackupRefused(
                f"The database {connection.settings_dict['NAME']} already has {len(tables)} tables ({shown}, ...). "
                "A backup is restored only into an empty database, so nothing in use is overwritten: "
                "create a new database and point DATABASE_URL at it."
            )
        if opened.engine == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(opened.database) as source:
                source.backup(connection.connection)
        else:
            params = _pg_settings()
            connection.close()
            _pg_run(
                [
                    f"{PG_BIN}/pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={params['dbname']}",
                    str(opened.database),
                ],
                params,
                "pg_restore",
            )
    return opened.manifest


# --- Verifying ----------------------------------------------------------------------------------


@dataclass
class Verification:
    manifest: dict[str, Any]
    found: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return not self.problems


def compare(manifest: dict[str, Any], found: dict[str, Any]) -> list[str]:
    problems = []
    if found["migrations"] != manifest["migrations"]:
        problems.append("The restored database's migrations differ from those the manifest lists.")
    expected, actual = manifest["tables"], found["tables"]
    for table in sorted(expected.keys() | actual.keys()):
        if table not in actual:
            problems.append(f"Table {table} is missing from the restored copy.")
        elif table not in expected:
            problems.append(f"Table {table} is in the restored copy but not in the manifest.")
        elif expected[table] != actual[table]:
            problems.append(f"Table {table} has {actual[table]} rows; the manifest says {expected[table]}.")
    if found["newest_history"] != manifest["newest_history"]:
        problems.append(
            f"The newest history row is {found['newest_history']}; the manifest says {manifest['newest_history']}."
        )
    audit = found["audit"]
    problems.extend(f"Access log: {problem}" for problem in audit["problems"])
    for key in ("entries", "last_seq", "last_hash"):
        if audit[key] != manifest["audit"][key]:
            problems.append(
                f"Access log {key.replace('_', ' ')} is {audit[key]}; the manifest says {manifest['audit'][key]}."
            )
    return problems


@contextmanager
def _scratch_postgresql(name: str) -> Iterator[dict[str, Any]]:
    params = _pg_settings(name)
    admin = _pg_settings("postgres")
    with _pg_connect(admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield params
    finally:
        with _pg_connect(admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scratch_name() -> str:
    return f"{connection.settings_dict['NAME']}_verify_{uuid.uuid4().hex[:8]}"[:63]


def verify(path: str | Path, *, scratch: str | None = None) -> Verification:
    """Restore the backup into a scratch place and check it against its manifest."""
    with tempfile.TemporaryDirectory(prefix="ws-verify-") as work:
        opened = read_backup(path, work)
        if opened.engine == "sqlite":
            scratch_file = Path(work) / "scratch.sqlite3"
            with sqlite3.connect(opened.database) as source, sqlite3.connect(scratch_file) as target:
                source.backup(target)
            with sqlite3.connect(scratch_file) as restored:
                cursor = restored.cursor()
                cursor.execute("PRAGMA integrity_check")
                integrity = cursor.fetchone()[0]
                found = describe(cursor, "sqlite")
            problems = [] if integrity == "ok" else [f"SQLite's integrity check found: {integrity}"]
        else:
            if _vendor() != "postgresql":
                raise BackupRefused(
                    "This backup is of a PostgreSQL database: verify it where DATABASE_URL is PostgreSQL."
                )
            with _scratch_postgresql(scratch or scratch_name()) as params:
                _pg_run(
                    [
                        f"{PG_BIN}/pg_restore",
                        "--no-owner",
                        "--no-privileges",
                        "--exit-on-error",
                        "--single-transaction",
                        f"--dbname={params['dbname']}",
                        str(opened.database),
                    ],
                    params,
                    "pg_restore",
                )
                with _pg_connect(params) as restored, restored.cursor() as cursor:
                    found = describe(cursor, "postgresql")
            problems = []
        problems += compare(opened.manifest, found)
        return Verification(opened.manifest, found, problems)
