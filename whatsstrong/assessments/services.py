"""Writing assessments: every change in one transaction, through core/records.py, with the access
check on the person as stored, a history row naming who made it, and a version check where two
people could be editing the same text.

An assessment can be changed while it is in progress or returned (`rules.editable`); once sent for
sign-off it waits for a supervisor, and once signed off it is kept as it is.

The eligibility decision is whatsstrong.eligibility's, on the facts recorded (`eligibility_decide`).

A review looks back at the latest signed-off fuller assessment (`review_look_save`), ends with a
result (`review_result_save`), and signing it off sets the person's next review date, or clears it
on closing; signing off a fuller assessment sets the first one (people.services.review_schedule).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import look_backs
from whatsstrong.core.access import require_edit
from whatsstrong.core.drafts import discard_draft
from whatsstrong.core.records import add_to_record, save_versioned, stored
from whatsstrong.eligibility import CaseError, Decision, Occasion, decide_adult, decide_carer
from whatsstrong.people.models import Asset
from whatsstrong.people.services import asset_save, review_schedule

from . import documents, rules
from .models import (
    Assessment,
    AssessmentStrength,
    Conversation,
    EligibilityDecision,
    ReviewLook,
    SectionText,
    SignOff,
    WellbeingArea,
)

NOT_EDITABLE = "This assessment has been sent for sign-off or signed off, so it can no longer be changed."
CONVERSATION_FIELDS = (
    "happened_on",
    "place",
    "present",
    "communication",
    "advocate",
    "advocate_name",
    "interpreter",
    "interpreter_language",
    "text",
)
WRITTEN_FIELDS = {"analysis", "hand_over", "offered"}


def _locked(actor: Any, person: Any, assessment_id: int, *, for_change: bool = True) -> Assessment:
    """The assessment as stored, locked, after checking the actor may change this person's record
    and (for a change) that the assessment is still open. Call inside a transaction."""
    require_edit(actor, stored(person))
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id, person_id=person.pk)
    if for_change and not rules.editable(assessment.status):
        raise PermissionDenied(NOT_EDITABLE)
    return assessment


def _bump(assessment: Assessment, actor: Any, **fields: Any) -> Assessment:
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.version += 1
    assessment._history_user = actor
    assessment.save()
    return assessment


def _add_or_save(
    model: Any,
    *,
    actor: Any,
    person: Any,
    existing: Any,
    data: dict[str, Any],
    expected_version: int | None,
    draft_key: str | None,
    **fixed: Any,
) -> Any:
    """A part of an assessment written for the first time (a section, a wellbeing area, a review's
    look back) is added; after that each save must carry the version its writer opened."""
    if existing is None:
        return add_to_record(model, actor=actor, person=person, data=data, draft_key=draft_key, **fixed)
    return save_versioned(
        model,
        actor=actor,
        record_id=existing.pk,
        expected_version=expected_version,
        data=data,
        person=person,
        draft_key=draft_key,
    )


def assessment_start(*, actor: Any, person: Any, kind: str) -> Assessment:
    if kind not in Assessment.Kind.values:
        raise ValidationError({"kind": "Choose the kind of assessment"})
    with transaction.atomic():
        team_id = stored(person).team_id
        reviewed = None
        if kind == rules.REVIEW:
            reviewed = last_signed_off(person.pk)
            if reviewed is None:
                raise ValidationError({"kind": NOTHING_TO_REVIEW})
        return add_to_record(
            Assessment,
            actor=actor,
            person=person,
            data={"kind": kind},
            author=actor,
            team_id=team_id,
            reviewed=reviewed,
        )


NOTHING_TO_REVIEW = (
    "A review looks back at a signed-off strengths and wellbeing or carer's assessment, and this person has none yet"
)


def last_signed_off(person_id: int) -> Assessment | None:
    """The fuller assessment a new review looks back at: the latest signed off."""
    return (
        Assessment.objects.filter(person_id=person_id, kind__in=rules.FULLER_KINDS, status=Assessment.Status.AUTHORISED)
        .order_by("-started_at", "-pk")
        .first()
    )


def _check_conversation(data: dict[str, Any]) -> None:
    problems = rules.conversation_problems(
        happened_on=data.get("happened_on"),
        today=timezone.localdate(),
        text=data.get("text") or "",
        advocate=bool(data.get("advocate")),
        advocate_name=data.get("advocate_name") or "",
        interpreter=bool(data.get("interpreter")),
        interpreter_language=data.get("interpreter_language") or "",
    )
    if problems:
        raise ValidationError(problems)


def _conversation_data(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(CONVERSATION_FIELDS)
    if unknown:
        raise ValidationError(f"A conversation has no {', '.join(sorted(unknown))}")
    clean = {name: data.get(name) for name in CONVERSATION_FIELDS if name in data}
    for name in ("place", "present", "communication", "advocate_name", "interpreter_language", "text"):
        if name in clean:
            clean[name] = (clean[name] or "").strip()
    # A name or language kept after saying no one took part would say the opposite of the answer.
    if "advocate" in clean and not clean["advocate"]:
        clean["advocate_name"] = ""
    if "interpreter" in clean and not clean["interpreter"]:
        clean["interpreter_language"] = ""
    return clean


def conversation_add(
    *, actor: Any, person: Any, assessment_id: int, data: dict[str, Any], draft_key: str | None = None
) -> Conversation:
    data = _conversation_data(data)
    _check_conversation(data)
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        return add_to_record(
            Conversation,
            actor=actor,
            person=person,
            data=data,
            draft_key=draft_key,
            assessment=assessment,
            author=actor,
        )


def conversation_change(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    conversation_id: int,
    expected_version: int | None,
    data: dict[str, Any],
    draft_key: str | None = None,
) -> Conversation:
    data = _conversation_data(data)
    with transaction.atomic():
        _locked(actor, person, assessment_id)
        current = Conversation.objects.get(pk=conversation_id, assessment_id=assessment_id)
        _check_conversation({**{f: getattr(current, f) for f in CONVERSATION_FIELDS}, **data})
        return save_versioned(
            Conversation,
            actor=actor,
            record_id=current.pk,
            expected_version=expected_version,
            data=data,
            person=person,
            draft_key=draft_key,
        )


def section_save(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    key: str,
    text: str,
    expected_version: int | None,
    draft_key: str | None = None,
) -> SectionText:
    """Keep what was written in one section. A section written for the first time is added; after
    that each save must carry the version its writer opened."""
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if documents.section(assessment.kind, key) is None:
            raise ValidationError(f"A {assessment.get_kind_display().lower()} has no section {key!r}")
        existing = SectionText.objects.filter(assessment=assessment, key=key).first()
        return _add_or_save(
            SectionText,
            actor=actor,
            person=person,
            existing=existing,
            data={"text": text},
            expected_version=expected_version,
            draft_key=draft_key,
            assessment=assessment,
            key=key,
        )


def assessment_write(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    expected_version: int | None,
    data: dict[str, Any],
    draft_key: str | None = None,
) -> Assessment:
    """The practitioner's analysis, the hand-over to the support plan, and for a contact what was offered."""
    unknown = set(data) - WRITTEN_FIELDS
    if unknown:
        raise ValidationError(f"These cannot be written here: {', '.join(sorted(unknown))}")
    if data.get("offered") and data["offered"] not in Assessment.Offered.values:
        raise ValidationError({"offered": "Choose what was offered"})
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if "hand_over" in data and not documents.document(assessment.kind)["hand_over"]:
            raise ValidationError("A contact assessment has no hand-over to a support plan")
        return save_versioned(
            Assessment,
            actor=actor,
            record_id=assessment_id,
            expected_version=expected_version,
            data=data,
            person=person,
            draft_key=draft_key,
        )


