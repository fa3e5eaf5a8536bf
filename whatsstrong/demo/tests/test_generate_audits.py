"""manage.py generate_council fills audits: record audits of signed-off assessments, every standard
rated on the scale, some shared, answered and moderated, every moderator's difference with a reason."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from whatsstrong.audits import queries
from whatsstrong.audits.models import Audit, AuditRating, Standard

pytestmark = pytest.mark.django_db


def test_generated_audits_keep_the_audits_rules(db):
    out = StringIO()
    call_command("generate_council", people=1200, seed=3, batch_size=400, stdout=out)
    assert "Audits:" in out.getvalue()
    audits = Audit.objects.all()
    assert audits.count() >= 5
    standards = Standard.objects.filter(active=True).count()
    assert set(audits.annotate(n=Count("ratings")).values_list("n", flat=True)) == {standards}
    assert all(a.assessment.status == "authorised" and a.practitioner_id == a.assessment.author_id for a in audits)
    assert audits.filter(shared_at__isnull=False).exists()
    moderated = AuditRating.objects.filter(moderated__isnull=False)
    assert not moderated.filter(moderation_reason="").exists()
    assert queries.moderation_report()["rated"] > 0

    # The themes report has figures of every kind to show.
    quarters = sorted(set(audits.values_list("quarter", flat=True)))
    totals = queries.themes_report(quarters[-12:]).totals()
    assert totals["ratings"] and totals["moderated"] and totals["tagged"] and totals["done"] and totals["outstanding"]
