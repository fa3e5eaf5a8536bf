"""Support plans over JSON: the person opened through the same gate as the pages (core/gate.py), then
one query or service call, so access, history, versions and the plan's rules apply alike.

Money is text in pounds and pence ("125.50") both ways (see schemas.py)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import ValidationError

from whatsstrong.core.api_schemas import ErrorOut, ValidationErrorOut
from whatsstrong.core.gate import open_person
from whatsstrong.core.models import User

from . import queries, rules, services
from .models import (
    ChangeStage,
    Contribution,
    FamilyAction,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanVersion,
    SupportPlan,
)
from .schemas import (
    ActionCreate,
    ActionOut,
    AgreementIn,
    ConferenceCreate,
    ConferenceOut,
    ConferencePatch,
    ContributionCreate,
    ContributionOut,
    ContributionPatch,
    HelperOut,
    LinkIn,
    OutcomeCreate,
    OutcomeOut,
    OutcomePatch,
    PlanConflictOut,
    PlanCreate,
    PlanOut,
    PlanPatch,
    PlanSummaryOut,
    ScoreIn,
    ScoreOut,
    SignOffIn,
    StageIn,
    StageOut,
    VersionOut,
    VersionSummaryOut,
)

router = Router()

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 409: PlanConflictOut}
PLAN = "/{person_id}/plans/{plan_id}"
OUTCOME = PLAN + "/outcomes/{outcome_id}"
CONFERENCE = "/{person_id}/family-conferences/{conference_id}"
# The services name a few fields as the models do; the API names them as a client sends them.
AS_SENT = {
    "network_member": "network_member_id",
    "plan": "plan_id",
    "assessment": "assessment_id",
    "outcome": "outcome_id",
    "service": "service_id",
}


def _open(request, pk, *, for_edit=False):
    return open_person(request.auth, pk, path=request.path, for_edit=for_edit)


def _refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 422 naming each field, in the words the pages use."""
    if hasattr(error, "error_dict"):
        items = [(AS_SENT.get(f, f), m) for f, messages in error.message_dict.items() for m in messages]
    else:
        items = [("body", message) for message in error.messages]
    return ValidationError([{"loc": ("body", "payload", field), "msg": msg, "type": "invalid"} for field, msg in items])


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise _refused(error) from None


def _found(queryset, **lookups):
    """get_object_or_404, where a record number no database column can hold is simply not found
    (a foreign key lookup would otherwise fail on SQLite)."""
    if any(isinstance(v, int) and not 0 < v < 2**63 for v in lookups.values()):
        raise Http404("Not found.")
    return get_object_or_404(queryset, **lookups)


def _plan(person, plan_id):
    return _found(SupportPlan.objects.select_related("author"), pk=plan_id, person=person)


def _outcome(person, plan_id, outcome_id):
    return _found(PersonalOutcome, pk=outcome_id, plan_id=plan_id, person=person)


def _amount(value):
    return None if value is None else str(value.quantize(rules.PENNY))


def _sent(data, money=()):
    """A body's fields as the services take them: money as Decimal, ids under the services' names."""
    for name in money:
        if data.get(name) is not None:
            data[name] = Decimal(data[name])
    for service_name, sent_name in AS_SENT.items():
        if sent_name in data:
            data[service_name] = data.pop(sent_name)
    return data


# --- Output -----------------------------------------------------------------------------------------


def _ref(user):
    return {"id": user.pk, "display_name": user.display_name}


def _summary(p):
    fields = ("id", "status", "edition", "started_at", "updated_at", "review_on", "version", "assessment_id")
    return {
        **{name: getattr(p, name) for name in fields},
        "status_label": p.get_status_display(),
        "author": _ref(p.author),
    }


