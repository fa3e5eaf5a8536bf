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
- Reasons given to open restricted records are reviewed by quality leads, never by the person
  who gave them; each review is logged.
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
from django.db import transaction
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
    """Every view of a restricted or archived record is logged; so are refusals."""
    if refused:
        action = AccessEvent.Action.REFUSED
    elif record.restricted:
        action = AccessEvent.Action.VIEW_RESTRICTED
    elif getattr(record, "archived_at", None) is not None:
        action = AccessEvent.Action.VIEW  # an archived record is read for oversight only: every view is logged
    else:
        return None
    return AccessEvent.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        action=action,
        path=path[:LOGGED_PATH_LENGTH],
    )


REVIEW_NOTE_LENGTH = 2000


def can_review_reasons(user: Any) -> bool:
    """Quality leads look over the reasons given to open restricted records."""
    return is_active_staff(user) and user.role == Role.QUALITY_LEAD


def can_review_reason(user: Any, grant: Any) -> bool:
    """A quality lead reviews anyone's reason but their own."""
    return can_review_reasons(user) and grant.user_id != user.pk


class AlreadyReviewed(ValueError):
    pass


def review_reason(*, reviewer: Any, grant_id: int, note: str = "", path: str = "") -> AccessGrant:
    """Mark a break-glass reason reviewed (who, when, an optional note), and log the review."""
    grant = AccessGrant.objects.select_related("reviewed_by").get(pk=grant_id)
    if not can_review_reason(reviewer, grant):
        raise PermissionDenied("Only a quality lead can review this reason, and never their own.")
    note = (note or "").strip()
    if len(note) > REVIEW_NOTE_LENGTH:
        raise ValueError(f"Keep the note to {REVIEW_NOTE_LENGTH} characters or fewer.")
    now = timezone.now()
    with transaction.atomic():
        marked = AccessGrant.objects.filter(pk=grant.pk, reviewed_at__isnull=True).update(
            reviewed_by=reviewer, reviewed_at=now, review_note=note
        )
        if not marked:
            grant.refresh_from_db()
            raise AlreadyReviewed(f"{grant.reviewed_by.display_name} has already reviewed this reason.")
        AccessEvent.objects.create(
            user=reviewer,
            content_type_id=grant.content_type_id,
            object_id=grant.object_id,
            action=AccessEvent.Action.REVIEWED_REASON,
            reason=f"Reason {grant.pk} reviewed" + (f": {note}" if note else ""),
            path=path[:LOGGED_PATH_LENGTH],
            at=now,
        )
    grant.refresh_from_db()
    return grant


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


# --- The complex case and risk enablement panel ----------------------------------------------------
# Anyone who works with the person refers (can_edit on their record). Coordinating the panel (setting
# dates, putting referrals on a panel, recording what the panel said) is for those who oversee practice
# and hold no single caseload decision: supervisors, quality leads and senior leaders. The decision after
# the panel stays with the person's practitioner and manager, so it needs can_edit on the person.
PANEL_COORDINATOR_ROLES = {Role.SUPERVISOR, Role.QUALITY_LEAD, Role.SENIOR_LEADER}


def can_coordinate_panels(user: Any) -> bool:
    return is_active_staff(user) and user.role in PANEL_COORDINATOR_ROLES


def require_coordinate_panels(user: Any) -> None:
    if not can_coordinate_panels(user):
        raise PermissionDenied("Only supervisors, quality leads and senior leaders coordinate the risk panel.")


# --- Safeguarding (Making Safeguarding Personal) ---------------------------------------------------
# Safeguarding concerns and enquiries are on a need-to-know footing, whatever the person's record is:
# - the allocated worker and the supervisors of the person's team see and work on them in full,
#   including who is alleged to have caused harm;
# - quality leads oversee safeguarding: they open a concern (and its enquiry) after giving a reason,
#   logged, lasting RESTRICTED_ACCESS_MINUTES, and still never see who is alleged to have caused harm;
# - anyone who may change the person's record may raise a concern (a colleague may be the one who
#   hears of harm), but sees it no more once raised unless they are one of the above;
# - whether an enquiry is needed is decided by a supervisor of the person's team;
# - everyone else learns nothing, not even that a concern exists. Every view is logged.
SAFEGUARDING_OVERSIGHT_ROLES = {Role.QUALITY_LEAD}
NOT_SAFEGUARDING = "Safeguarding records are for the person's allocated worker and their team's supervisors."


