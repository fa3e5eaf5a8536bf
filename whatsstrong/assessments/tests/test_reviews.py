"""Reviews through the services and the pages: what they look back at, the scaling score, the
result, and the person's review date that signing off sets; the caseload's tag and a team's
overdue reviews, with who may see them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from whatsstrong.assessments import rules, services
from whatsstrong.assessments.models import Assessment, ReviewLook
from whatsstrong.people.models import Person

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def signed(staff, peggy, ready):
    """Alice's assessment of Peggy with two ranked areas and a hand-over, signed off by Alice."""
    alice = staff["alice"]
    for code in ("e", "a"):
        services.wellbeing_save(
            actor=alice,
            person=peggy,
            assessment_id=ready.pk,
            code=code,
            data={"matters": f"What matters in {code}"},
            expected_version=None,
        )
    services.wellbeing_rank(actor=alice, person=peggy, assessment_id=ready.pk, ranks={"a": 1, "e": 2})
    ready.refresh_from_db()
    services.assessment_write(
        actor=alice,
        person=peggy,
        assessment_id=ready.pk,
        expected_version=ready.version,
        data={"hand_over": "Find a lift to the allotment."},
    )
    alice.qualified = True
    alice.save()
    return services.assessment_submit(actor=alice, person=peggy, assessment_id=ready.pk)


@pytest.fixture
def review(staff, peggy, signed, talk):
    alice = staff["alice"]
    found = services.assessment_start(actor=alice, person=peggy, kind="review")
    services.conversation_add(actor=alice, person=peggy, assessment_id=found.pk, data=talk())
    found.refresh_from_db()
    services.assessment_write(
        actor=alice,
        person=peggy,
        assessment_id=found.pk,
        expected_version=found.version,
        data={"analysis": "The garden is back in her week."},
    )
    found.refresh_from_db()
    return found


def due(person):
    return Person.objects.get(pk=person.pk).review_due_on


def test_signing_off_a_fuller_assessment_plans_the_first_review(peggy, signed):
    assert signed.status == Assessment.Status.AUTHORISED
    assert due(peggy) == rules.first_review_due(timezone.localdate())
    latest = Person.history.filter(id=peggy.pk).first()
    assert latest.review_due_on == due(peggy) and latest.history_change_reason.startswith("First review")


def test_the_first_review_follows_the_setting(settings, peggy, signed, staff, talk):
    settings.REVIEW_FIRST_MONTHS = 6
    assert services.first_review_months() == 6


def test_a_supervisors_sign_off_plans_the_first_review_too(staff, peggy, ready):
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    assert due(peggy) is None  # only sent on
    services.assessment_authorise(actor=staff["carol"], person=peggy, assessment_id=ready.pk)
    assert due(peggy) == rules.first_review_due(timezone.localdate())


def test_a_contact_plans_no_review(staff, peggy, talk):
    staff["alice"].qualified = True
    services.contact_record(
        actor=staff["alice"],
        person=peggy,
        conversation=talk(),
        what_matters="",
        offered="information_and_advice",
        analysis="Told about the lunch club.",
        complete=True,
    )
    assert due(peggy) is None


def test_a_review_needs_a_signed_off_fuller_assessment(staff, peggy, ready):
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(actor=staff["alice"], person=peggy, kind="review")
    assert services.NOTHING_TO_REVIEW in str(refused.value)


def test_a_review_looks_back_at_the_ranked_areas_and_the_hand_over(peggy, signed, review):
    from whatsstrong.assessments.queries import assessment_view

    assert review.reviewed_id == signed.pk
    view = assessment_view(peggy.pk, review.pk)
    assert [s.key for s in view.subjects] == ["wellbeing:a", "wellbeing:e", "hand_over"]
    assert view.subjects[0].then == "What matters in a"
    assert view.subjects[2].then == "Find a lift to the allotment."


def test_looking_back_keeps_what_changed_what_worked_and_the_score(staff, peggy, review):
    look = services.review_look_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        subject="wellbeing:a",
        data={"changed": '"I go out most days"', "worked": "The bus pass", "score": "7"},
        expected_version=None,
    )
    look.refresh_from_db()
    assert (look.changed, look.worked, look.score) == ('"I go out most days"', "The bus pass", 7)
    assert look.history.first().history_user == staff["alice"]


