"""Every write to safeguarding records: one transaction each, access decided on the person as stored
(core/access.py, safeguarding), a history row naming who made the change, and the rules in rules.py
checked again whatever the caller checked first. A refusal of what was sent is a ValidationError
naming the field; a refusal of who sent it is PermissionDenied, and nothing is written either way."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.records import save_versioned, stored
from whatsstrong.people.models import NetworkMember

from . import reference, rules
from .models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse, SourceOfRisk

CONCERN_FIELDS = ("raised_by", "raised_on", "what_happened", "happened_on", "immediate_safety")
ENQUIRY_FIELDS = ("asked", "capacity", "advocacy", "advocate_name", "location", "actions")
NOT_RAISE = "Only the person's allocated worker and their team can raise a safeguarding concern here."
NOT_DECIDE = "Whether a concern needs an enquiry is decided by a supervisor of the person's team."
CLOSED = "This enquiry has closed, so it can no longer be changed."


def _check(allowed, actor: Any, person: Any, message: str = access.NOT_SAFEGUARDING) -> Any:
    """The person as stored and locked, if `allowed(actor, person)`; PermissionDenied otherwise."""
    found = stored(person)
    if not allowed(actor, found):
        raise PermissionDenied(message)
    return found


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(problems: dict, data: dict, name: str, words: str) -> None:
    if data.get(name) and data[name] > _today():
        problems[name] = f"{words} must be today or in the past"


def _codes_problem(problems: dict, name: str, value: str, list_name: str, message: str) -> None:
    if value and value not in reference.codes(list_name):
        problems[name] = message


# --- Concerns ---------------------------------------------------------------------------------------


def concern_raise(*, actor: Any, person: Any, data: dict) -> Concern:
    data = {k: data.get(k) for k in CONCERN_FIELDS}
    problems = {}
    for name, message in (
        ("raised_by", "Enter who raised the concern"),
        ("what_happened", "Enter what happened"),
        ("immediate_safety", "Say what was done about their safety straight away, or why nothing was needed"),
    ):
        if not (data.get(name) or "").strip():
            problems[name] = message
    if not data.get("raised_on"):
        problems["raised_on"] = "Enter the date the concern was raised"
    _not_future(problems, data, "raised_on", "The date the concern was raised")
    _not_future(problems, data, "happened_on", "The date it happened")
    if not problems and data.get("happened_on") and data["happened_on"] > data["raised_on"]:
        problems["happened_on"] = "The date it happened must be on or before the day the concern was raised"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        found = _check(access.can_raise_concern, actor, person, NOT_RAISE)
        concern = Concern(person=found, recorded_by=actor, **{k: v if v is not None else "" for k, v in data.items()})
        if data.get("happened_on") is None:
            concern.happened_on = None
        concern._history_user = actor
        concern.save()
    return concern


def concern_decide(*, actor: Any, person: Any, concern_id: int, expected_version: int, data: dict) -> Concern:
    """Record whether the concern needs an enquiry, why, who decided and when; an enquiry starts that day."""
    with transaction.atomic():
        found = _check(access.can_decide_enquiry, actor, person, NOT_DECIDE)
        concern = Concern.objects.select_for_update().get(pk=concern_id, person=found)
        if concern.decision:
            raise ValidationError({"decision": "This concern has been decided already."})
        decided_on = data.get("decided_on") or _today()
        problems = rules.decision_problems(
            data.get("decision") or "",
            data.get("decision_reasons") or "",
            decided_on=decided_on,
            raised_on=concern.raised_on,
            today=_today(),
        )
        if problems:
            raise ValidationError(problems)
        concern = save_versioned(
            Concern,
            actor=actor,
            record_id=concern.pk,
            expected_version=expected_version,
            person=found,
            data={
                "decision": data["decision"],
                "decision_reasons": data["decision_reasons"].strip(),
                "decided_by": actor,
                "decided_on": decided_on,
            },
        )
        if concern.decision in rules.ENQUIRY_DECISIONS:
            enquiry = Enquiry(concern=concern, person=found, kind=concern.decision, started_on=decided_on)
            enquiry._history_user = actor
            enquiry.save()
    return concern


# --- Enquiries --------------------------------------------------------------------------------------


def _open_enquiry(actor: Any, person: Any, enquiry_id: int) -> tuple[Any, Enquiry]:
    found = _check(access.can_work_on_safeguarding, actor, person)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id, person=found)
    if enquiry.closed:
        raise ValidationError(CLOSED)
    return found, enquiry


def enquiry_save(
    *, actor: Any, person: Any, enquiry_id: int, expected_version: int, data: dict, abuse_types: list[str]
) -> Enquiry:
    """What the enquiry has found so far: the person's say, capacity and advocacy, what kind of harm,
    where, and the actions. The types of abuse are replaced by those given."""
    data = {k: data[k] for k in ENQUIRY_FIELDS if k in data}
    problems = {}
    for name, list_name, message in (
        ("asked", "asked", "Choose whether they were asked what they want to happen"),
        ("capacity", "capacity", "Choose one of the answers about capacity"),
        ("advocacy", "advocacy", "Choose who supported them"),
        ("location", "location", "Choose where the harm happened from the list"),
    ):
        _codes_problem(problems, name, data.get(name) or "", list_name, message)
    unknown = [c for c in abuse_types if c not in reference.codes("abuse_type")]
    if unknown:
        problems["abuse_types"] = "Choose types of abuse or neglect from the list"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        found, enquiry = _open_enquiry(actor, person, enquiry_id)
        enquiry = save_versioned(
            Enquiry, actor=actor, record_id=enquiry.pk, expected_version=expected_version, person=found, data=data
        )
        wanted = list(dict.fromkeys(abuse_types))
        for row in EnquiryAbuse.objects.filter(enquiry=enquiry).exclude(code__in=wanted):
            row._history_user = actor
            row.delete()
        have = set(EnquiryAbuse.objects.filter(enquiry=enquiry).values_list("code", flat=True))
        for code in wanted:
            if code not in have:
                row = EnquiryAbuse(enquiry=enquiry, person=found, code=code)
                row._history_user = actor
                row.save()
    return enquiry


def outcome_add(*, actor: Any, person: Any, enquiry_id: int, text: str) -> DesiredOutcome:
    if not (text or "").strip():
        raise ValidationError({"text": "Enter what they want to happen, in their words"})
    with transaction.atomic():
        found, enquiry = _open_enquiry(actor, person, enquiry_id)
        position = DesiredOutcome.objects.filter(enquiry=enquiry).count() + 1
        outcome = DesiredOutcome(enquiry=enquiry, person=found, text=text.strip(), position=position)
        outcome._history_user = actor
        outcome.save()
    return outcome


def source_add(*, actor: Any, person: Any, enquiry_id: int, data: dict) -> SourceOfRisk:
    """Who or what is alleged to have caused the harm: someone from the person's network, or a name."""
    kind = data.get("kind") or ""
    member_id = data.get("network_member")
    name, relationship = (data.get("name") or "").strip(), (data.get("relationship") or "").strip()
    problems = {}
    if kind not in reference.codes("source_of_risk"):
        problems["kind"] = (
            "Choose whether the source of risk is a service provider, someone they know, or someone they do not know"
        )
    elif kind != "unknown" and not (member_id or name):
        problems["name"] = "Choose someone from their network, or enter a name"
    if member_id and name:
        problems["name"] = "Choose someone from their network or enter a name, not both"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        found, enquiry = _open_enquiry(actor, person, enquiry_id)
        if member_id and not NetworkMember.objects.filter(pk=member_id, person=found).exists():
            raise ValidationError({"network_member": "Choose someone from their own network"})
        source = SourceOfRisk(
            enquiry=enquiry,
            person=found,
            kind=kind,
            network_member_id=member_id or None,
            name=name,
            relationship=relationship,
        )
        source._history_user = actor
        source.save()
    return source


