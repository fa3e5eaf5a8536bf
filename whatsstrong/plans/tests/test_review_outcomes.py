"""A review looks back at each outcome of the person's current plan (core.look_backs), and a score
given there joins the outcome's scores, so the progress chart shows it."""

import datetime

import pytest
from django.urls import reverse

from whatsstrong.assessments import services as assessment_services
from whatsstrong.assessments.queries import assessment_view
from whatsstrong.plans import services
from whatsstrong.plans.models import OutcomeScore

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def talk(days_ago):
    return {
        "happened_on": TODAY - days_ago * DAY,
        "place": "At home",
        "present": "Peggy",
        "communication": "Spoke for herself",
        "advocate": False,
        "advocate_name": "",
        "interpreter": False,
        "interpreter_language": "",
        "text": 'Peggy said "the garden is coming on".',
    }


@pytest.fixture
def review(staff, peggy):
    """Peggy's strengths and wellbeing assessment, signed off by Alice with one ranked area, and a
    review of it with a conversation four days ago."""
    alice = staff["alice"]
    alice.qualified = True
    alice.save()
    done = assessment_services.assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing")
    assessment_services.conversation_add(actor=alice, person=peggy, assessment_id=done.pk, data=talk(200))
    assessment_services.wellbeing_save(
        actor=alice, person=peggy, assessment_id=done.pk, code="e", data={"matters": "Gardening"}, expected_version=None
    )
    assessment_services.wellbeing_rank(actor=alice, person=peggy, assessment_id=done.pk, ranks={"e": 1})
    done.refresh_from_db()
    assessment_services.assessment_write(
        actor=alice, person=peggy, assessment_id=done.pk, expected_version=done.version, data={"analysis": "Keen."}
    )
    assessment_services.assessment_submit(actor=alice, person=peggy, assessment_id=done.pk)
    found = assessment_services.assessment_start(actor=alice, person=peggy, kind="review")
    assessment_services.conversation_add(actor=alice, person=peggy, assessment_id=found.pk, data=talk(4))
    return found


def look(staff, peggy, review, subject, score, changed="", version=None):
    return assessment_services.review_look_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        subject=subject,
        data={"changed": changed, "worked": "", "score": score},
        expected_version=version,
    )


def test_a_review_of_someone_with_a_plan_looks_back_at_its_outcomes(staff, peggy, outcome, review):
    services.score_add(actor=staff["alice"], person=peggy, outcome_id=outcome.pk, score=4, scored_on=TODAY - 30 * DAY)
    subjects = assessment_view(peggy.pk, review.pk).subjects
    assert [s.key for s in subjects] == ["wellbeing:e", f"outcome:{outcome.pk}"]
    mine = subjects[1]
    assert mine.then == "I want to get back to my garden."
    assert mine.then_label == "In the support plan"
    assert (mine.latest_score, mine.latest_on) == (4, TODAY - 30 * DAY)
    assert mine.slug == f"outcome-{outcome.pk}"


def test_someone_with_no_plan_has_only_the_assessments_subjects(peggy, review):
    assert [s.key for s in assessment_view(peggy.pk, review.pk).subjects] == ["wellbeing:e"]


def test_the_review_looks_at_the_agreed_plan_not_a_newer_draft(staff, peggy, ready_plan, outcome, review):
    services.plan_submit(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)  # Alice is qualified
    newer = services.plan_start(actor=staff["alice"], person=peggy)
    services.outcome_add(actor=staff["alice"], person=peggy, plan_id=newer.pk, data={"text": "Something else"})
    keys = [s.key for s in assessment_view(peggy.pk, review.pk).subjects]
    assert keys == ["wellbeing:e", f"outcome:{outcome.pk}"]


def test_a_score_given_in_the_review_joins_the_outcomes_scores(staff, peggy, outcome, review):
    look(staff, peggy, review, f"outcome:{outcome.pk}", "8", changed='"I picked the first beans"')
    given = OutcomeScore.objects.get(outcome=outcome)
    assert (given.score, given.review_id, given.scored_on) == (8, review.pk, TODAY - 4 * DAY)  # the review's talk
    assert given.said == '"I picked the first beans"'
    assert given.history.first().history_user == staff["alice"]


