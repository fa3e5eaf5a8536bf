"""Writing support plans: every change in one transaction, through core/records.py, with the access
check on the person as stored, a history row naming who made it, and a version check where two
people could be changing the same thing.

A plan can be changed while it is being written or returned (`rules.editable`). Agreeing it
(`plan_submit`, then `plan_authorise` when a supervisor must sign it off) writes a `PlanVersion`
holding everything in it; changing an agreed plan (`plan_reopen`) starts the next version. Scores
and stages of change are progress, not the plan's content: they can be added at any time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from whatsstrong.assessments import rules as sign_off_rules
from whatsstrong.assessments.models import Assessment
from whatsstrong.core.access import require_edit
from whatsstrong.core.records import add_to_record, save_versioned, stored
from whatsstrong.directory import services as directory_services
from whatsstrong.directory.models import Service
from whatsstrong.people.models import NetworkMember

from . import rules
from .models import (
    ChangeStage,
    Contribution,
    FamilyAction,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)

NOT_EDITABLE = "This plan has been sent for sign-off or agreed. Start changes to write its next version."
PLAN_FIELDS = {
    "good_life",
    "budget",
    "budget_per",
    "managed",
    "managed_by",
    "money_notes",
    "if_carer_unwell",
    "if_things_go_wrong",
    "who_to_call",
    "review_on",
}
OUTCOME_FIELDS = {"text", "wellbeing", "how_we_know", "asks_for_change"}
CONTRIBUTION_FIELDS = {"kind", "network_member", "who", "what", "when", "cost", "cost_per", "from_budget", "service"}
NOT_A_RUNNING_SERVICE = "Choose a service that is running now from the directory"
ONLY_COMMUNITY_NAMES_A_SERVICE = "Only a contribution from community groups and places names a directory service"
AGREEMENT_FIELDS = {"agreed", "agreed_on", "their_wellbeing", "carers_assessment"}
WELLBEING_CODES = tuple("abcdefghi")
NO_HAND_OVER = "A plan starts from a signed-off strengths and wellbeing or carer's assessment of this person"


def _only(data: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"{what} has no {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _plan_locked(actor: Any, person: Any, plan_id: int, *, for_change: bool = True) -> SupportPlan:
    """The plan as stored, locked, once the actor may change this person's record and (for a change
    to its content) the plan is open. Call inside a transaction."""
    require_edit(actor, stored(person))
    plan = SupportPlan.objects.select_for_update().get(pk=plan_id, person_id=person.pk)
    if for_change and not rules.editable(plan.status):
        raise PermissionDenied(NOT_EDITABLE)
    return plan


def _touch(plan: SupportPlan, actor: Any, **fields: Any) -> SupportPlan:
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.version += 1
    plan._history_user = actor
    plan.save()
    return plan


# --- The plan ---------------------------------------------------------------------------------------


def plan_start(*, actor: Any, person: Any, assessment_id: int | None = None) -> SupportPlan:
    """A new plan, from a signed-off fuller assessment's hand-over or standing alone."""
    with transaction.atomic():
        team_id = stored(person).team_id
        assessment = None
        if assessment_id is not None:
            assessment = Assessment.objects.filter(
                pk=assessment_id,
                person_id=person.pk,
                kind__in=sign_off_rules.FULLER_KINDS,
                status=Assessment.Status.AUTHORISED,
            ).first()
            if assessment is None:
                raise ValidationError({"assessment": NO_HAND_OVER})
        return add_to_record(
            SupportPlan, actor=actor, person=person, data={}, author=actor, team_id=team_id, assessment=assessment
        )


def _check_plan(data: dict[str, Any]) -> None:
    problems = {}
    if "budget" in data and (wrong := rules.money_problem(data["budget"])):
        problems["budget"] = wrong
    if data.get("budget_per") not in (None, "", "week", "year"):
        problems["budget_per"] = "Choose a week or a year"
    if data.get("managed") not in (None, "", *SupportPlan.Management.values):
        problems["managed"] = "Choose how the budget is managed"
    if problems:
        raise ValidationError(problems)


