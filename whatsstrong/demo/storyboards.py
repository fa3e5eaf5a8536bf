"""The demo council's storyboards (data/storyboards.json), written and reviewed through the storyboard
services so each history row names who wrote or reviewed it: ten published stories across both
teams (one due to be looked at again), one waiting for review with a name the reviewer will see
highlighted, one sent back, and CPD records drafted from two of them.

Consent is dated a few days before each story was published. Publication dates are then set back
to spread the stories over the past months, as they would be in a bank that has been in use."""

import datetime

from django.utils import timezone

from whatsstrong.storyboards import services
from whatsstrong.storyboards.models import Storyboard

TEXT = ("title", "situation", "what_was_done", "difference", "their_words", "learning", "people_involved")


def add_storyboards(data, staff):
    today = timezone.localdate()
    reviewer = staff[data["reviewer"]]
    by_title = {}
    for entry in data["stories"]:
        author = staff[entry["by"]]
        days_ago = entry.get("published_days_ago", 5)
        story = services.story_save(
            actor=author,
            data={
                **{name: entry.get(name, "") for name in TEXT},
                "about_someone": entry["about_someone"],
                "consent_by": entry.get("consent_by", ""),
                "consent_how": entry.get("consent_how", ""),
                "consent_on": today - datetime.timedelta(days=days_ago + 7) if entry.get("consent_by") else None,
            },
            themes_chosen=entry["themes"],
            submit=True,
        )
        if entry["state"] == "published":
            story = services.story_decide(
                actor=reviewer, story_id=story.pk, action="approve", review_on=today + datetime.timedelta(days=365)
            )
            published_at = timezone.now() - datetime.timedelta(days=days_ago)
            review_on = (
                today - datetime.timedelta(days=3)
                if entry.get("review_due")
                else published_at.date() + datetime.timedelta(days=365)
            )
            Storyboard.objects.filter(pk=story.pk).update(published_at=published_at, review_on=review_on)
        elif entry["state"] == "sent_back":
            services.story_decide(actor=reviewer, story_id=story.pk, action="send_back", changes=entry["changes"])
        by_title[entry["title"]] = story
    for entry in data["cpd"]:
        services.cpd_from_story(actor=staff[entry["by"]], story_id=by_title[entry["story"]].pk)
    found = Storyboard.objects.filter(pk__in=[s.pk for s in by_title.values()])
    return {
        "storyboards published": found.filter(status="published").count(),
        "storyboards waiting or sent back": found.exclude(status="published").count(),
    }
