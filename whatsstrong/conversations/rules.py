"""Rules about case notes, as pure functions over plain values (no Django here)."""

import datetime


def correction_deadline(created_at: datetime.datetime, window_hours: int) -> datetime.datetime:
    return created_at + datetime.timedelta(hours=window_hours)


def may_correct(
    *, author_id: int, actor_id: int, created_at: datetime.datetime, now: datetime.datetime, window_hours: int
) -> bool:
    """The author may correct their own note for a short while; after that a change is an addendum."""
    return author_id == actor_id and now <= correction_deadline(created_at, window_hours)