def _contribution(c):
    member = c.network_member
    return {
        "id": c.pk,
        "outcome_id": c.outcome_id,
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "network_member_id": c.network_member_id,
        "name": member.name if member else "",
        "relationship": member.relationship if member else "",
        "who": c.who,
        "what": c.what,
        "when": c.when,
        "cost": _amount(c.cost),
        "cost_per": c.cost_per,
        "from_budget": c.from_budget,
        "family_action_id": c.family_action_id,
        "service_id": str(c.service_id) if c.service_id else None,
        "service_name": c.service.name if c.service_id else "",
        "version": c.version,
    }


def _score(s, users):
    fields = ("id", "outcome_id", "score", "scored_on", "said", "review_id")
    return {**{name: getattr(s, name) for name in fields}, "recorded_by": _ref(users[s.recorded_by_id])}


def _stage(s, users):
    fields = ("id", "outcome_id", "stage", "noted_on", "note")
    return {
        **{name: getattr(s, name) for name in fields},
        "stage_label": s.get_stage_display(),
        "recorded_by": _ref(users[s.recorded_by_id]),
    }


def _helper(member_id, name, relied, agreement):
    return {
        "network_member_id": member_id,
        "name": name,
        "relied_on": relied,
        "agreed": bool(agreement and agreement.agreed),
        "agreed_on": agreement.agreed_on if agreement else None,
        "their_wellbeing": agreement.their_wellbeing if agreement else "",
        "carers_assessment": bool(agreement and agreement.carers_assessment),
        "version": agreement.version if agreement else None,
    }


def _helpers(plan, relied_on, agreements):
    rows = [_helper(mid, name, True, agreements.get(mid)) for mid, name in relied_on.items()]
    others = [a for mid, a in agreements.items() if mid not in relied_on]
    if others:
        names = dict(
            NetworkAgreement.objects.filter(pk__in=[a.pk for a in others]).values_list("pk", "network_member__name")
        )
        rows += [_helper(a.network_member_id, names[a.pk], False, a) for a in others]
    return rows


def _full(plan):
    view = queries.plan_view(plan)
    stages = list(ChangeStage.objects.filter(outcome__plan=plan))
    scores = [s for ov in view.outcomes for s in ov.scores]
    users = User.objects.in_bulk({s.recorded_by_id for s in scores + stages} | {s.actor_id for s in view.steps})
    by_outcome = {}
    for s in stages:
        by_outcome.setdefault(s.outcome_id, []).append(_stage(s, users))
    outcomes = []
    for ov in view.outcomes:
        o = ov.outcome
        outcomes.append(
            {
                **{f: getattr(o, f) for f in ("id", "text", "wellbeing", "how_we_know", "asks_for_change", "position")},
                "version": o.version,
                "contributions": [_contribution(c) for _, _, parts in ov.groups for c in parts],
                "scores": [_score(s, users) for s in ov.scores],
                "stages": by_outcome.get(o.pk, []),
            }
        )
    t = view.totals
    texts = ("good_life", "budget_per", "managed", "managed_by", "money_notes")
    texts += ("if_carer_unwell", "if_things_go_wrong", "who_to_call")
    return {
        **_summary(plan),
        **{name: getattr(plan, name) for name in texts},
        "budget": _amount(plan.budget),
        "managed_label": plan.get_managed_display() if plan.managed else "",
        "outcomes": outcomes,
        # Every agreement recorded, including any from someone the plan no longer asks anything of.
        "helpers": _helpers(plan, view.relied_on, {a.network_member_id: a for a in plan.agreements.all()}),
        "totals": {
            name: _amount(getattr(t, name))
            for name in ("week", "year", "once", "from_budget_a_year", "other_a_year", "a_year")
        },
        "sign_offs": [
            {"action": s.action, "label": s.get_action_display(), "by": _ref(s.actor), "at": s.at, "comment": s.comment}
            for s in view.steps
        ],
        "to_agree": services.sign_off_problems(plan) if rules.editable(plan.status) else [],
    }


def _fresh(person, plan_id):
    return _full(_plan(person, plan_id))


# --- Plans ------------------------------------------------------------------------------------------


