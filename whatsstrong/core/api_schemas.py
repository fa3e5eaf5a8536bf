"""Shapes every part of the JSON API shares: the error bodies, and the base of every input schema.

Every body and query string schema derives from `Input`, so what all input has in common is checked
in one place for every field:

- Text a database can keep. JSON can carry two things that are valid Python text but that no database
  column takes: the NUL character (PostgreSQL refuses it in text) and a lone half of a UTF-16
  surrogate pair (it cannot be written as UTF-8 at all). Either would reach the database and fail
  there as a server error; here the client is told which field to fix.
- Values of the type the schema declares (see `Input.json_types`).
"""

import datetime
import typing
from typing import ClassVar

from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

NUL_MESSAGE = "Remove the null character (\\u0000) from this text"
SURROGATE_MESSAGE = "Send this text as valid Unicode: it has half of a surrogate pair on its own"
DATE_MESSAGE = "Enter a real date, like 1948-03-27"
BOOL_MESSAGE = "Send true or false"
INT_MESSAGE = "Enter a whole number"


def text_problem(value):
    """What stops this value, or any text inside it, being stored; None when nothing does."""
    if isinstance(value, str):
        if "\x00" in value:
            return NUL_MESSAGE
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return SURROGATE_MESSAGE
        return None
    items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
    return next(filter(None, map(text_problem, items)), None)


# --- Error bodies (see whatsstrong/api.py for when each is sent) ------------------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


# --- Input ------------------------------------------------------------------------------------


class Input(Schema):
    """The base of every API input schema (bodies and query strings)."""

    @field_validator("*", mode="before")
    @classmethod
    def _storable_text(cls, value):
        problem = text_problem(value)
        if problem:
            # A custom error type keeps the message exactly as written, like the other field checks.
            raise PydanticCustomError("unstorable_text", problem)
        return value

    # A JSON body says what type each value is, and the schema says which one it must be. Pydantic would
    # quietly change some into others: 0 into 1 January 1970 for a date, 0 into false, "12" or 12.0 into 12.
    # A query string has only text, so a query schema sets this to False.
    json_types: ClassVar[bool] = True

    @field_validator("*", mode="before")
    @classmethod
    def _as_declared(cls, value, info):
        if value is None:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if _declares(annotation, datetime.date) and not isinstance(value, str):
            raise PydanticCustomError("date_type", DATE_MESSAGE)
        if cls.json_types and _declares(annotation, bool) and not isinstance(value, bool):
            raise PydanticCustomError("bool_type", BOOL_MESSAGE)
        if cls.json_types and _declares(annotation, int) and (isinstance(value, bool) or not isinstance(value, int)):
            raise PydanticCustomError("int_type", INT_MESSAGE)
        return value


def _declares(annotation, kind):
    """Whether a field is declared as `kind` (or a kind of it, like a choice of whole numbers), or that
    or null. A true or false is never a whole number here, though Python counts bool as a kind of int."""
    args = set(typing.get_args(annotation))
    declared = (args - {type(None)}) if args and type(None) in args and len(args) == 2 else {annotation}
    (one,) = declared if len(declared) == 1 else (None,)
    if not isinstance(one, type) or (kind is int and issubclass(one, bool)):
        return False
    return issubclass(one, kind)
