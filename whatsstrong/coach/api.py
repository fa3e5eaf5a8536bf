"""The language coach through the JSON API: check texts for deficit language and jargon."""

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from .services import findings_for

router = Router()

MAX_TEXTS = 1000


class Text(Schema):
    id: str | int | None = None
    text: str = Field(max_length=100_000)


class Flag(Schema):
    start: int = Field(description="Offset of the first character, in code points")
    end: int = Field(description="Offset just past the last character, in code points")
    kind: str = Field(description="deficit or jargon")
    rule: str
    suggest: str
    reason: str


class Checked(Schema):
    id: str | int | None = None
    flags: list[Flag]


@router.post("/check", response=list[Checked], summary="Check texts with the language coach")
def check_texts(request, texts: list[Text]):
    """One result per text, in the order sent, at most 1,000 a call. Hints only: nothing is stored."""
    if len(texts) > MAX_TEXTS:
        raise HttpError(422, f"Send at most {MAX_TEXTS} texts in one call; this call had {len(texts)}.")
    return [{"id": t.id, "flags": [f.as_dict() for f in findings_for(t.text)]} for t in texts]