@router.get("/{person_id}/plans", response={200: list[PlanSummaryOut], **READ_ERRORS}, summary="A person's plans")
def list_plans(request, person_id: int):
    person = _open(request, person_id)
    return [_summary(p) for p in queries.plans_of(person.pk)]


@router.post(
    "/{person_id}/plans",
    response={201: PlanOut, **WRITE_ERRORS},
    summary="Start a support plan, from a signed-off assessment or standing alone",
)
def create_plan(request, person_id: int, payload: PlanCreate):
    person = _open(request, person_id, for_edit=True)
    made = _call(services.plan_start, actor=request.auth, person=person, assessment_id=payload.assessment_id)
    return Status(201, _fresh(person, made.pk))


@router.get(
    PLAN,
    response={200: PlanOut, **READ_ERRORS},
    summary="Read a plan: outcomes, who does what, scores, stages, agreements, money and sign-off",
)
def get_plan(request, person_id: int, plan_id: int):
    person = _open(request, person_id)
    return _full(_plan(person, plan_id))


@router.patch(
    PLAN,
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Change a plan being written: a good life, money, contingency and review date",
    description="Only the fields sent change. Send the plan's `version` as read. An agreed plan is changed by "
    "reopening it first.",
)
def update_plan(request, person_id: int, plan_id: int, payload: PlanPatch):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    data = _sent(payload.model_dump(exclude_unset=True, exclude={"version"}), money=("budget",))
    _call(
        services.plan_save,
        actor=request.auth,
        person=person,
        plan_id=plan_id,
        data=data,
        expected_version=payload.version,
    )
    return _fresh(person, plan_id)


@router.post(
    PLAN + "/submit",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Agree the plan: its qualified author signs it off; anyone else's goes to a supervisor",
    description="Refused with 422 listing what is missing (see `to_agree` on the plan).",
)
def submit_plan(request, person_id: int, plan_id: int):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    _call(services.plan_submit, actor=request.auth, person=person, plan_id=plan_id)
    return _fresh(person, plan_id)


@router.post(
    PLAN + "/decision",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="A supervisor of the person's team agrees a plan sent for sign-off, or returns it with comments",
)
def decide_plan(request, person_id: int, plan_id: int, payload: SignOffIn):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    service = services.plan_authorise if payload.decision == "agree" else services.plan_return
    _call(service, actor=request.auth, person=person, plan_id=plan_id, comment=payload.comment)
    return _fresh(person, plan_id)


@router.post(
    PLAN + "/reopen",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Start changing an agreed plan: it becomes its next version, being written",
)
def reopen_plan(request, person_id: int, plan_id: int):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    _call(services.plan_reopen, actor=request.auth, person=person, plan_id=plan_id)
    return _fresh(person, plan_id)


def _version(v):
    return {"number": v.number, "agreed_at": v.agreed_at, "agreed_by": _ref(v.agreed_by)}


@router.get(
    PLAN + "/versions",
    response={200: list[VersionSummaryOut], **READ_ERRORS},
    summary="The plan's agreed versions, first first",
)
def list_versions(request, person_id: int, plan_id: int):
    plan = _plan(_open(request, person_id), plan_id)
    return [_version(v) for v in PlanVersion.objects.filter(plan=plan).select_related("agreed_by")]


@router.get(
    PLAN + "/versions/{number}",
    response={200: VersionOut, **READ_ERRORS},
    summary="One agreed version of the plan, as it was agreed",
)
def get_version(request, person_id: int, plan_id: int, number: int):
    plan = _plan(_open(request, person_id), plan_id)
    found = _found(PlanVersion.objects.select_related("agreed_by"), plan=plan, number=number)
    return {**_version(found), "content": found.content}


# --- Outcomes and who does what ---------------------------------------------------------------------


def _outcome_out(person, plan_id, outcome_id):
    plan = _fresh(person, plan_id)
    return next(o for o in plan["outcomes"] if o["id"] == outcome_id)


