"""Who may see or change a case record. Every view that shows a person's record asks here.

A case record is any object with `team_id`, `allocated_worker_id` and `restricted`
(today the person; later plans and assessments through their person).

- Directory editors work on the community directory only and never see people's records.
- Any case or oversight role may open an unrestricted record (to find people and avoid
  duplicates); only the allocated worker and the person's team may change it, and only
  practitioners and supervisors change records at all.
- People are added by practitioners and supervisors, to their own team.
- Allocation and restriction are the decisions of the supervisors of the person's team.
- A restricted record opens directly only for the allocated worker and the supervisors of
  the person's team. Anyone else must record a reason first (break-glass); the reason lasts
  RESTRICTED_ACCESS_MINUTES, and every view is logged.
- Change history is for supervisors, quality leads, senior leaders and administrators.
- An account that is switched off may do none of this; having no team is never the same
  team as a record's.
- The community directory is about services, not people: any member of staff reads it, and
  directory editors and administrators change it (at the end of this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import CASE_ROLES, OVERSIGHT_ROLES, AccessEvent, AccessGrant, Role

READ_ROLES = CASE_ROLES | OVERSIGHT_ROLES
LOGGED_PATH_LENGTH = 255  # AccessEvent.path holds this many characters


@dataclass(frozen=True)
class Decision:
    allowed: bool
    needs_reason: bool = False
    why: str = ""


def is_active_staff(user: Any) -> bool:
    """Signed in, with an account that is still switched on."""
    return user.is_authenticated and user.is_active


def can_see_people(user: Any) -> bool:
    return is_active_staff(user) and user.role in READ_ROLES


def is_close_to(user: Any, record: Any) -> bool:
    """The allocated worker, or a supervisor of the record's team."""
    if not user.is_authenticated:
        return False  # someone signed out has no id, and must not match a record with no worker
    if record.allocated_worker_id == user.pk:
        return True
    return user.role == Role.SUPERVISOR and user.team_id is not None and user.team_id == record.team_id


def view_decision(user: Any, record: Any) -> Decision:
    if not can_see_people(user):
        return Decision(False, why="Your role does not include people's records.")
    if not record.restricted or is_close_to(user, record):
        return Decision(True)
    if has_live_grant(user, record):
        return Decision(True)
    return Decision(False, needs_reason=True, why="This record is restricted. Say why you need to open it.")


def can_edit(user: Any, record: Any) -> bool:
    if not (is_active_staff(user) and user.role in CASE_ROLES):
        return False
    if record.restricted and not (is_close_to(user, record) or has_live_grant(user, record)):
        return False
    return record.allocated_worker_id == user.pk or (user.team_id is not None and user.team_id == record.team_id)


def can_add(user: Any, record: Any) -> bool:
    """A new record goes into the adder's own team: naming yourself its worker is no way into another."""
    return can_edit(user, record) and user.team_id is not None and user.team_id == record.team_id


def can_allocate(user: Any, record: Any) -> bool:
    """Allocation and restriction are the team supervisor's decisions."""
    return (
        is_active_staff(user)
        and user.role == Role.SUPERVISOR
        and user.team_id is not None
        and user.team_id == record.team_id
    )


def can_read_history(user: Any) -> bool:
    return is_active_staff(user) and user.role in OVERSIGHT_ROLES


def require_edit(user: Any, record: Any) -> None:
    if not can_edit(user, record):
        raise PermissionDenied("Only the allocated worker and the person's team can change this record.")


def require_add(user: Any, record: Any) -> None:
    if not can_add(user, record):
        raise PermissionDenied("You can only add people to your own team.")


def require_allocate(user: Any, record: Any) -> None:
    if not can_allocate(user, record):
        raise PermissionDenied("Only the team's supervisor can change who works with a person or restrict the record.")


def has_live_grant(user: Any, record: Any) -> bool:
    return AccessGrant.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        expires_at__gt=timezone.now(),
    ).exists()


def grant_restricted_access(*, user: Any, record: Any, reason: str, path: str = "") -> AccessGrant:
    """Record the reason given to open a restricted record, and let the user in for a while."""
    if not can_see_people(user):
        raise PermissionDenied("Your role does not include people's records.")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValueError("Give a reason of at least 10 characters.")
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(record)
    AccessEvent.objects.create(
        user=user,
        content_type=content_type,
        object_id=record.pk,
        action=AccessEvent.Action.BREAK_GLASS,
        reason=reason,
        path=path[:LOGGED_PATH_LENGTH],
    )
    return AccessGrant.objects.create(
        user=user,
        content_type=content_type,
        object_id=record.pk,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(minutes=settings.RESTRICTED_ACCESS_MINUTES),
    )


def log_view(*, user: Any, record: Any, path: str = "", refused: bool = False) -> AccessEvent | None:
    """Every view of a restricted record is logged; so are refusals."""
    if refused:
        action = AccessEvent.Action.REFUSED
    elif record.restricted:
        action = AccessEvent.Action.VIEW_RESTRICTED
    else:
        return None
    return AccessEvent.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        action=action,
        path=path[:LOGGED_PATH_LENGTH],
    )


def access_log_for(record: Any) -> Any:
    return AccessEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("user")


# --- The community directory ---------------------------------------------------------------------
# Directory entries are about services, never people: every member of staff may read them, and
# directory editors and administrators keep them. Gaps (needs nothing in the directory met) are
# recorded by those who work with people and by directory editors, and counted for commissioners:
# directory editors and the oversight roles.
DIRECTORY_EDIT_ROLES = {Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR}


def can_read_directory(user: Any) -> bool:
    return is_active_staff(user)


def can_edit_directory(user: Any) -> bool:
    return is_active_staff(user) and user.role in DIRECTORY_EDIT_ROLES


def can_record_gaps(user: Any) -> bool:
    return is_active_staff(user) and user.role in CASE_ROLES | {Role.DIRECTORY_EDITOR}


def can_see_gaps(user: Any) -> bool:
    return is_active_staff(user) and user.role in DIRECTORY_EDIT_ROLES | OVERSIGHT_ROLES


# --- Experience surveys ----------------------------------------------------------------------------
# People answer without an account. Staff who work with someone invite them from their record
# (`can_edit` on the person). Results are counts of five or more only, for the oversight roles.
# What people wrote in their own words may hold names and details, so survey managers alone read
# it: quality leads and senior leaders, who own how the organisation learns from feedback, not the
# supervisors whose teams it may be about. Answers taken on paper or by phone are typed in by those
# who work with people and by survey managers.
SURVEY_MANAGER_ROLES = {Role.QUALITY_LEAD, Role.SENIOR_LEADER}


def can_manage_surveys(user: Any) -> bool:
    """Reads free text in survey answers."""
    return is_active_staff(user) and user.role in SURVEY_MANAGER_ROLES


def can_see_survey_results(user: Any) -> bool:
    return is_active_staff(user) and user.role in OVERSIGHT_ROLES


def can_enter_survey_responses(user: Any) -> bool:
    return is_active_staff(user) and user.role in CASE_ROLES | SURVEY_MANAGER_ROLES
