"""Results: agreement over time by team drawn as SVG with a table, the CSV export (counts only,
small groups hidden, no formulas), free-text themes, the national comparison panel and response
rates; and the supervision survey for staff, shown to managers only for five or more answers."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from whatsstrong.surveys import definitions, queries, rules, services
from whatsstrong.surveys.models import Invitation, NationalFigure, Response, TextTheme

D = datetime.date


def _answers(survey, answer):
    return {s.code: answer for s in definitions.survey(survey).statements}


def _enter(staff, teams, team, n, *, survey="client", answer="agree", month=None, more=""):
    for _ in range(n):
        services.response_enter(
            actor=staff["quinn"],
            survey_code=survey,
            team=teams[team] if team else None,
            channel="paper",
            answers=_answers(survey, answer),
            month=month,
            more=more,
        )


# --- Pure rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "month, by, start, label",
    [
        (D(2026, 5, 1), "month", D(2026, 5, 1), "May 2026"),
        (D(2026, 5, 1), "quarter", D(2026, 4, 1), "Apr–Jun 2026"),
        (D(2026, 12, 1), "quarter", D(2026, 10, 1), "Oct–Dec 2026"),
        (D(2026, 1, 1), "quarter", D(2026, 1, 1), "Jan–Mar 2026"),
    ],
)
def test_months_fall_in_their_period(month, by, start, label):
    assert rules.period_of(month, by) == start and rules.period_label(start, by) == label


def test_a_hidden_share_breaks_the_line_rather_than_drawing_a_zero():
    runs = rules.line_points([0.5, None, 1.0, 0.0], width=300, height=100, left=10, top=5)
    assert runs == [[(10.0, 55.0)], [(210.0, 5.0), (310.0, 105.0)]]
    assert rules.line_points([], width=100, height=100) == []


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 7700", "'+44 7700"),
        ("-1+2", "'-1+2"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("Plain words", "Plain words"),
        (12, "12"),
        (-3, "-3"),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, cell):
    assert rules.csv_cell(value) == cell


@pytest.mark.parametrize(
    "invited, answered, rate", [(4, 4, None), (5, 0, 0.0), (10, 4, 0.4), (5, 7, 1.0), (0, 3, None)]
)
def test_a_response_rate_needs_five_invited(invited, answered, rate):
    assert rules.response_rate(invited, answered) == rate


# --- Over time and by team ----------------------------------------------------------------------------------


def test_agreement_over_time_shows_the_change_and_hides_small_periods(staff, teams):
    before, after, small = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)
    _enter(staff, teams, "north", 6, answer="disagree", month=before)
    _enter(staff, teams, "south", 6, answer="agree", month=before)
    _enter(staff, teams, "north", 8, answer="agree", month=after)
    _enter(staff, teams, "south", 5, answer="agree", month=after)
    _enter(staff, teams, "north", 2, answer="agree", month=small)
    _enter(staff, teams, "south", 9, answer="agree", month=small)
    trend = queries.trends(definitions.survey("client"))[0]
    assert trend.periods == ("Jan 2026", "Feb 2026", "Mar 2026")
    series = {s.label: s for s in trend.series}
    assert series["North Locality"].shares[:2] == (0.0, 1.0)
    assert series["All teams"].shares[:2] == (0.5, 1.0) and series["All teams"].answered[:2] == (12, 13)
    # March: North's two are hidden, and South with them, or the all-teams count would give North away.
    assert series["North Locality"].shares[2] is None and series["South Locality"].shares[2] is None
    assert series["All teams"].shares[2] == 1.0
    quarter = queries.trends(definitions.survey("client"), by="quarter")[0]
    assert quarter.periods == ("Jan–Mar 2026",)
    assert {s.label: s.answered[0] for s in quarter.series} == {
        "North Locality": 16,
        "South Locality": 20,
        "All teams": 36,
    }


def test_a_quarter_with_a_few_disagreeing_hides_the_share_with_them(staff, teams):
    _enter(staff, teams, "north", 9, answer="agree", month=D(2026, 1, 1))
    _enter(staff, teams, "north", 2, answer="disagree", month=D(2026, 1, 1))
    series = queries.trends(definitions.survey("client"))[0].series
    # 9 agreed and 2 did not: the share would tell the hidden 2, so no share is shown.
    assert all(s.shares == (None,) for s in series)


def test_the_results_page_draws_each_chart_with_its_table(client_for, staff, teams):
    _enter(staff, teams, "north", 6, answer="agree", month=D(2026, 1, 1))
    _enter(staff, teams, "south", 6, answer="disagree", month=D(2026, 1, 1))
    _enter(staff, teams, "north", 6, answer="agree", month=D(2026, 2, 1))
    _enter(staff, teams, "south", 6, answer="agree", month=D(2026, 2, 1))
    page = client_for("carol").get(reverse("surveys:results", args=["client"])).content.decode()
    assert page.count("<polyline") >= 7 and 'role="img"' in page
    assert "Share who agreed, by month (how many answered)" in page and "50% (12)" in page and "100% (12)" in page
    assert "not weighted" in page
    quarter = client_for("carol").get(reverse("surveys:results", args=["client"]) + "?by=quarter").content.decode()
    assert "Jan–Mar 2026" in quarter and "75% (24)" in quarter


# --- CSV export ---------------------------------------------------------------------------------------------------


def _csv(client, code):
    response = client.get(reverse("surveys:results_csv", args=[code]))
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_export_has_counts_only_with_small_groups_and_their_partners_hidden(client_for, staff, teams):
    _enter(staff, teams, "north", 12, survey="carer", more="Jo Bloggs on 07700 900123 was great")
    _enter(staff, teams, "south", 3, survey="carer", answer="disagree")
    rows = _csv(client_for("carol"), "carer")
    assert rows[0][:3] == ["Statement", "Group", "Strongly agree"] and rows[0][-1] == "Share agreeing (%)"
    first = [r for r in rows[1:4]]
    by_group = {r[1]: r for r in first}
    # South has 3: hidden; North hidden with it (complementary), or the all-teams row would give South away.
    assert by_group["South Locality"][2:] == [""] * 8
    assert by_group["North Locality"][2:] == [""] * 8
    assert by_group["All teams"][3] == "12" and by_group["All teams"][-2] == "15"
    text = "\n".join(",".join(r) for r in rows)
    assert "Jo Bloggs" not in text and "07700" not in text  # never free text
    assert "unweighted" in rows[-1][0]


def test_the_csv_export_is_refused_to_those_who_may_not_see_results(client_for):
    assert client_for("alice").get(reverse("surveys:results_csv", args=["client"])).status_code == 403
    assert client_for("carol").get(reverse("surveys:results_csv", args=["nonsense"])).status_code == 404


# --- Themes ---------------------------------------------------------------------------------------


def test_a_survey_manager_tags_comments_with_themes_and_sees_them_counted(client_for, staff, teams):
    _enter(staff, teams, "north", 2, more="The wait for a call back was long.")
    first, second = Response.objects.order_by("pk")
    client = client_for("quinn")
    url = reverse("surveys:theme_add", args=["client", first.pk])
    client.post(url, {"theme": "Waiting times"})
    client.post(url, {"theme": "waiting   times"})  # the same theme again: one tag
    client.post(reverse("surveys:theme_add", args=["client", second.pk]), {"theme": "Waiting times"})
    assert TextTheme.objects.count() == 2
    assert queries.themes("client") == [("Waiting times", 2)]
    page = client.get(reverse("surveys:results", args=["client"])).content.decode()
    assert "Themes tagged so far" in page and "Waiting times" in page
    empty = client.post(url, {"theme": "  "}, follow=True).content.decode()
    assert "Enter a theme, for example ‘waiting times’" in empty
    tag = TextTheme.objects.first()
    client.post(reverse("surveys:theme_remove", args=["client", tag.pk]))
    assert TextTheme.objects.count() == 1


def test_only_survey_managers_tag_themes(client_for, staff, teams):
    _enter(staff, teams, "north", 1, more="Good.")
    response = Response.objects.get()
    assert client_for("carol").post(reverse("surveys:theme_add", args=["client", response.pk]), {"theme": "x"})
    assert not TextTheme.objects.exists()
    with pytest.raises(PermissionDenied):
        services.theme_tag(actor=staff["carol"], response_id=response.pk, theme="x")


# --- The national comparison panel ----------------------------------------------------------------------------------


def test_national_figures_are_shown_beside_ours_saying_ours_are_unweighted(client_for, staff, teams):
    _enter(staff, teams, "north", 6, answer="agree")
    _enter(staff, teams, "south", 6, answer="disagree")
    client = client_for("quinn")
    url = reverse("surveys:national", args=["client"])
    page = client.post(url, {"year": "2024 to 2025", "n_respect": "91.5", "n_safe": "abc", "n_choice": "120"})
    html = page.content.decode()
    assert "Enter a percentage, like 64 or 64.5" in html and "Enter a percentage from 0 to 100" in html
    for typed, problem in (("64.55", "at most one decimal place"), ("-3", "like 64"), ("1e2", "like 64")):
        assert rules.read_percent(typed)[1] and problem in rules.read_percent(typed)[1]
    assert rules.read_percent(" 64.5 % ") == (64.5, None) and rules.read_percent("") == (None, None)
    assert 'value="91.5"' in html and not NationalFigure.objects.exists()  # nothing saved, nothing lost
    client.post(url, {"year": "2024 to 2025", "n_respect": "91.5", "n_safe": "70%"})
    assert dict(NationalFigure.objects.values_list("statement", "percent")) == {"respect": 91.5, "safe": 70}
    results = client.get(reverse("surveys:results", args=["client"])).content.decode()
    assert "Beside the national survey" in results and "Our own figures are not weighted" in results
    assert "91.5%" in results and "50%" in results and "(2024 to 2025)" in results
    assert client_for("carol").get(url).status_code == 403


# --- Response rates -------------------------------------------------------------------------------


def test_response_rates_by_team_and_month_hide_months_with_fewer_than_five_invited(staff, teams, make_person):
    north = [make_person(given_name=f"N{i}") for i in range(6)]
    for person in north:
        services.invitation_create(actor=staff["alice"], person=person, survey_code="client")
    south = make_person(worker="bob", given_name="S")
    services.invitation_create(actor=staff["bob"], person=south, survey_code="client")
    _enter(staff, teams, "north", 3)
    _enter(staff, teams, "south", 1)
    rows = {row.team: row for row in queries.response_rates("client")}
    month = timezone.localdate().replace(day=1)
    assert (rows["North Locality"].month, rows["North Locality"].invited) == (month, 6)
    assert rows["North Locality"].answered == 3 and rows["North Locality"].rate == 0.5
    assert rows["South Locality"].invited == 1 and rows["South Locality"].rate is None
    assert rows["South Locality"].answered is None


# --- The supervision survey for staff ------------------------------------------------------------------------------


def test_the_supervision_survey_is_defined_like_the_others_and_is_for_staff(db):
    survey = definitions.survey("supervision")
    assert survey.for_staff and len(survey.statements) == 6 and survey.more
    assert all(s.easy for s in survey.statements)
    assert "supervision" not in [s.code for s in definitions.people_surveys()]


def test_a_supervisor_invites_their_own_team_by_code_and_nobody_twice(client_for, staff, teams):
    client = client_for("carol")
    page = client.post(reverse("surveys:staff_invite"), {"team": teams["north"].pk}).content.decode()
    invited = Invitation.objects.filter(survey="supervision")
    assert sorted(i.staff.username for i in invited) == ["alice", "carol"]
    assert all(i.person_id is None and i.team_id == teams["north"].pk for i in invited)
    assert page.count("ws-letter__code") == 2
    again = client.post(reverse("surveys:staff_invite"), {"team": teams["north"].pk}).content.decode()
    assert invited.count() == 2 and "no new codes were made" in again
    # Carol may not invite the south team; practitioners may not invite anyone.
    with pytest.raises(PermissionDenied):
        services.staff_invite(actor=staff["carol"], team=teams["south"], survey_code="supervision")
    assert client_for("alice").get(reverse("surveys:staff_invite")).status_code == 403
    with pytest.raises(ValidationError):
        services.staff_invite(actor=staff["lee"], team=teams["south"], survey_code="client")


def test_staff_answer_with_a_code_and_nothing_links_the_answers_to_them(client, staff, teams):
    (invitation, code), *_ = services.staff_invite(actor=staff["carol"], team=teams["north"], survey_code="supervision")
    page = client.post(reverse("surveys:answer_start"), {"code": code})
    assert page.url == reverse("surveys:answer_question", args=[1])  # no "keep with your record" question
    for number in range(1, 7):
        client.post(reverse("surveys:answer_question", args=[number]), {"answer": "agree"})
    client.post(reverse("surveys:answer_more"), {"more": ""})
    client.post(reverse("surveys:answer_check"))
    response = Response.objects.get()
    assert (response.survey, response.person_id, response.entered_by_id) == ("supervision", None, None)
    assert response.team_id == teams["north"].pk and response.month == timezone.localdate().replace(day=1)
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"staff", "invitation", "user"}


def test_supervision_results_show_nothing_below_five_answers_and_only_to_managers(client_for, staff, teams):
    url = reverse("surveys:results", args=["supervision"])
    _enter(staff, teams, "north", 4, survey="supervision")
    page = client_for("carol").get(url).content.decode()
    assert "Fewer than 5 people have answered so far" in page and "<table" not in page
    assert not [r for r in _csv(client_for("carol"), "supervision") if r and r[0] != "Statement"][:-1]
    _enter(staff, teams, "north", 1, survey="supervision")
    page = client_for("carol").get(url).content.decode()
    assert "5 responses in all" in page and "<table" in page
    # Practitioners and administrators do not see it; the quality lead does.
    assert client_for("alice").get(url).status_code == 403
    assert client_for("adam").get(url).status_code == 403
    assert client_for("quinn").get(url).status_code == 200
    assert "supervision" not in client_for("adam").get(reverse("surveys:results_list")).content.decode()


def test_supervision_results_hide_a_team_of_fewer_than_five(staff, teams):
    _enter(staff, teams, "north", 7, survey="supervision")
    _enter(staff, teams, "south", 4, survey="supervision", answer="disagree")
    rows = {r.label: r for r in queries.results(definitions.survey("supervision"))[0].rows}
    assert rows["South Locality"].hidden and rows["North Locality"].hidden
    assert rows["All teams"].total == 11
