"""Storyboards over JSON: the evidence bank (published stories, searched by words and theme) for any
member of staff; one story for those who may read it (published, or its author and quality leads);
submitting a story; and a quality lead's decision. The rules are core/access.py's and rules.py's, as
on the pages. CPD records are not offered here: they are their owner's, on the pages."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Query, Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut

from . import queries, services, themes
from .schemas import (
    StoryboardConflictOut,
    StoryboardDecisionIn,
    StoryboardIn,
    StoryboardListOut,
    StoryboardOut,
    StoryboardQuery,
)

router = Router()
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: StoryboardConflictOut}


def _staff(user):
    if not access.can_read_evidence_bank(user):
        raise PermissionDenied("The evidence bank is for members of staff.")


def _refused(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        items = [(f, m) for f, messages in error.message_dict.items() for m in messages]
    else:
        items = [("body", m) for m in error.messages]
    return ValidationError(
        [{"loc": ("body", "payload", "body" if f == "__all__" else f), "msg": m, "type": "invalid"} for f, m in items]
    )


def _themes(found):
    labels = themes.labels()
    return [{"code": code, "label": labels[code]} for code in queries.theme_codes(found)]


def _summary(found):
    return {
        "id": found.pk,
        "title": found.title,
        "status": found.status,
        "team": found.team.name if found.team_id else None,
        "themes": _themes(found),
        "published_at": found.published_at,
    }


def _out(found, user):
    return {
        **{name: getattr(found, name) for name in StoryboardOut.model_fields if hasattr(found, name)},
        "themes": _themes(found),
        "author": found.author.display_name,
        "team": found.team.name if found.team_id else None,
        "open_flags": len(services.open_flags(found)) if access.can_review_storyboards(user) else 0,
    }


def _story(request, story_id):
    _staff(request.auth)
    found = queries.story(story_id)
    if found is None:
        raise Http404("Not found.")
    if not access.can_see_storyboard(request.auth, found):
        # A story not yet published is not there for anyone but its author and quality leads.
        raise Http404("Not found.")
    return found


@router.get("/", response={200: StoryboardListOut, **READ_ERRORS}, summary="Search the evidence bank")
def storyboard_list(request, filters: Query[StoryboardQuery]):
    """Published stories, newest first, with every word typed somewhere in them and the theme chosen."""
    _staff(request.auth)
    if filters.theme and filters.theme not in themes.codes():
        raise ValidationError(
            [{"loc": ("query", "theme"), "msg": "Choose a theme code from the list", "type": "invalid"}]
        )
    rows, total, words = queries.evidence_bank(filters.q, filters.theme, limit=filters.limit, offset=filters.offset)
    return {"count": total, "words": words, "stories": [_summary(s) for s in rows]}


@router.get("/{story_id}", response={200: StoryboardOut, **READ_ERRORS}, summary="One storyboard")
def storyboard_detail(request, story_id: int):
    return _out(_story(request, story_id), request.auth)


@router.post("/", response={201: StoryboardOut, **WRITE_ERRORS}, summary="Write and submit a storyboard")
def storyboard_submit(request, payload: StoryboardIn):
    """The story is sent for review (or kept as a draft with `submit: false`); the caller is its author."""
    _staff(request.auth)
    data = payload.dict()
    chosen, submit = data.pop("themes"), data.pop("submit")
    try:
        found = services.story_save(actor=request.auth, data=data, themes_chosen=chosen, submit=submit)
    except DjangoValidationError as error:
        raise _refused(error) from None
    return Status(201, _out(queries.story(found.pk), request.auth))


@router.post("/{story_id}/decision", response={200: StoryboardOut, **WRITE_ERRORS}, summary="Publish or send back")
def storyboard_decision(request, story_id: int, payload: StoryboardDecisionIn):
    """A quality lead publishes a story with a review date, or sends it back saying what to change."""
    found = _story(request, story_id)
    try:
        services.story_decide(
            actor=request.auth,
            story_id=found.pk,
            action=payload.action,
            review_on=payload.review_on,
            changes=payload.changes,
            expected_version=payload.version,
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    return _out(queries.story(found.pk), request.auth)