@router.get(
    PLAN + "/outcomes",
    response={200: list[OutcomeOut], **READ_ERRORS},
    summary="A plan's outcomes, with who does what, scores and stages of change",
)
def list_outcomes(request, person_id: int, plan_id: int):
    return _full(_plan(_open(request, person_id), plan_id))["outcomes"]


@router.post(
    PLAN + "/outcomes",
    response={201: OutcomeOut, **WRITE_ERRORS},
    summary="Add a personal outcome, in the person's own words",
)
def create_outcome(request, person_id: int, plan_id: int, payload: OutcomeCreate):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    made = _call(services.outcome_add, actor=request.auth, person=person, plan_id=plan_id, data=payload.model_dump())
    return Status(201, _outcome_out(person, plan_id, made.pk))


@router.patch(
    OUTCOME,
    response={200: OutcomeOut, **WRITE_ERRORS},
    summary="Change a personal outcome (send its `version`)",
)
def update_outcome(request, person_id: int, plan_id: int, outcome_id: int, payload: OutcomePatch):
    person = _open(request, person_id, for_edit=True)
    _outcome(person, plan_id, outcome_id)
    _call(
        services.outcome_save,
        actor=request.auth,
        person=person,
        outcome_id=outcome_id,
        data=payload.model_dump(exclude_unset=True, exclude={"version"}),
        expected_version=payload.version,
    )
    return _outcome_out(person, plan_id, outcome_id)


def _contribution_out(pk):
    return _contribution(Contribution.objects.select_related("network_member", "service").get(pk=pk))


@router.post(
    OUTCOME + "/contributions",
    response={201: ContributionOut, **WRITE_ERRORS},
    summary="Say who or what helps with an outcome",
    description="kind network names someone from this person's own network by `network_member_id`; community, "
    "technology, equipment and paid support say `who`, and may have a `cost` in pounds and pence as text.",
)
def create_contribution(request, person_id: int, plan_id: int, outcome_id: int, payload: ContributionCreate):
    person = _open(request, person_id, for_edit=True)
    _outcome(person, plan_id, outcome_id)
    data = _sent(payload.model_dump(), money=("cost",))
    made = _call(services.contribution_add, actor=request.auth, person=person, outcome_id=outcome_id, data=data)
    return Status(201, _contribution_out(made.pk))


@router.patch(
    PLAN + "/contributions/{contribution_id}",
    response={200: ContributionOut, **WRITE_ERRORS},
    summary="Change who or what helps (send its `version`)",
)
def update_contribution(request, person_id: int, plan_id: int, contribution_id: int, payload: ContributionPatch):
    person = _open(request, person_id, for_edit=True)
    _found(Contribution, pk=contribution_id, plan_id=plan_id, person=person)
    data = _sent(payload.model_dump(exclude_unset=True, exclude={"version"}), money=("cost",))
    _call(
        services.contribution_save,
        actor=request.auth,
        person=person,
        contribution_id=contribution_id,
        data=data,
        expected_version=payload.version,
    )
    return _contribution_out(contribution_id)


@router.delete(
    PLAN + "/contributions/{contribution_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Take a contribution out of a plan being written",
)
def delete_contribution(request, person_id: int, plan_id: int, contribution_id: int):
    person = _open(request, person_id, for_edit=True)
    _found(Contribution, pk=contribution_id, plan_id=plan_id, person=person)
    _call(services.contribution_remove, actor=request.auth, person=person, contribution_id=contribution_id)
    return Status(204, None)


# --- Agreements of the people the plan relies on ------------------------------------------------------


@router.get(
    PLAN + "/agreements",
    response={200: list[HelperOut], **READ_ERRORS},
    summary="People from the network the plan relies on: whether they agreed, and how they are",
)
def list_agreements(request, person_id: int, plan_id: int):
    plan = _plan(_open(request, person_id), plan_id)
    agreements = {a.network_member_id: a for a in NetworkAgreement.objects.filter(plan=plan)}
    return _helpers(plan, services.relied_on(plan.pk), agreements)


