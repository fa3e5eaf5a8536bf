"""A review in a real browser: looking back at an area with a scaling score typed wrong then right,
what the review leads to, and the team's overdue reviews for the supervisor. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def signed_off_assessment(staff, peggy):
    from whatsstrong.assessments import services

    alice = staff["alice"]
    alice.qualified = True
    alice.save()
    a = services.assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing")
    services.conversation_add(
        actor=alice,
        person=peggy,
        assessment_id=a.pk,
        data={"happened_on": datetime.date.today() - datetime.timedelta(days=300), "text": "About the allotment."},
    )
    services.wellbeing_save(
        actor=alice,
        person=peggy,
        assessment_id=a.pk,
        code="e",
        data={"matters": "The allotment"},
        expected_version=None,
    )
    services.wellbeing_rank(actor=alice, person=peggy, assessment_id=a.pk, ranks={"e": 1})
    a.refresh_from_db()
    services.assessment_write(
        actor=alice, person=peggy, assessment_id=a.pk, expected_version=a.version, data={"analysis": "Going well."}
    )
    services.assessment_submit(actor=alice, person=peggy, assessment_id=a.pk)
    return services.assessment_start(actor=alice, person=peggy, kind="review")


def test_look_back_with_a_score_and_see_the_teams_overdue_reviews(browser, staff, peggy, make_person):
    from whatsstrong.people.models import Person

    review = signed_off_assessment(staff, peggy)
    late = make_person(given_name="Ivy", family_name="Stone", preferred_name="")
    Person.objects.filter(pk=late.pk).update(review_due_on=datetime.date.today() - datetime.timedelta(days=9))
    b = browser
    b.sign_in("alice", PASSWORD)
    b.check_axe("the caseload with review dates")
    assert "Review overdue" in b.text()
    b.go(f"/people/{peggy.pk}/assessments/{review.pk}/")
    assert b.title().startswith("Review"), b.title()
    b.check_axe("the review's task list")
    link = b.driver.find_element("css selector", "a[aria-describedby^='task-look-wellbeing-e-status']")
    b._navigating(link.click)
    b.type_into("What has changed", "She has a half plot now")
    b.type_into("Where are they now, on a scale of 1 to 10?", "seven")
    b.press("Save")
    assert b.title().startswith("Error:"), b.title()
    assert "Give a whole number from 1 to 10" in b.text()
    b.check_axe("looking back, with a score that is not a number")
    assert "She has a half plot now" in b.driver.find_element("css selector", "textarea").get_attribute("value")
    b.type_into("Where are they now, on a scale of 1 to 10?", "7")
    b.press("Save")
    assert "Score 7 of 10" in b.text()
    b.click_link("What the review leads to")
    b.check_axe("what the review leads to")
    b.sign_out()

    b.sign_in("carol", PASSWORD)
    b.click_link("Overdue reviews")
    assert "Ivy Stone" in b.text()
    b.check_axe("the team's overdue reviews")
