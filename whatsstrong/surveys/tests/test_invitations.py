"""Invitations from practice: the no-repeat rule (table-driven), the three triggers (a review
signed off, an enquiry closed, a direct payment three months in), the rules page, the letters
waiting to be printed, and email where the organisation has set mail up."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from whatsstrong.assessments import services as assessment_services
from whatsstrong.assessments.tests.conftest import ready, started, talk  # noqa: F401
from whatsstrong.assessments.tests.test_reviews import review, signed  # noqa: F401
from whatsstrong.plans.models import PlanVersion, SupportPlan
from whatsstrong.safeguarding.models import Enquiry
from whatsstrong.safeguarding.tests.conftest import concern, enquiry, nephew, today, worked  # noqa: F401
from whatsstrong.safeguarding.tests.test_services import close
from whatsstrong.surveys import rules, services, triggers
from whatsstrong.surveys.models import Invitation, InvitationRules, Source

D = datetime.date


@pytest.mark.parametrize(
    "trigger_on, last, day, months, already, invite, reason",
    [
        (True, None, D(2026, 6, 1), 6, False, True, "Invite"),
        (False, None, D(2026, 6, 1), 6, False, False, "switched off"),
        (True, None, D(2026, 6, 1), 6, True, False, "invited them already"),
        (True, D(2026, 1, 1), D(2026, 6, 30), 6, False, False, "less than 6 months ago"),
        (True, D(2026, 1, 1), D(2026, 7, 1), 6, False, True, "Invite"),  # six months to the day
        (True, D(2025, 8, 31), D(2026, 2, 27), 6, False, False, "less than 6 months ago"),
        (True, D(2025, 8, 31), D(2026, 2, 28), 6, False, True, "Invite"),  # a shorter month's last day
        (True, D(2026, 5, 31), D(2026, 6, 1), 0, False, True, "Invite"),  # no window at all
        (True, D(2026, 1, 1), D(2026, 12, 31), 12, False, False, "less than 12 months ago"),
    ],
)
def test_nobody_is_invited_twice_within_the_window(trigger_on, last, day, months, already, invite, reason):
    decision = rules.invitation_decision(
        trigger_on=trigger_on, last_invited=last, today=day, months_apart=months, already_for_event=already
    )
    assert decision.invite is invite and reason in decision.reason


@pytest.mark.parametrize(
    "agreed, day, due",
    [
        (D(2026, 1, 15), D(2026, 4, 14), False),
        (D(2026, 1, 15), D(2026, 4, 15), True),
        (D(2025, 11, 30), D(2026, 2, 28), True),  # February has no 30th
        (D(2025, 11, 30), D(2026, 2, 27), False),
    ],
)
def test_a_direct_payment_is_due_after_three_months(agreed, day, due):
    assert rules.direct_payment_due(agreed, day) is due


def _signed_off(staff, peggy, review):  # noqa: F811
    assessment_services.review_result_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        result="carry_on",
        next_review_on=timezone.localdate() + datetime.timedelta(days=300),
        expected_version=review.version,
    )
    return assessment_services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=review.pk)


def test_a_completed_review_invites_the_person_once_and_the_letter_waits(staff, peggy, review, client_for):  # noqa: F811
    assert not Invitation.objects.exists()  # started and written, not yet completed
    done = _signed_off(staff, peggy, review)
    invitation = Invitation.objects.get()
    assert (invitation.survey, invitation.source, invitation.source_id) == ("client", Source.REVIEW, done.pk)
    assert invitation.person_id == peggy.pk and invitation.invited_by == staff["alice"]
    code = invitation.letter_code
    assert len(code) == rules.CODE_LENGTH and invitation.code_hash == services.code_hash(code)
    # Saving the review again does not invite again.
    done.save()
    assert Invitation.objects.count() == 1
    # Alice's team sees the letter waiting, prints it once, and the code is then forgotten.
    client = client_for("alice")
    assert peggy.display_name in client.get(reverse("surveys:letters")).content.decode()
    page = client.post(reverse("surveys:letters"), {"invitation": [invitation.pk], "large": "1"}).content.decode()
    assert rules.show_code(code) in page and "ws-letter--large" in page
    invitation.refresh_from_db()
    assert invitation.letter_code == ""
    again = client.post(reverse("surveys:letters"), {"invitation": [invitation.pk]}).content.decode()
    assert rules.show_code(code) not in again
    # The letter's code works on the answering page.
    assert services.invitation_for(code) == invitation


def test_a_review_switched_off_or_within_the_window_invites_no_one(staff, peggy, review):  # noqa: F811
    services.invitation_create(actor=staff["alice"], person=peggy, survey_code="carer")  # by hand, just now
    _signed_off(staff, peggy, review)
    assert list(Invitation.objects.values_list("survey", flat=True)) == ["carer"]


def test_a_switched_off_review_trigger_invites_no_one(staff, peggy, review):  # noqa: F811
    InvitationRules.objects.update_or_create(pk=1, defaults={"review": False})
    _signed_off(staff, peggy, review)
    assert not Invitation.objects.exists()


def test_closing_an_enquiry_sends_a_real_invitation_and_records_it_on_the_enquiry(staff, peggy, worked, today):  # noqa: F811
    found, first, second = worked
    close(staff, peggy, found, {first.pk: "fully", second.pk: "partly"})
    invitation = Invitation.objects.get()
    assert (invitation.survey, invitation.source, invitation.source_id) == ("safeguarding", Source.ENQUIRY, found.pk)
    assert invitation.invited_by == staff["alice"] and invitation.letter_code
    saved = Enquiry.objects.get(pk=found.pk)
    assert (saved.survey, saved.survey_on) == ("sent", today)
    assert saved.history.latest().history_user == staff["alice"]


def test_a_worker_who_marks_the_survey_sent_makes_a_real_invitation_even_with_the_trigger_off(
    staff,
    peggy,
    worked,  # noqa: F811
    today,  # noqa: F811
):
    from whatsstrong.safeguarding import services as safeguarding

    InvitationRules.objects.update_or_create(pk=1, defaults={"enquiry": False})
    found, first, second = worked
    closed = close(staff, peggy, found, {first.pk: "fully", second.pk: "fully"})
    assert not Invitation.objects.exists() and Enquiry.objects.get(pk=found.pk).survey == "not_offered"
    safeguarding.survey_save(
        actor=staff["alice"],
        person=peggy,
        enquiry_id=found.pk,
        expected_version=closed.version,
        data={"survey": "sent", "survey_on": today},
    )
    assert Invitation.objects.get().source == Source.ENQUIRY


def _direct_payment_plan(staff, person, agreed_on, managed=SupportPlan.Management.DIRECT_PAYMENT):
    plan = SupportPlan.objects.create(
        person=person, author=staff["alice"], team=person.team, status=SupportPlan.Status.AGREED, managed=managed
    )
    at = timezone.make_aware(datetime.datetime.combine(agreed_on, datetime.time(10)))
    PlanVersion.objects.create(plan=plan, person=person, number=1, agreed_at=at, agreed_by=staff["carol"], content={})
    return plan


def test_a_direct_payment_three_months_in_is_invited_by_the_daily_command(staff, make_person, capsys):
    now = timezone.localdate()
    due = _direct_payment_plan(staff, make_person(given_name="Ada"), rules.months_later(now, -3))
    _direct_payment_plan(staff, make_person(given_name="Bea"), rules.months_later(now, -2))  # too soon
    _direct_payment_plan(
        staff,
        make_person(given_name="Cy"),
        rules.months_later(now, -5),
        managed=SupportPlan.Management.COUNCIL,  # not a direct payment
    )
    call_command("survey_invitations")
    assert "Invited 1" in capsys.readouterr().out
    invitation = Invitation.objects.get()
    assert (invitation.survey, invitation.source_id, invitation.person_id) == (
        "direct_payments",
        due.pk,
        due.person_id,
    )
    # Run again the next day: nobody new.
    assert triggers.invite_direct_payments() == (0, 0)


def test_invitation_rules_are_changed_by_survey_managers_only_with_clear_errors(client_for):
    url = reverse("surveys:invitation_rules")
    assert client_for("alice").get(url).status_code == 403
    client = client_for("quinn")
    page = client.post(url, {"review": "on", "months_apart": "forty"}).content.decode()
    assert "Enter a whole number of months, like 6" in page and 'value="forty"' in page
    assert "Enter a number of months from 0 to 36" in client.post(url, {"months_apart": "40"}).content.decode()
    client.post(url, {"review": "on", "months_apart": "9"})
    saved = InvitationRules.objects.get()
    assert (saved.review, saved.enquiry, saved.direct_payment, saved.months_apart) == (True, False, False, 9)
    assert saved.history.latest().history_user.username == "quinn"


def test_the_code_is_emailed_when_mail_is_set_up_and_the_address_is_not_kept(settings, client_for, peggy):
    url = reverse("surveys:invite", args=[peggy.pk])
    client = client_for("alice")
    assert "Email address" not in client.get(url).content.decode()  # no mail set up: letters only
    settings.SURVEY_EMAIL_FROM = "surveys@council.example"
    page = client.post(url, {"survey": "client", "email": "not an address"}).content.decode()
    assert "Enter an email address like name@example.com" in page and not Invitation.objects.exists()
    client.post(url, {"survey": "client", "email": "peggy@example.com"})
    invitation = Invitation.objects.get()
    code = client.session["survey_letters"][str(invitation.pk)]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["peggy@example.com"]
    assert rules.show_code(code) in mail.outbox[0].body and "/survey/" in mail.outbox[0].body
    assert invitation.emailed_at is not None
    assert "peggy@example.com" not in str(Invitation.history.values())
