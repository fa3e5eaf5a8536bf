"""The demo's audits: across both teams, one moderated with its differences, one answered by the
practitioner, an observation with consent, a sample drawn; every row's history names its writer."""

import pytest
from django.core.management import call_command

from whatsstrong.audits import queries
from whatsstrong.audits.models import Audit, AuditRating, Sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    from io import StringIO

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_a_quarter_of_audits_across_both_teams(demo):
    audits = list(Audit.objects.select_related("team"))
    assert {a.team.name for a in audits} == {"Riverside Locality Team", "Hillcrest Community Team"}
    assert {a.kind for a in audits} >= {"record", "observation", "thematic"}
    observed = next(a for a in audits if a.kind == "observation")
    assert observed.consent and observed.observed_on and observed.shared_at
    assert any(a.response for a in audits)
    assert not Audit.history.filter(history_user__isnull=True).exists()
    assert not AuditRating.history.filter(history_user__isnull=True).exists()


def test_one_demo_audit_is_moderated_with_its_differences_explained(demo):
    report = queries.moderation_report()
    assert report["differed"] == 2
    assert all(r.moderation_reason for r in report["differences"])


def test_the_demo_draws_a_sample_for_a_team(demo):
    sample = Sample.objects.get()
    assert sample.team.name == "Riverside Locality Team" and sample.cases.exists()
