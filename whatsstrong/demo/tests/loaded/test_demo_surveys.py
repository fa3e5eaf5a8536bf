"""The demo council's experience surveys: invitations from records, a year of answers, a result
shown and a small group hidden, only one person's answers kept with their record. (One test, as
loading the demo takes a while.)"""

import pytest

from whatsstrong.surveys import definitions, queries
from whatsstrong.surveys.models import Channel, Invitation, Response


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
    # Riverside's answers on choice get better after its change in practice, and the chart shows it.
    trend = next(t for t in queries.trends(definitions.survey("client"), by="quarter") if t.statement.code == "choice")
    everyone = trend.series[-1].shares
    shown = [s for s in everyone if s is not None]
    assert len(shown) >= 2 and shown[-1] > shown[0]
    # The supervision survey: two rounds, answered by code, linked to no one; no team's round reaches
    # five, so only the totals show.
    supervision = Response.objects.filter(survey="supervision")
    assert supervision.count() == 12 and not supervision.filter(person__isnull=False).exists()
    assert Invitation.objects.filter(survey="supervision", staff__isnull=False).count() == 16
    rows = {row.label: row for row in queries.results(definitions.survey("supervision"))[0].rows}
    assert rows["All teams"].total == 12
    assert queries.national_figures("client")["respect"].year == "2024 to 2025"
    assert dict(queries.themes("client"))