def plan_save(
    *, actor: Any, person: Any, plan_id: int, data: dict[str, Any], expected_version: int, draft_key: str | None = None
) -> SupportPlan:
    data = _only(data, PLAN_FIELDS, "A plan")
    _check_plan(data)
    with transaction.atomic():
        _plan_locked(actor, person, plan_id)
        return save_versioned(
            SupportPlan,
            actor=actor,
            record_id=plan_id,
            expected_version=expected_version,
            data=data,
            person=person,
            draft_key=draft_key,
        )


# --- Outcomes and who does what ---------------------------------------------------------------------


def _check_outcome(data: dict[str, Any]) -> None:
    problems = {}
    if "text" in data and not (data["text"] or "").strip():
        problems["text"] = "Enter what they want, in their words"
    wellbeing = data.get("wellbeing", [])
    if not isinstance(wellbeing, list) or any(code not in WELLBEING_CODES for code in wellbeing):
        problems["wellbeing"] = "Choose wellbeing areas from the list"
    if problems:
        raise ValidationError(problems)


def outcome_add(*, actor: Any, person: Any, plan_id: int, data: dict[str, Any], draft_key: str | None = None):
    data = _only(data, OUTCOME_FIELDS, "An outcome")
    data.setdefault("text", "")
    _check_outcome(data)
    data["wellbeing"] = sorted(set(data.get("wellbeing", [])))
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id)
        position = (plan.outcomes.aggregate(most=Max("position"))["most"] or 0) + 1
        outcome = add_to_record(
            PersonalOutcome, actor=actor, person=person, data=data, draft_key=draft_key, plan=plan, position=position
        )
        _touch(plan, actor)
        return outcome


def outcome_save(
    *,
    actor: Any,
    person: Any,
    outcome_id: int,
    data: dict[str, Any],
    expected_version: int,
    draft_key: str | None = None,
):
    data = _only(data, OUTCOME_FIELDS, "An outcome")
    _check_outcome(data)
    if "wellbeing" in data:
        data["wellbeing"] = sorted(set(data["wellbeing"]))
    outcome = PersonalOutcome.objects.get(pk=outcome_id, person_id=person.pk)
    return _save_part(PersonalOutcome, actor, person, outcome, data, expected_version, draft_key)


def _save_part(model: Any, actor: Any, person: Any, part: Any, data: dict, expected_version: int, draft_key):
    """Change a part of a plan (an outcome, who does what) while the plan is open, as the version its
    writer opened; the plan's own version moves on too, so its page and copy know it changed."""
    with transaction.atomic():
        plan = _plan_locked(actor, person, part.plan_id)
        saved = save_versioned(
            model,
            actor=actor,
            record_id=part.pk,
            expected_version=expected_version,
            data=data,
            person=person,
            draft_key=draft_key,
        )
        _touch(plan, actor)
        return saved


def _contribution_data(person: Any, data: dict[str, Any], current: Contribution | None = None) -> dict[str, Any]:
    data = _only(data, CONTRIBUTION_FIELDS, "A contribution")
    merged = {f: getattr(current, f) for f in CONTRIBUTION_FIELDS} if current else {}
    merged.update(data)
    member = merged.get("network_member")
    member_id = member.pk if isinstance(member, NetworkMember) else member
    member_person = None
    if member_id is not None:
        # Asked of the database, never of an object the caller holds: the member must be this person's.
        member_person = NetworkMember.objects.filter(pk=member_id).values_list("person_id", flat=True).first() or -1
    cost = merged.get("cost")
    if cost is not None and not isinstance(cost, Decimal):
        try:
            cost = rules.money(cost)
        except ValueError as error:
            raise ValidationError({"cost": str(error)}) from None
    kind = merged.get("kind")
    if "service" in data:
        if data["service"] not in (None, "") and kind != Contribution.Kind.COMMUNITY:
            raise ValidationError({"service": ONLY_COMMUNITY_NAMES_A_SERVICE})
        data["service"] = _service(data["service"])
        if data["service"] is not None and not (merged.get("who") or "").strip():
            merged["who"] = data["who"] = data["service"].name  # the service is the "who"
    elif current is not None and current.service_id and kind != Contribution.Kind.COMMUNITY:
        data["service"] = None  # the kind changed: the service it named goes with it
    problems = rules.contribution_problems(
        merged.get("kind") or "",
        network_member_person=member_person,
        person=person.pk,
        who=merged.get("who") or "",
        what=merged.get("what") or "",
        cost=cost,
        per=merged.get("cost_per") or "",
    )
    if problems:
        raise ValidationError(problems)
    if "network_member" in data:
        del data["network_member"]
        data["network_member_id"] = member_id
    if "cost" in data:
        data["cost"] = cost
    if merged.get("cost") is None:
        data["cost_per"] = ""
    if merged.get("kind") not in rules.COSTED_KINDS:
        data["from_budget"] = False
    return data


