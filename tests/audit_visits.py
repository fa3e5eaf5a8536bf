"""The audit pages for tests/test_every_page_html.py: each page as it opens, and every form after a
bad submission. Made on first use from the world fixture's Peggy: a draft audit of Carol's, and one
she shared with Alice, with an action."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

QUARTER = f"{datetime.date.today().year}-Q{(datetime.date.today().month - 1) // 3 + 1}"


def audits(w):
    if not hasattr(w, "audits"):
        from whatsstrong.audits import queries, services

        carol, peggy = w.staff["carol"], w.peggy
        draft = services.audit_start(actor=carol, kind="record", person=peggy)
        shared = services.audit_start(actor=carol, kind="record", person=peggy)
        action = services.action_add(actor=carol, audit_id=shared.pk, text="Write up the talk about the allotment.")
        shared = services.audit_save(
            actor=carol,
            audit_id=shared.pk,
            expected_version=shared.version,
            ratings={s.code: ("good", "Seen in her own words.") for s in queries.standards()},
            strengths="Peggy's garden is at the centre of the record.",
            learning="Weigh the allotment risks with her.",
            share=True,
        )
        w.audits = SimpleNamespace(draft=draft, shared=shared, action=action)
    return w.audits


def supervision_audit(w):
    """Quinn's audit of Alice's supervision, with the supervision visits' session to list."""
    if not hasattr(w, "supervision_audit"):
        from whatsstrong.audits import services

        from . import supervision_visits

        supervision_visits.made(w)
        w.supervision_audit = services.audit_start(
            actor=w.staff["quinn"], kind="supervision", practitioner=w.staff["alice"], focus="The March session."
        )
    return w.supervision_audit


def at(name, which="shared"):
    return lambda w: reverse(f"audits:{name}", args=[getattr(audits(w), which).pk])


def version(w, which="shared"):
    found = getattr(audits(w), which)
    return type(found).objects.get(pk=found.pk).version


