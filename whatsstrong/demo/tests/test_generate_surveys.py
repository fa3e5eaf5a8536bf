"""generate_council --responses: survey answers at scale, over the teams and a year."""

from io import StringIO

import pytest
from django.core.management import call_command

from whatsstrong.surveys import definitions
from whatsstrong.surveys.models import Answer, Response


@pytest.mark.django_db
def test_it_writes_responses_with_an_answer_to_every_statement_over_twelve_months(teams):
    out = StringIO()
    call_command("generate_council", "--responses", "300", "--seed", "3", "--batch-size", "70", stdout=out)
    assert Response.objects.count() == 300 and "300 survey responses" in out.getvalue()
    assert len(set(Response.objects.values_list("month", flat=True))) == 12
    assert set(Response.objects.values_list("team_id", flat=True)) == {t.pk for t in teams.values()}
    expected = sum(len(definitions.survey(r.survey).statements) for r in Response.objects.all())
    assert Answer.objects.count() == expected
    assert not Response.objects.filter(person__isnull=False).exists()