def safeguarding_need_to_know(user: Any, person: Any) -> bool:
    """The allocated worker or a supervisor of the person's team: sees everything, sources of harm too."""
    return is_active_staff(user) and user.role in CASE_ROLES and is_close_to(user, person)


def safeguarding_oversight(user: Any) -> bool:
    """A role that may open safeguarding records after giving a reason."""
    return is_active_staff(user) and user.role in SAFEGUARDING_OVERSIGHT_ROLES


def safeguarding_decision(user: Any, person: Any, concern: Any = None) -> Decision:
    """Whether this user may open a safeguarding concern of this person's (or, without one, list them)."""
    if safeguarding_need_to_know(user, person):
        return Decision(True)
    if safeguarding_oversight(user):
        if concern is not None and has_live_grant(user, concern):
            return Decision(True)
        return Decision(
            False, needs_reason=concern is not None, why="Say why you need to open this safeguarding record."
        )
    return Decision(False, why=NOT_SAFEGUARDING)


def can_raise_concern(user: Any, person: Any) -> bool:
    return can_edit(user, person)


def can_work_on_safeguarding(user: Any, person: Any) -> bool:
    """Record the enquiry: the person's desired outcomes, what happened, the actions and the close."""
    return safeguarding_need_to_know(user, person) and can_edit(user, person)


def can_decide_enquiry(user: Any, person: Any) -> bool:
    """Decide whether a concern needs an enquiry: a supervisor of the person's team."""
    return can_allocate(user, person) and can_edit(user, person)


def can_see_source_of_harm(user: Any, person: Any) -> bool:
    return safeguarding_need_to_know(user, person)


def log_safeguarding_view(*, user: Any, record: Any, path: str = "", refused: bool = False) -> AccessEvent:
    """Every view of a safeguarding record is logged, and every refusal, whoever the person is."""
    return AccessEvent.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        action=AccessEvent.Action.REFUSED if refused else AccessEvent.Action.VIEW,
        path=path[:LOGGED_PATH_LENGTH],
    )


# --- Outcomes forums (the forums app) --------------------------------------------------------------
# Supervisors, quality leads and senior leaders hold the forum and record what it decides; the
# practitioner presenting adds the person to it from their record (can_edit). Gaps raised at a forum
# may be recorded by anyone taking part who may see the person.
FORUM_ROLES = {Role.SUPERVISOR, Role.QUALITY_LEAD, Role.SENIOR_LEADER}


def can_hold_forums(user: Any) -> bool:
    return is_active_staff(user) and user.role in FORUM_ROLES


def can_see_forums(user: Any) -> bool:
    return can_see_people(user)


def can_raise_forum_gap(user: Any, record: Any) -> bool:
    if not (can_hold_forums(user) or can_record_gaps(user)):
        return False
    decision = view_decision(user, record)
    return decision.allowed


# --- Practice quality assurance (audits) ---------------------------------------------------------
# Team managers audit their own team's practice and quality leads audit any team's; senior leaders
# moderate audits they did not write. An audit is seen by the practitioner it is about (once shared
# with them), its auditor and moderator, the supervisors of its team, and the quality lead, senior
# leader and administrator roles. Only the practitioner answers it. (`audit` is any object with
# `team_id`, `practitioner_id`, `auditor_id`, `moderator_id` and `shared_at`.)
AUDIT_OVERSIGHT_ROLES = {Role.QUALITY_LEAD, Role.SENIOR_LEADER, Role.ADMINISTRATOR}


def can_audit(user: Any, team_id: int | None) -> bool:
    if not is_active_staff(user):
        return False
    if user.role == Role.QUALITY_LEAD:
        return True
    return user.role == Role.SUPERVISOR and team_id is not None and user.team_id == team_id


def can_moderate(user: Any, audit: Any) -> bool:
    return (
        is_active_staff(user)
        and user.role == Role.SENIOR_LEADER
        and audit.shared_at is not None
        and audit.auditor_id != user.pk
    )


def can_see_audit(user: Any, audit: Any) -> bool:
    if not is_active_staff(user):
        return False
    if user.pk == audit.auditor_id or user.pk == audit.moderator_id or user.role in AUDIT_OVERSIGHT_ROLES:
        return True
    if user.role == Role.SUPERVISOR and user.team_id is not None and user.team_id == audit.team_id:
        return True
    return user.pk == audit.practitioner_id and audit.shared_at is not None


def can_respond_to_audit(user: Any, audit: Any) -> bool:
    return is_active_staff(user) and user.pk == audit.practitioner_id and audit.shared_at is not None