def test_saving_the_look_again_replaces_the_reviews_score_and_taking_it_away_removes_it(staff, peggy, outcome, review):
    services.score_add(actor=staff["alice"], person=peggy, outcome_id=outcome.pk, score=3, scored_on=TODAY - 60 * DAY)
    first = look(staff, peggy, review, f"outcome:{outcome.pk}", 6)
    look(staff, peggy, review, f"outcome:{outcome.pk}", 9, version=first.version)
    assert list(OutcomeScore.objects.filter(outcome=outcome).values_list("score", "review_id")) == [
        (3, None),
        (9, review.pk),
    ]
    first.refresh_from_db()
    look(staff, peggy, review, f"outcome:{outcome.pk}", "", version=first.version)
    assert list(OutcomeScore.objects.filter(outcome=outcome).values_list("score", "review_id")) == [(3, None)]
    # The review shows the score from before it, not its own.
    assert assessment_view(peggy.pk, review.pk).subjects[1].latest_score == 3


def test_a_bad_score_in_the_review_adds_nothing_anywhere(staff, peggy, outcome, review):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        look(staff, peggy, review, f"outcome:{outcome.pk}", 11)
    assert not OutcomeScore.objects.exists()


def test_an_outcome_of_someone_elses_plan_is_not_a_subject(staff, peggy, outcome, review, make_person):
    from django.core.exceptions import ValidationError

    ravi = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    theirs = services.plan_start(actor=staff["alice"], person=ravi)
    other = services.outcome_add(actor=staff["alice"], person=ravi, plan_id=theirs.pk, data={"text": "Walk the dog"})
    with pytest.raises(ValidationError):
        look(staff, peggy, review, f"outcome:{other.pk}", 5)
    assert not OutcomeScore.objects.exists()


def test_through_the_pages_the_review_offers_the_outcome_and_the_chart_then_shows_its_score(
    client_for, staff, peggy, plan, outcome, review
):
    client = client_for("alice")
    page = client.get(reverse("assessments:assessment", args=[peggy.pk, review.pk])).content.decode()
    look_url = reverse("assessments:review_look", args=[peggy.pk, review.pk, f"outcome-{outcome.pk}"])
    assert f'href="{look_url}"' in page
    assert "Looking back: the outcome “I want to get back to my garden.”" in page
    form = client.get(look_url).content.decode()
    assert "In the support plan: I want to get back to my garden." in form
    answer = client.post(look_url, {"changed": "Beans are up", "worked": "Jo digging", "score": "7", "version": ""})
    assert answer.status_code == 302
    progress = client.get(reverse("plans:progress", args=[peggy.pk, plan.pk])).content.decode()
    assert "One score so far: 7 out of 10 on" in progress  # the chart's description
    row = progress.split(f'id="outcome-{outcome.pk}-table"')[1].split("</table>")[0]
    assert ">7</td>" in row and reverse("assessments:assessment", args=[peggy.pk, review.pk]) in row


def test_a_look_back_the_review_made_stays_when_the_plan_moves_on(staff, peggy, plan, outcome, review):
    look(staff, peggy, review, f"outcome:{outcome.pk}", 5)
    newer = services.plan_start(actor=staff["alice"], person=peggy)  # now the latest plan
    later = services.outcome_add(actor=staff["alice"], person=peggy, plan_id=newer.pk, data={"text": "Join a choir"})
    keys = [s.key for s in assessment_view(peggy.pk, review.pk).subjects]
    assert keys == ["wellbeing:e", f"outcome:{later.pk}", f"outcome:{outcome.pk}"]


def test_a_signed_off_review_shows_only_the_outcomes_it_looked_back_at(staff, peggy, plan, outcome, review):
    alice = staff["alice"]
    services.outcome_add(actor=alice, person=peggy, plan_id=plan.pk, data={"text": "Join a choir"})
    look(staff, peggy, review, f"outcome:{outcome.pk}", 5)
    review.refresh_from_db()
    assessment_services.assessment_write(
        actor=alice, person=peggy, assessment_id=review.pk, expected_version=review.version, data={"analysis": "Good."}
    )
    review.refresh_from_db()
    assessment_services.review_result_save(
        actor=alice,
        person=peggy,
        assessment_id=review.pk,
        result="carry_on",
        next_review_on=TODAY + 100 * DAY,
        expected_version=review.version,
    )
    signed = assessment_services.assessment_submit(actor=alice, person=peggy, assessment_id=review.pk)
    assert signed.status == "authorised"
    keys = [s.key for s in assessment_view(peggy.pk, review.pk).subjects]
    assert keys == ["wellbeing:e", f"outcome:{outcome.pk}"]