def _service(value: Any) -> Service | None:
    """The directory service a community contribution names: running now, or refused."""
    if value in (None, ""):
        return None
    service_id = getattr(value, "pk", value)
    found = Service.objects.filter(pk=service_id).first() if directory_services.is_uuid(service_id) else None
    if found is None or found.status != "active":
        raise ValidationError({"service": NOT_A_RUNNING_SERVICE})
    return found


def _suggest_named_service(actor: Any, person: Any, data: dict[str, Any], current: Contribution | None) -> None:
    """When a contribution names a service its suggestion does not yet cover, record the suggestion on
    the person's record (marked as from the plan) and keep it with the contribution: saving again with
    the same service adds no second one. Call inside the transaction, after the access check."""
    service = data["service"] if "service" in data else (current.service if current else None)
    if service is None:
        return
    if current is not None and current.signpost_id and current.signpost.service_id == service.pk:
        return
    data["signpost"] = directory_services.signpost_from_plan(
        actor=actor, person=person, service_id=service.pk, why=data.get("what") or (current.what if current else "")
    )


def contribution_add(
    *,
    actor: Any,
    person: Any,
    outcome_id: int,
    data: dict[str, Any],
    family_action: FamilyAction | None = None,
    draft_key: str | None = None,
) -> Contribution:
    data = _contribution_data(person, data)
    with transaction.atomic():
        outcome = PersonalOutcome.objects.get(pk=outcome_id, person_id=person.pk)
        plan = _plan_locked(actor, person, outcome.plan_id)
        _suggest_named_service(actor, person, data, None)
        position = (outcome.contributions.aggregate(most=Max("position"))["most"] or 0) + 1
        made = add_to_record(
            Contribution,
            actor=actor,
            person=person,
            data=data,
            outcome=outcome,
            plan=plan,
            position=position,
            family_action=family_action,
            draft_key=draft_key,
        )
        _touch(plan, actor)
        return made


def contribution_save(
    *,
    actor: Any,
    person: Any,
    contribution_id: int,
    data: dict[str, Any],
    expected_version: int,
    draft_key: str | None = None,
) -> Contribution:
    current = Contribution.objects.select_related("signpost").get(pk=contribution_id, person_id=person.pk)
    data = _contribution_data(person, data, current)
    with transaction.atomic():
        _plan_locked(actor, person, current.plan_id)
        if current.version == expected_version:
            _suggest_named_service(actor, person, data, current)
        return _save_part(Contribution, actor, person, current, data, expected_version, draft_key)


def contribution_remove(*, actor: Any, person: Any, contribution_id: int) -> None:
    with transaction.atomic():
        current = Contribution.objects.get(pk=contribution_id, person_id=person.pk)
        plan = _plan_locked(actor, person, current.plan_id)
        current._history_user = actor
        current.delete()
        _touch(plan, actor)


def relied_on(plan_id: int) -> dict[int, str]:
    """The network members the plan asks something of: id to name, in name order."""
    rows = (
        Contribution.objects.filter(plan_id=plan_id, kind=Contribution.Kind.NETWORK, network_member__isnull=False)
        .values_list("network_member_id", "network_member__name")
        .distinct()
        .order_by("network_member__name")
    )
    return dict(rows)


