"""Who may read, change and review a storyboard, and whose CPD records are whose, asked of
core/access.py directly: one row per role and state. Alice wrote the story. "reviews" is who may
review it at all; which states can be reviewed is the workflow's (rules.TRANSITIONS)."""

from types import SimpleNamespace

import pytest

from whatsstrong.core import access

pytestmark = pytest.mark.django_db

#  who       status        sees   changes  reviews
ROWS = [
    ("alice", "draft", True, True, False),
    ("alice", "submitted", True, False, False),
    ("alice", "sent_back", True, True, False),
    ("alice", "published", True, False, False),
    ("bob", "draft", False, False, False),
    ("bob", "submitted", False, False, False),
    ("bob", "published", True, False, False),
    ("carol", "submitted", False, False, False),
    ("carol", "published", True, False, False),
    ("quinn", "draft", True, False, True),
    ("quinn", "submitted", True, True, True),
    ("quinn", "sent_back", True, False, True),
    ("quinn", "published", True, False, True),
    ("lee", "submitted", False, False, False),
    ("dina", "published", True, False, False),
    ("adam", "submitted", False, False, False),
]


@pytest.mark.parametrize("who, status, sees, changes, reviews", ROWS)
def test_who_may_do_what_with_alices_story(staff, who, status, sees, changes, reviews):
    story = SimpleNamespace(author_id=staff["alice"].pk, status=status)
    user = staff[who]
    assert access.can_see_storyboard(user, story) is sees
    assert access.can_change_storyboard(user, story) is changes
    assert access.can_review_storyboard(user, story) is reviews


def test_a_quality_lead_does_not_review_their_own_story(staff):
    story = SimpleNamespace(author_id=staff["quinn"].pk, status="submitted")
    assert access.can_see_storyboard(staff["quinn"], story)
    assert not access.can_review_storyboard(staff["quinn"], story)
    assert not access.can_change_storyboard(staff["quinn"], story)


def test_a_switched_off_account_and_someone_signed_out_may_do_nothing(staff):
    from django.contrib.auth.models import AnonymousUser

    alice = staff["alice"]
    story = SimpleNamespace(author_id=alice.pk, status="published")
    alice.is_active = False
    for user in (alice, AnonymousUser()):
        assert not access.can_see_storyboard(user, story)
        assert not access.can_change_storyboard(user, SimpleNamespace(author_id=alice.pk, status="draft"))
        assert not access.can_read_evidence_bank(user)
        assert not access.can_write_storyboards(user)


def test_a_cpd_record_is_its_owners_alone(staff):
    record = SimpleNamespace(owner_id=staff["alice"].pk)
    assert access.can_see_cpd_record(staff["alice"], record)
    assert not any(access.can_see_cpd_record(staff[w], record) for w in ("bob", "carol", "quinn", "lee", "adam"))