def wellbeing_save(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    code: str,
    data: dict[str, Any],
    expected_version: int | None,
    draft_key: str | None = None,
) -> WellbeingArea:
    if code not in rules.WELLBEING_CODES:
        raise ValidationError("There is no wellbeing area with this code")
    data = {name: (data.get(name) or "").strip() for name in ("said", "working", "matters")}
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if not documents.document(assessment.kind)["wellbeing"]:
            raise ValidationError("A contact assessment does not go through the wellbeing areas")
        existing = WellbeingArea.objects.filter(assessment=assessment, code=code).first()
        return _add_or_save(
            WellbeingArea,
            actor=actor,
            person=person,
            existing=existing,
            data=data,
            expected_version=expected_version,
            draft_key=draft_key,
            assessment=assessment,
            code=code,
        )


def wellbeing_rank(*, actor: Any, person: Any, assessment_id: int, ranks: dict[str, int | None]) -> None:
    """The person's own order of priority across the areas; an area left out is not ranked."""
    problems = rules.rank_problems(ranks)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if not documents.document(assessment.kind)["wellbeing"]:
            raise ValidationError("A contact assessment does not go through the wellbeing areas")
        rows = {row.code: row for row in WellbeingArea.objects.select_for_update().filter(assessment=assessment)}
        for code in rules.WELLBEING_CODES:
            rank = ranks.get(code)
            row = rows.get(code)
            if row is None and rank is None:
                continue
            if row is None:
                row = WellbeingArea(assessment=assessment, person=person, code=code)
            elif row.rank == rank:
                continue
            else:
                row.version += 1
            row.rank = rank
            row._history_user = actor
            row.save()