@pytest.mark.parametrize("score", [0, 11, 5.5, "seven"])
def test_a_score_outside_1_to_10_is_refused_and_nothing_is_kept(staff, peggy, review, score):
    with pytest.raises(ValidationError) as refused:
        services.review_look_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=review.pk,
            subject="wellbeing:a",
            data={"changed": "Better", "score": score},
            expected_version=None,
        )
    assert refused.value.message_dict == {"score": [rules.BAD_SCORE]}
    assert not ReviewLook.objects.exists()


def test_a_review_does_not_look_back_at_what_was_not_ranked(staff, peggy, review):
    with pytest.raises(ValidationError):
        services.review_look_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=review.pk,
            subject="wellbeing:b",
            data={"changed": "x"},
            expected_version=None,
        )


def test_someone_outside_the_team_cannot_look_back(staff, peggy, review):
    with pytest.raises(PermissionDenied):
        services.review_look_save(
            actor=staff["bob"],
            person=peggy,
            assessment_id=review.pk,
            subject="wellbeing:a",
            data={"changed": "x"},
            expected_version=None,
        )


def test_a_review_without_a_result_cannot_be_sent(staff, peggy, review):
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=review.pk)
    assert "Say what the review leads to" in str(refused.value)


@pytest.mark.parametrize(
    "result, days, expected_days",
    [("revise_plan", 90, 90), ("carry_on", 365, 365), ("close", None, None)],
)
def test_signing_off_a_review_sets_the_next_review_or_clears_it(staff, peggy, review, result, days, expected_days):
    next_on = timezone.localdate() + days * DAY if days else None
    services.review_result_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        result=result,
        next_review_on=next_on,
        expected_version=review.version,
    )
    done = services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=review.pk)
    assert done.status == Assessment.Status.AUTHORISED
    assert due(peggy) == (timezone.localdate() + expected_days * DAY if expected_days else None)


def test_a_result_that_does_not_fit_is_refused(staff, peggy, review):
    with pytest.raises(ValidationError) as refused:
        services.review_result_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=review.pk,
            result="carry_on",
            next_review_on=None,
            expected_version=review.version,
        )
    assert refused.value.message_dict == {"next_review_on": [rules.NO_NEXT_REVIEW]}


def test_the_review_date_can_be_changed_with_a_reason(staff, peggy):
    soon = timezone.localdate() + 10 * DAY
    services.review_date_change(actor=staff["alice"], person=peggy, due_on=soon, reason="She asked to meet sooner")
    assert due(peggy) == soon
    assert Person.history.filter(id=peggy.pk).first().history_change_reason == "She asked to meet sooner"
    with pytest.raises(PermissionDenied):
        services.review_date_change(actor=staff["bob"], person=peggy, due_on=soon, reason="Not mine")


# --- Pages ------------------------------------------------------------------------------------------


def test_the_review_page_shows_what_it_looks_back_at(client_for, peggy, review):
    body = client_for("alice").get(review.get_absolute_url()).content.decode()
    assert body.count("Looking back: ") == 3 and body.count('-status">') >= 3
    assert "Find a lift to the allotment." in body and "What the review leads to" in body


def test_a_bad_score_on_the_page_is_said_and_what_was_typed_is_kept(client_for, peggy, review):
    url = reverse("assessments:review_look", args=[peggy.pk, review.pk, "wellbeing-a"])
    client = client_for("alice")
    response = client.post(url, {"changed": "She walks to the shop now", "worked": "Her neighbour", "score": "11"})
    body = response.content.decode()
    assert "There is a problem" in body and rules.BAD_SCORE in body
    assert "She walks to the shop now" in body and 'value="11"' in body
    assert not ReviewLook.objects.exists()
    response = client.post(url, {"changed": "She walks to the shop now", "worked": "Her neighbour", "score": "8"})
    assert response.status_code == 302
    assert ReviewLook.objects.get().score == 8


