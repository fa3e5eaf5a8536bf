"""The demo's audits: across both teams, one moderated with its differences, one answered by the
practitioner, an observation with consent, a sample drawn; every row's history names its writer."""

import pytest

from whatsstrong.audits import queries
from whatsstrong.audits.models import Audit, AuditRating, Sample

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_quarter_of_audits_across_both_teams(demo):
    audits = list(Audit.objects.select_related("team"))
    assert {a.team.name for a in audits} == {"Riverside Locality Team", "Hillcrest Community Team"}
    assert {a.kind for a in audits} >= {"record", "observation", "thematic"}
    observed = next(a for a in audits if a.kind == "observation")
    assert observed.consent and observed.observed_on and observed.shared_at
    assert any(a.response for a in audits)
    assert not Audit.history.filter(history_user__isnull=True).exists()
    assert not AuditRating.history.filter(history_user__isnull=True).exists()


def test_demo_audits_are_moderated_with_their_differences_explained(demo):
    report = queries.moderation_report()
    assert report["differed"] == 8
    assert all(r.moderation_reason for r in report["differences"])


def test_the_demo_themes_report_tells_a_story(demo):
    """Last quarter the person's own words were the commonest learning theme and moderators marked
    ratings down more often; this quarter weighing risk with people leads, moderators agree more,
    last quarter's actions are nearly all done and this quarter's are mostly open."""
    from django.utils import timezone

    from whatsstrong.audits import rules

    this = rules.quarter_of(timezone.localdate())
    last = rules.quarters_back(this, 2)
    report = queries.themes_report([last, this])
    top = {q: max(report.theme_rows(), key=lambda row: row[1][i])[0].code for i, q in enumerate([last, this])}
    assert top == {last: "own-words", this: "positive-risk"}
    agreement = {q: share for q, _, _, share in report.moderation_rows()}
    assert agreement[last] < agreement[this]
    teams = {t for t, _, _, _ in report.action_rows()}
    assert teams == {"Riverside Locality Team", "Hillcrest Community Team"}
    done = {q: sum(d for _, qq, d, _ in report.action_rows() if qq == q) for q in (last, this)}
    open_ = {q: sum(o for _, qq, _, o in report.action_rows() if qq == q) for q in (last, this)}
    assert open_[last] == 1 and done[last] > 5 and open_[this] > done[this]
    voice = {
        q: sum(c[0] + c[1] for s, _, qq, c, _ in report.rating_rows() if s.code == "persons-voice" and qq == q)
        for q in (last, this)
    }
    assert voice[this] > voice[last]  # strong or good on the person's voice


def test_the_demo_draws_a_sample_for_a_team(demo):
    sample = Sample.objects.get()
    assert sample.team.name == "Riverside Locality Team" and sample.cases.exists()
