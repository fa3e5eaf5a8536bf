"""The progress charts (plans/charts.py) on their own: no database, no Django."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from whatsstrong.plans import charts

SVG = "{http://www.w3.org/2000/svg}"
DAY = datetime.date(2025, 3, 1)


def days(n):
    return DAY + datetime.timedelta(days=n)


def parsed(svg):
    return ET.fromstring(svg)


def circles(svg):
    return [(float(c.get("cx")), float(c.get("cy"))) for c in parsed(svg).iter(f"{SVG}circle")]


def test_a_score_of_ten_sits_at_the_top_and_one_at_the_bottom_first_day_left_latest_right():
    placed = charts.place([(DAY, 10), (days(30), 1)])
    assert (placed[0].x, placed[0].y) == (charts.LEFT + charts.PAD, charts.TOP)
    assert (placed[1].x, placed[1].y) == (charts.LEFT + charts.PLOT_W - charts.PAD, charts.TOP + charts.PLOT_H)
    assert circles(charts.line_chart([(DAY, 10), (days(30), 1)], chart_id="c", title="t")) == [
        (charts.LEFT + charts.PAD, charts.TOP),
        (charts.LEFT + charts.PLOT_W - charts.PAD, charts.TOP + charts.PLOT_H),
    ]


def test_scores_in_between_are_placed_in_proportion():
    five = charts.place([(DAY, 5), (days(1), 5)])[0]
    assert five.y == pytest.approx(charts.TOP + 5 * charts.PLOT_H / 9)


def test_dates_are_spaced_by_the_time_between_them_not_by_their_order():
    placed = charts.place([(DAY, 3), (days(10), 4), (days(40), 6)])
    fractions = [(p.x - charts.LEFT - charts.PAD) / (charts.PLOT_W - 2 * charts.PAD) for p in placed]
    assert fractions == pytest.approx([0, 0.25, 1])


def test_points_given_out_of_order_are_drawn_oldest_first():
    placed = charts.place([(days(20), 8), (DAY, 2), (days(10), 5)])
    assert [p.score for p in placed] == [2, 5, 8]
    svg = charts.line_chart([(days(20), 8), (DAY, 2), (days(10), 5)], chart_id="c", title="t")
    line = parsed(svg).find(f"{SVG}polyline").get("points").split()
    assert [float(pair.split(",")[0]) for pair in line] == sorted(float(pair.split(",")[0]) for pair in line)


def test_one_point_sits_in_the_middle_with_no_line_and_says_so():
    svg = charts.line_chart([(DAY, 6)], chart_id="c", title="t")
    assert circles(svg) == [(charts.LEFT + charts.PLOT_W / 2, pytest.approx(charts.y_of(6), abs=0.05))]
    tree = parsed(svg)
    assert tree.find(f"{SVG}polyline") is None
    assert tree.find(f"{SVG}desc").text == "One score so far: 6 out of 10 on 1 March 2025."
    assert "1 Mar 2025" in [t.text for t in tree.iter(f"{SVG}text")]


def test_no_points_draw_no_chart():
    assert charts.line_chart([], chart_id="c", title="t") == ""
    assert charts.place([]) == []


def test_the_chart_is_an_image_named_by_its_title_and_description():
    svg = charts.line_chart([(DAY, 3), (days(60), 7)], chart_id="outcome-4-chart", title="Scores for the garden")
    tree = parsed(svg)
    assert tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "outcome-4-chart-title outcome-4-chart-desc"
    assert tree.find(f"{SVG}title").get("id") == "outcome-4-chart-title"
    assert tree.find(f"{SVG}title").text == "Scores for the garden"
    assert tree.find(f"{SVG}desc").text == (
        "2 scores from 1 March 2025 to 30 April 2025. The first was 3 out of 10 and the latest is 7. "
        "The lowest was 3 and the highest 7."
    )


def test_every_value_and_the_axes_are_written_not_shown_by_colour_alone():
    svg = charts.line_chart([(DAY, 3), (days(60), 7)], chart_id="c", title="t")
    texts = [t.text for t in parsed(svg).iter(f"{SVG}text")]
    assert "Score out of 10" in texts and "Date" in texts
    assert [str(n) for n in range(1, 11)] == texts[:10]  # the scale
    assert {"1 Mar 2025", "30 Apr 2025"} <= set(texts)
    assert texts.count("3") == 2 and texts.count("7") == 2  # on the scale, and beside its point
    assert int(parsed(svg).get("font-size")) >= 14


def test_many_points_keep_their_date_labels_apart():
    svg = charts.line_chart([(days(n), 5) for n in range(0, 60, 2)], chart_id="c", title="t")
    xs = [float(t.get("x")) for t in parsed(svg).iter(f"{SVG}text") if t.text and t.text[0].isdigit() and " " in t.text]
    assert len(xs) >= 2
    assert all(b - a >= charts.DATE_LABEL_ROOM for a, b in zip(xs, xs[1:], strict=False))


def test_text_is_escaped():
    svg = charts.line_chart([(DAY, 5)], chart_id='c"><script>', title="Tea & <b>biscuits</b>")
    assert "<script>" not in svg and "<b>" not in svg
    tree = parsed(svg)  # still well-formed
    assert tree.find(f"{SVG}title").text == "Tea & <b>biscuits</b>"
    rows = charts.bars([("a", "Dignity <& respect>")], [(["a"], 4)])
    assert "Dignity &lt;&amp; respect&gt;" in charts.bar_chart(rows, chart_id="w", title="x")


# --- The wellbeing areas ----------------------------------------------------------------------------

AREAS = [("a", "Dignity"), ("b", "Health"), ("c", "Safety")]


def test_each_area_averages_the_latest_scores_of_the_outcomes_serving_it():
    rows = charts.bars(AREAS, [(["a", "b"], 6), (["a"], 7), (["a"], None), (["b", "b"], 3)])
    assert [(r.code, r.outcomes, r.scored, r.average) for r in rows] == [
        ("a", 3, 2, Decimal("6.5")),
        ("b", 2, 2, Decimal("4.5")),
        ("c", 0, 0, None),
    ]
    assert rows[0].words() == "6.5 on average, from 3 outcomes, 1 not scored yet"
    assert rows[2].words() == "No outcomes for this area"


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([6, 6, 7, 6], Decimal("6.3")), ([1], Decimal("1.0")), ([10, 9, 9], Decimal("9.3")), ([], None)],
)
def test_averages_are_rounded_to_one_place_as_people_round(scores, expected):
    assert charts.average(scores) == expected


def test_an_area_with_outcomes_but_no_scores_has_no_average():
    (row,) = charts.bars([("d", "Control")], [(["d"], None)])
    assert (row.outcomes, row.average, row.words()) == (1, None, "1 outcome, not scored yet")


def test_bars_are_as_long_as_their_average_and_say_it_in_words():
    rows = charts.bars(AREAS, [(["a"], 5), (["b"], 10)])
    tree = parsed(charts.bar_chart(rows, chart_id="wellbeing-chart", title="Areas"))
    widths = [float(r.get("width")) for r in tree.iter(f"{SVG}rect")]
    assert widths == [charts.BAR_SPAN / 2, charts.BAR_SPAN]  # no bar for the area with no outcomes
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert {"Dignity", "Health", "Safety", "5.0 from 1 outcome", "10.0 from 1 outcome", "No outcomes"} <= set(texts)
    assert tree.get("role") == "img"
    assert tree.find(f"{SVG}desc").text.startswith("Average latest score out of 10 for each wellbeing area. Dignity:")


def test_with_no_scores_at_all_the_overview_says_so():
    rows = charts.bars(AREAS, [])
    desc = parsed(charts.bar_chart(rows, chart_id="w", title="Areas")).find(f"{SVG}desc").text
    assert desc == "No outcome has a score yet, so no area has an average."
