"""manage.py generate_council gives every generated practitioner six months of supervision, at the
rates generator/supervision.py states, and the team view finds who is overdue."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.supervision import queries
from whatsstrong.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=400, seed=3, batch_size=200, stdout=out)
    return out.getvalue()


def test_six_months_of_supervision_for_every_practitioner(council):
    assert "Supervision:" in council
    today = timezone.localdate()
    practitioners = User.objects.filter(role=Role.PRACTITIONER)
    assert practitioners.exists()
    for member in practitioners:
        held = SupervisionSession.objects.filter(supervisee=member)
        assert held.count() >= 3, member.username
        assert (today - min(held.values_list("held_on", flat=True))).days >= 150
    assert CaseDiscussion.objects.count() >= SupervisionSession.objects.count()
    assert {"shared", "kolb", "kcvets"} <= set(CaseDiscussion.objects.values_list("model", flat=True))
    assert SupervisionAction.objects.filter(done_at__isnull=False).exists()
    supervisor = User.objects.filter(role=Role.SUPERVISOR).first()
    assert queries.overview(supervisor, today)


def test_a_peer_group_per_team_at_the_stated_rates(council):
    from whatsstrong.demo.generator import supervision as rates
    from whatsstrong.supervision.models import PeerGroup, PeerGroupSession

    assert "Peer groups:" in council
    teams = {}
    for pk, team_id in User.objects.filter(role=Role.PRACTITIONER, is_active=True).values_list("pk", "team_id"):
        teams.setdefault(team_id, set()).add(pk)
    with_peers = {t for t, ids in teams.items() if len(ids) >= 2}
    groups = list(PeerGroup.objects.select_related("supervisor").prefetch_related("members"))
    assert len(groups) == len(with_peers) > 0
    today = timezone.localdate()
    for group in groups:
        members = {u.pk for u in group.members.all()}
        assert members in [teams[t] for t in with_peers] and group.supervisor.role == Role.SUPERVISOR
        assert group.frequency and group.confidentiality and group.agreed_on
        sessions = list(PeerGroupSession.objects.filter(group=group).order_by("held_on"))
        # A session every six weeks over six months, nine in ten held: three to five.
        assert 3 <= len(sessions) <= 5, group.name
        assert (today - sessions[0].held_on).days >= 130
        for earlier, later in zip(sessions, sessions[1:], strict=False):
            assert later.facilitator_id != earlier.facilitator_id  # the rota goes round
            assert earlier.next_on == later.held_on
        assert {s.facilitator_id for s in sessions} | {s.presenter_id for s in sessions} <= members
    every = PeerGroupSession.objects.all()
    shared = every.filter(summary_shared_at__isnull=False).count()
    assert 0.5 <= shared / every.count() <= 1  # eight in ten, on a small council
    assert every.filter(model="shared").count() >= every.count() / 3
    group_actions = SupervisionAction.objects.filter(group_session__isnull=False)
    assert group_actions.count() == every.count()
    assert group_actions.filter(done_at__isnull=False).exists()
    assert all(a.what == rates.GROUP_ACTION for a in group_actions)
