"""manage.py generate_council gives generated people safeguarding concerns and enquiries at national
rates, keeping the safeguarding rules, and the SAC return reads them."""

from io import StringIO

import pytest
from django.core.management import call_command

from whatsstrong.safeguarding import rules, sac
from whatsstrong.safeguarding.models import Concern, DesiredOutcome, Enquiry

PEOPLE = 2000


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=PEOPLE, seed=3, batch_size=500, stdout=out)
    return out.getvalue()


def test_about_one_enquiry_for_every_three_to_four_concerns(council):
    concerns, enquiries = Concern.objects.count(), Enquiry.objects.count()
    assert 0.05 * PEOPLE < concerns < 0.15 * PEOPLE
    assert 2.5 < concerns / enquiries < 5
    assert "concerns to an enquiry" in council
    assert set(Enquiry.objects.values_list("kind", flat=True)) == {"s42", "other"}
    assert not Enquiry.objects.exclude(concern__decision__in=rules.ENQUIRY_DECISIONS).exists()


def test_closed_enquiries_keep_the_closing_rules(council):
    for e in Enquiry.objects.filter(concluded_on__isnull=False).prefetch_related("outcomes"):
        problems = rules.close_problems(
            asked=e.asked,
            action_result=e.action_result,
            risk_outcome=e.risk_outcome,
            outcomes=[(n, o.achieved) for n, o in enumerate(e.outcomes.all(), start=1)],
            concluded_on=e.concluded_on,
            started_on=e.started_on,
            today=e.concluded_on,
        )
        assert problems == {}, (e.pk, problems)
    assert not DesiredOutcome.objects.filter(enquiry__concluded_on__isnull=True).exclude(achieved="").exists()


def test_the_return_reads_the_generated_council(council):
    year = max(Concern.objects.values_list("raised_on", flat=True)).year - 1
    found = sac.counts(year)
    assert found["SG1f", "concerns", ""] > 0 and found["SG1f", "s42", ""] > 0
