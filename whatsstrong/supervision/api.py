"""Supervision over JSON: sessions the caller took part in (or oversees), their case discussions and
actions. The same services and access rules as the pages; wellbeing notes only for the two parties;
a case discussion read from a person's record opens the person through core/gate.py."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person
from whatsstrong.core.models import User

from . import queries, services
from .models import MODELS, CaseDiscussion
from .schemas import (
    SupervisionActionIn,
    SupervisionActionOut,
    SupervisionConflictOut,
    SupervisionDiscussionIn,
    SupervisionDiscussionOut,
    SupervisionDoneIn,
    SupervisionGroupIn,
    SupervisionGroupOut,
    SupervisionGroupUpdateIn,
    SupervisionReflectionsIn,
    SupervisionSessionIn,
    SupervisionSessionOut,
)

router = Router()  # mounted at /supervision

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: SupervisionConflictOut}
AS_SENT = {"person": "person_id", "owner": "owner_id", "supervisee": "supervisee_id", "members": "member_ids"}
NAMES = {m["code"]: m["name"] for m in MODELS["models"]}


def _call(service, **kwargs):
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


def _action(a):
    return {
        "id": a.pk,
        "session_id": a.session_id,
        "person_id": a.person_id,
        "owner": _ref(a.owner),
        "what": a.what,
        "due_on": a.due_on,
        "done_at": a.done_at,
        "version": a.version,
    }


def _discussion(d, held_on):
    return {
        "id": d.pk,
        "session_id": d.session_id,
        "held_on": held_on,
        "person_id": d.person_id,
        "model": d.model,
        "model_name": NAMES[d.model],
        "reflections": d.reflections,
        "version": d.version,
    }


def _session_out(request, s):
    return {
        "id": s.pk,
        "supervisor": _ref(s.supervisor),
        "supervisee": _ref(s.supervisee),
        "held_on": s.held_on,
        "agenda": s.agenda,
        "wellbeing": s.wellbeing if access.can_see_supervision_wellbeing(request.auth, s) else None,
        "learning": s.learning,
        "discussions": [_discussion(d, s.held_on) for d in queries.discussions_in(s.pk)],
        "actions": [_action(a) for a in queries.actions_in(s.pk)],
        "version": s.version,
    }


def _found(request, session_id):
    s = queries.session(session_id)
    if s is None or not access.can_see_supervision(request.auth, s):
        raise Http404("Not found.")
    access.log_supervision_view(user=request.auth, session=s, path=request.path)
    return s


@router.get(
    "/sessions", response={200: list[SupervisionSessionOut], **READ_ERRORS}, summary="Your supervision sessions"
)
def list_sessions(request):
    return [_session_out(request, s) for s in queries.sessions_for(request.auth.pk)]


@router.post("/sessions", response={201: SupervisionSessionOut, **WRITE_ERRORS}, summary="Record or plan a session")
def create_session(request, payload: SupervisionSessionIn):
    supervisee = User.objects.filter(pk=payload.supervisee_id, is_active=True).first()
    if supervisee is None:
        raise ValidationError(
            [{"loc": ("body", "payload", "supervisee_id"), "msg": "No such member of staff", "type": "invalid"}]
        )
    data = payload.model_dump(exclude={"supervisee_id"})
    made = _call(services.session_add, actor=request.auth, supervisee=supervisee, data=data)
    return Status(201, _session_out(request, _found(request, made.pk)))


@router.get("/sessions/{session_id}", response={200: SupervisionSessionOut, **READ_ERRORS}, summary="A session")
def get_session(request, session_id: int):
    return _session_out(request, _found(request, session_id))


@router.get(
    "/sessions/{session_id}/discussions",
    response={200: list[SupervisionDiscussionOut], **READ_ERRORS},
    summary="A session's case discussions",
)
def list_discussions(request, session_id: int):
    s = _found(request, session_id)
    return [_discussion(d, s.held_on) for d in queries.discussions_in(s.pk)]


@router.post(
    "/sessions/{session_id}/discussions",
    response={201: SupervisionDiscussionOut, **WRITE_ERRORS},
    summary="Start a case discussion about a person in a reflective model",
)
def create_discussion(request, session_id: int, payload: SupervisionDiscussionIn):
    s = _found(request, session_id)
    made = _call(
        services.discussion_add, actor=request.auth, session_id=s.pk, person=payload.person_id, model=payload.model
    )
    return Status(201, _discussion(made, s.held_on))


@router.put(
    "/sessions/{session_id}/discussions/{discussion_id}",
    response={200: SupervisionDiscussionOut, **WRITE_ERRORS},
    summary="Write what was said at each step of the discussion's model",
    description="Send the discussion's `version` as read.",
)
def write_discussion(request, session_id: int, discussion_id: int, payload: SupervisionReflectionsIn):
    s = _found(request, session_id)
    if queries.discussion(s.pk, discussion_id) is None:
        raise Http404("Not found.")
    made = _call(
        services.discussion_write,
        actor=request.auth,
        discussion_id=discussion_id,
        expected_version=payload.version,
        reflections=payload.reflections,
    )
    return _discussion(made, s.held_on)


@router.post(
    "/sessions/{session_id}/actions",
    response={201: SupervisionActionOut, **WRITE_ERRORS},
    summary="Agree an action; one about a person shows on their record until done",
)
def create_action(request, session_id: int, payload: SupervisionActionIn):
    s = _found(request, session_id)
    data = {"what": payload.what, "due_on": payload.due_on, "person": payload.person_id, "owner": payload.owner_id}
    made = _call(services.action_add, actor=request.auth, session_id=s.pk, data=data)
    return Status(201, _action(queries.action(made.pk)))


@router.get("/actions", response={200: list[SupervisionActionOut], **READ_ERRORS}, summary="Your open actions")
def list_actions(request):
    return [_action(a) for a in queries.open_actions_of_owner(request.auth.pk)]


@router.post(
    "/actions/{action_id}/done",
    response={200: SupervisionActionOut, **WRITE_ERRORS},
    summary="Mark an action done (or, with done false, not done)",
)
def mark_done(request, action_id: int, payload: SupervisionDoneIn):
    found = queries.action(action_id)
    if found is None:
        raise Http404("Not found.")
    if found.person_id:
        open_person(request.auth, found.person_id, path=request.path)
    elif not access.can_finish_supervision_action(request.auth, found):
        raise Http404("Not found.")
    made = _call(services.action_done, actor=request.auth, action_id=found.pk, done=payload.done)
    return _action(queries.action(made.pk))


@router.get(
    "/people/{person_id}/discussions",
    response={200: list[SupervisionDiscussionOut], **READ_ERRORS},
    summary="Case discussions about a person, for anyone who may see them (never wellbeing notes)",
)
def person_discussions(request, person_id: int):
    person = open_person(request.auth, person_id, path=request.path)
    found = CaseDiscussion.objects.filter(person_id=person.pk).select_related("session").order_by("-session__held_on")
    return [_discussion(d, d.session.held_on) for d in found]


# --- Peer groups -------------------------------------------------------------------------------------

AGREEMENT = ("frequency", "duration", "place", "preparation", "recording", "confidentiality", "apologies", "agreed_on")


def _group(request, g):
    members = sorted(g.members.all(), key=lambda u: (u.first_name, u.last_name, u.pk))
    keeps = access.can_keep_peer_group(request.auth, {u.pk for u in members}, g.supervisor_id)
    sessions = []
    for s in queries.group_sessions(g.pk):
        sessions.append(
            {
                "id": s.pk,
                "held_on": s.held_on,
                "facilitator": _ref(s.facilitator),
                "note_taker": _ref(s.note_taker),
                "presenter": _ref(s.presenter),
                "person_id": s.person_id,
                "model": s.model,
                # The notes are for the group and its supervisor; others see that a session was held.
                "reflections": s.reflections if keeps else {},
                "decisions": s.decisions if keeps else "",
                "next_on": s.next_on,
                "summary_shared": s.summary_shared_at is not None,
                "actions": [_action(a) for a in queries.group_actions(s.pk)] if keeps else [],
                "version": s.version,
            }
        )
    return {
        "id": g.pk,
        "name": g.name,
        "supervisor": _ref(g.supervisor),
        "members": [_ref(u) for u in members],
        "agreement": {k: getattr(g, k) for k in AGREEMENT},
        "sessions": sessions,
        "version": g.version,
    }


@router.get("/groups", response={200: list[SupervisionGroupOut], **READ_ERRORS}, summary="Your peer supervision groups")
def list_groups(request):
    return [_group(request, g) for g in queries.groups_for(request.auth)]


@router.get("/groups/{group_id}", response={200: SupervisionGroupOut, **READ_ERRORS}, summary="A peer group")
def get_group(request, group_id: int):
    g = queries.group(group_id)
    if g is None or not access.can_see_peer_group(request.auth, {u.pk for u in g.members.all()}, g.supervisor_id):
        raise Http404("Not found.")
    return _group(request, g)


@router.post(
    "/groups", response={201: SupervisionGroupOut, **WRITE_ERRORS}, summary="Start a peer group with its agreement"
)
def create_group(request, payload: SupervisionGroupIn):
    data = payload.model_dump(exclude={"member_ids"})
    made = _call(services.group_add, actor=request.auth, data=data, member_ids=payload.member_ids)
    return Status(201, _group(request, queries.group(made.pk)))


@router.put(
    "/groups/{group_id}",
    response={200: SupervisionGroupOut, **WRITE_ERRORS},
    summary="Change a peer group's agreement and members",
    description="Send the whole agreement and the members with the group's `version` as read; the earlier "
    "versions are kept. A 409 says what someone else changed since.",
)
def update_group(request, group_id: int, payload: SupervisionGroupUpdateIn):
    g = queries.group(group_id)
    if g is None or not access.can_see_peer_group(request.auth, {u.pk for u in g.members.all()}, g.supervisor_id):
        raise Http404("Not found.")
    data = payload.model_dump(exclude={"member_ids", "version"})
    _call(
        services.group_update,
        actor=request.auth,
        group_id=g.pk,
        expected_version=payload.version,
        data=data,
        member_ids=payload.member_ids,
    )
    return _group(request, queries.group(g.pk))
