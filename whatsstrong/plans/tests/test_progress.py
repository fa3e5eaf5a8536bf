"""The progress pages: recording a scaling score, the charts with their tables, the stage of change
with what helps, and the two pieces the plan page includes."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.html_checks import assert_accessible_html
from whatsstrong.plans import services, stages
from whatsstrong.plans.models import ChangeStage, OutcomeScore
from whatsstrong.plans.queries import plan_view

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def score_url(peggy, outcome):
    return reverse("plans:score_add", args=[peggy.pk, outcome.plan_id, outcome.pk])


def stage_url(peggy, outcome):
    return reverse("plans:stage", args=[peggy.pk, outcome.plan_id, outcome.pk])


def progress_url(peggy, plan):
    return reverse("plans:progress", args=[peggy.pk, plan.pk])


def date_fields(day, name="scored_on"):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def add_score(staff, peggy, outcome, score, days_ago=0, said=""):
    return services.score_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        score=score,
        scored_on=TODAY - days_ago * DAY,
        said=said,
    )


@pytest.fixture
def change(staff, peggy, plan):
    """An outcome of Peggy's that asks her to change something she does."""
    return services.outcome_add(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        data={"text": "I want to cut down on the drink.", "wellbeing": ["b"], "asks_for_change": True},
    )


# --- Recording a score --------------------------------------------------------------------------------


