"""The language coach through the JSON API: check texts for deficit language and jargon."""

from ninja import Router, Schema
from ninja.errors import ValidationError
from pydantic import Field, StrictInt, StrictStr

from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut

from .services import findings_for

router = Router()

MAX_TEXTS = 1000


class Text(Input):
    """One text to check. Text the rest of the API would refuse to store (one with a null character,
    say) is refused here too, so that text the coach has checked can always be saved."""

    # Strict, so `true` or 1.0 is refused rather than echoed back changed into 1.
    id: StrictStr | StrictInt | None = None
    text: str = Field(max_length=100_000)


class Flag(Schema):
    start: int = Field(description="Offset of the first character, in code points")
    end: int = Field(description="Offset just past the last character, in code points")
    kind: str = Field(description="deficit or jargon")
    rule: str
    suggest: str
    reason: str
    replacement: str | None = Field(
        None,
        description="Words that can replace the flagged ones as they stand, fitted to the sentence "
        "(tense, capital, plural); null when no words fit and the text needs rewriting",
    )


class Checked(Schema):
    id: str | int | None = None
    flags: list[Flag]


@router.post(
    "/check",
    response={200: list[Checked], 400: ErrorOut, 401: ErrorOut, 422: ValidationErrorOut},
    summary="Check texts with the language coach",
)
def check_texts(request, texts: list[Text]):
    """One result per text, in the order sent, at most 1,000 a call. Hints only: nothing is stored."""
    if len(texts) > MAX_TEXTS:
        raise ValidationError(
            [
                {
                    "loc": ("body", "texts"),
                    "type": "too_many_texts",
                    "msg": f"Send at most {MAX_TEXTS:,} texts in one call; this call had {len(texts):,}",
                }
            ]
        )
    return [{"id": t.id, "flags": [f.as_dict() for f in findings_for(t.text)]} for t in texts]
