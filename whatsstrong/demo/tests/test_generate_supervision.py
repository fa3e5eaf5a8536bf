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
