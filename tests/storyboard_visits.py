"""The storyboard pages for tests/test_every_page_html.py: each page as it opens, and every form after a
bad submission. Made on first use: Alice's published story, one of hers waiting for review with a
name in it, her draft, and a CPD record drafted from the published one."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

LATER = datetime.date.today() + datetime.timedelta(days=365)
STORY = {
    "title": "Back to the allotment",
    "situation": "The person had stopped going out after a fall.",
    "what_was_done": "We planned the walk to the allotment with her.",
    "difference": "She goes twice a week.",
    "their_words": "",
    "learning": "Start from what matters to the person.",
    "people_involved": "The person, her son, a community connector.",
    "about_someone": True,
    "consent_by": "The person",
    "consent_how": "written",
    "consent_on": datetime.date.today(),
}


def stories(w):
    if not hasattr(w, "storyboards"):
        from whatsstrong.storyboards import services

        alice, quinn = w.staff["alice"], w.staff["quinn"]
        published = services.story_save(actor=alice, data=STORY, themes_chosen=["positive-risk"], submit=True)
        published = services.story_decide(actor=quinn, story_id=published.pk, action="approve", review_on=LATER)
        waiting = services.story_save(
            actor=alice,
            data={**STORY, "title": "Waiting", "situation": "She asked for Femi Adebayo to come."},
            themes_chosen=["carers"],
            submit=True,
        )
        draft = services.story_save(actor=alice, data={**STORY, "title": "Half written"}, themes_chosen=[])
        record = services.cpd_from_story(actor=alice, story_id=published.pk)
        w.storyboards = SimpleNamespace(published=published, waiting=waiting, draft=draft, record=record)
    return w.storyboards


def at(name, which):
    return lambda w: reverse(f"storyboards:{name}", args=[getattr(stories(w), which).pk])


def version(w, which):
    found = getattr(stories(w), which)
    return type(found).objects.get(pk=found.pk).version


def visits(Visit):
    bank = lambda w: reverse("storyboards:bank")  # noqa: E731
    return [
        Visit("storyboards-bank", "storyboards:bank", "bob", bank, before=lambda c, w: stories(w), shows="Back to"),
        Visit(
            "storyboards-bank-errors",
            "storyboards:bank",
            "bob",
            bank,
            query="q=allotment&theme=nonsense",
            errors=True,
            status=400,
            shows="Choose a theme from the list",
        ),
        Visit("storyboards-new", "storyboards:new", "alice", lambda w: reverse("storyboards:new"), shows="Consent"),
        Visit(
            "storyboards-new-errors",
            "storyboards:new",
            "alice",
            lambda w: reverse("storyboards:new"),
            errors=True,
            status=400,
            post=lambda w: {"title": "Kept title", "about_someone": "yes", "submit": "1"},
            shows="Kept title",
        ),
        Visit(
            "storyboards-yours",
            "storyboards:yours",
            "alice",
            lambda w: reverse("storyboards:yours"),
            before=lambda c, w: stories(w),
            shows="Half written",
        ),
        Visit(
            "storyboards-reviews",
            "storyboards:reviews",
            "quinn",
            lambda w: reverse("storyboards:reviews"),
            before=lambda c, w: stories(w),
            shows="Waiting for review (1)",
        ),
        Visit(
            "storyboards-reviews-forbidden-403",
            "storyboards:reviews",
            "alice",
            lambda w: reverse("storyboards:reviews"),
            status=403,
        ),
        Visit("storyboards-story", "storyboards:story", "bob", at("story", "published"), shows="Draft a CPD record"),
        Visit("storyboards-story-draft-403", "storyboards:story", "bob", at("story", "draft"), status=403),
        Visit("storyboards-edit", "storyboards:edit", "alice", at("edit", "draft"), shows="Half written"),
        Visit(
            "storyboards-edit-errors",
            "storyboards:edit",
            "alice",
            at("edit", "draft"),
            errors=True,
            status=400,
            post=lambda w: {"version": version(w, "draft"), "title": "Kept", "about_someone": "maybe", "save": "1"},
            shows="Choose yes or no",
        ),
        Visit("storyboards-review", "storyboards:review", "quinn", at("review", "waiting"), shows="ws-flag"),
        Visit(
            "storyboards-review-accept-errors",
            "storyboards:review",
            "quinn",
            at("review", "waiting"),
            errors=True,
            status=400,
            post=lambda w: {"step": "accept", "reason": "Kept reason"},
            shows="Kept reason",
        ),
        Visit(
            "storyboards-review-decide-errors",
            "storyboards:review",
            "quinn",
            at("review", "waiting"),
            errors=True,
            status=400,
            post=lambda w: {"step": "decide", "version": version(w, "waiting"), "action": "send_back"},
            shows="Say what the author should change",
        ),
        Visit("storyboards-cpd", "storyboards:cpd", "alice", at("cpd", "record"), shows="Download as a text file"),
        Visit("storyboards-cpd-someone-elses-404", "storyboards:cpd", "bob", at("cpd", "record"), status=404),
        Visit("storyboards-cpd-edit", "storyboards:cpd_edit", "alice", at("cpd_edit", "record"), shows="Type of CPD"),
        Visit(
            "storyboards-cpd-edit-errors",
            "storyboards:cpd_edit",
            "alice",
            at("cpd_edit", "record"),
            errors=True,
            status=400,
            post=lambda w: {"version": version(w, "record"), "kind": "practice", "title": "Kept", "learning": ""},
            shows="Say what you learnt",
        ),
    ]


def excluded():
    return {
        "storyboards:cpd_draft": (
            "POST only: drafts a CPD record from a story and redirects to its edit page (checked).",
            at("cpd_draft", "published"),
        ),
    }


NOT_HTML = {
    "storyboards:cpd_download": (
        "A CPD record as a plain text file (storyboards/tests/test_pages.py reads it back).",
        "text/plain; charset=utf-8",
        at("cpd_download", "record"),
        "alice",
    ),
}
