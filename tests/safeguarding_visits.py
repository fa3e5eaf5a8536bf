"""The safeguarding pages for tests/test_every_page_html.py: each page as it opens, and every form after
a bad submission. The records are made on first use from the world fixture's people: a concern about
Peggy waiting for Carol's decision, one with an enquiry under way (her daughter Joy named as the source
of risk), and one whose enquiry has closed."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def _concern(services, w, what):
    return services.concern_raise(
        actor=w.staff["alice"],
        person=w.peggy,
        data={
            "raised_by": "Her neighbour",
            "raised_on": TODAY - 5 * DAY,
            "what_happened": what,
            "immediate_safety": "Safe",
        },
    )


def _enquiry(services, w, what):
    concern = _concern(services, w, what)
    concern = services.concern_decide(
        actor=w.staff["carol"],
        person=w.peggy,
        concern_id=concern.pk,
        expected_version=1,
        data={"decision": "s42", "decision_reasons": "The duty applies.", "decided_on": TODAY - 4 * DAY},
    )
    enquiry = concern.enquiry
    services.enquiry_save(
        actor=w.staff["alice"],
        person=w.peggy,
        enquiry_id=enquiry.pk,
        expected_version=1,
        abuse_types=["financial"],
        data={"asked": "expressed", "location": "own_home"},
    )
    outcome = services.outcome_add(
        actor=w.staff["alice"], person=w.peggy, enquiry_id=enquiry.pk, text="“Keep my savings safe.”"
    )
    services.source_add(
        actor=w.staff["alice"],
        person=w.peggy,
        enquiry_id=enquiry.pk,
        data={"kind": "known", "network_member": w.joy.pk},
    )
    return concern, outcome


def things(w):
    if not hasattr(w, "safeguarding"):
        from whatsstrong.safeguarding import services

        waiting = _concern(services, w, "Cash taken from her purse")
        open_, _ = _enquiry(services, w, "Bank card used in another town")
        closed, outcome = _enquiry(services, w, "Cheques written to a stranger")
        services.enquiry_close(
            actor=w.staff["alice"],
            person=w.peggy,
            enquiry_id=closed.enquiry.pk,
            expected_version=2,
            data={"action_result": "identified_action", "risk_outcome": "removed", "concluded_on": TODAY},
            achieved={outcome.pk: "fully"},
        )
        w.safeguarding = SimpleNamespace(waiting=waiting, open=open_, closed=closed)
    return w.safeguarding


def at(name, which="open"):
    def build(w):
        return reverse(f"safeguarding:{name}", args=[w.peggy.pk, getattr(things(w), which).pk])

    return build


def version(w, which="open", enquiry=True):
    from whatsstrong.safeguarding.models import Concern, Enquiry

    found = getattr(things(w), which)
    return Enquiry.objects.get(concern=found).version if enquiry else Concern.objects.get(pk=found.pk).version


def reason_given(client, w):
    from whatsstrong.core import access

    access.grant_restricted_access(user=w.staff["quinn"], record=things(w).open, reason="Quarterly audit of enquiries")


def visits(Visit):
    raise_url = lambda w: reverse("safeguarding:raise", args=[w.peggy.pk])  # noqa: E731
    return [
        Visit("safeguarding-raise", "safeguarding:raise", "alice", raise_url, shows="Who raised the concern"),
        Visit(
            "safeguarding-raise-errors",
            "safeguarding:raise",
            "alice",
            raise_url,
            errors=True,
            post=lambda w: {
                "raised_by": "Kept: the GP",
                "raised_on_0": "31",
                "raised_on_1": "2",
                "raised_on_2": "2020",
            },
            shows="Kept: the GP",
        ),
        Visit("safeguarding-concern", "safeguarding:concern", "alice", at("concern"), shows="Joy Okafor (daughter)"),
        Visit(
            "safeguarding-concern-closed",
            "safeguarding:concern",
            "alice",
            at("concern", "closed"),
            shows="Record the survey invitation",
        ),
        Visit(
            "safeguarding-concern-for-a-quality-lead",
            "safeguarding:concern",
            "quinn",
            at("concern"),
            before=reason_given,
            shows="Who they are is shown only to",
        ),
        Visit("safeguarding-reason", "safeguarding:reason", "quinn", at("reason"), shows="Say why you need"),
        Visit(
            "safeguarding-reason-errors",
            "safeguarding:reason",
            "quinn",
            at("reason"),
            errors=True,
            status=400,
            post=lambda w: {"reason": "audit"},
        ),
        Visit("safeguarding-decide", "safeguarding:decide", "carol", at("decide", "waiting"), shows="Cash taken"),
        Visit(
            "safeguarding-decide-errors",
            "safeguarding:decide",
            "carol",
            at("decide", "waiting"),
            errors=True,
            post=lambda w: {"version": version(w, "waiting", enquiry=False), "decision_reasons": "Kept reasons"},
            shows="Kept reasons",
        ),
        Visit(
            "safeguarding-enquiry", "safeguarding:enquiry", "alice", at("enquiry"), shows="Types of abuse or neglect"
        ),
        Visit(
            "safeguarding-enquiry-errors",
            "safeguarding:enquiry",
            "alice",
            at("enquiry"),
            errors=True,
            post=lambda w: {"version": version(w), "abuse_types": ["financial", "made_up"], "actions": "Kept actions"},
            shows="Kept actions",
        ),
        Visit("safeguarding-outcome-add", "safeguarding:outcome_add", "alice", at("outcome_add"), shows="own words"),
        Visit(
            "safeguarding-outcome-add-errors",
            "safeguarding:outcome_add",
            "alice",
            at("outcome_add"),
            errors=True,
            post=lambda w: {"text": "  "},
            shows="Enter what they want to happen",
        ),
        Visit(
            "safeguarding-source-add",
            "safeguarding:source_add",
            "alice",
            at("source_add"),
            shows="Joy Okafor (daughter)",
        ),
        Visit(
            "safeguarding-source-add-errors",
            "safeguarding:source_add",
            "alice",
            at("source_add"),
            errors=True,
            post=lambda w: {"kind": "known", "relationship": "Kept: cousin"},
            shows="Kept: cousin",
        ),
        Visit("safeguarding-close", "safeguarding:close", "alice", at("close"), shows="Keep my savings safe."),
        Visit(
            "safeguarding-close-errors",
            "safeguarding:close",
            "alice",
            at("close"),
            errors=True,
            post=lambda w: {
                "version": version(w),
                "action_result": "identified_action",
                "concluded_on_0": str(TODAY.day),
                "concluded_on_1": str(TODAY.month),
                "concluded_on_2": str(TODAY.year),
            },
            shows="Choose whether the risk was removed, reduced or remains",
        ),
        Visit("safeguarding-survey", "safeguarding:survey", "alice", at("survey", "closed"), shows="experience survey"),
        Visit(
            "safeguarding-survey-errors",
            "safeguarding:survey",
            "alice",
            at("survey", "closed"),
            errors=True,
            post=lambda w: {"version": version(w, "closed"), "survey": "sent"},
            shows="Enter the date",
        ),
    ]