def visits(Visit):
    start = lambda w: reverse("audits:start", args=[w.peggy.pk])  # noqa: E731
    return [
        Visit("audits-list-practitioner", "audits:list", "alice", lambda w: reverse("audits:list"), shows="Audits"),
        Visit(
            "audits-list-senior-leader",
            "audits:list",
            "lee",
            lambda w: reverse("audits:list"),
            shows="Waiting for moderation",
            before=lambda client, w: audits(w),
        ),
        Visit("audits-standards", "audits:standards", "alice", lambda w: reverse("audits:standards"), shows="KcVETS"),
        Visit("audits-start", "audits:start", "carol", start, shows="Audit this record"),
        Visit(
            "audits-start-errors",
            "audits:start",
            "carol",
            start,
            errors=True,
            status=400,
            post=lambda w: {"kind": "observation", "focus": "Kept when refused"},
            shows="Kept when refused",
        ),
        Visit("audits-start-forbidden-403", "audits:start", "sam", start, status=403),
        Visit("audits-audit-practitioner", "audits:audit", "alice", at("audit"), shows="Add your response"),
        Visit("audits-audit-draft", "audits:audit", "carol", at("audit", "draft"), shows="Rate the standards"),
        Visit("audits-audit-forbidden-403", "audits:audit", "bob", at("audit"), status=403),
        Visit(
            "audits-audit-supervision",
            "audits:audit",
            "quinn",
            lambda w: reverse("audits:audit", args=[supervision_audit(w).pk]),
            shows="Alice Test’s recent supervision",
        ),
        Visit("audits-write", "audits:write", "carol", at("write", "draft"), shows="What to look for"),
        Visit(
            "audits-write-errors",
            "audits:write",
            "carol",
            at("write", "draft"),
            errors=True,
            status=400,
            post=lambda w: {"version": version(w, "draft"), "rating_skills": "excellent", "strengths": "Kept"},
            shows="Choose a rating from the scale for Skills",
        ),
        Visit("audits-action-add", "audits:action_add", "carol", at("action_add", "draft")),
        Visit(
            "audits-action-add-errors",
            "audits:action_add",
            "carol",
            at("action_add", "draft"),
            errors=True,
            status=400,
            post=lambda w: {"text": " "},
        ),
        Visit("audits-respond", "audits:respond", "alice", at("respond"), shows="Your response"),
        Visit(
            "audits-respond-errors",
            "audits:respond",
            "alice",
            at("respond"),
            errors=True,
            status=400,
            post=lambda w: {"version": version(w), "response": ""},
        ),
        Visit("audits-moderate", "audits:moderate", "lee", at("moderate"), shows="Agree: Good"),
        Visit(
            "audits-moderate-errors",
            "audits:moderate",
            "lee",
            at("moderate"),
            errors=True,
            status=400,
            post=lambda w: {"version": version(w), "moderated_skills": "strong", "comment": "Kept"},
            shows="Say why you changed the rating for Skills",
        ),
        Visit("audits-sample", "audits:sample", "carol", lambda w: reverse("audits:sample"), shows="Draw a sample"),
        Visit(
            "audits-sample-errors",
            "audits:sample",
            "carol",
            lambda w: reverse("audits:sample"),
            errors=True,
            status=400,
            post=lambda w: {"team": "", "quarter": "autumn", "seed": "", "size": "0", "share": "10"},
            shows="Enter a quarter like",
        ),
        Visit("audits-sample-forbidden-403", "audits:sample", "alice", lambda w: reverse("audits:sample"), status=403),
        Visit(
            "audits-moderation", "audits:moderation", "lee", lambda w: reverse("audits:moderation"), shows="compared"
        ),
        Visit(
            "audits-moderation-errors",
            "audits:moderation",
            "lee",
            lambda w: reverse("audits:moderation"),
            query="quarter=autumn",
            errors=True,
            status=400,
        ),
        Visit(
            "audits-start-supervision",
            "audits:start_supervision",
            "carol",
            lambda w: reverse("audits:start_supervision"),
            shows="Whose supervision is audited?",
        ),
        Visit(
            "audits-start-supervision-errors",
            "audits:start_supervision",
            "carol",
            lambda w: reverse("audits:start_supervision"),
            errors=True,
            status=400,
            post=lambda w: {"practitioner": "", "focus": "Kept when refused"},
            shows="Kept when refused",
        ),
        Visit(
            "audits-start-supervision-forbidden-403",
            "audits:start_supervision",
            "alice",
            lambda w: reverse("audits:start_supervision"),
            status=403,
        ),
        Visit(
            "audits-start-thematic",
            "audits:start_thematic",
            "carol",
            lambda w: reverse("audits:start_thematic"),
            shows="Start a thematic review",
        ),
        Visit(
            "audits-start-thematic-errors",
            "audits:start_thematic",
            "carol",
            lambda w: reverse("audits:start_thematic"),
            errors=True,
            status=400,
            post=lambda w: {"focus": "Kept theme", "team": "", "records": "12a"},
            shows="Enter record numbers only",
        ),
        Visit(
            "audits-themes",
            "audits:themes",
            "lee",
            lambda w: reverse("audits:themes"),
            before=lambda client, w: audits(w),
            shows="Quarterly themes report",
        ),
        Visit(
            "audits-themes-errors",
            "audits:themes",
            "lee",
            lambda w: reverse("audits:themes"),
            query="first=autumn&last=2026-Q1",
            errors=True,
            status=400,
            shows="Enter a quarter like",
        ),
        Visit("audits-themes-forbidden-403", "audits:themes", "carol", lambda w: reverse("audits:themes"), status=403),
        Visit(
            "audits-themes-document",
            "audits:themes_document",
            "quinn",
            lambda w: reverse("audits:themes_document"),
            before=lambda client, w: audits(w),
            shows="print menu",
        ),
    ]


NOT_HTML = {
    "audits:themes_csv": (
        "The quarterly themes report's figures as CSV (audits/tests/test_themes.py reads it back).",
        "text/csv",
        lambda w: reverse("audits:themes_csv"),
        "lee",
    ),
}


def excluded():
    return {
        "audits:action_done": (
            "POST only: marks an action done or not and redirects to the audit (checked).",
            lambda w: reverse("audits:action_done", args=[audits(w).shared.pk, audits(w).action.pk]),
        ),
        "audits:case_start": (
            "POST only: starts the audit of a case in the sample and redirects to its rating page (checked).",
            lambda w: reverse("audits:case_start", args=[1]),
        ),
    }