def test_a_score_is_recorded_with_its_date_and_what_was_said(client_for, peggy, outcome):
    page = client_for("alice").get(score_url(peggy, outcome))
    assert page.status_code == 200
    assert_accessible_html(page.content.decode(), errors_expected=False)
    answer = client_for("alice").post(
        score_url(peggy, outcome),
        {"score": " 6 ", **date_fields(TODAY - 3 * DAY), "said": '"The beds are dug."'},
    )
    assert answer.status_code == 302
    assert answer["Location"] == progress_url(peggy, outcome.plan) + f"#outcome-{outcome.pk}-progress"
    saved = OutcomeScore.objects.get(outcome=outcome)
    assert (saved.score, saved.scored_on, saved.said, saved.review) == (6, TODAY - 3 * DAY, '"The beds are dug."', None)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("0", "Enter a score from 1 to 10"),
        ("11", "Enter a score from 1 to 10"),
        ("seven", "Enter the score as a whole number from 1 to 10, like 7"),
        ("6.5", "Enter the score as a whole number from 1 to 10, like 7"),
        ("", "Enter a score from 1 to 10"),
    ],
)
def test_a_score_outside_1_to_10_is_refused_in_words_keeping_what_was_typed(client_for, peggy, outcome, typed, words):
    page = client_for("alice").post(
        score_url(peggy, outcome), {"score": typed, **date_fields(TODAY), "said": "Nearly there, she said."}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert f'<a href="#id_score">{words}</a>' in html  # in the error summary, linked to the box
    assert not typed or f'name="score" value="{typed}"' in html
    assert "Nearly there, she said.</textarea>" in html
    assert not OutcomeScore.objects.exists()


def test_a_date_in_the_future_is_refused_and_the_score_kept(client_for, peggy, outcome):
    page = client_for("alice").post(score_url(peggy, outcome), {"score": "4", **date_fields(TODAY + DAY)})
    html = page.content.decode()
    assert "Date of the score must be in the past" in html
    assert 'name="score" value="4"' in html
    assert not OutcomeScore.objects.exists()


def test_someone_who_may_only_read_the_record_cannot_record_a_score(client_for, peggy, outcome):
    assert client_for("bob").get(score_url(peggy, outcome)).status_code == 403
    assert client_for("bob").post(score_url(peggy, outcome), {"score": "5", **date_fields(TODAY)}).status_code == 403
    assert not OutcomeScore.objects.exists()


def test_an_outcome_of_another_plan_is_not_found_under_this_one(client_for, staff, peggy, outcome):
    other = services.plan_start(actor=staff["alice"], person=peggy)
    wrong = reverse("plans:score_add", args=[peggy.pk, other.pk, outcome.pk])
    assert client_for("alice").get(wrong).status_code == 404


# --- The progress page --------------------------------------------------------------------------------


def test_the_progress_page_draws_each_outcome_and_the_wellbeing_areas_with_tables(
    client_for, staff, peggy, plan, outcome, change
):
    add_score(staff, peggy, outcome, 3, days_ago=60, said="Can't get out there.")
    add_score(staff, peggy, outcome, 7, days_ago=2)
    page = client_for("bob").get(progress_url(peggy, plan))  # a reader sees it too
    assert page.status_code == 200
    html = page.content.decode()
    assert_accessible_html(html, errors_expected=False)
    chart = re.search(rf'<svg[^>]*aria-labelledby="outcome-{outcome.pk}-chart-title [^"]*"', html)
    assert chart and 'role="img"' in chart.group(0)
    assert html.count("<circle") == 2
    assert "The first was 3 out of 10 and the latest is 7." in html
    table = html.split(f'id="outcome-{outcome.pk}-table"')[1].split("</table>")[0]
    assert "Can&#39;t get out there." in table and ">3</td>" in table and ">7</td>" in table
    # The garden outcome serves areas b and e; the drink outcome serves b and has no score yet.
    area_b = html.split('data-area="b"')[1].split("</tr>")[0]
    assert re.findall(r">([^<>]+)</td>", area_b) == ["2", "1", "7.0"]
    area_e = html.split('data-area="e"')[1].split("</tr>")[0]
    assert re.findall(r">([^<>]+)</td>", area_e) == ["1", "1", "7.0"]
    assert "No scores yet." in html.split(f'id="outcome-{change.pk}-progress"')[1]
    assert "Record a score" not in html  # bob may not change Peggy's record


def test_the_page_offers_recording_a_score_and_the_stage_to_those_who_may(client_for, peggy, plan, outcome, change):
    html = client_for("alice").get(progress_url(peggy, plan)).content.decode()
    assert f'href="{score_url(peggy, outcome)}"' in html
    assert f'href="{stage_url(peggy, change)}"' in html
    assert f'href="{stage_url(peggy, outcome)}"' not in html  # the garden outcome asks for no change


def test_someone_outside_the_people_roles_is_refused(client_for, peggy, plan):
    assert client_for("dina").get(progress_url(peggy, plan)).status_code == 403


# --- The stage of change --------------------------------------------------------------------------------


def test_the_stage_page_is_only_for_an_outcome_that_asks_for_change(client_for, peggy, outcome):
    assert client_for("alice").get(stage_url(peggy, outcome)).status_code == 404


def test_with_no_stage_yet_the_page_offers_the_stages_and_what_not_to_do(client_for, peggy, change):
    page = client_for("alice").get(stage_url(peggy, change))
    html = page.content.decode()
    assert_accessible_html(html, errors_expected=False)
    assert "No stage recorded yet." in html
    lead, cases = stages.not_when()
    assert all(case in html for case in cases)
    assert all(prompt.replace("'", "&#39;") in html for talk in stages.change_talk() for prompt in talk.prompts)
    for guide in stages.guides():
        assert guide.description in html  # as the hint of its choice


def test_recording_stages_keeps_the_way_and_shows_what_helps_now(client_for, staff, peggy, change):
    client = client_for("alice")
    for stage, days_ago in (("pre_contemplation", 90), ("contemplation", 40), ("contemplation", 20), ("action", 1)):
        answer = client.post(
            stage_url(peggy, change), {"stage": stage, **date_fields(TODAY - days_ago * DAY, "noted_on"), "note": stage}
        )
        assert answer.status_code == 302 and answer["Location"] == stage_url(peggy, change)
    assert list(ChangeStage.objects.filter(outcome=change).values_list("stage", flat=True)) == [
        "pre_contemplation",
        "contemplation",
        "contemplation",
        "action",
    ]
    html = client.get(stage_url(peggy, change)).content.decode()
    assert "Now: Making the change" in html
    now = stages.guide("action")
    helps = html.split('id="stage-helps"')[1].split("</ul>")[0]
    avoid = html.split('id="stage-avoid"')[1].split("</ul>")[0]
    assert all(item in helps for item in now.helps) and all(item in avoid for item in now.avoid)
    assert stages.guide("contemplation").helps[0] not in html
    history = html.split('id="stage-history"')[1].split("</table>")[0]
    rows = history.split("<tr")[2:]  # after the heading row, oldest first
    assert [re.search(r"<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]+)", row).group(1) for row in rows] == [
        "Not yet thinking about change",
        "Thinking about change",
        "Thinking about change",
        "Making the change",
    ]
    moves = re.findall(r"moved on from: ([^<]+)<", history)
    assert moves == ["not yet thinking about change", "thinking about change"]  # a stage noted again is no move


def test_a_stage_left_unchosen_is_refused_keeping_the_note(client_for, peggy, change):
    page = client_for("alice").post(
        stage_url(peggy, change), {**date_fields(TODAY, "noted_on"), "note": "She wants to talk about it."}
    )
    html = page.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert '<a href="#id_stage_0">Choose the stage that fits best</a>' in html
    assert "She wants to talk about it.</textarea>" in html
    assert not ChangeStage.objects.exists()


def test_a_reader_sees_the_way_and_the_guide_but_cannot_record_a_stage(client_for, staff, peggy, change):
    services.stage_add(actor=staff["alice"], person=peggy, outcome_id=change.pk, stage="decision", noted_on=TODAY)
    page = client_for("bob").get(stage_url(peggy, change))
    html = page.content.decode()
    assert page.status_code == 200 and "Now: Decided to change" in html
    assert "<form" not in html.split("<main")[1]
    assert_accessible_html(html, errors_expected=False)
    refused = client_for("bob").post(stage_url(peggy, change), {"stage": "action", **date_fields(TODAY, "noted_on")})
    assert refused.status_code == 403
    assert ChangeStage.objects.count() == 1


# --- What the plan page includes ------------------------------------------------------------------------


def test_the_plan_page_pieces_give_the_latest_score_and_the_links(rf, staff, peggy, plan, outcome, change):
    add_score(staff, peggy, outcome, 5, days_ago=9)
    add_score(staff, peggy, outcome, 8, days_ago=1)
    view = plan_view(plan)
    garden, drink = view.outcomes
    shown = render_to_string(
        "plans/_outcome_progress.html", {"ov": garden, "p": plan, "person": peggy, "can_edit": True}
    )
    assert "Latest score: <strong>8 out of 10</strong>" in shown
    assert f'href="{score_url(peggy, outcome)}"' in shown
    assert f'href="{progress_url(peggy, plan)}#outcome-{outcome.pk}-progress"' in shown
    assert "Stage of change" not in shown
    other = render_to_string(
        "plans/_outcome_progress.html", {"ov": drink, "p": plan, "person": peggy, "can_edit": False}
    )
    assert "No score yet" in other and "Record a score" not in other
    assert f'href="{stage_url(peggy, change)}"' in other
    link = render_to_string("plans/_plan_progress_link.html", {"p": plan, "person": peggy})
    assert f'href="{progress_url(peggy, plan)}"' in link
