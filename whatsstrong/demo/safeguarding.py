"""The demo council's safeguarding concerns and enquiries (data/safeguarding.json), written through
the safeguarding services, so each step's history names the member of staff who took it.

Days are counted back from today, so the demo reads the same whenever it is loaded: raised, decided
and closed on the days the file gives. One enquiry closed with its survey offered, one under way, one
just started, and one concern that needed no enquiry.
"""

from datetime import timedelta

from django.utils import timezone

from whatsstrong.people.models import NetworkMember
from whatsstrong.safeguarding import services
from whatsstrong.safeguarding.models import Concern, DesiredOutcome, Enquiry


def _ago(days):
    return timezone.localdate() - timedelta(days=days) if days is not None else None


def _enquiry(concern, person, worker, entry):
    enquiry = Enquiry.objects.get(concern=concern)
    work = {k: entry.get(k, "") for k in services.ENQUIRY_FIELDS}
    enquiry = services.enquiry_save(
        actor=worker,
        person=person,
        enquiry_id=enquiry.pk,
        expected_version=enquiry.version,
        abuse_types=entry["abuse_types"],
        data=work,
    )
    made = [
        services.outcome_add(actor=worker, person=person, enquiry_id=enquiry.pk, text=o["text"])
        for o in entry["outcomes"]
    ]
    members = dict(NetworkMember.objects.filter(person=person).values_list("name", "pk"))
    for source in entry["sources"]:
        data = {k: source.get(k, "") for k in ("kind", "name", "relationship")}
        if source.get("member"):
            data["network_member"] = members[source["member"]]
        services.source_add(actor=worker, person=person, enquiry_id=enquiry.pk, data=data)
    if "close" in entry:
        close = entry["close"]
        enquiry = services.enquiry_close(
            actor=worker,
            person=person,
            enquiry_id=enquiry.pk,
            expected_version=enquiry.version,
            data={
                "action_result": close["action_result"],
                "risk_outcome": close["risk_outcome"],
                "concluded_on": _ago(close["days_ago"]),
            },
            achieved={o.pk: spec["achieved"] for o, spec in zip(made, entry["outcomes"], strict=True)},
        )
    if "survey" in entry:
        services.survey_save(
            actor=worker,
            person=person,
            enquiry_id=enquiry.pk,
            expected_version=enquiry.version,
            data={"survey": entry["survey"]["state"], "survey_on": _ago(entry["survey"]["days_ago"])},
        )


def add_safeguarding(data, people, staff):
    """Write each concern in the file, its decision and its enquiry; returns how many there are."""
    for entry in data["concerns"]:
        person, worker = people[entry["person"]], staff[entry["by"]]
        concern = services.concern_raise(
            actor=worker,
            person=person,
            data={
                "raised_by": entry["raised_by"],
                "raised_on": _ago(entry["raised_days_ago"]),
                "happened_on": _ago(entry.get("happened_days_ago")),
                "what_happened": entry["what_happened"],
                "immediate_safety": entry["immediate_safety"],
            },
        )
        decision = entry["decision"]
        services.concern_decide(
            actor=staff[decision["by"]],
            person=person,
            concern_id=concern.pk,
            expected_version=concern.version,
            data={
                "decision": decision["decision"],
                "decision_reasons": decision["reasons"],
                "decided_on": _ago(decision["days_ago"]),
            },
        )
        if "enquiry" in entry:
            _enquiry(concern, person, worker, entry["enquiry"])
    ids = [p.pk for p in people.values()]
    return {
        "safeguarding concerns": Concern.objects.filter(person__in=ids).count(),
        "safeguarding enquiries": Enquiry.objects.filter(person__in=ids).count(),
        "desired outcomes": DesiredOutcome.objects.filter(person__in=ids).count(),
    }