@router.put(
    PLAN + "/agreements/{member_id}",
    response={200: HelperOut, **WRITE_ERRORS},
    summary="Record whether someone the plan relies on agreed, with a note on their own wellbeing",
    description="`member_id` is a network member the plan asks something of. Send the agreement's `version` when "
    "changing one already recorded.",
)
def put_agreement(request, person_id: int, plan_id: int, member_id: int, payload: AgreementIn):
    person = _open(request, person_id, for_edit=True)
    _plan(person, plan_id)
    made = _call(
        services.agreement_save,
        actor=request.auth,
        person=person,
        plan_id=plan_id,
        network_member_id=member_id,
        data=payload.model_dump(exclude={"version"}),
        expected_version=payload.version,
    )
    return _helper(member_id, made.network_member.name, True, made)


# --- Progress: scores and stages of change ----------------------------------------------------------


@router.get(OUTCOME + "/scores", response={200: list[ScoreOut], **READ_ERRORS}, summary="An outcome's scores")
def list_scores(request, person_id: int, plan_id: int, outcome_id: int):
    outcome = _outcome(_open(request, person_id), plan_id, outcome_id)
    found = list(OutcomeScore.objects.filter(outcome=outcome))
    users = User.objects.in_bulk({s.recorded_by_id for s in found})
    return [_score(s, users) for s in found]


@router.post(
    OUTCOME + "/scores",
    response={201: ScoreOut, **WRITE_ERRORS},
    summary="Add a scaling score, 1 to 10, given by the person",
    description="Scores are progress, not the plan's content: they can be added to an agreed plan.",
)
def create_score(request, person_id: int, plan_id: int, outcome_id: int, payload: ScoreIn):
    person = _open(request, person_id, for_edit=True)
    _outcome(person, plan_id, outcome_id)
    made = _call(
        services.score_add,
        actor=request.auth,
        person=person,
        outcome_id=outcome_id,
        score=payload.score,
        scored_on=payload.scored_on or datetime.date.today(),
        said=payload.said,
    )
    return Status(201, _score(made, {request.auth.pk: request.auth}))


@router.get(
    OUTCOME + "/stages",
    response={200: list[StageOut], **READ_ERRORS},
    summary="An outcome's stages of change, oldest first",
)
def list_stages(request, person_id: int, plan_id: int, outcome_id: int):
    outcome = _outcome(_open(request, person_id), plan_id, outcome_id)
    found = list(ChangeStage.objects.filter(outcome=outcome))
    users = User.objects.in_bulk({s.recorded_by_id for s in found})
    return [_stage(s, users) for s in found]


@router.post(
    OUTCOME + "/stages",
    response={201: StageOut, **WRITE_ERRORS},
    summary="Record where the person is now in the cycle of change, for an outcome that asks for change",
)
def create_stage(request, person_id: int, plan_id: int, outcome_id: int, payload: StageIn):
    person = _open(request, person_id, for_edit=True)
    _outcome(person, plan_id, outcome_id)
    made = _call(
        services.stage_add,
        actor=request.auth,
        person=person,
        outcome_id=outcome_id,
        stage=payload.stage,
        noted_on=payload.noted_on or datetime.date.today(),
        note=payload.note,
    )
    return Status(201, _stage(made, {request.auth.pk: request.auth}))


# --- Family group conferences -----------------------------------------------------------------------


def _action(a):
    contribution = getattr(a, "contribution", None)
    member = a.network_member
    return {
        **{f: getattr(a, f) for f in ("id", "network_member_id", "who", "what", "by_when", "outcome_id", "version")},
        "name": member.name if member else "",
        "contribution_id": contribution.pk if contribution else None,
    }


