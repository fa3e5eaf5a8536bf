"""The demo council's positive risk assessments and risk enablement panels (data/risk.json), written
through the risk services so each step's history names who took it, then dated as the file says.

Panels are added for today (the services refuse a date gone by), referrals put on them, what the panel
said and the decision after it recorded, and then the dates are moved back to the days the file gives.
Dates are days before today, so the demo reads the same whenever it is loaded.
"""

from datetime import date, timedelta

from django.utils import timezone

from whatsstrong.people.services import asset_save, network_member_save, person_create
from whatsstrong.risk import services
from whatsstrong.risk.models import Panel, PanelAction, PanelReferral, RiskAssessment

ASSESSMENT_TEXT = ("decision", "their_view", "benefits_to_them", "benefits_to_others", "keeping_benefits", "capacity")
ASSESSMENT_TEXT += tuple(services.rules.BEST_INTERESTS)


def _add_person(entry, teams, staff):
    entry = dict(entry)
    entry.pop("ref")
    team = teams[entry.pop("team")]
    worker = staff[entry.pop("worker")]
    network = entry.pop("network")
    assets = entry.pop("assets")
    entry["date_of_birth"] = date.fromisoformat(entry["date_of_birth"])
    person = person_create(actor=worker, data={**entry, "team": team, "allocated_worker": worker})
    members = {m["name"]: network_member_save(actor=worker, person=person, data=m) for m in network}
    for asset in assets:
        asset = dict(asset)
        linked = asset.pop("member", None)
        asset_save(actor=worker, person=person, data={**asset, "network_member": members.get(linked)})
    return person


def add_risk(data, people, staff, teams):
    """Write everything in the file; returns how many of each thing there are."""
    today = timezone.localdate()

    def ago(days):
        return today - timedelta(days=days)

    for entry in data["people"]:
        people[entry["ref"]] = _add_person(entry, teams, staff)

    assessments = {}
    for e in data["assessments"]:
        person, author = people[e["person"]], staff[e["by"]]
        made = services.assessment_start(
            actor=author,
            person=person,
            data={f: e[f] for f in ASSESSMENT_TEXT if f in e},
            started_on=ago(e["started_days_ago"]),
        )
        for risk in e["risks"]:
            services.risk_add(actor=author, person=person, assessment_id=made.pk, data=risk)
        if "agreed" in e:
            agreed = e["agreed"]
            services.assessment_agree(
                actor=author,
                person=person,
                assessment_id=made.pk,
                data={"agreed_by": agreed["by"], "review_on": today + timedelta(days=agreed["review_in_days"])},
                expected_version=RiskAssessment.objects.get(pk=made.pk).version,
            )
            RiskAssessment.objects.filter(pk=made.pk).update(agreed_on=ago(agreed["days_ago"]))
        assessments[e["key"]] = made

    referrals = {}
    for r in data["referrals"]:
        person = people[r["person"]]
        fields = {f: r[f] for f in ("situation", "tried", "their_view", "question")}
        if "assessment" in r:
            fields["assessment"] = assessments[r["assessment"]].pk
        referrals[r["key"]] = services.referral_add(
            actor=staff[r["by"]], person=person, data=fields, referred_on=ago(r["days_ago"])
        )

    for p in data["panels"]:
        coordinator = staff[p["by"]]
        panel = services.panel_add(
            actor=coordinator, data={"meets_on": today, "place": p["place"], "chair": p["chair"]}
        )
        panel = services.panel_save(
            actor=coordinator, panel_id=panel.pk, data={"attendance": p["attendance"]}, expected_version=panel.version
        )
        for heard in p["hears"]:
            _hear(heard, referrals[heard["referral"]], panel, coordinator, staff, ago)
        Panel.objects.filter(pk=panel.pk).update(meets_on=ago(p["days_ago"]))

    for p in data["upcoming_panels"]:
        services.panel_add(
            actor=staff[p["by"]],
            data={"meets_on": today + timedelta(days=p["in_days"]), "place": p["place"], "chair": p["chair"]},
        )

    ids = [p.pk for p in people.values()]
    return {
        "positive risk assessments": RiskAssessment.objects.filter(person__in=ids).count(),
        "risk panel referrals": PanelReferral.objects.filter(person__in=ids).count(),
        "risk panels": Panel.objects.count(),
        "risk panel actions": PanelAction.objects.filter(person__in=ids).count(),
    }


def _hear(heard, referral, panel, coordinator, staff, ago):
    person = referral.person
    referral = services.referral_schedule(
        actor=coordinator, person=person, referral_id=referral.pk, panel_id=panel.pk, expected_version=referral.version
    )
    said = {f: heard[f] for f in ("discussion", "advice", "recommendations")}
    if "follow_up_days_ago" in heard:
        said["follow_up_on"] = panel.meets_on  # moved with the panel's date below
    referral = services.panel_record(
        actor=coordinator, person=person, referral_id=referral.pk, data=said, expected_version=referral.version
    )
    if "follow_up_days_ago" in heard:
        PanelReferral.objects.filter(pk=referral.pk).update(follow_up_on=ago(heard["follow_up_days_ago"]))
    d = heard["decision"]
    referral = services.referral_decide(
        actor=staff[d["by"]],
        person=person,
        referral_id=referral.pk,
        data={"decision": d["decision"], "reasons": d["reasons"], "manager": staff[d["manager"]].pk},
        expected_version=referral.version,
    )
    PanelReferral.objects.filter(pk=referral.pk).update(decided_on=ago(d["days_ago"]))
    for a in heard["actions"]:
        action = services.action_add(
            actor=coordinator,
            person=person,
            referral_id=referral.pk,
            data={"what": a["what"], "owner": a["owner"], "due_on": ago(a["due_days_ago"])},
        )
        if "done_days_ago" in a:
            services.action_done(
                actor=staff[d["by"]], person=person, action_id=action.pk, done=True, expected_version=1
            )
            PanelAction.objects.filter(pk=action.pk).update(done_on=ago(a["done_days_ago"]))
