"""What assessments add to the person's page and to the history of their record (core.record_parts)."""

from textwrap import shorten

from django.utils import timezone

from whatsstrong.core.history import Entry, by_whom, entries_for
from whatsstrong.core.home_parts import HomePart
from whatsstrong.core.models import Role
from whatsstrong.core.record_parts import TOP, RecordPart
from whatsstrong.people.models import Asset

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
from .queries import assessments_of, awaiting_for_team


def page_context(request, person, can_edit):
    return {
        "assessments": assessments_of(person.pk),
        "can_edit": can_edit,
        "review_tag": rules.review_tag(person.review_due_on, timezone.localdate()),
    }


KIND_LABELS = dict(Assessment.Kind.choices)


def _title(row):
    return f"{KIND_LABELS.get(row.kind, row.kind)} (number {row.id})"


def history(person):
    kinds = dict(Assessment.objects.filter(person_id=person.pk).values_list("pk", "kind"))

    def of(row):
        return f"{KIND_LABELS.get(kinds.get(row.assessment_id), 'Assessment')} (number {row.assessment_id})"

    entries = entries_for(Assessment.history.filter(person_id=person.pk), Assessment, _title)
    entries += entries_for(
        Conversation.history.filter(person_id=person.pk),
        Conversation,
        lambda row: f"{of(row)}: {Conversation.title_for(row.happened_on).lower()}",
    )

    def section_title(row):
        found = documents.section(kinds.get(row.assessment_id, ""), row.key) if row.assessment_id in kinds else None
        return f"{of(row)}: {found['heading'] if found else row.key}"

    entries += entries_for(SectionText.history.filter(person_id=person.pk), SectionText, section_title)
    entries += entries_for(
        WellbeingArea.history.filter(person_id=person.pk),
        WellbeingArea,
        lambda row: f"{of(row)}: wellbeing, {documents.wellbeing_label(row.code).lower()}",
    )
    entries += entries_for(
        EligibilityDecision.history.filter(person_id=person.pk),
        EligibilityDecision,
        lambda row: f"{of(row)}: eligibility, {'eligible' if row.eligible else 'not eligible'}",
    )
    entries += entries_for(
        ReviewLook.history.filter(person_id=person.pk),
        ReviewLook,
        lambda row: f"{of(row)}: looking back, {documents.subject_label(row.subject).lower()}",
    )
    links = AssessmentStrength.history.filter(person_id=person.pk).select_related("history_user")
    described = dict(Asset.objects.filter(person_id=person.pk).values_list("pk", "description"))
    for row in links:
        asset = shorten(described.get(row.asset_id, "a strength since removed"), 60, placeholder="…")
        action = "Strength linked" if row.history_type == "+" else "Strength unlinked"
        entries.append(Entry(row.history_date, by_whom(row), of(row), action, [("Strength", "", asset)]))
    for step in SignOff.objects.filter(person_id=person.pk).select_related("actor"):
        changes = [("Comments", "", step.comment)] if step.comment else []
        entries.append(Entry(step.at, step.actor.display_name, of(step), step.get_action_display(), changes))
    return entries


PART = RecordPart(
    name="assessments",
    order=20,
    place=TOP,
    template="assessments/person_assessments.html",
    context=page_context,
    history=history,
)


def awaiting_context(request):
    """A supervisor's home: their own team's assessments waiting for sign-off; nothing when none."""
    user = request.user
    if user.role != Role.SUPERVISOR or user.team_id is None:
        return None
    waiting = awaiting_for_team(user.team_id)
    if not waiting:
        return None
    return {"waiting": waiting, "total": waiting[0].waiting_total}


AWAITING = HomePart(name="assessments_awaiting", template="assessments/home_awaiting.html", context=awaiting_context)
