"""The storyboard services on a real database: the review workflow end to end, publication refused
while a flagged detail is open or consent is missing, who may do what, search, and CPD records."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.core.records import EditConflict
from whatsstrong.storyboards import queries, services
from whatsstrong.storyboards.models import Storyboard

from .conftest import LATER

pytestmark = pytest.mark.django_db


def test_submitted_sent_back_resubmitted_published_and_due_again(staff, write_story):
    quinn, alice = staff["quinn"], staff["alice"]
    story = write_story()
    assert story.status == "submitted" and story.times_submitted == 1 and story.team == alice.team
    assert [s.pk for s in queries.waiting_for_review()] == [story.pk]

    story = services.story_decide(
        actor=quinn, story_id=story.pk, action="send_back", changes="Say more about what her son did."
    )
    assert story.status == "sent_back" and story.changes_asked == "Say more about what her son did."
    assert queries.waiting_for_review() == []

    story = services.story_save(
        actor=alice,
        story_id=story.pk,
        expected_version=story.version,
        data={**story.as_dict(), "what_was_done": story.what_was_done + " Her son drove her the first time."},
        themes_chosen=["strengths-network"],
        submit=True,
    )
    assert story.status == "submitted" and story.times_submitted == 2
    assert queries.theme_codes(queries.story(story.pk)) == ["strengths-network"]

    story = services.story_decide(actor=quinn, story_id=story.pk, action="approve", review_on=LATER)
    assert story.status == "published" and story.review_on == LATER and story.published_at is not None
    assert story.changes_asked == ""
    assert queries.due_again() == []
    assert [s.pk for s in queries.due_again(LATER)] == [story.pk]

    # Looked at again when due: approved with a new date, it stays published.
    again = services.story_decide(
        actor=quinn, story_id=story.pk, action="approve", review_on=LATER + datetime.timedelta(days=30)
    )
    assert again.status == "published" and again.published_at == story.published_at
    # Every step is in the history, naming who took it.
    assert [h.history_user.username for h in Storyboard.history.filter(id=story.pk).order_by("history_date")] == [
        "alice",
        "quinn",
        "alice",
        "quinn",
        "quinn",
    ]


def test_a_draft_keeps_whatever_is_typed_and_submitting_names_what_is_missing(staff, write_story):
    draft = write_story(submit=False, learning="", title="Half written", themes=[])
    assert draft.status == "draft" and draft.title == "Half written"
    with pytest.raises(ValidationError) as refused:
        services.story_save(
            actor=staff["alice"],
            story_id=draft.pk,
            expected_version=draft.version,
            data=draft.as_dict(),
            themes_chosen=[],
            submit=True,
        )
    assert refused.value.message_dict == {
        "learning": ["Say what was learnt"],
        "themes": ["Choose at least one practice theme the story shows"],
    }
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_older_version_is_refused(staff, write_story):
    draft = write_story(submit=False)
    services.story_save(
        actor=staff["alice"], story_id=draft.pk, expected_version=1, data=draft.as_dict(), themes_chosen=[]
    )
    with pytest.raises(EditConflict):
        services.story_save(
            actor=staff["alice"], story_id=draft.pk, expected_version=1, data=draft.as_dict(), themes_chosen=[]
        )


def test_a_flagged_name_blocks_publication_until_taken_out_or_accepted(staff, write_story):
    quinn = staff["quinn"]
    story = write_story(what_was_done="We met Femi Adebayo at the allotment gate; Tom Whitfield came too.")
    flags = services.open_flags(story)
    assert {f.words for f in flags} == {"Femi Adebayo", "Tom Whitfield"}
    with pytest.raises(ValidationError) as refused:
        services.story_decide(actor=quinn, story_id=story.pk, action="approve", review_on=LATER)
    assert "2 possible identifying details not yet resolved" in refused.value.messages[0]
    assert Storyboard.objects.get(pk=story.pk).status == "submitted"

    # Accepting needs a reason; the colleague's name is accepted.
    colleague = next(f for f in flags if f.words == "Tom Whitfield")
    with pytest.raises(ValidationError):
        services.flags_accept(actor=quinn, story_id=story.pk, keys=[colleague.key], reason=" ")
    services.flags_accept(actor=quinn, story_id=story.pk, keys=[colleague.key], reason="A colleague, who agreed")
    with pytest.raises(ValidationError) as refused:
        services.story_decide(actor=quinn, story_id=story.pk, action="approve", review_on=LATER)
    assert "1 possible identifying detail not yet resolved" in refused.value.messages[0]

    # The quality lead takes the person's son's name out, and may then publish.
    story.refresh_from_db()
    services.story_save(
        actor=quinn,
        story_id=story.pk,
        expected_version=story.version,
        data={**story.as_dict(), "what_was_done": "We met her son at the allotment gate; Tom Whitfield came too."},
        themes_chosen=["positive-risk"],
    )
    assert services.open_flags(Storyboard.objects.get(pk=story.pk)) == []
    published = services.story_decide(actor=quinn, story_id=story.pk, action="approve", review_on=LATER)
    assert published.status == "published"


def test_a_story_about_someone_is_not_published_without_consent(staff, write_story):
    # Made before consent was asked for on the form: a stored story missing it.
    story = write_story()
    Storyboard.objects.filter(pk=story.pk).update(consent_by="", consent_on=None)
    with pytest.raises(ValidationError) as refused:
        services.story_decide(actor=staff["quinn"], story_id=story.pk, action="approve", review_on=LATER)
    assert refused.value.message_dict["consent"] == [
        "A story about someone who draws on support needs their consent recorded before it is published"
    ]
    # Submitting it without consent is refused too, naming each part.
    with pytest.raises(ValidationError) as refused:
        write_story(consent_by="", consent_how="", consent_on=None)
    assert set(refused.value.message_dict) == {"consent_by", "consent_how", "consent_on"}
    # A story about a way of working needs none.
    team_story = write_story(about_someone=False, consent_by="", consent_how="", consent_on=None)
    assert services.story_decide(actor=staff["quinn"], story_id=team_story.pk, action="approve", review_on=LATER)


def test_nobody_reviews_their_own_story_and_only_quality_leads_review(staff, write_story):
    own = write_story(by="quinn")
    with pytest.raises(PermissionDenied):
        services.flags_accept(actor=staff["quinn"], story_id=own.pk, keys=["x"], reason="y")
    with pytest.raises(ValidationError) as refused:
        services.story_decide(actor=staff["quinn"], story_id=own.pk, action="approve", review_on=LATER)
    assert refused.value.messages == ["Someone else must review this story: you wrote it"]
    story = write_story()
    for name in ("alice", "carol", "lee"):
        with pytest.raises(PermissionDenied):
            services.story_decide(actor=staff[name], story_id=story.pk, action="approve", review_on=LATER)


def test_only_the_author_changes_a_draft(staff, write_story):
    draft = write_story(submit=False)
    for name in ("bob", "carol", "quinn"):
        with pytest.raises(PermissionDenied):
            services.story_save(
                actor=staff[name],
                story_id=draft.pk,
                expected_version=draft.version,
                data=draft.as_dict(),
                themes_chosen=[],
            )


def test_search_by_words_and_theme_finds_published_stories_only(write_story, published):
    allotment = published()
    choir = published(
        title="A choir for two",
        situation="A carer had given up singing.",
        what_was_done="We found a choir that welcomes carers with the people they care for.",
        difference="Both sing every week.",
    )
    write_story(title="An allotment story still waiting")
    assert queries.evidence_bank("allotment")[0] == [allotment]
    assert queries.evidence_bank("ALLOTMENT stick")[0] == [allotment]
    assert queries.evidence_bank("allotment choir")[1] == 0
    assert set(queries.evidence_bank("")[0]) == {allotment, choir}
    assert queries.evidence_bank("", "positive-risk")[1] == 2
    assert queries.evidence_bank("", "carers")[1] == 0
    assert queries.evidence_bank("sing", "strengths-own")[0] == [choir]


def test_a_cpd_record_from_a_story_is_the_readers_own(staff, published):
    story = published()
    mine = services.cpd_from_story(actor=staff["alice"], story_id=story.pk)
    assert mine.owner == staff["alice"] and mine.kind == "practice" and mine.storyboard == story
    assert "Positive risk-taking" in mine.description and story.learning == mine.learning
    theirs = services.cpd_from_story(actor=staff["bob"], story_id=story.pk)
    assert theirs.kind == "reflection"
    with pytest.raises(PermissionDenied):
        services.cpd_save(actor=staff["bob"], record_id=mine.pk, expected_version=mine.version, data=mine.as_dict())
    saved = services.cpd_save(
        actor=staff["alice"],
        record_id=mine.pk,
        expected_version=mine.version,
        data={**mine.as_dict(), "impact": "I now plan visits where the person wants to be."},
    )
    assert saved.impact == "I now plan visits where the person wants to be." and saved.version == 2
    assert queries.cpd_records(staff["alice"]) == [saved]
    assert queries.cpd_records(staff["carol"]) == []


def test_a_draft_cannot_become_anyone_elses_cpd(staff, write_story):
    draft = write_story(submit=False)
    with pytest.raises(PermissionDenied):
        services.cpd_from_story(actor=staff["bob"], story_id=draft.pk)