def can_read_audit_reports(user: Any) -> bool:
    """Moderation differences and themes across teams: the oversight roles."""
    return is_active_staff(user) and user.role in OVERSIGHT_ROLES


# The quarterly themes report (ratings, moderation agreement, learning themes and actions across
# teams) is for the principal social worker and the senior leaders they report to, and the quality
# leads who run the audits. Team managers read their own audits and the moderation differences.
THEMES_REPORT_ROLES = {Role.QUALITY_LEAD, Role.SENIOR_LEADER}


def can_read_themes_report(user: Any) -> bool:
    return is_active_staff(user) and user.role in THEMES_REPORT_ROLES


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


# --- Storyboards and the evidence bank ---------------------------------------------------------------
# Any member of staff may write a storyboard and read the published evidence bank. A story not yet
# published is seen by its author and quality leads only. Quality leads review stories (never their
# own); the author changes a draft or a story sent back, and a quality lead may take a detail out of
# one waiting for review. CPD records are their owner's alone. (`story` is any object with
# `author_id` and `status`; `record` any with `owner_id`.)
STORY_REVIEW_ROLES = {Role.QUALITY_LEAD}


def can_write_storyboards(user: Any) -> bool:
    return is_active_staff(user)


def can_read_evidence_bank(user: Any) -> bool:
    return is_active_staff(user)


def can_review_storyboards(user: Any) -> bool:
    return is_active_staff(user) and user.role in STORY_REVIEW_ROLES


def can_see_storyboard(user: Any, story: Any) -> bool:
    if not is_active_staff(user):
        return False
    if story.status == "published":
        return True
    return story.author_id == user.pk or user.role in STORY_REVIEW_ROLES


def can_change_storyboard(user: Any, story: Any) -> bool:
    if not is_active_staff(user):
        return False
    if story.status in ("draft", "sent_back"):
        return story.author_id == user.pk
    return story.status == "submitted" and can_review_storyboard(user, story)


def can_review_storyboard(user: Any, story: Any) -> bool:
    return can_review_storyboards(user) and story.author_id != user.pk


def can_see_cpd_record(user: Any, record: Any) -> bool:
    return is_active_staff(user) and record.owner_id == user.pk


# --- Two-factor ----------------------------------------------------------------------------------
# A member of staff who loses their authenticator app and recovery codes asks an administrator, who
# resets it so they set up a new one; never their own, so one stolen administrator account cannot
# remove its own second factor. Each reset is logged.


def can_reset_two_factor(user: Any, member: Any) -> bool:
    return is_active_staff(user) and user.role == Role.ADMINISTRATOR and member.pk != user.pk


def can_see_staff_two_factor(user: Any) -> bool:
    return is_active_staff(user) and user.role == Role.ADMINISTRATOR


# --- Information governance (the governance app) ---------------------------------------------------
# Legal holds are set and lifted by quality leads and administrators. The retention schedule's list
# of records due is for them and senior leaders. A subject access export is made by a supervisor of
# the person's team or a quality lead (who must also be able to open the record); its safeguarding
# section only for those with need to know. The access log is downloaded by administrators and
# quality leads. Archiving stays with the team's supervisor (`can_allocate`), and archived records are
# read by the oversight roles (`can_read_history`); each view of one is logged (`log_view`).
HOLD_ROLES = {Role.QUALITY_LEAD, Role.ADMINISTRATOR}
RETENTION_ROLES = {Role.QUALITY_LEAD, Role.SENIOR_LEADER, Role.ADMINISTRATOR}


def can_hold_records(user: Any) -> bool:
    return is_active_staff(user) and user.role in HOLD_ROLES


def can_see_retention(user: Any) -> bool:
    return is_active_staff(user) and user.role in RETENTION_ROLES


def can_export_subject_access(user: Any, person: Any) -> bool:
    if not is_active_staff(user):
        return False
    if user.role == Role.QUALITY_LEAD:
        return True
    return user.role == Role.SUPERVISOR and user.team_id is not None and user.team_id == person.team_id


def can_download_access_log(user: Any) -> bool:
    return is_active_staff(user) and user.role in HOLD_ROLES


# The supervision experience survey asks staff how their supervision feels. Managers (supervisors and
# team managers, quality leads, senior leaders) see its results, counted, for groups of five or more
# only; a supervisor invites their own team, quality leads and senior leaders any team.
STAFF_SURVEY_ROLES = {Role.SUPERVISOR, Role.QUALITY_LEAD, Role.SENIOR_LEADER}