def agreement_save(
    *,
    actor: Any,
    person: Any,
    plan_id: int,
    network_member_id: int,
    data: dict[str, Any],
    expected_version: int | None = None,
    draft_key: str | None = None,
) -> NetworkAgreement:
    """Whether someone the plan relies on agreed, and how they are; the first save adds it."""
    data = _only(data, AGREEMENT_FIELDS, "An agreement")
    if data.get("agreed") and data.get("agreed_on") is None:
        raise ValidationError({"agreed_on": "Enter the date they agreed"})
    if (day := data.get("agreed_on")) and day > timezone.localdate():
        raise ValidationError({"agreed_on": "The date they agreed must be today or in the past"})
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id)
        if network_member_id not in relied_on(plan.pk):
            raise ValidationError({"network_member": "The plan asks nothing of this person yet"})
        existing = NetworkAgreement.objects.filter(plan=plan, network_member_id=network_member_id).first()
        if existing is None:
            made = add_to_record(
                NetworkAgreement,
                actor=actor,
                person=person,
                data=data,
                plan=plan,
                network_member_id=network_member_id,
                draft_key=draft_key,
            )
        else:
            made = save_versioned(
                NetworkAgreement,
                actor=actor,
                record_id=existing.pk,
                expected_version=expected_version,
                data=data,
                person=person,
                draft_key=draft_key,
            )
        _touch(plan, actor)
        return made


# --- Agreeing the plan, and its versions ------------------------------------------------------------


def totals_of(plan_id: int) -> rules.Totals:
    return rules.totals(Contribution.objects.filter(plan_id=plan_id).values_list("cost", "cost_per", "from_budget"))


def money_problems(plan: SupportPlan) -> list[str]:
    return rules.budget_problems(plan.budget, plan.budget_per, plan.managed, totals_of(plan.pk))


def agreement_problems(plan: SupportPlan) -> list[str]:
    agreements = {
        a.network_member_id: (a.agreed, a.their_wellbeing) for a in NetworkAgreement.objects.filter(plan=plan)
    }
    return rules.agreement_problems(relied_on(plan.pk), agreements)


def sign_off_problems(plan: SupportPlan) -> list[str]:
    outcomes = list(plan.outcomes.all())
    with_parts = set(Contribution.objects.filter(plan=plan).values_list("outcome_id", flat=True))
    return rules.sign_off_problems(
        outcomes=len(outcomes),
        contributions_per_outcome=[1 if o.pk in with_parts else 0 for o in outcomes],
        money=money_problems(plan),
        agreements=agreement_problems(plan),
        review_on_set=plan.review_on is not None,
    )


def snapshot(plan: SupportPlan) -> dict[str, Any]:
    """Everything in the plan as plain JSON: what a version keeps, and what the person's copy reads."""
    members = {m.pk: m for m in NetworkMember.objects.filter(person_id=plan.person_id)}
    agreements = {a.network_member_id: a for a in NetworkAgreement.objects.filter(plan=plan)}
    outcomes = []
    for outcome in plan.outcomes.prefetch_related("contributions", "contributions__service__organisation"):
        parts = []
        for c in sorted(outcome.contributions.all(), key=lambda c: (rules.KIND_ORDER.index(c.kind), c.position, c.pk)):
            member = members.get(c.network_member_id)
            parts.append(
                {
                    "kind": c.kind,
                    "network_member": c.network_member_id,
                    "name": member.name if member else "",
                    "relationship": member.relationship if member else "",
                    "who": c.who,
                    "what": c.what,
                    "when": c.when,
                    "cost": str(c.cost) if c.cost is not None else None,
                    "cost_per": c.cost_per,
                    "from_budget": c.from_budget,
                    "service": _service_shown(c.service) if c.service_id else None,
                }
            )
        outcomes.append(
            {
                "id": outcome.pk,
                "text": outcome.text,
                "wellbeing": outcome.wellbeing,
                "how_we_know": outcome.how_we_know,
                "contributions": parts,
            }
        )
    helpers = [
        {
            "network_member": member_id,
            "name": name,
            "agreed": bool(agreements.get(member_id) and agreements[member_id].agreed),
            "agreed_on": agreements[member_id].agreed_on.isoformat()
            if member_id in agreements and agreements[member_id].agreed_on
            else None,
        }
        for member_id, name in relied_on(plan.pk).items()
    ]
    t = totals_of(plan.pk)
    return {
        "good_life": plan.good_life,
        "outcomes": outcomes,
        "helpers": helpers,
        "budget": str(plan.budget) if plan.budget is not None else None,
        "budget_per": plan.budget_per,
        "managed": plan.managed,
        "managed_by": plan.managed_by,
        "money_notes": plan.money_notes,
        "totals": {
            "week": str(t.week),
            "year": str(t.year),
            "once": str(t.once),
            "from_budget_a_year": str(t.from_budget_a_year),
        },
        "if_carer_unwell": plan.if_carer_unwell,
        "if_things_go_wrong": plan.if_things_go_wrong,
        "who_to_call": plan.who_to_call,
        "review_on": plan.review_on.isoformat() if plan.review_on else None,
    }


