"""Drafts: what a user has typed into a form but not yet saved.

The browser sends the form's long text fields every few seconds (see static/drafts.js) and keeps
a copy in local storage for when the connection is lost. When the user returns to the form, the
newer of the two is offered back. A successful save discards the server's copy, and tells the
next page to drop the browser's (`note_saved`).
"""

import json
import re
from dataclasses import dataclass

from .models import Draft

MAX_DRAFT_CHARS = 200_000
MAX_FIELDS = 50
# The largest number a PositiveIntegerField holds on every database we run on.
MAX_VERSION = 2_147_483_647
# person:<id>:<section>, person:<id>:note:<id or "new">, or deeper for a part of an assessment:
# person:<id>:assessment:<id>:look:wellbeing:a (keys of parts may have underscores: hand_over).
KEY_PATTERN = re.compile(r"person:[0-9]{1,18}(:[a-z0-9_-]{1,40}){1,5}")
FIELD_NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
# Draft keys saved in this request, for the next page to drop from local storage.
SAVED_KEYS_SESSION_KEY = "drafts_saved"
MAX_SAVED_KEYS = 20


class DraftRefused(ValueError):
    """What was sent cannot be kept as a draft: `field` says where, `message` what to fix."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DraftSent:
    key: str
    fields: dict
    version: int | None


def is_draft_key(key):
    return isinstance(key, str) and KEY_PATTERN.fullmatch(key) is not None


def read_draft(body):
    """The draft in a request body, checked; DraftRefused if any part of it cannot be kept."""
    try:
        payload = json.loads(body or b"{}")
    except RecursionError:
        raise DraftRefused(
            "body", "The JSON is nested too deeply to read. Send 'fields' as an object of field names and their text."
        ) from None
    except ValueError:  # not JSON, or not UTF-8
        raise DraftRefused(
            "body", "Send the draft as JSON: an object with 'key', 'fields' and, if the form has one, 'version'."
        ) from None
    if not isinstance(payload, dict):
        raise DraftRefused(
            "body", "Send the draft as a JSON object with 'key', 'fields' and, if the form has one, 'version'."
        )
    return DraftSent(
        key=_checked_key(payload.get("key")),
        fields=_checked_fields(payload.get("fields")),
        version=_checked_version(payload.get("version")),
    )


def _checked_key(key):
    if not is_draft_key(key):
        raise DraftRefused("key", "Unknown form key. Send the form's data-draft-key, like person:12:who-i-am.")
    return key


def _checked_fields(fields):
    if not isinstance(fields, dict):
        raise DraftRefused("fields", "Send 'fields' as a JSON object of field names and their text.")
    if len(fields) > MAX_FIELDS:
        raise DraftRefused("fields", f"Send {MAX_FIELDS} fields or fewer.")
    for name, value in fields.items():
        if not FIELD_NAME_PATTERN.fullmatch(name):
            raise DraftRefused("fields", "Each field name must be letters, digits and underscores, like life_story.")
        _check_text(f"fields.{name}", name, value)
    return fields


def _check_text(where, name, value):
    if not isinstance(value, str):
        raise DraftRefused(where, f"Send the text of {name} as a string.")
    if len(value) > MAX_DRAFT_CHARS:
        raise DraftRefused(where, f"Keep {name} to {MAX_DRAFT_CHARS:,} characters or fewer.")
    # PostgreSQL cannot store a NUL character, and no database can store half a surrogate pair.
    if "\x00" in value or not _is_storable(value):
        raise DraftRefused(
            where, f"Remove the character that cannot be stored (a null or broken character) from {name}."
        )


def _is_storable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _checked_version(version):
    if version is None or version == "":
        return None
    if isinstance(version, str) and version.isascii() and version.isdigit() and len(version) <= 10:
        version = int(version)
    # bool is an int in Python, but true is not a version.
    if type(version) is not int or not 0 <= version <= MAX_VERSION:
        raise DraftRefused("version", f"Send 'version' as a whole number from 0 to {MAX_VERSION:,}, or leave it out.")
    return version


def save_draft(*, user, key, data, base_version=None):
    draft, _ = Draft.objects.update_or_create(user=user, key=key, defaults={"data": data, "base_version": base_version})
    return draft


def get_draft(*, user, key):
    return Draft.objects.filter(user=user, key=key).first()


def discard_draft(*, user, key):
    if is_draft_key(key):
        Draft.objects.filter(user=user, key=key).delete()


def draft_differs(draft, current):
    """Only offer a draft back when it holds something the saved record does not."""
    return draft is not None and any(
        (value or "").strip() != (str(current.get(field) or "")).strip() for field, value in draft.data.items()
    )


# The browser's copy ----------------------------------------------------------------------------
# Only the server knows a save worked, so it tells the next page which drafts to drop from the
# browser. The keys wait in the session until a page shows them (see base.html and drafts.js).


def note_saved(request, key):
    keys = [k for k in request.session.get(SAVED_KEYS_SESSION_KEY, []) if k != key]
    request.session[SAVED_KEYS_SESSION_KEY] = (keys + [key])[-MAX_SAVED_KEYS:]


def take_saved_keys(request):
    """The draft keys saved since the last page was drawn, forgotten once read."""
    if SAVED_KEYS_SESSION_KEY not in request.session:
        return []
    return request.session.pop(SAVED_KEYS_SESSION_KEY)
