"""Assessments and their conversations over JSON: the person opened through the same gate as the
pages (core/gate.py), then one query or service call, so access, history and the rules apply alike."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError

from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut
from whatsstrong.core.gate import open_person

from . import documents, queries, rules, services
from .models import Assessment, Conversation, EligibilityDecision

router = Router()

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut}


def _open(request, pk, *, for_edit=False):
    return open_person(request.auth, pk, path=request.path, for_edit=for_edit)


def _refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 422 naming each field, in the words the pages use."""
    if hasattr(error, "error_dict"):
        items = [(field, message) for field, messages in error.message_dict.items() for message in messages]
    else:
        items = [("body", message) for message in error.messages]
    return ValidationError([{"loc": ("body", "payload", field), "msg": msg, "type": "invalid"} for field, msg in items])


# --- Shapes -----------------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int
    display_name: str


# Codes as plain text in the output (an enum named Kind would share its schema name with another app's).
KIND = Literal["contact", "strengths_and_wellbeing", "carers_wellbeing", "review"]
STATUS = Literal["draft", "awaiting_sign_off", "returned", "authorised"]


class AssessmentSummaryOut(Schema):
    id: int
    kind: KIND
    kind_label: str
    status: STATUS
    status_label: str
    author: PersonRef
    started_at: datetime.datetime
    updated_at: datetime.datetime
    version: int


class ConversationOut(Schema):
    id: int
    happened_on: datetime.date
    place: str
    present: str
    communication: str
    advocate: bool
    advocate_name: str
    interpreter: bool
    interpreter_language: str
    text: str
    author: PersonRef
    version: int


class SectionOut(Schema):
    key: str
    heading: str
    text: str


class WellbeingOut(Schema):
    code: str
    label: str
    said: str
    working: str
    matters: str
    rank: int | None


class SignOffOut(Schema):
    action: str
    label: str
    by: PersonRef
    at: datetime.datetime
    comment: str


class LookOut(Schema):
    subject: str = Field(description='What is looked back at: "wellbeing:<code>" or "hand_over".')
    label: str
    then: str = Field(description="What the reviewed assessment said about it.")
    changed: str
    worked: str
    score: int | None = Field(None, ge=1, le=10, description="The scaling score now, 1 to 10.")
    version: int | None = Field(None, description="The look's version, to send when changing it; none yet.")


class ReviewOut(Schema):
    reviewed_id: int | None = Field(description="The signed-off fuller assessment this review looks back at.")
    result: Literal["revise_plan", "carry_on", "close", ""]
    result_label: str
    next_review_on: datetime.date | None
    looked_back: list[LookOut]


class ReviewResultOut(ReviewOut):
    version: int = Field(description="The assessment's version, to send when changing the result again.")


class LookIn(Input):
    changed: str = Field("", max_length=20000, description="What has changed since the assessment.")
    worked: str = Field("", max_length=20000, description="What worked, and who made it work.")
    score: int | None = Field(None, description="Where they are now, a whole number from 1 to 10; or none.")
    version: int | None = Field(None, description="The look's version you read: needed when changing it.")


class ResultIn(Input):
    result: Literal["revise_plan", "carry_on", "close"] = Field(
        description="What the review leads to: revise the plan, carry on, or close."
    )
    next_review_on: datetime.date | None = Field(
        None, description="When the next review is due, like 2027-03-27; needed unless closing, none when closing."
    )
    version: int = Field(description="The assessment's version you read.")


class AssessmentOut(AssessmentSummaryOut):
    offered: str
    analysis: str
    hand_over: str
    own_words: str = Field(description="How much of the written text is in the person's own words, in a sentence.")
    conversations: list[ConversationOut]
    sections: list[SectionOut]
    wellbeing: list[WellbeingOut]
    strength_ids: list[int] = Field(description="Strengths on the person's record (see /assets) found here.")
    sign_offs: list[SignOffOut]
    review: ReviewOut | None = Field(None, description="A review only: what it looks back at and leads to.")


class AssessmentCreate(Input):
    kind: KIND


class ConversationCreate(Input):
    happened_on: datetime.date = Field(description="Today or earlier, like 2026-03-27.")
    place: str = Field("", max_length=200)
    present: str = Field("", max_length=300)
    communication: str = Field("", max_length=300)
    advocate: bool = False
    advocate_name: str = Field("", max_length=120)
    interpreter: bool = False
    interpreter_language: str = Field("", max_length=60)
    text: str = Field(..., max_length=20000, description="What was talked about. Their own words in quotation marks.")


WHO = Literal["adult", "carer"]


class EligibilityOut(Schema):
    who: WHO = Field(description="adult (regulation 2) or carer (regulation 3): from the kind of assessment.")
    facts: dict[str, Any] = Field(description="Exactly the case the decision was made on.")
    impact: str
    eligible: bool
    unable: list[str] = Field(description="Codes of the outcomes the person is unable to achieve.")
    reasons: list[str] = Field(description="Plain-English sentences, the overall answer first.")
    decided_by: PersonRef
    decided_at: datetime.datetime
    version: int


class EligibilityChangeOut(Schema):
    field: str
    label: str
    theirs: object
    yours: object


