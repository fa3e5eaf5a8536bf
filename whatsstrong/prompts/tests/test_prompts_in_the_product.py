"""Question prompts in the product: the searchable page, a person's name filled in through the
gate, the admin for administrators only, the API, and the picker on the case note form."""

import re

import pytest
from django.urls import reverse

from whatsstrong.api import api
from whatsstrong.core.models import AccessEvent
from whatsstrong.prompts.models import Prompt, PromptGroup

PEGGY_GOOD_AT = "What would you say Peggy is good at?"


def page(client, **params):
    response = client.get(reverse("prompts:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def shown_prompts(body):
    return re.findall(r"<li>([^<]+?)(?: <span|</li>)", body)


# --- The page and its search ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "carol", "quinn", "lee", "dina", "adam"])
def test_every_signed_in_member_of_staff_can_read_the_prompts(client_for, persona):
    body = page(client_for(persona))
    assert "ROPES: Exceptions" in body and "What would you say the person is good at?" in body
    assert "Based on: Strengths Based Practice handbook and toolkit, Appendix 4" in body


def test_the_page_needs_a_sign_in(client):
    response = client.get(reverse("prompts:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "query, expected, not_expected",
    [
        ("family", "Who could you call on for help right now", "What is going well for you"),
        ("FAMILY", "Who could you call on for help right now", "What is going well for you"),
        ("cafe", "shops, a café, the library", "Who are the people in your life?"),
        ("CAFÉ", "shops, a café, the library", "Who are the people in your life?"),
        (
            "scaling confident",
            "how confident are you that you can make this change",
            "how much does this change matter",
        ),
        ("exceptions", "How have you got through hard times before?", "What is working now"),
        ("relationships", "Who are the people in your life?", "What gives you energy"),  # a wellbeing area
    ],
)
def test_search_finds_prompts_by_their_words_group_or_wellbeing_area(client_for, query, expected, not_expected):
    body = page(client_for("alice"), q=query)
    assert expected in body and not_expected not in body
    assert re.search(r"\d+ prompts? found", body)


def test_a_search_that_finds_nothing_says_so_and_offers_every_prompt(client_for):
    body = page(client_for("alice"), q="zebra crossing")
    assert "0 prompts found" in body
    assert "No question prompts match ‘zebra crossing’" in body and shown_prompts(body) == []


def test_a_query_too_long_is_an_error_not_a_search(client_for):
    body = page(client_for("alice"), q="a" * 101)
    assert "There is a problem" in body and "Enter 100 characters or fewer" in body


def test_switched_off_prompts_and_groups_are_not_offered(client_for):
    Prompt.objects.filter(code="wm-proud").update(active=False)
    PromptGroup.objects.filter(code="scaling").update(active=False)
    body = page(client_for("alice"))
    assert "Looking back, what are you proudest of?" not in body
    assert "Scaling questions" not in body and "where are things for you today" not in body
    assert "What gives you energy or lifts your mood?" in body


def test_an_administrators_new_prompt_is_found_with_or_without_accents(client_for):
    group = PromptGroup.objects.get(code="community")
    Prompt.objects.create(group=group, code="co-creche", text="Which crèche or nursery do you use?", order=1)
    assert "Which crèche or nursery do you use?" in page(client_for("alice"), q="creche")


# --- A person's name, through the gate -------------------------------------------------------------


def test_the_prompts_name_the_person_the_user_may_see(client_for, peggy):
    body = page(client_for("alice"), person=peggy.pk)
    assert PEGGY_GOOD_AT in body and "If things went well, what would Peggy&#39;s life look like" in body
    assert "the person is good at" not in body
    assert f'name="person" value="{peggy.pk}"' in body  # kept when searching
    assert PEGGY_GOOD_AT in page(client_for("alice"), person=peggy.pk, q="good at")


def test_the_persons_page_leads_to_the_prompts_with_their_name(client_for, peggy):
    body = client_for("carol").get(reverse("people:detail", args=[peggy.pk])).content.decode()
    link = f'<a class="govuk-link" href="{reverse("prompts:list")}?person={peggy.pk}">'
    assert link + "Question prompts for a conversation with Peggy</a>" in body


def test_a_role_without_peoples_records_is_refused_the_persons_name(client_for, peggy):
    response = client_for("dina").get(reverse("prompts:list"), {"person": peggy.pk})
    assert response.status_code == 403 and b"Peggy" not in response.content


def test_a_restricted_record_asks_for_a_reason_first_and_the_refusal_is_logged(client_for, staff, make_person):
    rita = make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)
    response = client_for("bob").get(reverse("prompts:list"), {"person": rita.pk})
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:give_reason", args=[rita.pk]))
    assert AccessEvent.objects.filter(user=staff["bob"], object_id=rita.pk, action="refused").exists()


@pytest.mark.parametrize("person", ["999999", "abc", "", "-1", str(2**70)])
def test_no_such_person_is_not_found(client_for, person):
    assert client_for("alice").get(reverse("prompts:list"), {"person": person}).status_code == 404


# --- The admin: administrators only -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "carol", "quinn", "dina"])
def test_only_administrators_reach_the_prompts_admin(client_for, persona):
    response = client_for(persona).get(reverse("admin:prompts_prompt_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_administrator_adds_changes_and_switches_off_prompts_with_history(client_for, staff):
    adam = client_for("adam")
    assert adam.get(reverse("admin:prompts_prompt_changelist")).status_code == 200
    assert adam.get(reverse("admin:prompts_promptgroup_changelist")).status_code == 200
    group = PromptGroup.objects.get(code="hopes")
    response = adam.post(
        reverse("admin:prompts_prompt_add"),
        {
            "group": group.pk,
            "code": "ho-garden",
            "text": "What would {name} like to grow?",
            "order": 5,
            "active": "on",
            "tags": ["participation", "health"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Prompt.objects.get(code="ho-garden")
    assert added.tag_list == ["participation", "health"]
    assert added.history.get().history_user == staff["adam"]

    prompt = Prompt.objects.get(code="wm-proud")
    adam.post(
        reverse("admin:prompts_prompt_changelist"), {"action": "switch_off", "_selected_action": [prompt.pk, added.pk]}
    )
    prompt.refresh_from_db()
    assert prompt.active is False
    latest = prompt.history.latest()
    assert (latest.history_type, latest.history_user, latest.active) == ("~", staff["adam"], False)
    assert prompt.history.count() == 1  # loaded by the migration; the switch is its first change


def test_the_admin_shows_a_prompts_wellbeing_areas_ticked(client_for):
    prompt = Prompt.objects.get(code="co-places")  # participation, social-economic
    body = client_for("adam").get(reverse("admin:prompts_prompt_change", args=[prompt.pk])).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="tags" value="([^"]+)"[^>]*checked', body)
    assert sorted(ticked) == ["participation", "social-economic"]


def test_the_admin_refuses_a_misspelt_placeholder(client_for):
    group = PromptGroup.objects.get(code="hopes")
    response = client_for("adam").post(
        reverse("admin:prompts_prompt_add"),
        {"group": group.pk, "code": "ho-typo", "text": "What would {nmae} like?", "order": 5, "tags": []},
    )
    assert response.status_code == 200 and "Use {name} for the person" in response.content.decode()
    assert not Prompt.objects.filter(code="ho-typo").exists()


def test_prompts_are_switched_off_never_deleted(client_for):
    adam = client_for("adam")
    prompt = Prompt.objects.get(code="wm-proud")
    assert adam.get(reverse("admin:prompts_prompt_delete", args=[prompt.pk])).status_code == 403
    group = PromptGroup.objects.get(code="hopes")
    assert adam.get(reverse("admin:prompts_promptgroup_delete", args=[group.pk])).status_code == 403
    listing = adam.get(reverse("admin:prompts_prompt_changelist")).content.decode()
    assert 'value="delete_selected"' not in listing and 'value="switch_off"' in listing


# --- The API ------------------------------------------------------------------------------------------


def test_the_api_searches_prompts(client_for):
    response = client_for("alice").get("/api/prompts/", {"q": "Scale"})
    assert response.status_code == 200
    found = response.json()
    assert [p["code"] for p in found] == list(
        Prompt.objects.filter(group__code="scaling").order_by("order").values_list("code", flat=True)
    )
    first = found[0]
    assert set(first) == {"id", "code", "group", "group_name", "kind", "text", "tags"}
    assert first["group"] == "scaling" and "1 to 10" in first["text"]
    named = client_for("alice").get("/api/prompts/", {"q": "good at"}).json()
    assert "What would you say {name} is good at?" in [p["text"] for p in named]


def test_the_api_gives_every_active_prompt_without_a_query_and_nothing_for_no_match(client_for):
    assert len(client_for("alice").get("/api/prompts/").json()) == Prompt.objects.filter(active=True).count()
    assert client_for("alice").get("/api/prompts/", {"q": "zebra"}).json() == []


def test_the_api_needs_a_sign_in_and_a_sensible_query(client, client_for):
    assert client.get("/api/prompts/").status_code == 401
    response = client_for("alice").get("/api/prompts/", {"q": "a" * 101})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "q"


def test_the_api_operation_is_in_the_openapi_schema():
    operation = api.get_openapi_schema()["paths"]["/api/prompts/"]["get"]
    assert operation["tags"] == ["Question prompts"]
    assert {200, 401, 422} <= set(operation["responses"])


# --- The picker on the case note form -------------------------------------------------------------------


def test_the_case_note_form_offers_the_prompts_with_the_persons_name(client_for, peggy):
    body = client_for("alice").get(reverse("conversations:add_note", args=[peggy.pk])).content.decode()
    picker = re.search(r'<details class="govuk-details" data-prompts-for="id_text">.*?</details>', body, re.S)
    assert picker, "no question prompts beside the note"
    assert "Question prompts" in picker.group(0) and PEGGY_GOOD_AT in picker.group(0)
    # Inside the form, after the note's text, and the script that adds the Insert buttons is loaded.
    assert body.index('name="text"') < picker.start() < body.index(">Save</button>")
    assert '<script src="/static/prompts.js" defer></script>' in body


def test_the_case_note_form_has_no_picker_when_every_prompt_is_switched_off(client_for, peggy):
    Prompt.objects.update(active=False)
    body = client_for("alice").get(reverse("conversations:add_note", args=[peggy.pk])).content.decode()
    assert "data-prompts-for" not in body
