"""The demo council's audits (data/audits.json): written through the audits services, so each
history row names the member of staff who wrote it."""

import datetime

from django.utils import timezone

from whatsstrong.assessments.models import Assessment
from whatsstrong.audits import queries, rules, services
from whatsstrong.audits.models import Audit
from whatsstrong.core.models import Team


def _ratings(entry):
    given = entry["ratings"]
    if not entry["share"]:
        return {code: tuple(value) for code, value in given.items()}
    return {s.code: tuple(given.get(s.code, ("good", entry["default_evidence"]))) for s in queries.standards()}


def _day_in(today, quarters_ago):
    """A day two weeks into the quarter `quarters_ago` before today's (today itself for this quarter)."""
    if not quarters_ago:
        return today
    first, _ = rules.quarter_dates(rules.quarters_back(rules.quarter_of(today), quarters_ago + 1))
    return first + datetime.timedelta(days=14)


def add_audits(data, people, staff, teams_by_key):
    today = timezone.localdate()
    for entry in data["audits"]:
        person = people.get(entry.get("person"))
        assessment = (
            Assessment.objects.filter(person=person, kind=entry["assessment"]).order_by("pk").first()
            if entry.get("assessment")
            else None
        )
        auditor = staff[entry["by"]]
        audit = services.audit_start(
            actor=auditor,
            kind=entry["kind"],
            person=person,
            assessment=assessment,
            practitioner=staff.get(entry.get("practitioner")),
            focus=entry.get("focus", ""),
            consent=entry["kind"] == "observation",
            team=teams_by_key.get(entry.get("team")),
            observed_on=today - datetime.timedelta(days=entry["observed_days_ago"])
            if "observed_days_ago" in entry
            else None,
            today=_day_in(today, entry.get("quarters_ago", 0)),
        )
        for text, done in entry["actions"]:
            action = services.action_add(actor=auditor, audit_id=audit.pk, text=text)
            if done:
                services.action_done(actor=auditor, action_id=action.pk, done=True)
        audit = services.audit_save(
            actor=auditor,
            audit_id=audit.pk,
            expected_version=audit.version,
            ratings=_ratings(entry),
            strengths=entry["strengths"],
            learning=entry["learning"],
            share=entry["share"],
            themes=entry.get("themes", []),
        )
        if entry.get("response"):
            audit = services.audit_respond(
                actor=staff[entry["response"]["by"]],
                audit_id=audit.pk,
                expected_version=audit.version,
                response=entry["response"]["text"],
            )
        if entry.get("moderation"):
            given = entry["moderation"]
            services.audit_moderate(
                actor=staff[given["by"]],
                audit_id=audit.pk,
                expected_version=audit.version,
                moderated={code: value[0] for code, value in given["ratings"].items()},
                reasons={code: value[1] for code, value in given["ratings"].items()},
                comment=given["comment"],
            )
    for entry in data["samples"]:
        services.sample_draw(
            actor=staff[entry["by"]],
            team=teams_by_key[entry["team"]],
            quarter=rules.quarter_of(today),
            seed=entry["seed"],
            size=entry["size"],
            share=entry["share"],
        )
    return {
        "audits": Audit.objects.filter(
            team__in=Team.objects.filter(pk__in=[t.pk for t in teams_by_key.values()])
        ).count()
    }