def strengths_link(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    asset_ids: list[int],
    new: list[tuple[str, str]] = (),
) -> list[Asset]:
    """Link the ticked strengths of the person's to the assessment (and unlink the rest), and add the
    new ones to the person's record. A new strength that is already recorded, at the same level and in
    the same words (whatever the case and spacing), is linked, not added again. Returns the linked."""
    levels = set(Asset.Level.values)
    for level, description in new:
        if level not in levels:
            raise ValidationError("Choose the level of each new strength")
        if not description.strip():
            raise ValidationError("Describe each new strength")
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        theirs = {asset.pk: asset for asset in Asset.objects.filter(person_id=person.pk)}
        unknown = set(asset_ids) - set(theirs)
        if unknown:
            raise ValidationError("Choose strengths from this person's record")
        chosen = {pk: theirs[pk] for pk in asset_ids}
        by_key = {rules.new_strength_key(a.level, a.description): a for a in theirs.values()}
        for level, description in new:
            key = rules.new_strength_key(level, description)
            if key not in by_key:
                by_key[key] = asset_save(
                    actor=actor,
                    person=person,
                    data={
                        "level": level,
                        "description": " ".join(description.split()),
                        "network_member": None,
                        "in_their_words": False,
                    },
                )
            chosen[by_key[key].pk] = by_key[key]
        links = {link.asset_id: link for link in AssessmentStrength.objects.filter(assessment=assessment)}
        for asset_id, link in links.items():
            if asset_id not in chosen:
                link._history_user = actor
                link.delete()
        for asset_id in chosen:
            if asset_id not in links:
                link = AssessmentStrength(assessment=assessment, asset_id=asset_id, person_id=person.pk)
                link._history_user = actor
                link.save()
        _bump(assessment, actor)
    return sorted(chosen.values(), key=lambda a: (a.level, a.pk))


# --- Sign-off ---------------------------------------------------------------------------------------


def _sign_off(assessment: Assessment, actor: Any, action: str, comment: str = "") -> SignOff:
    return SignOff.objects.create(
        assessment=assessment, person_id=assessment.person_id, actor=actor, action=action, comment=comment
    )


def assessment_submit(*, actor: Any, person: Any, assessment_id: int) -> Assessment:
    """Finish the assessment: a qualified practitioner signs off their own; anyone else's goes to a
    supervisor of the person's team."""
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id, for_change=False)
        problems = rules.submit_problems(
            status=assessment.status,
            kind=assessment.kind,
            conversations=assessment.conversations.count(),
            analysis=assessment.analysis,
        )
        if assessment.kind == rules.REVIEW:
            problems += rules.review_submit_problems(
                result=assessment.result, has_reviewed=assessment.reviewed_id is not None
            )
        if problems:
            raise ValidationError(problems)
        route = rules.sign_off_route(
            author_id=assessment.author_id, actor_id=actor.pk, actor_qualified=bool(actor.qualified)
        )
        if route == rules.SELF:
            _sign_off(assessment, actor, SignOff.Action.SELF_AUTHORISED)
            _schedule_review(assessment, actor, person)
            return _bump(assessment, actor, status=Assessment.Status.AUTHORISED)
        _sign_off(assessment, actor, SignOff.Action.SUBMITTED)
        return _bump(assessment, actor, status=Assessment.Status.AWAITING)


