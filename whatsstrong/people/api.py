"""People, their network and their strengths over JSON. Each call: access check (core/access.py),
then one query or service call, exactly as the web pages do, so history and conflict checks apply."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Status
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from whatsstrong.core import access
from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut
from whatsstrong.core.gate import open_person, require_people_role
from whatsstrong.core.models import CASE_ROLES, Team, User

from . import queries, rules, services
from .models import Asset, NetworkMember, Person
from .schemas import (
    AssetCreate,
    AssetOut,
    AssetPatch,
    ConflictOut,
    DuplicateOut,
    NetworkMemberCreate,
    NetworkMemberOut,
    NetworkMemberPatch,
    OverdueReviewsPage,
    PersonCreate,
    PersonOut,
    PersonPage,
    PersonPatch,
    invalid,
)
from .search import search

router = Router()

# Declared so the OpenAPI schema shows clients every body they may get back.
LIST_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut}
# 422 too: a person_id that is not a whole number is refused before anything is read.
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# 400: a body that is not JSON at all.
ADD_ERRORS = {**LIST_ERRORS, 400: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: ConflictOut}


def _open(request, pk, *, for_edit=False):
    """The person, if this user may see them now: the same gate as the web pages, logged the same way."""
    return open_person(request.auth, pk, path=request.path, for_edit=for_edit)


# --- People -----------------------------------------------------------------------------------


# Far past the largest council's caseload or search results, and small enough for any database to
# take as an OFFSET (SQLite and PostgreSQL stop at 2**63 - 1 and fail beyond it).
MAX_OFFSET = 1_000_000


class PeopleQuery(Input):
    json_types = False  # a query string is all text: limit=20 arrives as "20"

    q: str = Field(
        "",
        max_length=100,
        description="Any part of their name from the start, like 'mar pat'; a date of birth, day first with the "
        "year in full ('27/3/1948', '27 March 1948', '1948-03-27'), alone or after a name; an NHS number; "
        "a postcode ('CV1 2GN') or its first part ('CV1'). Without it you get your caseload. People found by "
        "date of birth, NHS number or postcode never include a restricted record you may not open.",
    )
    limit: int = Field(queries.CASELOAD_PAGE_SIZE, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)

    @field_validator("q")
    @classmethod
    def _readable(cls, value):
        problem = rules.read_search(value, today=datetime.date.today()).problem
        if problem:
            raise PydanticCustomError("invalid", problem)
        return value


def _list_item(user, person):
    row = {"id": person.pk, "display_name": person.display_name, "restricted": person.restricted}
    # One extra query only for restricted rows that are not the user's own, which are few.
    if person.restricted and not access.view_decision(user, person).allowed:
        return row
    worker = person.allocated_worker
    return {
        **row,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_name": person.preferred_name,
        "date_of_birth": person.date_of_birth,
        "postcode": person.postcode,
        "team": {"id": person.team_id, "name": person.team.name},
        "allocated_worker": {"id": worker.pk, "display_name": worker.display_name} if worker else None,
        "version": person.version,
    }


@router.get(
    "",
    response={200: PersonPage, **LIST_ERRORS},
    exclude_unset=True,
    summary="Find people by name, or list your caseload",
)
def list_people(request, filters: Query[PeopleQuery]):
    user = request.auth
    require_people_role(user)
    end = filters.offset + filters.limit
    # One more than asked for tells us whether there is a next page without counting them all.
    if filters.q.strip():
        terms = rules.read_search(filters.q, today=datetime.date.today())
        people = search(terms, user=user, limit=end + 1)[filters.offset :]
    else:
        people = list(queries.caseload_for(user)[filters.offset : end + 1])
    more = len(people) > filters.limit
    return {
        "items": [_list_item(user, p) for p in people[: filters.limit]],
        "limit": filters.limit,
        "offset": filters.offset,
        "next_offset": end if more else None,
    }


@router.get("/{person_id}", response={200: PersonOut, **READ_ERRORS}, summary="Read a person's record")
def get_person(request, person_id: int):
    return _open(request, person_id)


def _allocation(user, payload):
    """Team and worker as the web form defaults them: your team, and you, unless told otherwise."""
    sent = payload.model_fields_set
    team_id = payload.team_id if "team_id" in sent and payload.team_id is not None else user.team_id
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise invalid("team_id", "Choose the team that will work with them")
    worker_id = payload.allocated_worker_id if "allocated_worker_id" in sent else user.pk
    worker = None
    if worker_id is not None:
        worker = User.objects.filter(pk=worker_id, is_active=True, role__in=CASE_ROLES).first()
        if worker is None:
            raise invalid("allocated_worker_id", "Choose a practitioner or team manager")
        problem = rules.worker_team_problem(
            worker_name=worker.display_name, worker_team_id=worker.team_id, team_id=team.pk, team_name=str(team)
        )
        if problem:
            raise invalid("allocated_worker_id", problem)
    return team, worker


def _duplicates(matches):
    """The 409 body for possible duplicates: only records this user may open are named (the same
    rule as the page, queries.PossibleDuplicate)."""
    can_confirm = not any(m.reason == rules.SAME_NHS_NUMBER for m in matches)
    shown = [m for m in matches if m.person is not None]
    if can_confirm:
        detail = "They may already have a record. If this is someone else, send confirm_not_duplicate: true."
    else:
        detail = rules.NHS_NUMBER_IN_USE + "."
    if len(shown) < len(matches):
        detail += " Records you may not open (restricted or archived) are counted in `others`: ask a team manager."
    return Status(
        409,
        {
            "detail": detail,
            "can_confirm": can_confirm,
            "matches": [{"id": m.person.pk, "display_name": m.person.display_name, "reason": m.reason} for m in shown],
            "others": len(matches) - len(shown),
        },
    )


@router.post("", response={201: PersonOut, 409: DuplicateOut, **ADD_ERRORS}, summary="Add a person")
def create_person(request, payload: PersonCreate):
    user = request.auth
    require_people_role(user)
    if user.role not in CASE_ROLES:
        raise PermissionDenied("Only practitioners and team managers add people.")
    team, worker = _allocation(user, payload)
    # Refused before looking for duplicates, so someone who may not add here learns nothing of who is recorded.
    if not access.can_add(user, Person(team=team, allocated_worker=worker)):
        raise PermissionDenied("You can only add people to your own team")
    data = payload.model_dump(exclude={"team_id", "allocated_worker_id", "confirm_not_duplicate"})
    identity = rules.Identity.of(
        given_name=data["given_name"],
        family_name=data["family_name"],
        date_of_birth=data["date_of_birth"],
        nhs_number=data["nhs_number"],
    )
    matches = queries.possible_duplicates(identity, user=user)
    if any(m.reason == rules.SAME_NHS_NUMBER for m in matches) or (matches and not payload.confirm_not_duplicate):
        return _duplicates(matches)
    try:
        person = services.person_create(actor=user, data={**data, "team": team, "allocated_worker": worker})
    except PermissionDenied:
        raise PermissionDenied("You can only add people to your own team") from None
    except services.NhsNumberInUse:
        return _duplicates(queries.possible_duplicates(identity, user=user))
    return Status(201, person)


@router.patch("/{person_id}", response={200: PersonOut, **WRITE_ERRORS}, summary="Change some of a person's record")
def update_person(request, person_id: int, payload: PersonPatch):
    person = _open(request, person_id, for_edit=True)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    # The same check as the capacity form, over the record as it will be after this change.
    problem = rules.appropriate_person_problem(
        data.get("appropriate_person", person.appropriate_person),
        data.get("appropriate_person_name", person.appropriate_person_name),
    )
    if problem:
        raise invalid("appropriate_person_name", problem)
    try:
        services.person_update(actor=request.auth, person_id=person.pk, expected_version=payload.version, data=data)
    except services.NhsNumberInUse:
        raise invalid("nhs_number", rules.NHS_NUMBER_IN_USE) from None
    return queries.person_for_page(person.pk)


# --- Network ----------------------------------------------------------------------------------


@router.get(
    "/{person_id}/network", response={200: list[NetworkMemberOut], **READ_ERRORS}, summary="The people around them"
)
def list_network(request, person_id: int):
    return list(_open(request, person_id).network.all())


@router.post(
    "/{person_id}/network", response={201: NetworkMemberOut, **WRITE_ERRORS}, summary="Add someone to their network"
)
def add_network_member(request, person_id: int, payload: NetworkMemberCreate):
    person = _open(request, person_id, for_edit=True)
    return Status(201, services.network_member_save(actor=request.auth, person=person, data=payload.model_dump()))


@router.patch(
    "/{person_id}/network/{member_id}",
    response={200: NetworkMemberOut, **WRITE_ERRORS},
    summary="Change someone in their network",
)
def update_network_member(request, person_id: int, member_id: int, payload: NetworkMemberPatch):
    person = _open(request, person_id, for_edit=True)
    get_object_or_404(NetworkMember, pk=member_id, person=person)
    return services.network_member_save(
        actor=request.auth,
        person=person,
        member_id=member_id,
        expected_version=payload.version,
        data=payload.model_dump(exclude_unset=True, exclude={"version"}),
    )


# --- Strengths --------------------------------------------------------------------------------


def _check_network_member(person, data):
    member_id = data.get("network_member_id")
    if member_id is not None and not person.network.filter(pk=member_id).exists():
        raise invalid("network_member_id", "Choose someone from their network")


@router.get(
    "/{person_id}/assets", response={200: list[AssetOut], **READ_ERRORS}, summary="Their strengths, at all three levels"
)
def list_assets(request, person_id: int):
    return list(_open(request, person_id).assets.all())


@router.post("/{person_id}/assets", response={201: AssetOut, **WRITE_ERRORS}, summary="Add a strength")
def add_asset(request, person_id: int, payload: AssetCreate):
    person = _open(request, person_id, for_edit=True)
    data = payload.model_dump()
    _check_network_member(person, data)
    return Status(201, services.asset_save(actor=request.auth, person=person, data=data))


@router.patch("/{person_id}/assets/{asset_id}", response={200: AssetOut, **WRITE_ERRORS}, summary="Change a strength")
def update_asset(request, person_id: int, asset_id: int, payload: AssetPatch):
    person = _open(request, person_id, for_edit=True)
    get_object_or_404(Asset, pk=asset_id, person=person)
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    _check_network_member(person, data)
    return services.asset_save(
        actor=request.auth, person=person, asset_id=asset_id, expected_version=payload.version, data=data
    )


# --- A team's overdue reviews -----------------------------------------------------------------


class OverdueQuery(Input):
    json_types = False

    limit: int = Field(queries.OVERDUE_PAGE_SIZE, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get(
    "/teams/{team_id}/overdue-reviews",
    response={200: OverdueReviewsPage, **READ_ERRORS},
    summary="A team's people whose review is overdue, the longest overdue first",
)
def list_overdue_reviews(request, team_id: int, filters: Query[OverdueQuery]):
    user = request.auth
    require_people_role(user)
    team = get_object_or_404(Team, pk=team_id)
    if not rules.may_see_team_reviews(role=user.role, own_team_id=user.team_id, team_id=team.pk):
        raise PermissionDenied("Only the team's supervisor, or someone who oversees every team, can see this.")
    found = queries.OverdueReviews(team.pk)
    rows = found[filters.offset : filters.offset + filters.limit]
    return {
        "items": [
            {
                "id": row.pk,
                "display_name": row.display_name,
                "restricted": row.restricted,
                "review_due_on": row.review_due_on,
                "worker_name": row.worker_name,
            }
            for row in rows
        ],
        "count": found.count(),
        "limit": filters.limit,
        "offset": filters.offset,
    }
