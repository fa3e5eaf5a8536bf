"""The risk pages for tests/test_every_page_html.py: each page as it opens, and every form after a bad
submission. Made on first use from the world fixture: Peggy's positive risk assessment being written
with one risk, one agreed, a referral waiting, and one heard at today's panel with an action."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=60)
RISK = {
    "what": "A fall on the stairs at her son's house",
    "for_whom": "them",
    "likelihood_theirs": 1,
    "likelihood_ours": 2,
    "severity_theirs": 2,
    "severity_ours": 2,
}
REFERRAL = {"situation": "Wants to move in with her son.", "tried": "Day visits.", "their_view": "“Ready.”"}


def things(w):
    if not hasattr(w, "risk"):
        from whatsstrong.risk import services

        alice, quinn, peggy = w.staff["alice"], w.staff["quinn"], w.peggy
        draft = services.assessment_start(
            actor=alice, person=peggy, data={"decision": "Moving to live with her son", "their_view": "“Yes.”"}
        )
        risk = services.risk_add(actor=alice, person=peggy, assessment_id=draft.pk, data=RISK)
        agreed = services.assessment_start(
            actor=alice,
            person=peggy,
            data={
                "decision": "Going to the market alone",
                "their_view": "“I know the way.”",
                "benefits_to_them": "Her own shopping",
                "keeping_benefits": "A phone with her son's number",
                "capacity": "has",
            },
        )
        services.risk_add(actor=alice, person=peggy, assessment_id=agreed.pk, data=RISK)
        services.assessment_agree(
            actor=alice,
            person=peggy,
            assessment_id=agreed.pk,
            data={"agreed_by": "Peggy", "review_on": LATER},
            expected_version=1,
        )
        waiting = services.referral_add(actor=alice, person=peggy, data={**REFERRAL, "question": "Waiting one?"})
        heard = services.referral_add(
            actor=alice, person=peggy, data={**REFERRAL, "question": "A trial month?", "assessment": draft.pk}
        )
        panel = services.panel_add(actor=quinn, data={"meets_on": TODAY, "place": "Room 4", "chair": "Quinn"})
        services.referral_schedule(
            actor=quinn, person=peggy, referral_id=heard.pk, panel_id=panel.pk, expected_version=1
        )
        heard = services.panel_record(
            actor=quinn,
            person=peggy,
            referral_id=heard.pk,
            data={"discussion": "Nights.", "advice": "Try a month.", "recommendations": ""},
            expected_version=2,
        )
        action = services.action_add(
            actor=quinn,
            person=peggy,
            referral_id=heard.pk,
            data={"what": "Book a telecare check", "owner": "Alice", "due_on": LATER},
        )
        w.risk = SimpleNamespace(
            draft=draft, risk=risk, agreed=agreed, waiting=waiting, heard=heard, panel=panel, action=action
        )
    return w.risk


def on(name, *which):
    """A person's risk page: ids after the person's are attribute names of things(w)."""

    def build(w):
        found = things(w)
        return reverse(f"risk:{name}", args=[w.peggy.pk, *[getattr(found, x).pk for x in which]])

    return build


def panel_page(name, panel=True):
    def build(w):
        found = things(w)  # made first, so the lists have something in them
        return reverse(f"risk:{name}", args=[found.panel.pk] if panel else [])

    return build


def version(which):
    def get(w):
        found = getattr(things(w), which)
        return type(found).objects.get(pk=found.pk).version

    return get


def day(prefix, value):
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


YESTERDAY = TODAY - datetime.timedelta(days=1)


def visits(Visit):
    return [
        Visit("risk-add", "risk:assessment_add", "alice", on("assessment_add"), shows="What decision or activity"),
        Visit(
            "risk-add-errors",
            "risk:assessment_add",
            "alice",
            on("assessment_add"),
            errors=True,
            post=lambda w: {
                "decision": "",
                "their_view": "Kept when the decision is missing",
                **day("review_on", YESTERDAY),
            },
            shows="Kept when the decision is missing",
        ),
        Visit("risk-assessment", "risk:assessment", "alice", on("assessment", "draft"), shows="Add a risk"),
        Visit("risk-assessment-agreed", "risk:assessment", "carol", on("assessment", "agreed"), shows="Who agreed"),
        Visit("risk-change", "risk:assessment_change", "alice", on("assessment_change", "draft")),
        Visit(
            "risk-change-errors",
            "risk:assessment_change",
            "alice",
            on("assessment_change", "draft"),
            errors=True,
            post=lambda w: {"version": version("draft")(w), "decision": "Moving", **day("review_on", TODAY)},
            shows="The review date must be in the future",
        ),
        Visit("risk-capacity", "risk:capacity", "alice", on("capacity", "draft"), shows="Who was consulted"),
        Visit(
            "risk-capacity-errors",
            "risk:capacity",
            "alice",
            on("capacity", "draft"),
            errors=True,
            post=lambda w: {"version": version("draft")(w), "capacity": "lacks", "consulted": "Her son"},
            shows="Enter their past wishes",
        ),
        Visit("risk-risk-add", "risk:risk_add", "alice", on("risk_add", "draft"), shows="What could go wrong?"),
        Visit(
            "risk-risk-add-errors",
            "risk:risk_add",
            "alice",
            on("risk_add", "draft"),
            errors=True,
            post=lambda w: {**RISK, "likelihood_theirs": "7", "what": "Kept when the scale is wrong"},
            shows="a number from 1 (unlikely) to 3 (likely)",
        ),
        Visit("risk-risk", "risk:risk_change", "alice", on("risk_change", "draft", "risk"), shows="A fall on the"),
        Visit(
            "risk-risk-errors",
            "risk:risk_change",
            "alice",
            on("risk_change", "draft", "risk"),
            errors=True,
            post=lambda w: {**RISK, "version": 1, "for_whom": ""},
            shows="Choose whether it is a risk for them or for others",
        ),
        Visit("risk-agree", "risk:agree", "alice", on("agree", "draft"), shows="Who agreed?"),
        Visit(
            "risk-agree-errors",
            "risk:agree",
            "alice",
            on("agree", "draft"),
            errors=True,
            post=lambda w: {"version": version("draft")(w), "agreed_by": "Peggy", **day("review_on", LATER)},
            shows="before agreeing",
        ),
        Visit("risk-refer", "risk:refer", "alice", on("refer"), shows="What has been tried?"),
        Visit(
            "risk-refer-errors",
            "risk:refer",
            "alice",
            on("refer"),
            errors=True,
            post=lambda w: {"situation": "Kept when the rest is missing"},
            shows="Kept when the rest is missing",
        ),
        Visit("risk-referral", "risk:referral", "alice", on("referral", "heard"), shows="It does not decide"),
        Visit("risk-referral-coordinator", "risk:referral", "quinn", on("referral", "waiting"), shows="Put on a panel"),
        Visit("risk-schedule", "risk:schedule", "quinn", on("schedule", "waiting"), shows="Which panel will hear it?"),
        Visit(
            "risk-schedule-errors",
            "risk:schedule",
            "quinn",
            on("schedule", "waiting"),
            errors=True,
            post=lambda w: {"version": version("waiting")(w), "panel": "999999"},
            shows="Choose a panel date from the list",
        ),
        Visit("risk-schedule-forbidden-403", "risk:schedule", "alice", on("schedule", "waiting"), status=403),
        Visit("risk-record", "risk:record", "quinn", on("record", "heard"), shows="It does not decide"),
        Visit(
            "risk-record-errors",
            "risk:record",
            "quinn",
            on("record", "heard"),
            errors=True,
            post=lambda w: {"version": version("heard")(w), "discussion": "", "advice": "", "recommendations": ""},
            shows="Enter what the panel discussed",
        ),
        Visit("risk-decide", "risk:decide", "alice", on("decide", "heard"), shows="not the panel"),
        Visit(
            "risk-decide-errors",
            "risk:decide",
            "alice",
            on("decide", "heard"),
            errors=True,
            post=lambda w: {"version": version("heard")(w), "decision": "Kept when the reasons are missing"},
            shows="Enter the reasons for the decision",
        ),
        Visit("risk-decide-forbidden-403", "risk:decide", "quinn", on("decide", "heard"), status=403),
        Visit("risk-action-add", "risk:action_add", "alice", on("action_add", "heard"), shows="Who will do it?"),
        Visit(
            "risk-action-add-errors",
            "risk:action_add",
            "alice",
            on("action_add", "heard"),
            errors=True,
            post=lambda w: {"what": "Kept when the owner is missing", **day("due_on", LATER)},
            shows="Enter who will do it",
        ),
        Visit("risk-action", "risk:action_done", "quinn", on("action_done", "heard", "action"), shows="Has it been"),
        Visit(
            "risk-action-errors",
            "risk:action_done",
            "quinn",
            on("action_done", "heard", "action"),
            errors=True,
            post=lambda w: {"version": version("action")(w)},
            shows="Choose whether it has been done",
        ),
        Visit("risk-panels", "risk:panels", "quinn", panel_page("panels", panel=False), shows="Panels to come (1)"),
        Visit("risk-panels-forbidden-403", "risk:panels", "alice", panel_page("panels", panel=False), status=403),
        Visit("risk-panel-add", "risk:panel_add", "carol", panel_page("panel_add", panel=False)),
        Visit(
            "risk-panel-add-errors",
            "risk:panel_add",
            "carol",
            panel_page("panel_add", panel=False),
            errors=True,
            post=lambda w: {**day("meets_on", YESTERDAY), "place": "Kept when the date has gone"},
            shows="The date of the panel must be today or in the future",
        ),
        Visit("risk-panel", "risk:panel", "lee", panel_page("panel"), shows="Referrals it hears (1)"),
        Visit("risk-panel-change", "risk:panel_change", "quinn", panel_page("panel_change"), shows="Who attended?"),
        Visit(
            "risk-panel-change-errors",
            "risk:panel_change",
            "quinn",
            panel_page("panel_change"),
            errors=True,
            post=lambda w: {
                "version": version("panel")(w),
                "meets_on_0": "31",
                "meets_on_1": "2",
                "meets_on_2": "2030",
            },
            shows="must be a real date",
        ),
    ]


def excluded():
    return {
        "risk:assessment_review": (
            "POST only: starts a review of an agreed assessment and redirects to the new version (its "
            "button is on the agreed assessment's page, which is checked).",
            lambda w: reverse("risk:assessment_review", args=[w.peggy.pk, things(w).agreed.pk]),
        ),
    }