def decider_of(actor: Any) -> rules.Decider:
    return rules.Decider(id=actor.pk, role=actor.role, team_id=actor.team_id, active=actor.is_active)


def _for_decision(actor: Any, person: Any, assessment_id: int) -> Assessment:
    assessment = _locked(actor, person, assessment_id, for_change=False)
    problem = rules.decide_problem(
        status=assessment.status,
        decider=decider_of(actor),
        person_team_id=stored(person).team_id,
        author_id=assessment.author_id,
    )
    if problem:
        raise PermissionDenied(problem)
    return assessment


def may_decide(actor: Any, person: Any, assessment: Assessment) -> bool:
    """For pages: whether to offer this user the sign-off decision (the service decides again)."""
    return (
        rules.decide_problem(
            status=assessment.status,
            decider=decider_of(actor),
            person_team_id=person.team_id,
            author_id=assessment.author_id,
        )
        is None
    )


def assessment_authorise(*, actor: Any, person: Any, assessment_id: int, comment: str = "") -> Assessment:
    with transaction.atomic():
        assessment = _for_decision(actor, person, assessment_id)
        _sign_off(assessment, actor, SignOff.Action.AUTHORISED, (comment or "").strip())
        _schedule_review(assessment, actor, person)
        return _bump(assessment, actor, status=Assessment.Status.AUTHORISED)


def assessment_return(*, actor: Any, person: Any, assessment_id: int, comment: str) -> Assessment:
    problem = rules.return_problem(comment)
    if problem:
        raise ValidationError({"comment": problem})
    with transaction.atomic():
        assessment = _for_decision(actor, person, assessment_id)
        _sign_off(assessment, actor, SignOff.Action.RETURNED, comment.strip())
        return _bump(assessment, actor, status=Assessment.Status.RETURNED)


# --- The one-page contact ---------------------------------------------------------------------------


def contact_record(
    *,
    actor: Any,
    person: Any,
    conversation: dict[str, Any],
    what_matters: str,
    offered: str,
    analysis: str,
    complete: bool = False,
    draft_key: str | None = None,
) -> Assessment:
    """A contact in one go: the conversation, what matters, what was offered and the analysis; and,
    when it ends with information and advice, finished on the same submit (`complete`)."""
    conversation = _conversation_data(conversation)
    _check_conversation(conversation)
    if offered not in Assessment.Offered.values:
        raise ValidationError({"offered": "Choose what was offered"})
    if complete:
        problem = rules.contact_complete_problem(offered)
        if problem:
            raise ValidationError({"complete": problem})
        if not analysis.strip():
            raise ValidationError({"analysis": "Write your analysis to complete the contact"})
    with transaction.atomic():
        assessment = assessment_start(actor=actor, person=person, kind=Assessment.Kind.CONTACT)
        add_to_record(Conversation, actor=actor, person=person, data=conversation, assessment=assessment, author=actor)
        if what_matters.strip():
            add_to_record(
                SectionText,
                actor=actor,
                person=person,
                data={"text": what_matters.strip()},
                assessment=assessment,
                key="what_matters",
            )
        assessment = _bump(assessment, actor, offered=offered, analysis=analysis.strip())
        if complete:
            assessment = assessment_submit(actor=actor, person=person, assessment_id=assessment.pk)
    if draft_key:
        discard_draft(user=actor, key=draft_key)
    return assessment


# --- Eligibility ------------------------------------------------------------------------------------

FIELD_NAME = re.compile(r"[a-z_]+")


