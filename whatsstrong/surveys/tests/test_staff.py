"""Staff and surveys: inviting from a person's record and printing the letter, typing in answers
taken on paper or by phone, results with small groups hidden, free text for survey managers only,
and an organisation's own licensed question pack."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from whatsstrong.core import access
from whatsstrong.surveys import definitions, parts, queries, services
from whatsstrong.surveys.models import Invitation, Response


def test_a_practitioner_invites_a_person_from_their_record_and_prints_the_letter(client_for, peggy):
    client = client_for("alice")
    person_page = client.get(reverse("people:detail", args=[peggy.pk])).content.decode()
    assert "Invite to an experience survey" in person_page
    page = client.post(reverse("surveys:invite", args=[peggy.pk]), {"survey": "client"})
    invitation = Invitation.objects.get()
    assert page.url == reverse("surveys:letter", args=[peggy.pk, invitation.pk])
    assert (invitation.person_id, invitation.survey, invitation.invited_by.username) == (peggy.pk, "client", "alice")
    letter = client.get(page.url).content.decode()
    code = client.session["survey_letters"][str(invitation.pk)]
    assert f"{code[:4]} {code[4:]}" in letter and "/survey/" in letter
    assert "ws-letter--large" in client.get(page.url + "?large=1").content.decode()
    # The person's page now lists who invited them, and to what: never what they said.
    person_page = client.get(reverse("people:detail", args=[peggy.pk])).content.decode()
    assert "Your experience of care and support" in person_page
    history = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Invited to: Your experience of care and support" in history


def test_the_letter_code_is_not_shown_to_another_sign_in(client, client_for, staff, peggy):
    invitation, code = services.invitation_create(actor=staff["alice"], person=peggy, survey_code="client")
    page = client_for("carol").get(reverse("surveys:letter", args=[peggy.pk, invitation.pk])).content.decode()
    assert code[:4] not in page and "no longer shown" in page


def test_choosing_no_survey_is_a_clear_error(client_for, peggy):
    page = client_for("alice").post(reverse("surveys:invite", args=[peggy.pk]), {})
    assert "Choose a survey to invite them to" in page.content.decode()
    assert not Invitation.objects.exists()


def test_only_those_who_may_change_the_record_invite(client_for, staff, peggy):
    assert client_for("bob").get(reverse("surveys:invite", args=[peggy.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=staff["quinn"], person=peggy, survey_code="client")


def test_the_part_costs_one_query_and_draws_nothing_for_someone_never_invited(
    rf, staff, peggy, django_assert_num_queries
):
    request = rf.get("/")
    request.user = staff["alice"]
    with django_assert_num_queries(1):
        assert parts.page_context(request, peggy, True) is None


def test_the_part_lists_invitations_with_who_sent_them_in_one_query(rf, staff, peggy, django_assert_num_queries):
    services.invitation_create(actor=staff["alice"], person=peggy, survey_code="client")
    services.invitation_create(actor=staff["alice"], person=peggy, survey_code="carer")
    request = rf.get("/")
    request.user = staff["alice"]
    with django_assert_num_queries(1):
        context = parts.page_context(request, peggy, True)
        assert [title for _, title in context["invitations"]] == [
            "Your experience as a carer",
            "Your experience of care and support",
        ]
        assert context["invitations"][0][0].invited_by.username == "alice"


def _answers(survey, answer):
    return {s.code: answer for s in definitions.survey(survey).statements}


def _responses(staff, teams, team, n, answer="agree", more=""):
    for _ in range(n):
        services.response_enter(
            actor=staff["quinn"],
            survey_code="carer",
            team=teams[team],
            channel="paper",
            answers=_answers("carer", answer),
            more=more,
        )


def test_answers_typed_in_by_staff_are_marked_and_linked_to_no_one(client_for, teams):
    client = client_for("alice")
    page = client.post(
        reverse("surveys:enter") + "?survey=carer",
        {"channel": "phone", "team": teams["north"].pk, "s_respect": "agree", "s_own_life": "prefer_not"},
    )
    assert page.status_code == 302
    saved = Response.objects.get()
    assert (saved.channel, saved.person_id, saved.entered_by.username) == ("phone", None, "alice")
    assert dict(saved.answers.values_list("statement", "answer")) == {"respect": "agree", "own_life": "prefer_not"}


def test_typing_in_a_response_with_no_answers_is_refused_and_keeps_what_was_chosen(client_for, teams):
    page = client_for("alice").post(reverse("surveys:enter") + "?survey=carer", {"team": teams["north"].pk})
    html = page.content.decode()
    assert "Choose whether the answers came on paper or by phone" in html
    assert f'<option value="{teams["north"].pk}" selected>' in html
    assert not Response.objects.exists()


def test_directory_editors_cannot_type_in_answers(client_for):
    assert client_for("dina").get(reverse("surveys:enter")).status_code == 403


def test_results_hide_a_small_team_and_the_next_smallest_with_it(client_for, staff, teams):
    _responses(staff, teams, "north", 12)
    _responses(staff, teams, "south", 3, answer="disagree")
    tables = queries.results(definitions.survey("carer"))
    first = tables[0]
    by_label = {row.label: row for row in first.rows}
    assert by_label["South Locality"].hidden and by_label["South Locality"].total is None
    # With only two teams, the all-teams total would give South away: North is hidden too.
    assert by_label["North Locality"].hidden
    assert by_label["All teams"].total == 15 and by_label["All teams"].counts[1] == 12
    page = client_for("carol").get(reverse("surveys:results", args=["carer"])).content.decode()
    assert "Fewer than 5 answers" in page and ">–<" in page


def test_results_show_groups_of_five_or_more(staff, teams):
    _responses(staff, teams, "north", 6)
    _responses(staff, teams, "south", 5, answer="disagree")
    rows = {row.label: row for row in queries.results(definitions.survey("carer"))[0].rows}
    assert rows["North Locality"].share == 1.0 and rows["South Locality"].share == 0.0
    assert rows["All teams"].share == pytest.approx(6 / 11)


def test_free_text_is_shown_to_survey_managers_only(client_for, staff, teams):
    _responses(staff, teams, "north", 5, more="The carers' café keeps me going.")
    for name in ("quinn", "lee"):
        page = client_for(name).get(reverse("surveys:results", args=["carer"])).content.decode()
        assert "keeps me going" in page
    page = client_for("carol").get(reverse("surveys:results", args=["carer"])).content.decode()
    assert "keeps me going" not in page and "Outcome theme" in page
    assert client_for("alice").get(reverse("surveys:results", args=["carer"])).status_code == 403


def test_names_and_contact_details_in_free_text_are_highlighted_for_managers(client_for, staff, teams):
    _responses(staff, teams, "north", 5, more="Thanks to Nadia, ring 07700 900123 if you like.")
    page = client_for("quinn").get(reverse("surveys:results", args=["carer"])).content.decode()
    assert '<mark class="ws-flag">Nadia<span class="govuk-visually-hidden"> (possible name)</span></mark>' in page
    assert '<mark class="ws-flag">07700 900123<span class="govuk-visually-hidden"> (phone number)</span></mark>' in page


@pytest.mark.parametrize(
    ("role", "manage", "results", "enter"),
    [
        ("alice", False, False, True),
        ("carol", False, True, True),
        ("quinn", True, True, True),
        ("lee", True, True, True),
        ("dina", False, False, False),
        ("adam", False, True, False),
    ],
)
def test_who_may_do_what_with_surveys(staff, role, manage, results, enter):
    user = staff[role]
    assert access.can_manage_surveys(user) is manage
    assert access.can_see_survey_results(user) is results
    assert access.can_enter_survey_responses(user) is enter


PACK = {
    "licence": {"holder": "Example Licensing Ltd"},
    "scales": {
        "quality": {
            "question": "Which is closest?",
            "answers": [
                {"code": "good", "label": "Good", "easy": "Good"},
                {"code": "poor", "label": "Poor", "easy": "Poor"},
            ],
        }
    },
    "surveys": [
        {
            "code": "licensed_life",
            "title": "Quality of life questions",
            "easy_title": "Your life",
            "intro": "Licensed questions.",
            "scale": "quality",
            "statements": [{"code": "q1", "text": "Your day, on the whole", "easy": ["Your day."]}],
        }
    ],
}


def test_an_organisation_loads_its_own_licensed_pack(tmp_path, staff, peggy):
    path = tmp_path / "our-pack.json"
    path.write_text(json.dumps(PACK, indent=2))
    call_command("load_survey_pack", str(path))
    survey = definitions.survey("licensed_life")
    assert survey.licence_holder == "Example Licensing Ltd" and survey.choice("good").label == "Good"
    invitation, _ = services.invitation_create(actor=staff["alice"], person=peggy, survey_code="licensed_life")
    assert invitation.survey == "licensed_life"


def test_a_broken_pack_is_refused_with_its_line_and_nothing_loaded(tmp_path, db):
    pack = json.loads(json.dumps(PACK))
    pack["surveys"][0]["statements"][0]["easy"] = "not a list"
    pack["surveys"].append({**pack["surveys"][0], "code": "client"})
    path = tmp_path / "pack.json"
    text = json.dumps(pack, indent=2)
    path.write_text(text)
    with pytest.raises(CommandError) as refused:
        call_command("load_survey_pack", str(path))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Your day, on the whole" in row)
    assert f"Line {line}: statement 1 needs an easy-read version" in str(refused.value)
    assert definitions.survey("licensed_life") is None


def test_a_pack_may_not_take_a_bundled_surveys_code(tmp_path, db):
    pack = json.loads(json.dumps(PACK))
    pack["surveys"][0]["code"] = "client"
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(pack, indent=2))
    with pytest.raises(CommandError, match="a survey called 'client' is already on offer"):
        call_command("load_survey_pack", str(path))
