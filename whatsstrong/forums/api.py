"""Outcomes forums over JSON. A forum is about no one: any member of staff with a people role reads
it, forum roles arrange it. Hearings are parts of a person's record, opened through core/gate.py as
the pages are, then one query or service call, so access, history and versions apply alike."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import queries, services
from .models import Forum, ForumGap
from .schemas import (
    ForumConflictOut,
    ForumCreate,
    ForumGapIn,
    ForumOut,
    HearingCreate,
    HearingDecisionIn,
    HearingOut,
    MemberIn,
)

router = Router()  # mounted at /forums
person_router = Router()  # mounted at /people

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: ForumConflictOut}
AS_SENT = {"chair": "chair_id", "plan": "plan_id", "follows": "follows_id", "category": "category_id"}


def _call(service, **kwargs):
    """A service's refusal as a 422 naming each field as the client sent it."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            items = [(AS_SENT.get(f, f), m) for f, messages in error.message_dict.items() for m in messages]
        else:
            items = [("body", m) for m in error.messages]
        raise ValidationError(
            [{"loc": ("body", "payload", field), "msg": msg, "type": "invalid"} for field, msg in items]
        ) from None


def _ref(user):
    return {"id": user.pk, "display_name": user.display_name}


def _forum(forum):
    return {
        "id": forum.pk,
        "held_on": forum.held_on,
        "chair": _ref(forum.chair),
        "place": forum.place,
        "members": [
            {"id": m.pk, "name": m.name, "discipline": m.discipline, "discipline_label": m.get_discipline_display()}
            for m in forum.members.all()
        ],
        "heard": len(forum.hearings.all()),
        "version": forum.version,
    }


def _reader(request):
    if not access.can_see_forums(request.auth):
        raise Http404("Not found.")


def _found_forum(forum_id):
    forum = queries.forum_detail(forum_id)
    if forum is None:
        raise Http404("Not found.")
    return forum


@router.get("", response={200: list[ForumOut], **READ_ERRORS}, summary="Outcomes forums, the latest first")
def list_forums(request):
    _reader(request)
    ids = [f.pk for f in queries.forums()]
    found = {
        f.pk: f
        for f in Forum.objects.filter(pk__in=ids).select_related("chair").prefetch_related("members", "hearings")
    }
    return [_forum(found[pk]) for pk in ids]


@router.post("", response={201: ForumOut, **WRITE_ERRORS}, summary="Arrange an outcomes forum")
def create_forum(request, payload: ForumCreate):
    made = _call(
        services.forum_add,
        actor=request.auth,
        data={"held_on": payload.held_on, "chair": payload.chair_id, "place": payload.place},
    )
    return Status(201, _forum(_found_forum(made.pk)))


@router.get("/{forum_id}", response={200: ForumOut, **READ_ERRORS}, summary="An outcomes forum and who attended")
def get_forum(request, forum_id: int):
    _reader(request)
    return _forum(_found_forum(forum_id))


@router.post(
    "/{forum_id}/members", response={201: ForumOut, **WRITE_ERRORS}, summary="Record someone attending a forum"
)
def add_member(request, forum_id: int, payload: MemberIn):
    _found_forum(forum_id)
    _call(services.member_add, actor=request.auth, forum_id=forum_id, data=payload.model_dump())
    return Status(201, _forum(_found_forum(forum_id)))


# --- Hearings: parts of a person's record ----------------------------------------------------------


def _open(request, pk, *, for_edit=False):
    return open_person(request.auth, pk, path=request.path, for_edit=for_edit)


def _hearing(hearing):
    gaps = [link.gap for link in ForumGap.objects.filter(hearing=hearing).select_related("gap", "gap__category")]
    return {
        "id": hearing.pk,
        "forum_id": hearing.forum_id,
        "held_on": hearing.forum.held_on,
        "plan_id": hearing.plan_id,
        "presenter": _ref(hearing.presenter),
        "story": hearing.story,
        "follows_id": hearing.follows_id,
        "decision": hearing.decision,
        "decision_label": hearing.get_decision_display(),
        "changes": hearing.changes,
        "changes_by": hearing.changes_by,
        "reasons": hearing.reasons,
        "gaps": [
            {
                "id": g.pk,
                "category": g.category.name if g.category else None,
                "area": g.area,
                "who": g.who,
                "need": g.need,
                "urgency": g.urgency,
                "recorded_on": g.recorded_on,
            }
            for g in gaps
        ],
        "version": hearing.version,
    }


def _found_hearing(person, hearing_id):
    hearing = queries.hearing_of(person.pk, hearing_id)
    if hearing is None:
        raise Http404("Not found.")
    return hearing


@person_router.get(
    "/{person_id}/hearings", response={200: list[HearingOut], **READ_ERRORS}, summary="A person's forum hearings"
)
def list_hearings(request, person_id: int):
    person = _open(request, person_id)
    return [_hearing(_found_hearing(person, h.pk)) for h in queries.hearings_of(person.pk)]


@person_router.post(
    "/{person_id}/hearings",
    response={201: HearingOut, **WRITE_ERRORS},
    summary="Bring a person to an outcomes forum with their story and support plan",
)
def create_hearing(request, person_id: int, payload: HearingCreate):
    person = _open(request, person_id, for_edit=True)
    made = _call(
        services.hearing_add,
        actor=request.auth,
        person=person,
        forum_id=payload.forum_id,
        data={"plan": payload.plan_id, "story": payload.story, "follows": payload.follows_id},
    )
    return Status(201, _hearing(_found_hearing(person, made.pk)))


@person_router.get(
    "/{person_id}/hearings/{hearing_id}", response={200: HearingOut, **READ_ERRORS}, summary="A forum hearing"
)
def get_hearing(request, person_id: int, hearing_id: int):
    person = _open(request, person_id)
    return _hearing(_found_hearing(person, hearing_id))


@person_router.put(
    "/{person_id}/hearings/{hearing_id}/decision",
    response={200: HearingOut, **WRITE_ERRORS},
    summary="Record what the forum decided: agreed, or changes asked for (what, by when), and why",
    description="Send the hearing's `version` as read. Forum roles only.",
)
def decide(request, person_id: int, hearing_id: int, payload: HearingDecisionIn):
    person = _open(request, person_id)
    _found_hearing(person, hearing_id)
    data = payload.model_dump(exclude={"version"})
    _call(
        services.hearing_decide,
        actor=request.auth,
        person=person,
        hearing_id=hearing_id,
        expected_version=payload.version,
        data=data,
    )
    return _hearing(_found_hearing(person, hearing_id))


@person_router.post(
    "/{person_id}/hearings/{hearing_id}/gaps",
    response={201: HearingOut, **WRITE_ERRORS},
    summary="Record a gap the forum raised: support the community or market could not offer",
    description="Counted for commissioners by category, area and quarter (GET /api/gaps/counts), without names.",
)
def add_gap(request, person_id: int, hearing_id: int, payload: ForumGapIn):
    person = _open(request, person_id)
    _found_hearing(person, hearing_id)
    data = payload.model_dump()
    data["category"] = data.pop("category_id")
    _call(services.hearing_gap, actor=request.auth, person=person, hearing_id=hearing_id, data=data)
    return Status(201, _hearing(_found_hearing(person, hearing_id)))