def test_the_result_page_keeps_the_next_review(client_for, peggy, review):
    url = reverse("assessments:review_result", args=[peggy.pk, review.pk])
    day = timezone.localdate() + 60 * DAY
    response = client_for("alice").post(
        url,
        {
            "version": review.version,
            "result": "revise_plan",
            "next_review_on_0": day.day,
            "next_review_on_1": day.month,
            "next_review_on_2": day.year,
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.result, review.next_review_on) == ("revise_plan", day)


def test_the_review_date_page(client_for, peggy):
    url = reverse("assessments:review_date", args=[peggy.pk])
    day = timezone.localdate() + 30 * DAY
    data = {"due_on_0": day.day, "due_on_1": day.month, "due_on_2": day.year, "reason": ""}
    refused = client_for("alice").post(url, data)
    assert refused.status_code == 400 and rules.NO_REVIEW_REASON in refused.content.decode()
    assert client_for("alice").post(url, {**data, "reason": "Hospital stay"}).status_code == 302
    assert due(peggy) == day
    assert client_for("bob").get(url).status_code in (403, 404)


def test_the_person_page_shows_an_overdue_review(client_for, peggy):
    Person.objects.filter(pk=peggy.pk).update(review_due_on=timezone.localdate() - DAY)
    body = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "Review overdue" in body and "Change the review date" in body


@pytest.mark.parametrize(
    "days, shows, hides",
    [
        (-1, "Review overdue", "govuk-tag--yellow"),
        (0, "govuk-tag--yellow", "Review overdue"),
        (100, "Review due", "Review overdue"),
        (None, '<td class="govuk-table__cell">–', "Review overdue"),
    ],
)
def test_the_caseload_tags_each_persons_review(client_for, peggy, days, shows, hides):
    day = timezone.localdate() + days * DAY if days is not None else None
    Person.objects.filter(pk=peggy.pk).update(review_due_on=day)
    body = client_for("alice").get(reverse("home")).content.decode()
    assert shows in body and hides not in body


def test_the_caseload_stays_one_query_for_its_rows(client_for, make_person, django_assert_max_num_queries):
    from whatsstrong.people import queries

    for n in range(5):
        person = make_person(given_name=f"P{n}")
        Person.objects.filter(pk=person.pk).update(review_due_on=timezone.localdate() - n * DAY)
    with django_assert_max_num_queries(1):
        rows = queries.Caseload(person.allocated_worker)[0:50]
    assert sum(row.review_tag == "overdue" for row in rows) == 4


def test_a_teams_overdue_reviews_oldest_first(client_for, make_person, staff):
    today = timezone.localdate()
    dates = {"Old": today - 40 * DAY, "Recent": today - DAY, "Today": today, "Later": today + DAY}
    for name, day in dates.items():
        person = make_person(given_name=name, preferred_name="")
        Person.objects.filter(pk=person.pk).update(review_due_on=day)
    south = make_person(worker="bob", given_name="Southern", preferred_name="")
    Person.objects.filter(pk=south.pk).update(review_due_on=today - 5 * DAY)
    north = staff["carol"].team_id
    url = reverse("people:overdue_reviews", args=[north])
    body = client_for("carol").get(url).content.decode()
    assert "2 people&#39;s reviews are overdue" in body or "2 people's reviews are overdue" in body
    assert body.index("Old Okafor") < body.index("Recent Okafor")
    assert "Today Okafor" not in body and "Later Okafor" not in body and "Southern" not in body
    for refused in ("alice", "sam", "dina"):
        assert client_for(refused).get(url).status_code == 403
    assert "Old Okafor" in client_for("quinn").get(url).content.decode()
    home = client_for("lee").get(reverse("home")).content.decode()
    assert "Reviews overdue" in home and '>2<span class="govuk-visually-hidden"> overdue reviews in North' in home
    assert "Overdue reviews" in client_for("carol").get(reverse("home")).content.decode()


# --- API --------------------------------------------------------------------------------------------


def test_the_api_reads_a_review_and_the_persons_review_date(client_for, staff, peggy, review):
    services.review_look_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        subject="hand_over",
        data={"worked": "Her nephew drives her", "score": 9},
        expected_version=None,
    )
    client = client_for("alice")
    body = client.get(f"/api/people/{peggy.pk}/assessments/{review.pk}").json()
    assert body["kind"] == "review"
    looked = {row["subject"]: row for row in body["review"]["looked_back"]}
    assert list(looked) == ["wellbeing:a", "wellbeing:e", "hand_over"]
    assert (looked["hand_over"]["score"], looked["hand_over"]["worked"]) == (9, "Her nephew drives her")
    assert body["review"]["reviewed_id"] == review.reviewed_id
    person = client.get(f"/api/people/{peggy.pk}").json()
    assert person["review_due_on"] == rules.first_review_due(timezone.localdate()).isoformat()