def _conference(c):
    fields = ("id", "plan_id", "referred_on", "reason", "invited_others", "meeting_on", "meeting_place")
    fields += ("coordinator", "stage", "information_shared", "private_time_note", "review_on", "version")
    return {
        **{f: getattr(c, f) for f in fields},
        "stage_label": c.get_stage_display(),
        "referred_by": _ref(c.referred_by),
        "invited": [{"id": m.pk, "name": m.name, "relationship": m.relationship} for m in c.invited.all()],
        "actions": [_action(a) for a in c.actions.select_related("network_member", "contribution")],
    }


def _conference_out(person, pk):
    return _conference(_found(FamilyGroupConference.objects.select_related("referred_by"), pk=pk, person=person))


@router.get(
    "/{person_id}/family-conferences",
    response={200: list[ConferenceOut], **READ_ERRORS},
    summary="A person's family group conferences, newest first",
)
def list_conferences(request, person_id: int):
    person = _open(request, person_id)
    found = FamilyGroupConference.objects.filter(person=person).select_related("referred_by")
    return [_conference(c) for c in found.prefetch_related("invited")]


@router.post(
    "/{person_id}/family-conferences",
    response={201: ConferenceOut, **WRITE_ERRORS},
    summary="Refer for a family group conference, naming who the person wants there",
)
def create_conference(request, person_id: int, payload: ConferenceCreate):
    person = _open(request, person_id, for_edit=True)
    data = _sent(payload.model_dump(exclude={"invited", "referred_on"}))
    made = _call(
        services.conference_add,
        actor=request.auth,
        person=person,
        data=data,
        invited=payload.invited,
        referred_on=payload.referred_on,
    )
    return Status(201, _conference_out(person, made.pk))


@router.get(
    CONFERENCE,
    response={200: ConferenceOut, **READ_ERRORS},
    summary="Read a family group conference and its family action plan",
)
def get_conference(request, person_id: int, conference_id: int):
    return _conference_out(_open(request, person_id), conference_id)


@router.patch(
    CONFERENCE,
    response={200: ConferenceOut, **WRITE_ERRORS},
    summary="Change a family group conference: its stage, meeting, notes and review date (send its `version`)",
)
def update_conference(request, person_id: int, conference_id: int, payload: ConferencePatch):
    person = _open(request, person_id, for_edit=True)
    _found(FamilyGroupConference, pk=conference_id, person=person)
    data = _sent(payload.model_dump(exclude_unset=True, exclude={"version", "invited"}))
    _call(
        services.conference_save,
        actor=request.auth,
        person=person,
        conference_id=conference_id,
        data=data,
        expected_version=payload.version,
        invited=payload.invited if "invited" in payload.model_fields_set else None,
    )
    return _conference_out(person, conference_id)


@router.post(
    CONFERENCE + "/actions",
    response={201: ActionOut, **WRITE_ERRORS},
    summary="Add a line of the family action plan: who does what, by when",
)
def create_action(request, person_id: int, conference_id: int, payload: ActionCreate):
    person = _open(request, person_id, for_edit=True)
    _found(FamilyGroupConference, pk=conference_id, person=person)
    made = _call(
        services.family_action_add,
        actor=request.auth,
        person=person,
        conference_id=conference_id,
        data=_sent(payload.model_dump()),
    )
    return Status(201, _action(FamilyAction.objects.select_related("network_member").get(pk=made.pk)))


@router.put(
    CONFERENCE + "/actions/{action_id}/outcome",
    response={200: ActionOut, **WRITE_ERRORS},
    summary="Link a line of the family action plan into the support plan, under the outcome it serves",
    description="It becomes a contribution of that outcome (from the named network member, or the community), "
    "so the plan being written must be open to change.",
)
def link_action(request, person_id: int, conference_id: int, action_id: int, payload: LinkIn):
    person = _open(request, person_id, for_edit=True)
    _found(FamilyAction, pk=action_id, conference_id=conference_id, person=person)
    _call(
        services.family_action_link,
        actor=request.auth,
        person=person,
        action_id=action_id,
        outcome_id=payload.outcome_id,
    )
    return _action(FamilyAction.objects.select_related("network_member", "contribution").get(pk=action_id))