class EligibilityConflictOut(Schema):
    """Someone decided again after this caller read the decision (whatsstrong/api.py sends it)."""

    detail: str
    current_version: int
    saved_by: str | None = None
    changes: list[EligibilityChangeOut]


class OccasionIn(Input):
    date: datetime.date = Field(description="The day, YYYY-MM-DD; not after today.")
    outcomes: dict[str, list[str]] = Field(
        description="As `outcomes`, for that day: outcome code to the ways the person was unable to achieve it."
    )


class EligibilityIn(Input):
    needs_from_impairment: bool | None = Field(
        None, description="Adults: do the needs come from an impairment or illness?"
    )
    needs_from_caring: bool | None = Field(None, description="Carers: do the needs come from providing care?")
    health_deteriorating: bool | None = Field(None, description="Carers: is their health getting worse, or at risk?")
    outcomes: dict[str, list[str]] = Field(
        description="Outcome code (a to j for adults, i to viii for carers) to the ways the person is unable to "
        "achieve it: without_assistance, pain_distress_anxiety, endangers_health_safety, significantly_longer "
        "(adults only). Leave out, or give an empty list for, an outcome they can achieve."
    )
    over_period: list[OccasionIn] | None = Field(
        None,
        max_length=rules.MOST_OCCASIONS,
        description=f"Optional, when needs change from day to day: up to {rules.MOST_OCCASIONS} other days, "
        "each with its date and the outcomes that day. An outcome counts if the person was unable to "
        "achieve it on any day recorded or at the assessment; the reasons say on how many days. "
        "Kept in `facts` as given.",
    )
    significant_impact: bool
    impact: str = Field("", max_length=20000, description="The impact on their wellbeing; needed when significant.")
    version: int | None = Field(None, description="The version you read: needed when deciding again.")


def _ref(user):
    return {"id": user.pk, "display_name": user.display_name}


def _summary(a):
    return {
        "id": a.pk,
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "status": a.status,
        "status_label": a.get_status_display(),
        "author": _ref(a.author),
        "started_at": a.started_at,
        "updated_at": a.updated_at,
        "version": a.version,
    }


def _conversation(c):
    fields = ("id", "happened_on", "place", "present", "communication", "advocate", "advocate_name")
    more = ("interpreter", "interpreter_language", "text", "version")
    return {**{name: getattr(c, name) for name in fields + more}, "author": _ref(c.author)}


def _full(person, view):
    a = view.assessment
    return {
        **_summary(a),
        "offered": a.offered,
        "analysis": a.analysis,
        "hand_over": a.hand_over,
        "own_words": view.own_words(person.known_as),
        "conversations": [_conversation(c) for c in view.conversations],
        "sections": [
            {"key": s["key"], "heading": s["heading"], "text": view.sections[s["key"]].text}
            for s in view.document["sections"]
            if s["key"] in view.sections
        ],
        "wellbeing": [
            {
                "code": row.code,
                "label": documents.wellbeing_label(row.code),
                "said": row.said,
                "working": row.working,
                "matters": row.matters,
                "rank": row.rank,
            }
            for row in view.wellbeing.values()
        ],
        "strength_ids": [asset.pk for asset in view.strengths],
        "sign_offs": [
            {"action": s.action, "label": s.get_action_display(), "by": _ref(s.actor), "at": s.at, "comment": s.comment}
            for s in view.sign_offs
        ],
        "review": _review(view) if a.kind == Assessment.Kind.REVIEW else None,
    }


def _review(view):
    a = view.assessment
    return {
        "reviewed_id": a.reviewed_id,
        "result": a.result,
        "result_label": a.get_result_display() if a.result else "",
        "next_review_on": a.next_review_on,
        "looked_back": [
            {
                "subject": sub.key,
                "label": sub.label,
                "then": sub.then,
                "changed": sub.look.changed if sub.look else "",
                "worked": sub.look.worked if sub.look else "",
                "score": sub.look.score if sub.look else None,
                "version": sub.look.version if sub.look else None,
            }
            for sub in view.subjects
        ],
    }


# --- Operations -------------------------------------------------------------------------------------


@router.get(
    "/{person_id}/assessments",
    response={200: list[AssessmentSummaryOut], **READ_ERRORS},
    summary="A person's assessments, newest first",
)
def list_assessments(request, person_id: int):
    person = _open(request, person_id)
    return [_summary(a) for a in queries.assessments_of(person.pk)]


@router.post(
    "/{person_id}/assessments",
    response={201: AssessmentSummaryOut, **WRITE_ERRORS},
    summary="Start an assessment",
)
def create_assessment(request, person_id: int, payload: AssessmentCreate):
    person = _open(request, person_id, for_edit=True)
    try:
        made = services.assessment_start(actor=request.auth, person=person, kind=payload.kind)
    except DjangoValidationError as error:
        raise _refused(error) from None
    return Status(201, _summary(Assessment.objects.select_related("author").get(pk=made.pk)))


