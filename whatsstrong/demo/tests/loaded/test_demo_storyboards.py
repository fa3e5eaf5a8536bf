"""The demo's storyboards: ten published across both teams, one waiting for review with a name the
reviewer sees flagged, one sent back, one due to be looked at again; history names every writer."""

import pytest

from whatsstrong.storyboards import queries, services
from whatsstrong.storyboards.models import CpdRecord, Storyboard

pytestmark = pytest.mark.django_db


def test_the_demo_evidence_bank(demo):
    published = Storyboard.objects.filter(status="published").select_related("team")
    assert published.count() == 10
    assert {s.team.name for s in published} == {"Riverside Locality Team", "Hillcrest Community Team"}
    assert all(services.open_flags(s) == [] for s in published)
    assert len(queries.due_again()) == 1
    waiting = queries.waiting_for_review()
    assert len(waiting) == 1 and [f.words for f in services.open_flags(waiting[0])] == ["Jasmine Okoro"]
    sent_back = Storyboard.objects.get(status="sent_back")
    assert sent_back.changes_asked
    assert CpdRecord.objects.count() == 2
    assert not Storyboard.history.filter(history_user__isnull=True).exists()
    assert queries.evidence_bank("allotment")[1] == 1
