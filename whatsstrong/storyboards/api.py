"""Storyboards over JSON: the evidence bank (published stories, searched by words and theme) for any
member of staff; one story for those who may read it (published, or its author and quality leads);
submitting a story; a quality lead's review (the possible names and contact details flagged, each
taken out or accepted with a reason) and decision; and the caller's own CPD records. The rules are
core/access.py's and rules.py's, as on the pages. A CPD record is its owner's alone: anyone else's is
not found, as on the pages."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Query, Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut

from . import queries, rules, services, themes
from .schemas import (
    StoryboardConflictOut,
    StoryboardCpdOut,
    StoryboardDecisionIn,
    StoryboardFlagResolutionIn,
    StoryboardFlagsOut,
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


def _cpd_out(record):
    return {
        **record.as_dict(),
        "id": record.pk,
        "kind_label": record.get_kind_display(),
        "storyboard_id": record.storyboard_id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "version": record.version,
    }


@router.get("/cpd", response={200: list[StoryboardCpdOut], 401: ErrorOut, 403: ErrorOut}, summary="Your CPD records")
def cpd_list(request):
    """The caller's own CPD records, newest first. Nobody else's are ever listed."""
    _staff(request.auth)
    return [_cpd_out(r) for r in queries.cpd_records(request.auth)]


@router.get("/cpd/{record_id}", response={200: StoryboardCpdOut, **READ_ERRORS}, summary="One of your CPD records")
def cpd_detail(request, record_id: int):
    """Someone else's record is not found, as if it were not there: they are private to their owner."""
    _staff(request.auth)
    found = queries.cpd_record(record_id)
    if found is None or not access.can_see_cpd_record(request.auth, found):
        raise Http404("Not found.")
    return _cpd_out(found)


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


# --- The reviewer's flags ----------------------------------------------------------------------------


def _reviewing(request, story_id):
    """A story the caller may review now, refused as the review page refuses it."""
    found = _story(request, story_id)
    if not access.can_review_storyboard(request.auth, found):
        raise PermissionDenied(services.NOT_A_REVIEWER)
    if found.status not in (rules.SUBMITTED, rules.PUBLISHED):
        raise PermissionDenied(rules.action_problem(found.status, rules.APPROVE))
    return found


def _flags_out(found):
    labels = rules.STORY_FIELDS
    opened = [
        {
            "key": f.key,
            "field": f.field,
            "field_label": labels[f.field],
            "words": f.words,
            "kind": f.kind,
            "accepted": False,
            "reason": "",
        }
        for f in services.open_flags(found)
    ]
    accepted = [
        {
            "key": a.key,
            "field": a.key.split(":", 1)[0],
            "field_label": labels.get(a.key.split(":", 1)[0], ""),
            "words": a.words,
            "kind": "",
            "accepted": True,
            "reason": a.reason,
            "accepted_by": a.by.display_name,
            "accepted_at": a.at,
        }
        for a in queries.accepted_flags(found)
    ]
    return {
        "story_id": found.pk,
        "status": found.status,
        "version": found.version,
        "open": len(opened),
        "flags": opened + accepted,
    }


@router.get(
    "/{story_id}/flags",
    response={200: StoryboardFlagsOut, **READ_ERRORS},
    summary="The possible names and contact details flagged in a story, for its reviewer",
)
def storyboard_flags(request, story_id: int):
    """For quality leads reviewing someone else's story (waiting for review, or published)."""
    return _flags_out(_reviewing(request, story_id))


@router.post(
    "/{story_id}/flags/resolution",
    response={200: StoryboardFlagsOut, **WRITE_ERRORS},
    summary="Take a flagged detail out of the story, or accept it with a reason",
    description="Accepting needs a `reason`. Taking out is for a story waiting for review, as on its page; "
    "send its `version` to be told if someone changed it since.",
)
def storyboard_flag_resolve(request, story_id: int, payload: StoryboardFlagResolutionIn):
    found = _reviewing(request, story_id)
    try:
        if payload.resolution == "accepted":
            services.flags_accept(actor=request.auth, story_id=found.pk, keys=[payload.key], reason=payload.reason)
        else:
            services.flag_take_out(
                actor=request.auth,
                story_id=found.pk,
                key=payload.key,
                replace_with=payload.replace_with,
                expected_version=payload.version,
            )
    except DjangoValidationError as error:
        if hasattr(error, "error_dict") and "flags" in error.error_dict:
            # The page's field is a list of words to accept; here it is the one `key` sent.
            error = DjangoValidationError({("key" if f == "flags" else f): m for f, m in error.message_dict.items()})
        raise _refused(error) from None
    return _flags_out(queries.story(found.pk))
