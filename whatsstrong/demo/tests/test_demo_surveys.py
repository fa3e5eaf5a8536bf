"""The demo council's experience surveys: invitations from records, a year of answers, a result
shown and a small group hidden, only one person's answers kept with their record. (One test, as
loading the demo takes a while.)"""

from io import StringIO

import pytest
from django.core.management import call_command

from whatsstrong.surveys import definitions, queries
from whatsstrong.surveys.models import Channel, Invitation, Response


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_has_invitations_and_a_year_of_answers_in_every_way_they_come(demo):
    assert Invitation.objects.count() >= 6
    assert Response.objects.count() >= 12
    assert set(Response.objects.values_list("channel", flat=True)) == set(Channel.values)
    months = set(Response.objects.values_list("month", flat=True))
    assert len(months) >= 12
    assert Response.objects.filter(person__isnull=False).count() == 1
    assert "survey responses" in demo
    # One result shown by team, and the carers' survey with a team too small to show.
    client = {row.label: row for row in queries.results(definitions.survey("client"))[0].rows}
    assert client["Riverside Locality Team"].total and client["Hillcrest Community Team"].total
    carer = {row.label: row for row in queries.results(definitions.survey("carer"))[0].rows}
    assert carer["Hillcrest Community Team"].hidden and carer["All teams"].total >= 5