def enquiry_close(
    *, actor: Any, person: Any, enquiry_id: int, expected_version: int, data: dict, achieved: dict[int, str]
) -> Enquiry:
    """Close the enquiry: what it found, the risk at the end, and whether each desired outcome was
    achieved (`achieved`: outcome id -> fully, partly or not). All or nothing."""
    with transaction.atomic():
        found, enquiry = _open_enquiry(actor, person, enquiry_id)
        outcomes = list(DesiredOutcome.objects.filter(enquiry=enquiry).select_for_update())
        answers = [(number, achieved.get(o.pk) or "") for number, o in enumerate(outcomes, start=1)]
        problems = rules.close_problems(
            asked=enquiry.asked,
            action_result=data.get("action_result") or "",
            risk_outcome=data.get("risk_outcome") or "",
            outcomes=answers,
            concluded_on=data.get("concluded_on"),
            started_on=enquiry.started_on,
            today=_today(),
        )
        _codes_problem(
            problems, "action_result", data.get("action_result") or "", "action_result", "Choose from the list"
        )
        _codes_problem(problems, "risk_outcome", data.get("risk_outcome") or "", "risk_outcome", "Choose from the list")
        for number, code in answers:
            _codes_problem(problems, f"achieved_{number}", code, "achieved", "Choose fully, partly or not")
        if problems:
            raise ValidationError(problems)
        for outcome, (_, code) in zip(outcomes, answers, strict=True):
            if outcome.achieved != code:
                outcome.achieved = code
                outcome.version += 1
                outcome._history_user = actor
                outcome.save()
        return save_versioned(
            Enquiry,
            actor=actor,
            record_id=enquiry.pk,
            expected_version=expected_version,
            person=found,
            data={
                "action_result": data["action_result"],
                "risk_outcome": data.get("risk_outcome") or "",
                "concluded_on": data["concluded_on"],
                "closed_by": actor,
            },
        )


def survey_save(*, actor: Any, person: Any, enquiry_id: int, expected_version: int, data: dict) -> Enquiry:
    """Where the experience survey invitation is: not offered, offered, declined or sent, and when."""
    with transaction.atomic():
        found = _check(access.can_work_on_safeguarding, actor, person)
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id, person=found)
        state, day = data.get("survey") or "", data.get("survey_on")
        problems = rules.survey_problems(state, day, closed=enquiry.closed, today=_today())
        if problems:
            raise ValidationError(problems)
        return save_versioned(
            Enquiry,
            actor=actor,
            record_id=enquiry.pk,
            expected_version=expected_version,
            person=found,
            data={"survey": state, "survey_on": day if state != "not_offered" else None},
        )
