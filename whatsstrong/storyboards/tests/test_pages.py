"""The storyboard pages: writing, the review with flagged details highlighted, the evidence bank's
search, CPD records, who may see what, and every form given bad input (a clear error, nothing typed
lost)."""

import datetime

import pytest

from whatsstrong.storyboards import queries, services
from whatsstrong.storyboards.models import CpdRecord, FlagAccepted, Storyboard

from .conftest import GOOD, LATER

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def story_post(**change):
    data = {
        **{k: v for k, v in GOOD.items() if k not in ("about_someone", "consent_on")},
        "about_someone": "yes",
        "themes": ["strengths-own", "carers"],
        "consent_on_0": str(GOOD["consent_on"].day),
        "consent_on_1": str(GOOD["consent_on"].month),
        "consent_on_2": str(GOOD["consent_on"].year),
        "submit": "1",
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_writing_a_story_and_sending_it_for_review(client_for):
    client = client_for("alice")
    response = client.post("/storyboards/new/", story_post())
    story = Storyboard.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/storyboards/{story.pk}/"
    assert story.status == "submitted" and sorted(queries.theme_codes(story)) == ["carers", "strengths-own"]
    page = client.get(response["Location"]).content.decode()
    assert "waiting for a quality lead to review it" in page


def test_a_bad_story_form_says_what_to_fix_and_keeps_every_word(client_for):
    client = client_for("alice")
    response = client.post(
        "/storyboards/new/",
        story_post(learning="", consent_by="", consent_on_0="31", consent_on_1="2", themes=["made-up"]),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert "Choose themes from the list" in html
    assert "The date they agreed must be a real date" in html
    assert GOOD["situation"] in html and GOOD["what_was_done"] in html
    assert Storyboard.objects.count() == 0
    # With the form's own checks passed, what submitting needs is named on its fields.
    response = client.post("/storyboards/new/", story_post(learning="", consent_by=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Say what was learnt" in html and "Say who agreed to the story being shared" in html
    assert GOOD["difference"] in html
    assert Storyboard.objects.count() == 0


def test_a_draft_keeps_what_is_half_written(client_for):
    client = client_for("alice")
    response = client.post("/storyboards/new/", {"title": "Half a story", "about_someone": "yes", "save": "1"})
    story = Storyboard.objects.get()
    assert response.status_code == 302 and story.status == "draft" and story.title == "Half a story"
    edit = client.get(f"/storyboards/{story.pk}/edit/").content.decode()
    assert 'value="Half a story"' in edit


def test_drafts_are_for_their_author_and_quality_leads_only(client_for, write_story):
    draft = write_story(submit=False)
    waiting = write_story()
    for story in (draft, waiting):
        assert client_for("bob").get(f"/storyboards/{story.pk}/").status_code == 403
        assert client_for("carol").get(f"/storyboards/{story.pk}/").status_code == 403
        assert client_for("quinn").get(f"/storyboards/{story.pk}/").status_code == 200
        assert client_for("alice").get(f"/storyboards/{story.pk}/").status_code == 200
    assert client_for("bob").get(f"/storyboards/{draft.pk}/edit/").status_code == 403
    assert client_for("bob").post(f"/storyboards/{draft.pk}/cpd/").status_code == 403
    assert "Back to the allotment" not in client_for("bob").get("/storyboards/?q=allotment").content.decode()


def test_the_review_page_highlights_a_name_and_publishing_waits_for_it(client_for, write_story):
    story = write_story(what_was_done="We met Femi Adebayo at the allotment gate.")
    client = client_for("quinn")
    page = client.get(f"/storyboards/{story.pk}/review/").content.decode()
    assert (
        '<mark class="ws-flag">Femi Adebayo<span class="govuk-visually-hidden"> (possible name)</span></mark>' in page
    )
    response = client.post(
        f"/storyboards/{story.pk}/review/",
        {
            "step": "decide",
            "version": story.version,
            "action": "approve",
            "review_on_0": LATER.day,
            "review_on_1": LATER.month,
            "review_on_2": LATER.year,
        },
    )
    assert response.status_code == 400
    assert "1 possible identifying detail not yet resolved" in response.content.decode()
    assert Storyboard.objects.get(pk=story.pk).status == "submitted"

    # Accepting without a reason is refused, keeping the choice; with one, it is accepted.
    key = services.open_flags(story)[0].key
    response = client.post(f"/storyboards/{story.pk}/review/", {"step": "accept", "flags": [key], "reason": ""})
    assert response.status_code == 400 and "Say why these words can stay in the story" in response.content.decode()
    assert f'value="{key}" checked' in response.content.decode()
    response = client.post(
        f"/storyboards/{story.pk}/review/", {"step": "accept", "flags": [key], "reason": "The name of a garden club"}
    )
    assert response.status_code == 302 and FlagAccepted.objects.get().reason == "The name of a garden club"
    response = client.post(
        f"/storyboards/{story.pk}/review/",
        {
            "step": "decide",
            "version": story.version,
            "action": "approve",
            "review_on_0": LATER.day,
            "review_on_1": LATER.month,
            "review_on_2": LATER.year,
        },
    )
    assert response.status_code == 302
    assert Storyboard.objects.get(pk=story.pk).status == "published"


def test_bad_decisions_are_named_and_the_words_kept(client_for, write_story):
    story = write_story()
    client = client_for("quinn")
    address = f"/storyboards/{story.pk}/review/"
    response = client.post(address, {"step": "decide", "version": story.version, "action": "send_back", "changes": ""})
    assert response.status_code == 400 and "Say what the author should change" in response.content.decode()
    response = client.post(
        address,
        {
            "step": "decide",
            "version": story.version,
            "action": "approve",
            "review_on_0": "1",
            "review_on_1": "1",
            "review_on_2": "2020",
            "changes": "Kept words",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "The review date must be in the future" in html and "Kept words" in html
    response = client.post(address, {"step": "decide", "version": story.version})
    assert (
        response.status_code == 400
        and "Choose whether to publish the story or send it back" in response.content.decode()
    )
    assert client_for("alice").get(address).status_code == 403


def test_sent_back_the_author_sees_what_to_change_and_sends_it_again(client_for, staff, write_story):
    story = write_story()
    services.story_decide(actor=staff["quinn"], story_id=story.pk, action="send_back", changes="Say what her son did.")
    client = client_for("alice")
    assert "Say what her son did." in client.get(f"/storyboards/{story.pk}/").content.decode()
    story.refresh_from_db()
    response = client.post(
        f"/storyboards/{story.pk}/edit/", story_post(version=story.version, what_was_done="Her son drove her.")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == "submitted" and story.times_submitted == 2 and story.what_was_done == "Her son drove her."


def test_the_evidence_bank_searches_by_words_and_theme(client_for, published):
    published()
    client = client_for("bob")
    assert "Back to the allotment" in client.get("/storyboards/?q=allotment").content.decode()
    assert "1 story found" in client.get("/storyboards/?q=allotment&theme=positive-risk").content.decode()
    assert "0 stories found" in client.get("/storyboards/?q=allotment&theme=carers").content.decode()
    bad = client.get("/storyboards/?q=allotment&theme=nonsense")
    assert bad.status_code == 400 and "Choose a theme from the list" in bad.content.decode()
    assert 'value="allotment"' in bad.content.decode()


def test_a_cpd_record_in_one_click_changed_and_downloaded_and_private(client_for, published):
    story = published()
    client = client_for("alice")
    response = client.post(f"/storyboards/{story.pk}/cpd/")
    record = CpdRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cpd/{record.pk}/edit/"
    form = client.get(response["Location"]).content.decode()
    assert "Back to the allotment" in form and "Learning from my own practice" in form
    # Bad input: a date in the future and an empty learning, every other word kept.
    later = TODAY + datetime.timedelta(days=5)
    response = client.post(
        f"/cpd/{record.pk}/edit/",
        {
            "version": record.version,
            "kind": "practice",
            "title": "My allotment story",
            "description": "Kept description",
            "done_on_0": later.day,
            "done_on_1": later.month,
            "done_on_2": later.year,
            "learning": "",
            "impact": "Kept impact",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The date of the activity must be in the past" in html
    assert "Kept description" in html and "Kept impact" in html and "My allotment story" in html
    response = client.post(
        f"/cpd/{record.pk}/edit/",
        {
            "version": record.version,
            "kind": "practice",
            "title": "My allotment story",
            "description": "What I did",
            "done_on_0": TODAY.day,
            "done_on_1": TODAY.month,
            "done_on_2": TODAY.year,
            "learning": "Start from what matters",
            "impact": "I plan visits where people want to be",
        },
    )
    assert response.status_code == 302
    download = client.get(f"/cpd/{record.pk}/download/")
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    assert "The impact on my practice\n" in download.content.decode() and "I plan visits" in download.content.decode()
    # Nobody else can open, change or download it.
    for name in ("bob", "carol", "quinn", "adam"):
        other = client_for(name)
        for path in (f"/cpd/{record.pk}/", f"/cpd/{record.pk}/edit/", f"/cpd/{record.pk}/download/"):
            assert other.get(path).status_code == 404
    assert "My allotment story" not in client_for("bob").get("/storyboards/yours/").content.decode()


def test_the_quality_leads_home_lists_stories_waiting(client_for, write_story):
    assert "Storyboards to review" not in client_for("quinn").get("/").content.decode()
    write_story()
    home = client_for("quinn").get("/").content.decode()
    assert "1 story is waiting for review" in home
    assert "Storyboards to review" not in client_for("alice").get("/").content.decode()


def test_signed_out_and_switched_off_accounts_see_nothing(client, client_for, staff, published):
    story = published()
    assert client.get(f"/storyboards/{story.pk}/").status_code == 302
    staff["bob"].is_active = False
    staff["bob"].save()
    assert client.get("/storyboards/").status_code == 302