def _service_shown(service: Service) -> dict[str, str]:
    """What the plan keeps of a named directory service: its name and how to get in touch."""
    return {
        "name": service.name,
        "organisation": service.organisation.name,
        "phone": service.phone or service.organisation.phone,
        "email": service.email or service.organisation.email,
        "website": service.url or service.organisation.website,
    }


def _step(plan: SupportPlan, actor: Any, action: str, comment: str = "") -> PlanSignOff:
    return PlanSignOff.objects.create(plan=plan, person_id=plan.person_id, actor=actor, action=action, comment=comment)


def _agree(plan: SupportPlan, actor: Any) -> SupportPlan:
    """Write the version and mark the plan agreed; an earlier agreed plan of the person's ends."""
    PlanVersion.objects.create(
        plan=plan,
        person_id=plan.person_id,
        number=plan.edition,
        agreed_at=timezone.now(),
        agreed_by=actor,
        content=snapshot(plan),
    )
    for older in SupportPlan.objects.filter(person_id=plan.person_id, status=SupportPlan.Status.AGREED).exclude(
        pk=plan.pk
    ):
        _touch(older, actor, status=SupportPlan.Status.ENDED)
    return _touch(plan, actor, status=SupportPlan.Status.AGREED)


def plan_submit(*, actor: Any, person: Any, plan_id: int) -> SupportPlan:
    """Agree the plan: its qualified author signs it off; anyone else's goes to a supervisor."""
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id)
        problems = sign_off_problems(plan)
        if problems:
            raise ValidationError(problems)
        route = sign_off_rules.sign_off_route(
            author_id=plan.author_id, actor_id=actor.pk, actor_qualified=bool(actor.qualified)
        )
        if route == sign_off_rules.SELF:
            _step(plan, actor, PlanSignOff.Action.SELF_AUTHORISED)
            return _agree(plan, actor)
        _step(plan, actor, PlanSignOff.Action.SUBMITTED)
        return _touch(plan, actor, status=SupportPlan.Status.AWAITING)


def _decider(actor: Any) -> sign_off_rules.Decider:
    return sign_off_rules.Decider(id=actor.pk, role=actor.role, team_id=actor.team_id, active=actor.is_active)


def decide_problem(actor: Any, person: Any, plan: SupportPlan) -> str | None:
    return sign_off_rules.decide_problem(
        status=plan.status,
        decider=_decider(actor),
        person_team_id=person.team_id,
        author_id=plan.author_id,
        thing="support plan",
    )


def plan_authorise(*, actor: Any, person: Any, plan_id: int, comment: str = "") -> SupportPlan:
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id, for_change=False)
        if problem := decide_problem(actor, stored(person), plan):
            raise PermissionDenied(problem)
        _step(plan, actor, PlanSignOff.Action.AUTHORISED, (comment or "").strip())
        return _agree(plan, actor)


def plan_return(*, actor: Any, person: Any, plan_id: int, comment: str) -> SupportPlan:
    if problem := sign_off_rules.return_problem(comment):
        raise ValidationError({"comment": problem})
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id, for_change=False)
        if problem := decide_problem(actor, stored(person), plan):
            raise PermissionDenied(problem)
        _step(plan, actor, PlanSignOff.Action.RETURNED, comment.strip())
        return _touch(plan, actor, status=SupportPlan.Status.RETURNED)


