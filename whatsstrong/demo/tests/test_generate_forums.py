"""manage.py generate_council holds outcomes forums for generated teams, hearing some of the plans
and raising gaps the commissioners' counts include, at the rates generator/forums.py states."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from whatsstrong.directory import queries
from whatsstrong.directory.models import Gap
from whatsstrong.forums.models import Forum, ForumGap, ForumMember, Hearing
from whatsstrong.plans.models import SupportPlan

PEOPLE = 600


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=PEOPLE, seed=7, batch_size=200, stdout=out)
    return out.getvalue()


def test_forums_hear_about_a_quarter_of_plans_and_raise_gaps_counted_by_quarter(council):
    assert "Outcomes forums:" in council
    plans = SupportPlan.objects.count()
    people_heard = Hearing.objects.values("person").distinct().count()
    assert Forum.objects.exists() and ForumMember.objects.count() >= 4 * Forum.objects.count() * 0.9
    assert 0.1 * plans <= people_heard <= 0.4 * plans, (people_heard, plans)
    decisions = set(Hearing.objects.values_list("decision", flat=True))
    assert {"agreed", "changes"} <= decisions
    assert Hearing.objects.filter(follows__isnull=False, follows__decision="changes").exists()
    for h in Hearing.objects.select_related("plan", "forum")[:50]:
        assert h.plan.person_id == h.person_id
    gaps = Gap.objects.filter(source="forum")
    assert gaps.count() == ForumGap.objects.count() > 0
    assert not gaps.filter(urgency="").exists() and not gaps.filter(category__isnull=True).exists()
    assert sum(c.count for c in queries.gap_counts_by_quarter()) == Gap.objects.count()


def test_a_generated_hearing_page_opens(council, client):
    from whatsstrong.core.models import Role, User

    hearing = Hearing.objects.select_related("forum").first()
    chair = User.objects.get(pk=hearing.forum.chair_id)
    assert chair.role == Role.SUPERVISOR
    client.force_login(chair, backend="whatsstrong.core.backends.StaffBackend")
    response = client.get(reverse("forums:hearing", args=[hearing.person_id, hearing.pk]))
    assert response.status_code == 200 and "What the budget pays" in response.content.decode()
