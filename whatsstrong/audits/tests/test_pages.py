"""The audit pages: a team manager audits a record from its pre-screen, a senior leader moderates,
the practitioner reads and answers; outsiders are refused; bad input comes back with everything typed."""

import pytest
from django.urls import reverse

from whatsstrong.audits import queries
from whatsstrong.audits.models import Audit, AuditRating, Sample

pytestmark = pytest.mark.django_db


def ratings_post(version, rating="good", **changes):
    data = {"version": version, "strengths": "Her garden is at the centre.", "learning": "More on risk."}
    for s in queries.standards():
        data[f"rating_{s.code}"] = rating
        data[f"evidence_{s.code}"] = f"Evidence for {s.name}"
    return {**data, **changes}


def test_a_manager_starts_from_the_pre_screen_rates_and_shares(client_for, strong, deficit, staff):
    client = client_for("carol")
    page = client.get(reverse("audits:start", args=[deficit.person.pk]))
    assert page.status_code == 200
    assert "Worth a closer look" in page.content.decode() and "Look closer" in page.content.decode()
    started = client.post(
        reverse("audits:start", args=[strong.person.pk]), {"kind": "record", "assessment": str(strong.assessment.pk)}
    )
    audit = Audit.objects.get()
    assert started.url == reverse("audits:write", args=[audit.pk])
    assert "Pre-screen" in client.get(started.url).content.decode()
    shared = client.post(started.url, {**ratings_post(audit.version), "share": ""})
    assert shared.status_code == 302
    audit.refresh_from_db()
    assert audit.shared_at and AuditRating.objects.filter(audit=audit).count() == len(queries.standards())


def test_a_rating_outside_the_scale_comes_back_with_everything_typed(client_for, strong, staff):
    from whatsstrong.audits import services

    audit = services.audit_start(actor=staff["carol"], kind="record", person=strong.person)
    page = client_for("carol").post(
        reverse("audits:write", args=[audit.pk]), ratings_post(audit.version, **{"rating_skills": "excellent"})
    )
    body = page.content.decode()
    assert page.status_code == 400 and "Error:" in body
    assert "Choose a rating from the scale for Skills" in body and "Evidence for The person&#39;s voice" in body
    assert not AuditRating.objects.exists()


def test_the_observation_without_consent_is_refused_on_the_page(client_for, strong):
    page = client_for("carol").post(
        reverse("audits:start", args=[strong.person.pk]),
        {"kind": "observation", "focus": "Kept when refused"},
    )
    body = page.content.decode()
    assert page.status_code == 400 and "Tick to confirm the person agreed" in body and "Kept when refused" in body
    assert not Audit.objects.exists()


def test_the_senior_leader_moderates_and_the_practitioner_responds(client_for, shared_audit):
    lee = client_for("lee")
    refused = lee.post(
        reverse("audits:moderate", args=[shared_audit.pk]),
        {"version": shared_audit.version, "moderated_skills": "developing", "comment": "Kept"},
    )
    assert refused.status_code == 400 and "Say why you changed the rating for Skills" in refused.content.decode()
    done = lee.post(
        reverse("audits:moderate", args=[shared_audit.pk]),
        {"version": shared_audit.version, "moderated_skills": "developing", "reason_skills": "Little reflection"},
    )
    assert done.status_code == 302
    alice = client_for("alice")
    page = alice.get(reverse("audits:audit", args=[shared_audit.pk])).content.decode()
    assert "Little reflection" in page and "Add your response" in page
    shared_audit.refresh_from_db()
    answered = alice.post(
        reverse("audits:respond", args=[shared_audit.pk]),
        {"version": shared_audit.version, "response": "Thank you: I will write up the risk talk."},
    )
    assert answered.status_code == 302
    assert (
        "I will write up the risk talk" in alice.get(reverse("audits:audit", args=[shared_audit.pk])).content.decode()
    )


@pytest.mark.parametrize(("who", "status"), [("bob", 403), ("sam", 403), ("dina", 403), ("quinn", 200)])
def test_who_may_open_an_audit(client_for, shared_audit, who, status):
    assert client_for(who).get(reverse("audits:audit", args=[shared_audit.pk])).status_code == status


def test_a_draft_is_hidden_from_the_practitioner(client_for, strong, staff):
    from whatsstrong.audits import services

    audit = services.audit_start(actor=staff["carol"], kind="record", person=strong.person)
    assert client_for("alice").get(reverse("audits:audit", args=[audit.pk])).status_code == 403


def test_a_manager_draws_the_sample_and_sees_it(client_for, deficit, strong):
    from whatsstrong.audits import rules

    quarter = rules.quarter_of(__import__("datetime").date.today())
    client = client_for("carol")
    team = strong.person.team_id
    drawn = client.post(
        reverse("audits:sample"), {"team": team, "quarter": quarter, "seed": "autumn", "size": 2, "share": 10}
    )
    assert drawn.status_code == 302
    page = client.get(drawn.url).content.decode()
    assert "Marked by the pre-screen" in page and "Rose Barker" in page
    assert Sample.objects.count() == 1
    assert client_for("alice").get(reverse("audits:sample")).status_code == 403


def test_the_person_page_offers_an_audit_to_the_teams_manager_only(client_for, strong):
    url = reverse("people:detail", args=[strong.person.pk])
    assert "Audit this record" in client_for("carol").get(url).content.decode()
    assert "Audit this record" not in client_for("alice").get(url).content.decode()