def plan_reopen(*, actor: Any, person: Any, plan_id: int) -> SupportPlan:
    """Start changing an agreed plan: it becomes the next version, being written. The version agreed
    stays as it was (`PlanVersion`), and the person's copy keeps showing it until the next is agreed."""
    with transaction.atomic():
        plan = _plan_locked(actor, person, plan_id, for_change=False)
        if plan.status != SupportPlan.Status.AGREED:
            raise ValidationError("Only an agreed plan can be changed this way")
        _step(plan, actor, PlanSignOff.Action.REOPENED)
        return _touch(plan, actor, status=SupportPlan.Status.DRAFT, edition=plan.edition + 1)


# --- Progress: scores and stages of change ----------------------------------------------------------


def _check_day(day: Any, field: str) -> None:
    if not isinstance(day, datetime.date):
        raise ValidationError({field: "Enter a date"})
    if day > timezone.localdate():
        raise ValidationError({field: "The date must be today or in the past"})


def score_add(
    *,
    actor: Any,
    person: Any,
    outcome_id: int,
    score: Any,
    scored_on: datetime.date,
    said: str = "",
    review: Assessment | None = None,
) -> OutcomeScore:
    """A scaling score for an outcome; a review gives one per outcome (a second from the same review
    replaces the first)."""
    if problem := rules.scaling_score_problem(score):
        raise ValidationError({"score": problem})
    _check_day(scored_on, "scored_on")
    with transaction.atomic():
        require_edit(actor, stored(person))
        outcome = PersonalOutcome.objects.get(pk=outcome_id, person_id=person.pk)
        if review is not None:
            existing = OutcomeScore.objects.filter(outcome=outcome, review=review).first()
            if existing is not None:
                existing.score, existing.scored_on, existing.said = score, scored_on, (said or "").strip()
                existing._history_user = actor
                existing.save()
                return existing
        return add_to_record(
            OutcomeScore,
            actor=actor,
            person=person,
            data={"score": score, "scored_on": scored_on, "said": (said or "").strip()},
            outcome=outcome,
            recorded_by=actor,
            review=review,
        )


def stage_add(
    *, actor: Any, person: Any, outcome_id: int, stage: str, noted_on: datetime.date, note: str = ""
) -> ChangeStage:
    """Where the person is now in the cycle of change for an outcome; earlier stages are kept."""
    if stage not in rules.STAGES:
        raise ValidationError({"stage": "Choose a stage of change"})
    _check_day(noted_on, "noted_on")
    with transaction.atomic():
        require_edit(actor, stored(person))
        outcome = PersonalOutcome.objects.get(pk=outcome_id, person_id=person.pk)
        if not outcome.asks_for_change:
            raise ValidationError({"stage": "Stages of change are for an outcome that asks for a change"})
        return add_to_record(
            ChangeStage,
            actor=actor,
            person=person,
            data={"stage": stage, "noted_on": noted_on, "note": (note or "").strip()},
            outcome=outcome,
            recorded_by=actor,
        )


# --- Family group conferences ------------------------------------------------------------------------

CONFERENCE_FIELDS = {
    "reason",
    "invited_others",
    "meeting_on",
    "meeting_place",
    "coordinator",
    "stage",
    "information_shared",
    "private_time_note",
    "review_on",
    "plan",
}


def _members(person: Any, ids: list[int]) -> list[int]:
    ids = sorted(set(ids))
    if any(not isinstance(i, int) or isinstance(i, bool) or not 0 < i < 2**63 for i in ids):
        # No record has such a number, and the database would refuse to look for one past 64 bits.
        raise ValidationError({"invited": rules.NOT_THEIR_NETWORK})
    found = list(NetworkMember.objects.filter(person_id=person.pk, pk__in=ids).values_list("pk", flat=True))
    if found != ids:
        raise ValidationError({"invited": rules.NOT_THEIR_NETWORK})
    return ids


def _conference_data(person: Any, data: dict[str, Any]) -> dict[str, Any]:
    data = _only(data, CONFERENCE_FIELDS, "A family group conference")
    if "reason" in data and not data["reason"]:
        raise ValidationError({"reason": "Enter why the person wants a conference"})
    if data.get("stage") not in (None, *FamilyGroupConference.Stage.values):
        raise ValidationError({"stage": "Choose a stage"})
    plan = data.pop("plan", None)
    if plan is not None:
        plan_id = plan.pk if isinstance(plan, SupportPlan) else plan
        if not SupportPlan.objects.filter(pk=plan_id, person_id=person.pk).exists():
            raise ValidationError({"plan": "Choose one of this person's support plans"})
        data["plan_id"] = plan_id
    return data


