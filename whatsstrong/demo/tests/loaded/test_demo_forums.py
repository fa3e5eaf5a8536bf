"""The demo council's outcomes forums and a plan naming a directory service, written through the
services: several people heard, decisions of both kinds, a later hearing, and gaps counted."""

import pytest

from whatsstrong.directory import queries
from whatsstrong.directory.models import Gap, Signpost
from whatsstrong.forums.models import ForumGap, ForumMember, Hearing
from whatsstrong.plans.models import Contribution


@pytest.mark.django_db
def test_the_demo_has_forums_hearing_several_people_with_decisions_and_gaps(demo):
    assert "outcomes forums" in demo
    hearings = list(Hearing.objects.select_related("forum"))
    assert len(hearings) == 4 and len({h.person_id for h in hearings}) == 3
    assert {h.decision for h in hearings} == {"agreed", "changes"}
    follow = next(h for h in hearings if h.follows_id)
    assert follow.follows.decision == "changes" and follow.forum.held_on > follow.follows.forum.held_on
    assert set(ForumMember.objects.values_list("discipline", flat=True)) == {
        "social_work",
        "occupational_therapy",
        "technology_enabled_care",
        "commissioning",
        "brokerage",
    }
    assert ForumGap.objects.count() == 3
    forum_gaps = Gap.objects.filter(source="forum")
    assert forum_gaps.count() == 3 and not forum_gaps.filter(urgency="").exists()
    assert sum(c.at_forum for c in queries.gap_counts_by_quarter()) == 3
    assert not Hearing.history.filter(history_user__isnull=True).exists()


@pytest.mark.django_db
def test_a_demo_plan_names_a_directory_service_suggested_once(demo):
    named = Contribution.objects.select_related("service", "signpost").get(service__isnull=False)
    assert named.service.name == "Keresley Men's Shed"
    assert named.signpost.from_plan and Signpost.objects.filter(service=named.service, person=named.person).count() == 1
