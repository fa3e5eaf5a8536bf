"""The quarterly themes report against hand-counted fixtures: ratings by standard, team and quarter
(counted at the moderator's rating where it changed), moderation agreement, learning themes, and
actions done and outstanding; its CSV; who may read it; and a period typed wrongly."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from whatsstrong.audits import queries, rules, services
from whatsstrong.audits.models import LearningTheme, Standard

pytestmark = pytest.mark.django_db

IN_Q1, IN_Q2 = datetime.date(2026, 2, 10), datetime.date(2026, 5, 12)
PERIOD = {"first": "2026-Q1", "last": "2026-Q2"}


def _audit(auditor, practitioner, *, today, ratings, themes, actions=(), share=True):
    """A supervision audit (the quickest kind to set up: no person's record) written through the services."""
    audit = services.audit_start(
        actor=auditor, kind="supervision", practitioner=practitioner, focus="The last three sessions.", today=today
    )
    for text, done in actions:
        action = services.action_add(actor=auditor, audit_id=audit.pk, text=text)
        if done:
            services.action_done(actor=auditor, action_id=action.pk, done=True)
    given = {s.code: (ratings.get(s.code, ratings["*"]), "Seen in the notes.") for s in queries.standards()}
    return services.audit_save(
        actor=auditor,
        audit_id=audit.pk,
        expected_version=audit.version,
        ratings=given,
        strengths="Supervision starts from what went well.",
        learning="Talk through risk with people.",
        themes=list(themes),
        share=share,
    )


@pytest.fixture
def counted(staff):
    """Four audits, counted by hand:

    - A (North, 2026-Q1): every standard Good but the person's voice Developing; shared; themes own
      words and positive risk; two actions, one done. Lee moderates: the person's voice down to Not yet
      met (a change), Skills "Good" (the same as given: agreed). 13 moderated, 12 agreed.
    - B (South, 2026-Q1): every standard Strong; shared; theme own words; one action outstanding.
    - C (North, 2026-Q2): every standard Good; shared; theme positive risk; one action done. Lee agrees
      with all: 13 moderated, 13 agreed.
    - D (North, 2026-Q2): a draft, not shared: Not yet met throughout, theme capacity, one action. Left
      out of every figure.
    """
    carol, sam, alice, bob, lee = (staff[k] for k in ("carol", "sam", "alice", "bob", "lee"))
    a = _audit(
        carol,
        alice,
        today=IN_Q1,
        ratings={"*": "good", "persons-voice": "developing"},
        themes=["own-words", "positive-risk"],
        actions=[("Ask what the person thinks a fair risk is", True), ("Quote the person in the plan", False)],
    )
    services.audit_moderate(
        actor=lee,
        audit_id=a.pk,
        expected_version=a.version,
        moderated={"persons-voice": "not_yet", "skills": "good"},
        reasons={"persons-voice": "The person is not quoted at all."},
    )
    _audit(
        sam, bob, today=IN_Q1, ratings={"*": "strong"}, themes=["own-words"], actions=[("Share at team meeting", False)]
    )
    c = _audit(carol, alice, today=IN_Q2, ratings={"*": "good"}, themes=["positive-risk"], actions=[("Read", True)])
    services.audit_moderate(actor=lee, audit_id=c.pk, expected_version=c.version, moderated={}, reasons={})
    _audit(
        carol,
        alice,
        today=IN_Q2,
        ratings={"*": "not_yet"},
        themes=["capacity"],
        actions=[("Draft", False)],
        share=False,
    )
    return staff


def _report():
    return queries.themes_report(["2026-Q1", "2026-Q2"])


def test_ratings_by_standard_team_and_quarter_count_the_moderated_rating(counted):
    report = _report()
    rows = {
        (s.code, team, q): dict(zip([lv.code for lv in report.levels], counts, strict=True))
        for s, team, q, counts, _ in report.rating_rows()
    }
    n = Standard.objects.filter(active=True).count()
    assert len(rows) == 3 * n  # North Q1, South Q1, North Q2: the draft adds nothing
    assert rows[("persons-voice", "North Locality", "2026-Q1")] == {
        "strong": 0,
        "good": 0,
        "developing": 0,
        "not_yet": 1,
    }
    assert rows[("skills", "North Locality", "2026-Q1")]["good"] == 1
    assert all(rows[(s, "South Locality", "2026-Q1")]["strong"] == 1 for s, _, q in rows if q == "2026-Q1")
    assert rows[("persons-voice", "North Locality", "2026-Q2")]["good"] == 1
    assert ("persons-voice", "South Locality", "2026-Q2") not in rows
    totals = report.totals()
    assert totals["audits"] == 3 and totals["ratings"] == 3 * n
    distribution = {(team, q): dict(parts) for team, q, parts in report.distribution()}
    assert distribution[("North Locality", "2026-Q1")] == {
        "Strong": 0,
        "Good": n - 1,
        "Developing": 0,
        "Not yet met": 1,
    }


def test_moderation_agreement_by_quarter(counted):
    n = Standard.objects.filter(active=True).count()
    rows = {q: (rated, agreed, share) for q, rated, agreed, share in _report().moderation_rows()}
    assert rows["2026-Q1"] == (n, n - 1, round((n - 1) * 100 / n))
    assert rows["2026-Q2"] == (n, n, 100)
    totals = _report().totals()
    assert (totals["moderated"], totals["agreed"]) == (2 * n, 2 * n - 1)


def test_learning_themes_and_actions(counted):
    report = _report()
    themes = [(t.code, per, total) for t, per, total in report.theme_rows()]
    assert themes == [("own-words", [2, 0], 2), ("positive-risk", [1, 1], 2)]  # capacity was only in the draft
    actions = {(team, q): (done, out) for team, q, done, out in report.action_rows()}
    assert actions == {
        ("North Locality", "2026-Q1"): (1, 1),
        ("South Locality", "2026-Q1"): (0, 1),
        ("North Locality", "2026-Q2"): (1, 0),
    }
    assert (report.totals()["done"], report.totals()["outstanding"]) == (2, 2)


def test_a_quarter_holds_only_its_own_audits(counted):
    report = queries.themes_report(["2026-Q2"])
    assert report.totals()["audits"] == 1 and [t.code for t, _, _ in report.theme_rows()] == ["positive-risk"]
    assert queries.themes_report(["2025-Q4"]).totals()["audits"] == 0


def test_the_page_shows_charts_with_tables(client_for, counted):
    page = client_for("lee").get(reverse("audits:themes"), PERIOD)
    assert page.status_code == 200
    html = page.content.decode()
    for chart in ("chart-ratings", "chart-moderation", "chart-themes", "chart-actions"):
        assert f'<svg id="{chart}" role="img"' in html
    for table in ("table-ratings", "table-moderation", "table-themes", "table-actions"):
        assert f'id="{table}"' in html
    assert "Writing in the person&#39;s own words" in html and "Moderators agreed with 25 of the 26" in html


def test_the_document_to_print_has_the_same_figures(client_for, counted):
    page = client_for("quinn").get(reverse("audits:themes_document"), PERIOD)
    assert page.status_code == 200
    html = page.content.decode()
    assert "quarterly themes report, 2026-Q1 to 2026-Q2" in html and 'id="table-actions"' in html
    assert "2 actions done and 2 outstanding" in html


def test_the_csv_holds_the_figures_and_no_formulas(client_for, counted):
    LearningTheme.objects.filter(code="own-words").update(name='=HYPERLINK("http://example.com")')
    got = client_for("quinn").get(reverse("audits:themes_csv"), PERIOD)
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    assert 'filename="audit-themes-2026-Q1-to-2026-Q2.csv"' in got["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(got.content.decode())))
    assert rows[0] == ["Section", "Quarter", "Team", "Standard or theme", "Measure", "Value"]
    by = {tuple(r[:5]): r[5] for r in rows[1:]}
    assert by[("Ratings", "2026-Q1", "North Locality", "The person's voice", "Not yet met")] == "1"
    assert by[("Moderation", "2026-Q2", "All teams", "", "Ratings agreed")] == "13"
    assert by[("Actions", "2026-Q1", "South Locality", "", "Outstanding")] == "1"
    themed = [r for r in rows if r[0] == "Learning themes" and r[4] == "Audits tagged"]
    assert {(r[1], r[3], r[5]) for r in themed} >= {("2026-Q1", '\'=HYPERLINK("http://example.com")', "2")}
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("who, status", [("quinn", 200), ("lee", 200), ("carol", 403), ("alice", 403), ("adam", 403)])
def test_who_may_read_the_report(client_for, staff, who, status):
    for name in ("audits:themes", "audits:themes_csv", "audits:themes_document"):
        assert client_for(who).get(reverse(name)).status_code == status, name


@pytest.mark.parametrize(
    "period, message",
    [
        ({"first": "2026-Q5", "last": "2026-Q2"}, rules.QUARTER_MESSAGE),
        ({"first": "Q1 2026", "last": "2026-Q2"}, rules.QUARTER_MESSAGE),
        ({"first": "2026-Q3", "last": "2026-Q1"}, rules.PERIOD_ORDER),
        ({"first": "2020-Q1", "last": "2026-Q1"}, rules.PERIOD_LONG),
    ],
)
def test_a_period_typed_wrongly_is_named_and_kept(client_for, staff, period, message):
    for name in ("audits:themes", "audits:themes_csv", "audits:themes_document"):
        got = client_for("lee").get(reverse(name), period)
        assert got.status_code == 400, name
        html = got.content.decode()
        assert message in html and f'value="{period["first"]}"' in html


def test_an_unknown_theme_is_refused_and_nothing_saved(staff):
    audit = services.audit_start(actor=staff["carol"], kind="supervision", practitioner=staff["alice"], focus="x")
    with pytest.raises(ValidationError) as refusal:
        services.audit_save(
            actor=staff["carol"], audit_id=audit.pk, expected_version=audit.version, ratings={}, themes=["nope"]
        )
    assert refusal.value.message_dict["themes"] == [services.UNKNOWN_THEME]
    audit.refresh_from_db()
    assert audit.version == 1 and not audit.themes.exists()


def test_themes_load_adds_only_what_is_missing(db):
    LearningTheme.objects.filter(code="capacity").update(name="Capacity, reworded")
    assert services.themes_load() == 0
    assert LearningTheme.objects.get(code="capacity").name == "Capacity, reworded"
    assert rules.themes_problems({"themes": [{"code": "a", "name": ""}, {"code": "a", "name": "B"}]}) == [
        "theme 1 has no name",
        "theme 2 repeats a code",
    ]


def test_csv_cells_and_bar_geometry():
    assert rules.csv_cell("=1+1") == "'=1+1" and rules.csv_cell("-2") == "'-2" and rules.csv_cell(-2) == "-2"
    assert rules.csv_cell("Plain") == "Plain"
    (bar,) = rules.stacked_bars([("North", [("Good", 3), ("Not yet", 1)])], width=100)
    assert [(s.x, s.width) for s in bar.segments] == [(0.0, 75.0), (75.0, 25.0)]
    assert rules.scaled_bars([("a", 4), ("b", 2), ("c", 0)], width=100)[1].segments[0].width == 50.0
    assert rules.quarters_between("2025-Q4", "2026-Q2") == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert rules.quarters_back("2026-Q1", 4) == "2025-Q2"


def test_the_api_gives_the_same_figures(client_for, counted):
    got = client_for("lee").get("/api/audits/themes", PERIOD)
    assert got.status_code == 200, got.content
    body = got.json()
    n = Standard.objects.filter(active=True).count()
    assert body["quarters"] == ["2026-Q1", "2026-Q2"]
    assert body["totals"] == {
        "audits": 3,
        "ratings": 3 * n,
        "moderated": 2 * n,
        "agreed": 2 * n - 1,
        "agreed_percent": round((2 * n - 1) * 100 / (2 * n)),
        "done": 2,
        "outstanding": 2,
        "tagged": 4,
    }
    voice = next(
        r
        for r in body["ratings"]
        if r["standard"] == "persons-voice" and r["quarter"] == "2026-Q1" and r["team"] == "North Locality"
    )
    assert {c["level"]: c["count"] for c in voice["counts"]}["not_yet"] == 1
    assert [(t["theme"], t["by_quarter"]) for t in body["themes"]] == [("own-words", [2, 0]), ("positive-risk", [1, 1])]
    schema = client_for("lee").get("/api/openapi.json").json()
    assert "/api/audits/themes" in schema["paths"] and "ThemesReportOut" in schema["components"]["schemas"]


def test_the_api_refuses_a_bad_period_and_outsiders(client_for, staff):
    got = client_for("lee").get("/api/audits/themes", {"first": "2026-Q9"})
    assert got.status_code == 422 and rules.QUARTER_MESSAGE in got.content.decode()
    got = client_for("lee").get("/api/audits/themes", {"first": "2026-Q3", "last": "2026-Q1"})
    assert got.status_code == 422 and rules.PERIOD_ORDER in got.content.decode()
    assert client_for("carol").get("/api/audits/themes").status_code == 403


def test_an_auditor_tags_themes_on_the_rating_page(client_for, staff):
    audit = services.audit_start(actor=staff["carol"], kind="supervision", practitioner=staff["alice"], focus="x")
    client = client_for("carol")
    page = client.get(reverse("audits:write", args=[audit.pk])).content.decode()
    assert "Learning themes" in page and "Decision-specific mental capacity" in page
    got = client.post(
        reverse("audits:write", args=[audit.pk]),
        {
            "version": audit.version,
            "strengths": "",
            "learning": "Say which decision.",
            "themes": ["capacity", "language"],
        },
    )
    assert got.status_code == 302
    assert sorted(audit.themes.values_list("code", flat=True)) == ["capacity", "language"]
    shown = client.get(audit.get_absolute_url()).content.decode()
    assert "Learning themes: Plain, respectful language; Decision-specific mental capacity." in shown
    refused = client.post(
        reverse("audits:write", args=[audit.pk + 0]),
        {"version": audit.version + 1, "learning": "Kept learning", "themes": ["made-up"]},
    )
    assert refused.status_code == 400 and services.UNKNOWN_THEME in refused.content.decode()
    assert "Kept learning" in refused.content.decode()


def test_the_api_tags_themes_and_refuses_unknown_ones(client_for, staff):
    import json

    audit = services.audit_start(actor=staff["carol"], kind="supervision", practitioner=staff["alice"], focus="x")
    client = client_for("carol")
    body = {"version": audit.version, "learning": "Say which decision.", "themes": ["capacity"]}
    got = client.put(f"/api/audits/{audit.pk}/ratings", json.dumps(body), content_type="application/json")
    assert got.status_code == 200, got.content
    assert got.json()["themes"] == ["capacity"]
    body = {"version": got.json()["version"], "themes": ["made-up"]}
    got = client.put(f"/api/audits/{audit.pk}/ratings", json.dumps(body), content_type="application/json")
    assert got.status_code == 422 and services.UNKNOWN_THEME in got.content.decode()
    assert list(audit.themes.values_list("code", flat=True)) == ["capacity"]
