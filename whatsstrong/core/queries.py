"""Reading for core's own pages: the access log, with each record named."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F

from .models import AccessEvent, AccessGrant


@dataclass(frozen=True)
class LoggedEvent:
    event: Any
    record_name: str
    record_url: str | None


def access_log():
    return AccessEvent.objects.select_related("user", "content_type").order_by("-at", "-pk")


def reasons_for_review():
    """Break-glass reasons, those not yet reviewed first, newest first within each."""
    return AccessGrant.objects.select_related("user", "user__team", "reviewed_by", "content_type").order_by(
        F("reviewed_at").asc(nulls_first=True), "-granted_at", "-pk"
    )


def unreviewed_reason_count() -> int:
    return AccessGrant.objects.filter(reviewed_at__isnull=True).count()


def named(events) -> list[LoggedEvent]:
    """The events with the name of each record they are about: one query per kind of record."""
    wanted = defaultdict(set)
    for event in events:
        wanted[event.content_type].add(event.object_id)
    found = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is not None:
            for record in model._base_manager.filter(pk__in=ids):
                found[(content_type.pk, record.pk)] = record
    rows = []
    for event in events:
        record = found.get((event.content_type_id, event.object_id))
        if record is None:
            rows.append(
                LoggedEvent(event, f"{event.content_type.name.capitalize()} {event.object_id} (no longer held)", None)
            )
        else:
            url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else None
            rows.append(LoggedEvent(event, str(record), url))
    return rows
