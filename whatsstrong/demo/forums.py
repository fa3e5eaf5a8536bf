"""The demo council's outcomes forums (data/forums.json), written through the forums services as
the people named would: the chair arranges each forum and records who came, the practitioner brings
each person with their current support plan, and the chair records the decision and the gaps raised.
Also, from the same file, plan contributions naming a service from the demo community directory,
written through the plans services (which record the suggestion once). Days are before today."""

from datetime import timedelta

from django.utils import timezone

from whatsstrong.directory.models import Gap, Service, TaxonomyTerm
from whatsstrong.forums import services
from whatsstrong.forums.models import Forum, Hearing
from whatsstrong.plans import services as plans
from whatsstrong.plans.models import Contribution, PersonalOutcome, SupportPlan


def _plan(person):
    return (
        SupportPlan.objects.filter(person=person)
        .exclude(status=SupportPlan.Status.ENDED)
        .order_by("-started_at")
        .first()
    )


def add_forums(data, people, staff):
    today = timezone.localdate()
    heard = {}
    for entry in data["forums"]:
        held_on = today - timedelta(days=entry["days_ago"])
        chair = staff[entry["chair"]]
        forum = services.forum_add(actor=chair, data={"held_on": held_on, "chair": chair, "place": entry["place"]})
        for member in entry["members"]:
            services.member_add(actor=chair, forum_id=forum.pk, data=member)
        for h in entry["hearings"]:
            person = people[h["person"]]
            hearing = services.hearing_add(
                actor=staff[h["by"]],
                person=person,
                forum_id=forum.pk,
                data={
                    "plan": _plan(person).pk,
                    "story": h["story"],
                    "follows": heard[h["follows"]].pk if "follows" in h else None,
                },
            )
            heard[h["key"]] = hearing
            decision = dict(h["decision"])
            days = decision.pop("changes_in_days", None)
            if days is not None:
                decision["changes_by"] = held_on + timedelta(days=days)
            services.hearing_decide(
                actor=chair, person=person, hearing_id=hearing.pk, expected_version=1, data=decision
            )
            for gap in h.get("gaps", []):
                services.hearing_gap(
                    actor=chair,
                    person=person,
                    hearing_id=hearing.pk,
                    data={**gap, "category": TaxonomyTerm.objects.get(code=gap["category"])},
                    on=held_on,
                )
    named = 0
    for entry in data.get("plan_services", []):
        person = people[entry["person"]]
        plan = _plan(person)
        outcome = PersonalOutcome.objects.filter(plan=plan).order_by("position", "pk").first()
        plans.contribution_add(
            actor=staff[entry["by"]],
            person=person,
            outcome_id=outcome.pk,
            data={
                "kind": "community",
                "what": entry["what"],
                "when": entry["when"],
                "service": Service.objects.get(name=entry["service"]).pk,
            },
        )
        named += 1
    return {
        "outcomes forums": Forum.objects.count(),
        "forum hearings": Hearing.objects.count(),
        "gaps raised at forums": Gap.objects.filter(source=Gap.Source.FORUM).count(),
        "plan contributions naming a directory service": Contribution.objects.filter(service__isnull=False).count(),
    }