def test_the_api_lists_a_teams_overdue_reviews_to_those_who_may_see_them(client_for, staff, peggy):
    Person.objects.filter(pk=peggy.pk).update(review_due_on=timezone.localdate() - 3 * DAY)
    url = f"/api/people/teams/{staff['carol'].team_id}/overdue-reviews"
    body = client_for("carol").get(url).json()
    assert body["count"] == 1 and body["items"][0]["display_name"] == "Peggy Okafor"
    assert client_for("alice").get(url).status_code == 403
    assert client_for("sam").get(url).status_code == 403
    schema = client_for("carol").get("/api/openapi.json").json()
    assert "/api/people/teams/{team_id}/overdue-reviews" in schema["paths"]
    assert "review" in schema["components"]["schemas"]["AssessmentOut"]["properties"]


def look_url(person, review, key):
    return f"/api/people/{person.pk}/assessments/{review.pk}/review/look-back/{key}"


def result_url(person, review):
    return f"/api/people/{person.pk}/assessments/{review.pk}/review/result"


def put(client, url, body):
    return client.put(url, body, content_type="application/json")


def test_the_api_looks_back_through_the_same_service(client_for, peggy, review):
    client = client_for("alice")
    made = put(client, look_url(peggy, review, "wellbeing:a"), {"changed": "Back at the allotment", "score": 7})
    assert made.status_code == 200, made.content
    assert (made.json()["subject"], made.json()["score"], made.json()["version"]) == ("wellbeing:a", 7, 1)
    look = ReviewLook.objects.get(assessment=review, subject="wellbeing:a")
    assert (look.changed, look.score) == ("Back at the allotment", 7)
    again = put(client, look_url(peggy, review, "hand_over"), {"worked": "Her nephew drives her"})
    assert again.status_code == 200 and again.json()["score"] is None
    changed = put(client, look_url(peggy, review, "wellbeing:a"), {"changed": "Twice a week", "score": 8, "version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = put(client, look_url(peggy, review, "wellbeing:a"), {"changed": "Once", "version": 1})
    assert stale.status_code == 409
    assert put(client, look_url(peggy, review, "wellbeing:b"), {"changed": "x"}).status_code == 404
    history = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "looking back" in history


@pytest.mark.parametrize("score", [0, 11, -3, "seven", 7.5])
def test_the_api_refuses_a_score_outside_1_to_10_naming_it(client_for, peggy, review, score):
    response = put(client_for("alice"), look_url(peggy, review, "hand_over"), {"changed": "Better", "score": score})
    assert response.status_code == 422, response.content
    assert "score" in {e["field"] for e in response.json()["errors"]}
    assert not ReviewLook.objects.exists()


def test_the_api_sets_the_result_and_next_review(client_for, peggy, review):
    client = client_for("alice")
    next_on = (timezone.localdate() + datetime.timedelta(days=180)).isoformat()
    made = put(
        client, result_url(peggy, review), {"result": "carry_on", "next_review_on": next_on, "version": review.version}
    )
    assert made.status_code == 200, made.content
    assert (made.json()["result"], made.json()["next_review_on"]) == ("carry_on", next_on)
    review.refresh_from_db()
    assert (review.result, review.next_review_on.isoformat(), made.json()["version"]) == (
        "carry_on",
        next_on,
        review.version,
    )
    refused = put(client, result_url(peggy, review), {"result": "carry_on", "version": review.version})
    assert refused.status_code == 422
    assert "next_review_on" in {e["field"] for e in refused.json()["errors"]}
    stale = put(client, result_url(peggy, review), {"result": "close", "version": review.version - 1})
    assert stale.status_code == 409


def test_the_api_review_writes_are_for_those_who_may_change_the_record(client_for, peggy, review):
    for who in ("bob", "quinn"):
        client = client_for(who)
        assert put(client, look_url(peggy, review, "hand_over"), {"changed": "x"}).status_code == 403
        assert put(client, result_url(peggy, review), {"result": "close", "version": review.version}).status_code == 403
    assert not ReviewLook.objects.exists()


def test_only_a_review_has_look_backs_and_a_result_through_the_api(client_for, staff, peggy):
    draft = services.assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")
    client = client_for("alice")
    assert put(client, look_url(peggy, draft, "hand_over"), {"changed": "x"}).status_code == 404
    response = put(client, result_url(peggy, draft), {"result": "close", "version": draft.version})
    assert response.status_code == 422
    assert "Only a review has a result" in str(response.json())
    draft.refresh_from_db()
    assert draft.result == ""


def test_the_schema_has_the_review_writes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "put" in paths["/api/people/{person_id}/assessments/{assessment_id}/review/look-back/{key}"]
    assert "put" in paths["/api/people/{person_id}/assessments/{assessment_id}/review/result"]
