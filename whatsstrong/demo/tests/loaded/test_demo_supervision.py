"""The demo council's supervision: six months of sessions for every practitioner, Lorna's move to her
daughter's discussed in SHARED, actions done and open, and someone overdue in the team view."""

import pytest
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.supervision import queries
from whatsstrong.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession


@pytest.mark.django_db
def test_every_practitioner_has_six_months_of_supervision(demo):
    assert "supervision sessions" in demo
    today = timezone.localdate()
    for member in User.objects.filter(role=Role.PRACTITIONER):
        held = list(SupervisionSession.objects.filter(supervisee=member).values_list("held_on", flat=True))
        assert len(held) >= 5, member.username
        assert (today - min(held)).days >= 170
    lorna = CaseDiscussion.objects.get(person__given_name="Lorna")
    assert lorna.model == "shared" and "Yvonne" in lorna.reflections["decide"] + lorna.reflections["hear"]
    assert SupervisionAction.objects.filter(done_at__isnull=False).exists()
    assert SupervisionAction.objects.filter(done_at__isnull=True).exists()
    ruth, mairead = User.objects.get(username="ruth"), User.objects.get(username="mairead")
    assert not any(s.overdue for _, s in queries.overview(ruth, today))
    overdue = [u.pk for u, s in queries.overview(mairead, today) if s.overdue]
    assert overdue == [User.objects.get(username="hannah").pk]


@pytest.mark.django_db
def test_the_demo_peer_group_has_an_agreement_and_four_sessions_one_about_lorna_in_shared(demo):
    from whatsstrong.supervision.models import PeerGroup, PeerGroupSession

    group = PeerGroup.objects.get()
    assert group.agreed_on and group.confidentiality and group.members.count() == 3
    sessions = PeerGroupSession.objects.filter(group=group)
    assert sessions.count() == 4 and all(s.summary_shared_at for s in sessions)
    assert len({s.facilitator_id for s in sessions}) == 3
    lorna = sessions.get(person__given_name="Lorna")
    assert lorna.model == "shared" and set(lorna.reflections) == {"see", "hear", "act", "read", "evaluate", "decide"}
    assert SupervisionAction.objects.filter(group_session=lorna).count() == 2
