"""Drafts: what a user has typed into a form but not yet saved.

The browser sends the form's long text fields every few seconds (see static/drafts.js) and keeps
a copy in local storage for when the connection is lost. When the user returns to the form, the
draft is offered back. A successful save discards it.
"""

from .models import Draft

MAX_DRAFT_CHARS = 200_000


def save_draft(*, user, key, data, base_version=None):
    data = {str(k)[:100]: str(v)[:MAX_DRAFT_CHARS] for k, v in data.items()}
    draft, _ = Draft.objects.update_or_create(
        user=user, key=key, defaults={"data": data, "base_version": base_version}
    )
    return draft


def get_draft(*, user, key):
    return Draft.objects.filter(user=user, key=key).first()


def discard_draft(*, user, key):
    Draft.objects.filter(user=user, key=key).delete()


def draft_differs(draft, current):
    """Only offer a draft back when it holds something the saved record does not."""
    return draft is not None and any(
        (value or "").strip() != (str(current.get(field) or "")).strip() for field, value in draft.data.items()
    )