def conference_add(
    *, actor: Any, person: Any, data: dict[str, Any], invited: list[int] = (), referred_on: datetime.date | None = None
) -> FamilyGroupConference:
    data = _conference_data(person, data)
    data.setdefault("reason", "")
    if not data["reason"]:
        raise ValidationError({"reason": "Enter why the person wants a conference"})
    invited = _members(person, list(invited))
    with transaction.atomic():
        made = add_to_record(
            FamilyGroupConference,
            actor=actor,
            person=person,
            data=data,
            referred_by=actor,
            referred_on=referred_on or timezone.localdate(),
        )
        made.invited.set(invited)
        return made


def conference_save(
    *,
    actor: Any,
    person: Any,
    conference_id: int,
    data: dict[str, Any],
    expected_version: int,
    invited: list[int] | None = None,
) -> FamilyGroupConference:
    data = _conference_data(person, data)
    if invited is not None:
        invited = _members(person, invited)
    with transaction.atomic():
        FamilyGroupConference.objects.get(pk=conference_id, person_id=person.pk)
        made = save_versioned(
            FamilyGroupConference,
            actor=actor,
            record_id=conference_id,
            expected_version=expected_version,
            data=data,
            person=person,
        )
        if invited is not None:
            made.invited.set(invited)
        return made


def family_action_add(*, actor: Any, person: Any, conference_id: int, data: dict[str, Any]) -> FamilyAction:
    data = _only(data, {"network_member", "who", "what", "by_when"}, "A family action")
    member = data.pop("network_member", None)
    member_id = member.pk if isinstance(member, NetworkMember) else member
    problems = {}
    if member_id is not None and not NetworkMember.objects.filter(pk=member_id, person_id=person.pk).exists():
        problems["network_member"] = rules.NOT_THEIR_NETWORK
    if member_id is None and not data.get("who"):
        problems["who"] = "Choose someone from their network, or enter who"
    if not data.get("what"):
        problems["what"] = "Enter what they will do"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        conference = FamilyGroupConference.objects.get(pk=conference_id, person_id=person.pk)
        return add_to_record(
            FamilyAction, actor=actor, person=person, data=data, conference=conference, network_member_id=member_id
        )


def family_action_link(*, actor: Any, person: Any, action_id: int, outcome_id: int) -> Contribution:
    """Put a line of the family action plan into the support plan, under the outcome it serves: it
    becomes a contribution from the person's network (or themselves), marked as from the conference."""
    with transaction.atomic():
        action = FamilyAction.objects.select_for_update().get(pk=action_id, person_id=person.pk)
        outcome = PersonalOutcome.objects.filter(pk=outcome_id, person_id=person.pk).first()
        if outcome is None:
            raise ValidationError({"outcome": "Choose an outcome from this person's support plan"})
        if Contribution.objects.filter(family_action=action).exists():
            raise ValidationError({"outcome": "This action is already in the support plan"})
        if action.network_member_id is not None:
            data = {"kind": "network", "network_member": action.network_member_id}
        else:
            data = {"kind": "community", "who": action.who}
        data.update({"what": action.what, "when": action.by_when})
        made = contribution_add(actor=actor, person=person, outcome_id=outcome.pk, data=data, family_action=action)
        action.outcome = outcome
        action.version += 1
        action._history_user = actor
        action.save()
        return made


# --- Scores from reviews ------------------------------------------------------------------------------


def review_score_withdraw(*, actor: Any, person: Any, outcome_id: int, review: Assessment) -> None:
    """A review's look back at an outcome saved again with no score: the score it gave goes from the
    outcome's history (its history row keeps who took it away, and when)."""
    with transaction.atomic():
        require_edit(actor, stored(person))
        for given in OutcomeScore.objects.filter(outcome_id=outcome_id, person_id=person.pk, review=review):
            given._history_user = actor
            given.delete()
