"""Shapes every part of the JSON API shares: the error bodies, and the base of every input schema.

Every body and query string schema derives from `Input`, so what all input has in common (text a
database can keep) is checked in one place for every string field. JSON can carry two things that are valid Python text but that no database column
takes: the NUL character (PostgreSQL refuses it in text) and a lone half of a UTF-16 surrogate
pair (it cannot be written as UTF-8 at all). Without this check either would reach the database
and fail there as a server error; with it the client is told which field to fix.
"""

import datetime
import typing

from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

NUL_MESSAGE = "Remove the null character (\\u0000) from this text"
SURROGATE_MESSAGE = "Send this text as valid Unicode: it has half of a surrogate pair on its own"
DATE_MESSAGE = "Enter a real date, like 1948-03-27"


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

    @field_validator("*", mode="before")
    @classmethod
    def _dates_as_text(cls, value, info):
        # Pydantic would read a number as seconds since 1970, so 0 would be stored as 1 January 1970.
        if value is not None and not isinstance(value, str) and _is_date(cls.model_fields[info.field_name].annotation):
            raise PydanticCustomError("date_type", DATE_MESSAGE)
        return value


def _is_date(annotation):
    return annotation is datetime.date or datetime.date in typing.get_args(annotation)
