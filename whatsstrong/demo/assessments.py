"""The demo council's assessments (data/assessments.json), at every stage, written through the
assessments services so each step's history names the member of staff who took it.

Three of them belong to people added here, whose stories retell situations from the worked cases
of the Strengths-based approach: Practice Framework and Practice Handbook (2019), with new names
and details. Each assessment is dated to its first conversation. Three of the fuller ones have an
eligibility decision, made through the service before they were sent on.

Reviews (`add_reviews`) look back at two signed-off assessments, one revising the plan and one
closing; a few more people have their next review planned, some of them overdue.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from whatsstrong.assessments import services
from whatsstrong.assessments.models import Assessment, Conversation, EligibilityDecision, SignOff
from whatsstrong.core.models import Role
from whatsstrong.people.models import Asset
from whatsstrong.people.services import review_schedule


def _on(day):
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(12)))


def _talk(raw):
    return {
        "place": "",
        "present": "",
        "communication": "",
        "advocate": False,
        "advocate_name": "",
        "interpreter": False,
        "interpreter_language": "",
        **raw,
        "happened_on": date.fromisoformat(raw["happened_on"]),
    }


def _write(entry, person, author):
    a = services.assessment_start(actor=author, person=person, kind=entry["kind"])
    for talk in entry["conversations"]:
        c = services.conversation_add(actor=author, person=person, assessment_id=a.pk, data=_talk(talk))
        Conversation.objects.filter(pk=c.pk).update(created_at=_on(talk["happened_on"]))
    for key, text in entry.get("sections", {}).items():
        services.section_save(
            actor=author, person=person, assessment_id=a.pk, key=key, text=text, expected_version=None
        )
    ranks = {}
    for code, area in entry.get("wellbeing", {}).items():
        words = {name: area.get(name, "") for name in ("said", "working", "matters")}
        services.wellbeing_save(
            actor=author, person=person, assessment_id=a.pk, code=code, data=words, expected_version=None
        )
        if area.get("rank"):
            ranks[code] = area["rank"]
    if ranks:
        services.wellbeing_rank(actor=author, person=person, assessment_id=a.pk, ranks=ranks)
    if entry.get("strengths"):
        assets = Asset.objects.filter(person=person, description__in=entry["strengths"])
        services.strengths_link(actor=author, person=person, assessment_id=a.pk, asset_ids=[x.pk for x in assets])
    if entry.get("eligibility"):
        services.eligibility_decide(
            actor=author,
            person=person,
            assessment_id=a.pk,
            facts=entry["eligibility"]["facts"],
            impact=entry["eligibility"]["impact"],
            expected_version=None,
        )
    written = {name: entry[name] for name in ("analysis", "hand_over") if entry.get(name)}
    if written:
        a.refresh_from_db()
        services.assessment_write(
            actor=author, person=person, assessment_id=a.pk, expected_version=a.version, data=written
        )
    return a


def add_assessments(entries, people, staff):
    """Write each assessment and take it to its stage; returns how many there are at each."""
    supervisors = {user.team_id: user for user in staff.values() if user.role == Role.SUPERVISOR}
    for entry in entries:
        person = people[entry["person"]]
        author = staff[entry["by"]]
        if entry["stage"] == "contact":
            a = services.contact_record(
                actor=author,
                person=person,
                conversation=_talk(entry["conversation"]),
                what_matters=entry["what_matters"],
                offered=entry["offered"],
                analysis=entry["analysis"],
                complete=True,
            )
            first = entry["conversation"]["happened_on"]
        else:
            a = _write(entry, person, author)
            first = entry["conversations"][0]["happened_on"]
            if entry["stage"] != "draft":
                services.assessment_submit(actor=author, person=person, assessment_id=a.pk)
            if entry["stage"] == "returned":
                services.assessment_return(
                    actor=supervisors[person.team_id],
                    person=person,
                    assessment_id=a.pk,
                    comment=entry["return_comment"],
                )
        Assessment.objects.filter(pk=a.pk).update(started_at=_on(first))
    return {
        "assessments": Assessment.objects.filter(person__in=[p.pk for p in people.values()]).count(),
        "sign-off steps": SignOff.objects.filter(person__in=[p.pk for p in people.values()]).count(),
        "eligibility decisions": EligibilityDecision.objects.filter(person__in=[p.pk for p in people.values()]).count(),
    }


def add_reviews(data, people, staff):
    """Each review looks back at the person's signed-off assessment and is signed off by its author
    (qualified), which sets or clears their next review; then the planned review dates."""
    today = timezone.localdate()
    for entry in data.get("reviews", []):
        person, author = people[entry["person"]], staff[entry["by"]]
        a = services.assessment_start(actor=author, person=person, kind="review")
        talk = entry["conversation"]
        c = services.conversation_add(actor=author, person=person, assessment_id=a.pk, data=_talk(talk))
        Conversation.objects.filter(pk=c.pk).update(created_at=_on(talk["happened_on"]))
        for subject, look in entry["looks"].items():
            services.review_look_save(
                actor=author, person=person, assessment_id=a.pk, subject=subject, data=look, expected_version=None
            )
        a.refresh_from_db()
        services.assessment_write(
            actor=author,
            person=person,
            assessment_id=a.pk,
            expected_version=a.version,
            data={"analysis": entry["analysis"]},
        )
        a.refresh_from_db()
        days = entry.get("next_review_in_days")
        services.review_result_save(
            actor=author,
            person=person,
            assessment_id=a.pk,
            result=entry["result"],
            next_review_on=today + timedelta(days=days) if days else None,
            expected_version=a.version,
        )
        services.assessment_submit(actor=author, person=person, assessment_id=a.pk)
        Assessment.objects.filter(pk=a.pk).update(started_at=_on(talk["happened_on"]))
    for entry in data.get("review_dates", []):
        review_schedule(
            actor=staff[entry["by"]],
            person=people[entry["person"]],
            due_on=today + timedelta(days=entry["in_days"]),
            reason=entry["reason"],
        )
    return {"reviews": Assessment.objects.filter(kind="review", person__in=[p.pk for p in people.values()]).count()}
