"""The access log's hash chain: pure functions, no Django, so a receiver can check an export anywhere.

Every access event carries its place in the chain (`seq`, 1, 2, 3, ...), the hash of the entry
before it (`prev_hash`; the first entry's is GENESIS) and its own `hash`: SHA-256, in hex, over the
canonical serialisation of its fields and `prev_hash`. The canonical serialisation is JSON with
sorted keys, no spaces, UTF-8, the time in UTC with microseconds (`2026-01-01T09:00:00.000000+00:00`):

    {"action":..,"at":..,"content_type_id":..,"object_id":..,"path":..,"prev_hash":..,
     "reason":..,"seq":..,"user_id":..}

Changing any field breaks that entry's hash; removing an entry leaves a gap in `seq` and a link
that points at nothing; an entry slipped in either repeats a `seq`, lies beyond the chain's head,
or breaks the link of the entry after it. `check_chain` names each.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "user_id", "content_type_id", "object_id", "action", "reason", "path", "at")


def canonical_time(value: datetime | str) -> str:
    """The time in UTC with microseconds; a database may hand it back as text (SQLite) or a datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # Django keeps times in UTC
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(entry: Mapping[str, Any], prev_hash: str) -> bytes:
    """The JSON above, written out key by key (sorted) for speed: the same bytes json.dumps gives with
    sort_keys=True, separators=(",", ":") and ensure_ascii=False."""
    text = _text
    return (
        f'{{"action":{text(entry["action"])},"at":"{canonical_time(entry["at"])}",'
        f'"content_type_id":{int(entry["content_type_id"])},"object_id":{int(entry["object_id"])},'
        f'"path":{text(entry["path"])},"prev_hash":{text(prev_hash)},"reason":{text(entry["reason"])},'
        f'"seq":{int(entry["seq"])},"user_id":{int(entry["user_id"])}}}'
    ).encode()


def _text(value: str | None) -> str:
    return json.dumps(value or "", ensure_ascii=False)


def entry_hash(entry: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()


@dataclass(frozen=True)
class Problem:
    entry_id: int | None  # the row's id, or None for an entry that is missing altogether
    kind: str  # "edited", "removed", "inserted", "relinked"
    detail: str

    def __str__(self) -> str:
        where = f"Entry id {self.entry_id}" if self.entry_id is not None else "Missing entries"
        return f"{where}: {self.kind}: {self.detail}"


@dataclass
class ChainReport:
    checked: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] | None = None

    @property
    def whole(self) -> bool:
        return not self.problems


def check_chain(
    entries: Iterable[Mapping[str, Any]],
    *,
    head_seq: int | None = None,
    head_hash: str | None = None,
    start_seq: int = 1,
    start_hash: str = GENESIS,
) -> ChainReport:
    """Walk entries in `seq` order (then id) and name every one that was edited, removed or inserted.

    `head_seq`/`head_hash` are what the log last wrote (its chain head), to catch the newest entries
    removed or one added beyond them. `start_seq`/`start_hash` check a part of the chain, such as
    an export from a given time, against the entry before it."""
    report = ChainReport(last_seq=start_seq - 1, last_hash=start_hash, problems=[])
    problems = report.problems
    expected_seq, expected_prev, prev_id = start_seq, start_hash, None
    for seq, group in groupby(entries, key=lambda entry: entry["seq"]):
        group = list(group)
        report.checked += len(group)
        if seq is None:
            for entry in group:
                problems.append(Problem(entry.get("id"), "inserted", "it has no place in the chain (no number)"))
            continue
        if head_seq is not None and seq > head_seq:
            for entry in group:
                problems.append(
                    Problem(
                        entry.get("id"),
                        "inserted",
                        f"its number {seq} is beyond the newest entry the log wrote (number {head_seq})",
                    )
                )
            continue
        # Where two entries claim one number, the one that matches its hash and links on is the real one.
        if len(group) > 1:
            group.sort(
                key=lambda e: (e["prev_hash"] != expected_prev, entry_hash(e, e["prev_hash"] or "") != e["hash"])
            )
        entry, extras = group[0], group[1:]
        for extra in extras:
            problems.append(Problem(extra.get("id"), "inserted", f"another entry already holds number {seq}"))
        if seq < expected_seq:
            problems.append(Problem(entry.get("id"), "inserted", f"another entry already holds number {seq}"))
            continue
        entry_id = entry.get("id")
        if seq > expected_seq:
            missing = f"number {expected_seq}" if seq == expected_seq + 1 else f"numbers {expected_seq} to {seq - 1}"
            after = f"after entry id {prev_id} and " if prev_id is not None else ""
            problems.append(Problem(None, "removed", f"entry {missing} ({after}before entry id {entry_id}) is missing"))
        elif entry["prev_hash"] != expected_prev:
            before = f"entry id {prev_id}" if prev_id is not None else "the start of the chain"
            problems.append(
                Problem(
                    entry_id,
                    "relinked",
                    f"its link does not match {before}: that entry was rewritten with a new hash, "
                    "or this one was moved",
                )
            )
        if entry_hash(entry, entry["prev_hash"] or "") != entry["hash"]:
            problems.append(Problem(entry_id, "edited", "its contents no longer match its hash"))
        expected_seq, expected_prev, prev_id = seq + 1, entry["hash"], entry_id
        report.last_seq, report.last_hash = seq, entry["hash"]
    if head_seq is not None and head_seq > report.last_seq:
        missing = (
            f"number {head_seq}" if head_seq == report.last_seq + 1 else f"numbers {report.last_seq + 1} to {head_seq}"
        )
        problems.append(Problem(None, "removed", f"the newest entries, {missing}, are missing"))
    elif head_hash is not None and head_seq == report.last_seq and head_hash != report.last_hash:
        problems.append(
            Problem(prev_id, "edited", "the newest entry's hash differs from the one the log recorded as its head")
        )
    return report