@router.get(
    "/{person_id}/assessments/{assessment_id}",
    response={200: AssessmentOut, **READ_ERRORS},
    summary="Read an assessment: its conversations, sections, wellbeing, strengths and sign-off",
)
def get_assessment(request, person_id: int, assessment_id: int):
    person = _open(request, person_id)
    return _full(person, queries.assessment_view(person.pk, assessment_id))


@router.get(
    "/{person_id}/assessments/{assessment_id}/conversations",
    response={200: list[ConversationOut], **READ_ERRORS},
    summary="The conversations an assessment records",
)
def list_conversations(request, person_id: int, assessment_id: int):
    person = _open(request, person_id)
    found = get_object_or_404(Assessment, pk=assessment_id, person=person)
    return [_conversation(c) for c in found.conversations.select_related("author")]


@router.post(
    "/{person_id}/assessments/{assessment_id}/conversations",
    response={201: ConversationOut, **WRITE_ERRORS},
    summary="Record a conversation in an assessment",
)
def create_conversation(request, person_id: int, assessment_id: int, payload: ConversationCreate):
    person = _open(request, person_id, for_edit=True)
    get_object_or_404(Assessment, pk=assessment_id, person=person)
    try:
        made = services.conversation_add(
            actor=request.auth, person=person, assessment_id=assessment_id, data=payload.model_dump()
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    return Status(201, _conversation(Conversation.objects.select_related("author").get(pk=made.pk)))


def _eligibility(d):
    fields = ("who", "facts", "impact", "eligible", "unable", "reasons", "decided_at", "version")
    return {**{name: getattr(d, name) for name in fields}, "decided_by": _ref(d.decided_by)}


@router.get(
    "/{person_id}/assessments/{assessment_id}/eligibility",
    response={200: EligibilityOut, **READ_ERRORS},
    summary="Read an assessment's eligibility decision, with the facts and the reasons",
)
def get_eligibility(request, person_id: int, assessment_id: int):
    person = _open(request, person_id)
    found = get_object_or_404(
        EligibilityDecision.objects.select_related("decided_by"), assessment_id=assessment_id, person=person
    )
    return _eligibility(found)


@router.put(
    "/{person_id}/assessments/{assessment_id}/eligibility",
    response={200: EligibilityOut, **WRITE_ERRORS, 409: EligibilityConflictOut},
    summary="Decide eligibility on these facts (deciding again replaces the decision; send its version)",
)
def put_eligibility(request, person_id: int, assessment_id: int, payload: EligibilityIn):
    person = _open(request, person_id, for_edit=True)
    get_object_or_404(Assessment, pk=assessment_id, person=person)
    given = payload.model_dump(exclude={"impact", "version"})
    facts = {name: value for name, value in given.items() if value is not None}
    if payload.over_period:
        facts["over_period"] = [{"date": o.date.isoformat(), "outcomes": o.outcomes} for o in payload.over_period]
    try:
        made = services.eligibility_decide(
            actor=request.auth,
            person=person,
            assessment_id=assessment_id,
            facts=facts,
            impact=payload.impact,
            expected_version=payload.version,
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    return _eligibility(EligibilityDecision.objects.select_related("decided_by").get(pk=made.pk))


# --- Reviews: looking back and the result, through the same services as the pages -----------------------


@router.put(
    "/{person_id}/assessments/{assessment_id}/review/look-back/{key}",
    response={200: LookOut, **WRITE_ERRORS, 409: EligibilityConflictOut},
    summary="Look back at one thing a review looks back at: what changed, what worked, the score now",
    description='`key` is a `subject` from the review\'s `looked_back` ("wellbeing:<code>" or "hand_over"). '
    "Send the look's `version` when changing it.",
)
def put_review_look(request, person_id: int, assessment_id: int, key: str, payload: LookIn):
    person = _open(request, person_id, for_edit=True)
    subjects = queries.assessment_view(person.pk, assessment_id).subjects  # 404 when there is no such assessment
    subject = next((s for s in subjects if key in (s.key, s.slug)), None)
    if subject is None:
        return Status(404, {"detail": "This review does not look back at that."})
    try:
        services.review_look_save(
            actor=request.auth,
            person=person,
            assessment_id=assessment_id,
            subject=subject.key,
            data=payload.model_dump(exclude={"version"}),
            expected_version=payload.version,
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    looked = _review(queries.assessment_view(person.pk, assessment_id))["looked_back"]
    return next(row for row in looked if row["subject"] == subject.key)


@router.put(
    "/{person_id}/assessments/{assessment_id}/review/result",
    response={200: ReviewResultOut, **WRITE_ERRORS, 409: EligibilityConflictOut},
    summary="What a review leads to and, unless support closes, when the next review is due",
)
def put_review_result(request, person_id: int, assessment_id: int, payload: ResultIn):
    person = _open(request, person_id, for_edit=True)
    get_object_or_404(Assessment, pk=assessment_id, person=person)
    try:
        made = services.review_result_save(
            actor=request.auth,
            person=person,
            assessment_id=assessment_id,
            result=payload.result,
            next_review_on=payload.next_review_on,
            expected_version=payload.version,
        )
    except DjangoValidationError as error:
        raise _refused(error) from None
    return {**_review(queries.assessment_view(person.pk, assessment_id)), "version": made.version}
