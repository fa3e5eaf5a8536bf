"""The access log as plain records for export (manage.py export_audit): one dict per entry, oldest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType

from . import audit_chain
from .models import AccessEvent, User

FORMAT = "whatsstrong-access-log/1"


def lines(*, since: datetime | None = None, batch: int = 5000) -> Iterator[dict[str, Any]]:
    events = AccessEvent.objects.order_by("seq")
    if since is not None:
        first = events.filter(at__gte=since).values_list("seq", flat=True).first()
        if first is None:
            return
        events = events.filter(seq__gte=first)  # from the first entry at or after the time, the chain unbroken
    kinds = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    names: dict[int, str] = {}
    last = 0
    while True:
        rows = list(events.filter(seq__gt=last).values()[:batch])
        if not rows:
            return
        wanted = {row["user_id"] for row in rows} - names.keys()
        names.update(User.objects.filter(pk__in=wanted).values_list("pk", "username"))
        for row in rows:
            yield {
                "format": FORMAT,
                "id": row["id"],
                "seq": row["seq"],
                "at": audit_chain.canonical_time(row["at"]),
                "user_id": row["user_id"],
                "username": names.get(row["user_id"], ""),
                "content_type_id": row["content_type_id"],
                "record_type": kinds.get(row["content_type_id"], ""),
                "object_id": row["object_id"],
                "action": row["action"],
                "reason": row["reason"],
                "path": row["path"],
                "prev_hash": row["prev_hash"],
                "hash": row["hash"],
            }
        last = rows[-1]["seq"]
