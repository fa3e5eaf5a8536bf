"""Stories for the storyboard tests, written through the services."""

import datetime

import pytest

GOOD = {
    "title": "Back to the allotment",
    "situation": "The person had stopped going out after a fall, and missed her allotment most of all.",
    "what_was_done": (
        "We met at the allotment gate and planned the walk there together, with a stick and a bench halfway."
    ),
    "difference": "She goes twice a week, and gives seedlings to the neighbours.",
    "their_words": "",
    "learning": "Start from what matters to the person, then look at the risks with them.",
    "people_involved": "The person, her son, a community connector.",
    "about_someone": True,
    "consent_by": "The person",
    "consent_how": "written",
    "consent_on": datetime.date.today() - datetime.timedelta(days=3),
}
THEMES = ["strengths-own", "positive-risk"]
LATER = datetime.date.today() + datetime.timedelta(days=365)


@pytest.fixture
def write_story(staff):
    from whatsstrong.storyboards import services

    def write(by="alice", submit=True, themes=THEMES, **change):
        return services.story_save(actor=staff[by], data={**GOOD, **change}, themes_chosen=themes, submit=submit)

    return write


@pytest.fixture
def published(staff, write_story):
    from whatsstrong.storyboards import services

    def publish(by="alice", **change):
        story = write_story(by=by, **change)
        return services.story_decide(actor=staff["quinn"], story_id=story.pk, action="approve", review_on=LATER)

    return publish
