"""Writing the access log's hash chain: one writer at a time, in the same transaction as the entry.

`append` is called by `AccessEvent.save` for a new entry, so every way of logging (access.log_view,
access.grant_restricted_access, AccessEvent.objects.create) chains. It takes the chain's lock,
reads the head, gives the entry the next number, the head's hash as its link and its own hash,
inserts it and moves the head, all in one transaction. On PostgreSQL the lock is a transaction
advisory lock, so two writers queue instead of forking the chain; SQLite has one writer at a time
(transactions begin IMMEDIATE, settings.py), and the first write below takes its lock.
`read_chain` and `verify` check what is stored (manage.py verify_audit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from . import audit_chain
from .models import AccessEvent, AccessLogHead

# pg_advisory_xact_lock takes a 64-bit key: this one is "access log" spelt in ASCII hex, nothing else uses it.
CHAIN_LOCK_KEY = 0x6163636573736C6F
HEAD_ID = 1
CHAIN_COLUMNS = ("id", *audit_chain.HASHED_FIELDS, "prev_hash", "hash")


def _lock_and_read_head() -> AccessLogHead:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    head = AccessLogHead.objects.filter(pk=HEAD_ID).first()
    if head is None:
        # A database emptied by hand (or a test flushing tables) starts again from its newest entry.
        newest = AccessEvent.objects.order_by("-seq").values("seq", "hash").first()
        head = AccessLogHead(pk=HEAD_ID, seq=newest["seq"] if newest else 0, hash=newest["hash"] if newest else "")
    return head


def _chain(event: AccessEvent, head: AccessLogHead) -> None:
    if event.at is None:
        event.at = timezone.now()
    event.seq = head.seq + 1
    event.prev_hash = head.hash or audit_chain.GENESIS
    event.hash = audit_chain.entry_hash(_fields(event), event.prev_hash)
    head.seq, head.hash = event.seq, event.hash


def _fields(event: AccessEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "user_id": event.user_id,
        "content_type_id": event.content_type_id,
        "object_id": event.object_id,
        "action": event.action,
        "reason": event.reason,
        "path": event.path,
        "at": event.at,
    }


def _save_head(head: AccessLogHead) -> None:
    head.updated_at = timezone.now()
    head.save()


def append(event: AccessEvent, insert: Callable[[], None]) -> None:
    with transaction.atomic():
        head = _lock_and_read_head()
        _chain(event, head)
        insert()
        _save_head(head)


def append_many(queryset: Any, events: list[AccessEvent], *args: Any, **kwargs: Any) -> list[AccessEvent]:
    with transaction.atomic():
        head = _lock_and_read_head()
        for event in events:
            _chain(event, head)
        created = queryset._chained_bulk_create(events, *args, **kwargs)
        if events:
            _save_head(head)
    return created


def read_chain(batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Every entry in chain order, as plain values, a batch at a time (millions of entries fit)."""
    last = 0  # numbers are unique in the database, so they page the chain
    while True:
        rows = list(AccessEvent.objects.filter(seq__gt=last).order_by("seq").values(*CHAIN_COLUMNS)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1]["seq"]


TRIGGER = "core_accessevent_append_only"


def guarded() -> bool:
    """Whether the database's own guard against changing (and, on PostgreSQL, removing) entries is in place."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [TRIGGER])
            row = cursor.fetchone()
            return bool(row) and row[0] != "D"
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER])
        return cursor.fetchone() is not None


def head() -> tuple[int | None, str | None]:
    row = AccessLogHead.objects.filter(pk=HEAD_ID).values("seq", "hash").first()
    return (row["seq"], row["hash"]) if row else (None, None)


def verify() -> audit_chain.ChainReport:
    head_seq, head_hash = head()
    return audit_chain.check_chain(read_chain(), head_seq=head_seq, head_hash=head_hash)