def can_see_staff_survey_results(user: Any) -> bool:
    return is_active_staff(user) and user.role in STAFF_SURVEY_ROLES


def can_manage_staff_surveys(user: Any, team: Any = None) -> bool:
    if not is_active_staff(user) or user.role not in STAFF_SURVEY_ROLES:
        return False
    if user.role == Role.SUPERVISOR and team is not None:
        return user.team_id is not None and user.team_id == team.pk
    return True


# --- Reflective supervision ------------------------------------------------------------------------
# A supervisee is supervised by the supervisor named for them, or else by a supervisor of their team.
# A one-to-one session is the supervisor's and the supervisee's: both see all of it and either adds to
# it. Supervisors of the supervisee's team and quality leads may read a session (to cover, or to audit
# supervision), logged, but never the supervisee's wellbeing notes, which are for the two of them only.
# A case discussion is also part of the person's record: anyone who may see the person reads it there
# (through the gate), again without the wellbeing notes. (`session` is any object with
# `supervisor_id` and `supervisee_id`, and `supervisee` with its `team_id`.)
SUPERVISION_OVERSIGHT_ROLES = {Role.QUALITY_LEAD}


def can_supervise(user: Any, supervisee: Any, named_supervisor_id: int | None = None) -> bool:
    """The supervisor named for this supervisee; with none named, a supervisor of their team."""
    if not (is_active_staff(user) and user.role == Role.SUPERVISOR) or user.pk == supervisee.pk:
        return False
    if named_supervisor_id is not None:
        return named_supervisor_id == user.pk
    return user.team_id is not None and user.team_id == supervisee.team_id


def is_party_to_supervision(user: Any, session: Any) -> bool:
    """The supervisor or the supervisee of this session: the full record, wellbeing notes too."""
    return is_active_staff(user) and user.pk in (session.supervisor_id, session.supervisee_id)


def can_see_supervision(user: Any, session: Any) -> bool:
    if is_party_to_supervision(user, session):
        return True
    if not is_active_staff(user):
        return False
    if user.role in SUPERVISION_OVERSIGHT_ROLES:
        return True
    team_id = session.supervisee.team_id
    return user.role == Role.SUPERVISOR and team_id is not None and user.team_id == team_id


def can_see_supervision_wellbeing(user: Any, session: Any) -> bool:
    return is_party_to_supervision(user, session)


def can_change_supervision(user: Any, session: Any) -> bool:
    return is_party_to_supervision(user, session)


def can_see_supervision_overview(user: Any) -> bool:
    """Who is due or overdue for supervision: supervisors (their supervisees) and quality leads (all)."""
    return is_active_staff(user) and user.role in {Role.SUPERVISOR, Role.QUALITY_LEAD}


def can_finish_supervision_action(user: Any, action: Any, person: Any = None) -> bool:
    """Its owner marks it done; so may anyone who may change the person's record it is about."""
    if not is_active_staff(user):
        return False
    if user.pk == action.owner_id:
        return True
    return person is not None and can_edit(user, person)


def log_supervision_view(*, user: Any, session: Any, path: str = "") -> AccessEvent | None:
    """A view of a supervision record by anyone other than its two parties is logged."""
    if is_party_to_supervision(user, session):
        return None
    return AccessEvent.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(session),
        object_id=session.pk,
        action=AccessEvent.Action.VIEW,
        path=path[:LOGGED_PATH_LENGTH],
    )


# Peer group supervision: a supervisor starts a group; its members and its supervisor see and keep its
# sessions (the case brought is a person the presenter may see), quality leads read them. (`member_ids`
# is the set of the group's members' ids.)
def can_start_peer_group(user: Any) -> bool:
    return is_active_staff(user) and user.role == Role.SUPERVISOR


def can_keep_peer_group(user: Any, member_ids: set, supervisor_id: int) -> bool:
    return is_active_staff(user) and (user.pk in member_ids or user.pk == supervisor_id)


def can_see_peer_group(user: Any, member_ids: set, supervisor_id: int) -> bool:
    if can_keep_peer_group(user, member_ids, supervisor_id):
        return True
    return is_active_staff(user) and user.role in SUPERVISION_OVERSIGHT_ROLES


def can_change_peer_agreement(user: Any, member_ids: set, supervisor_id: int) -> bool:
    """A peer group's agreement and its members are changed by those who agreed them: the group's
    members and its supervisor (never quality leads, who only read the group)."""
    return can_keep_peer_group(user, member_ids, supervisor_id)