def _case_problems(problems: list[str], fields: tuple[str, ...]) -> dict[str, list[str]]:
    """The library's problems, each under the field it names first (its messages begin with it)."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        match = FIELD_NAME.match(problem)
        name = match.group() if match and match.group() in fields else "facts"
        found.setdefault(name, []).append(problem)
    return found


def _period(raw: Any) -> tuple[list[dict[str, Any]], list[Occasion]]:
    """Other days recorded (fluctuating needs): as stored, [{"date": "YYYY-MM-DD", "outcomes": {...}}],
    and as the library takes them; ValidationError under over_period when the shape is wrong."""
    if raw is None or raw == []:
        return [], []
    most = rules.MOST_OCCASIONS
    if not isinstance(raw, list) or len(raw) > most:
        raise ValidationError({"over_period": f"Give over_period as a list of up to {most} days"})
    stored, occasions = [], []
    for n, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != {"date", "outcomes"}:
            raise ValidationError({"over_period": f"over_period[{n}] must have a date and outcomes, and nothing else"})
        on = item["date"]
        if isinstance(on, str):
            try:
                on = datetime.date.fromisoformat(on)
            except ValueError:
                on = None
        if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime):
            raise ValidationError({"over_period": f"over_period[{n}].date must be a date written YYYY-MM-DD"})
        stored.append({"date": on.isoformat(), "outcomes": item["outcomes"]})
        occasions.append(Occasion(on=on, outcomes=item["outcomes"]))
    return stored, occasions


def eligibility_case(who: str, facts: Any) -> tuple[dict[str, Any], Decision]:
    """The case as the library takes it, and its decision; ValidationError naming each problem.
    The facts may also hold "over_period": the needs on up to rules.MOST_OCCASIONS other days."""
    fields = rules.ELIGIBILITY_FACTS[who]
    if not isinstance(facts, dict):
        raise ValidationError("Give the facts as an object")
    problems = {name: f"Answer this: {name} is missing" for name in fields if name not in facts}
    whose = "an adult's" if who == "adult" else "a carer's"
    for name in facts:
        if name not in fields and name != "over_period":
            problems[name] = f"The eligibility of {whose} needs does not take {name}"
    if problems:
        raise ValidationError(problems)
    case = {name: facts[name] for name in fields}
    stored, occasions = _period(facts.get("over_period"))
    try:
        decision = (decide_adult if who == "adult" else decide_carer)(
            **case, over_period=occasions or None, today=timezone.localdate()
        )
    except CaseError as error:
        raise ValidationError(_case_problems(error.problems, (*fields, "over_period"))) from None
    if stored:
        case["over_period"] = stored
    return case, decision


def eligibility_decide(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    facts: dict[str, Any],
    impact: str,
    expected_version: int | None,
) -> EligibilityDecision:
    """Decide whether the person's needs meet the eligibility criteria, on these facts, and keep the
    decision with them. Deciding again replaces the decision (its history keeps the earlier one) and
    must carry the version its writer opened."""
    impact = (impact or "").strip()
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        who = rules.eligibility_who(assessment.kind)
        if who is None:
            raise ValidationError(rules.NO_ELIGIBILITY)
        case, decision = eligibility_case(who, facts)
        problem = rules.impact_problem(case["significant_impact"], impact)
        if problem:
            raise ValidationError({"impact": problem})
        data = {
            "who": who,
            "facts": case,
            "impact": impact,
            "eligible": decision.eligible,
            "unable": decision.unable,
            "reasons": decision.reasons,
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        existing = EligibilityDecision.objects.filter(assessment=assessment).first()
        if existing is None:
            return add_to_record(EligibilityDecision, actor=actor, person=person, data=data, assessment=assessment)
        return save_versioned(
            EligibilityDecision,
            actor=actor,
            record_id=existing.pk,
            expected_version=expected_version,
            data=data,
            person=person,
        )


# --- Reviews ----------------------------------------------------------------------------------------


def first_review_months() -> int:
    return int(getattr(settings, "REVIEW_FIRST_MONTHS", rules.FIRST_REVIEW_MONTHS))


def _schedule_review(assessment: Assessment, actor: Any, person: Any) -> None:
    """On sign-off: a fuller assessment plans the first review; a review the next one, or none when
    support closes. A contact plans nothing."""
    if assessment.kind in rules.FULLER_KINDS:
        due_on = rules.first_review_due(timezone.localdate(), first_review_months())
        reason = "First review planned on signing off the assessment"
    elif assessment.kind == rules.REVIEW:
        due_on = rules.next_review_due(assessment.result, assessment.next_review_on)
        reason = "Support closed at review" if due_on is None else "Next review planned at review"
    else:
        return
    review_schedule(actor=actor, person=person, due_on=due_on, reason=reason)


def review_subjects(assessment: Assessment) -> list[str]:
    """What this review looks back at: rules.review_subjects over the assessment it reviews, then
    what other apps offer for the person (core.look_backs: a support plan's outcomes)."""
    reviewed = assessment.reviewed
    if reviewed is None:
        return []
    ranked = list(WellbeingArea.objects.filter(assessment=reviewed, rank__isnull=False).values_list("code", "rank"))
    kept = set(ReviewLook.objects.filter(assessment=assessment).values_list("subject", flat=True))
    extra = [s.key for s in look_backs.subjects(assessment.person_id, assessment.pk, kept)]
    return rules.review_subjects(ranked, reviewed.hand_over) + extra


def review_look_save(
    *,
    actor: Any,
    person: Any,
    assessment_id: int,
    subject: str,
    data: dict[str, Any],
    expected_version: int | None,
    draft_key: str | None = None,
) -> ReviewLook:
    """What has changed, what worked, and the scaling score now, for one thing the review looks back at."""
    score, problem = rules.scaling_score(data.get("score"))
    if problem:
        raise ValidationError({"score": problem})
    clean = {
        "changed": (data.get("changed") or "").strip(),
        "worked": (data.get("worked") or "").strip(),
        "score": score,
    }
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if assessment.kind != rules.REVIEW:
            raise ValidationError("Only a review looks back")
        if subject not in review_subjects(assessment):
            raise ValidationError("This review does not look back at that")
        existing = ReviewLook.objects.filter(assessment=assessment, subject=subject).first()
        look = _add_or_save(
            ReviewLook,
            actor=actor,
            person=person,
            existing=existing,
            data=clean,
            expected_version=expected_version,
            draft_key=draft_key,
            assessment=assessment,
            subject=subject,
        )
        # A subject another app keeps (a plan's outcome) takes the score into its own history.
        look_backs.scored(
            actor=actor, person=person, review=assessment, key=subject, score=score, said=clean["changed"]
        )
        return look


def review_result_save(
    *, actor: Any, person: Any, assessment_id: int, result: str, next_review_on: Any, expected_version: int | None
) -> Assessment:
    """What the review leads to and, unless support closes, when the next review is due."""
    problems = rules.review_result_problems(result=result, next_review_on=next_review_on, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        assessment = _locked(actor, person, assessment_id)
        if assessment.kind != rules.REVIEW:
            raise ValidationError("Only a review has a result")
        return save_versioned(
            Assessment,
            actor=actor,
            record_id=assessment_id,
            expected_version=expected_version,
            data={"result": result, "next_review_on": next_review_on},
            person=person,
        )


def review_date_change(*, actor: Any, person: Any, due_on: Any, reason: str) -> Any:
    """The practitioner moves the next review (or plans one), saying why."""
    problems = rules.review_date_problems(due_on=due_on, today=timezone.localdate(), reason=reason)
    if problems:
        raise ValidationError(problems)
    return review_schedule(actor=actor, person=person, due_on=due_on, reason=reason)


OPEN = (rules.DRAFT, rules.AWAITING, rules.RETURNED)


def follow_persons_team(sender: Any, instance: Any, **kwargs: Any) -> None:
    """After a person is saved: their open assessments belong to their team as it is now (connected to
    people.Person's post_save in AssessmentsConfig.ready). A routing column, not something a user
    wrote, so it is updated in place without a history row; the person's own history has the move."""
    if kwargs.get("raw"):
        return
    Assessment.objects.filter(person_id=instance.pk, status__in=OPEN).exclude(team_id=instance.team_id).update(
        team_id=instance.team_id
    )
