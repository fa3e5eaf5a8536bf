"""Charts of progress as SVG drawn on the server: no script, no chart library, no Django.

`line_chart` draws one outcome's scaling scores over time; `bar_chart` draws the overview of the
nine wellbeing areas. Each chart is an image with a title and a description a screen reader reads
(role="img", aria-labelledby), text labels big enough to read, colours with enough contrast on
white, and nothing said by colour alone: every value is written beside its point or bar. The page
puts a table of the same figures next to each chart.

All text is escaped here, so the markup can be put into a page as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

LOW, HIGH = 1, 10  # a scaling score
WIDTH, HEIGHT = 640, 320
# Room round the plot for the axis labels.
LEFT, RIGHT, TOP, BOTTOM = 56, 32, 24, 64
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
FONT = 16  # px: the GOV.UK body size, so labels read as easily as the page
# The stylesheet's own font (GOV.UK Frontend built with a system font): an SVG drawn in the page
# does not take it from the GOV.UK classes.
FONT_FAMILY = "arial, sans-serif"
# GOV.UK colours: text #0b0c0c (19:1 on white), the line and bars #1d70b8 (5.2:1), the axes
# #505a5f (7:1); grid lines are light as they only help the eye.
TEXT, INK, AXIS, GRID = "#0b0c0c", "#1d70b8", "#505a5f", "#b1b4b6"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Beyond this many points the values are written only at the first and the latest, so they do not
# crowd; the table beside the chart has them all.
LABEL_EVERY_POINT_UP_TO = 12
# The least room between the points of two date labels on the time axis, in px: a label is about
# 90px wide, and those at the ends lean inwards.
DATE_LABEL_ROOM = 140
# Room inside the plot at each end, so the first and latest points keep clear of the edges.
PAD = 20


def short_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: datetime.date) -> str:
    return f"{day.day} {LONG_MONTHS[day.month - 1]} {day.year}"


def _n(value: float) -> str:
    """A coordinate with at most one decimal place, as short as it can be."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> str:
    i = escape(chart_id)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="ws-chart" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-labelledby="{i}-title {i}-desc" focusable="false" '
            f'font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{TEXT}">',
            f'<title id="{i}-title">{escape(title)}</title>',
            f'<desc id="{i}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


# --- One outcome's scores over time -------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    day: datetime.date
    score: int
    x: float
    y: float


def y_of(score: float) -> float:
    """10 at the top of the plot, 1 at the bottom."""
    return TOP + (HIGH - score) * PLOT_H / (HIGH - LOW)


def place(points: Iterable[tuple[datetime.date, int]]) -> list[Placed]:
    """Each (date, score) with its place on the plot, oldest first: days spaced by the time between
    them, a single day (or a single point) in the middle."""
    ordered = sorted(points, key=lambda p: p[0])
    if not ordered:
        return []
    first, last = ordered[0][0], ordered[-1][0]
    span = (last - first).days
    placed = []
    for day, score in ordered:
        x = LEFT + PLOT_W / 2 if span == 0 else LEFT + PAD + (day - first).days * (PLOT_W - 2 * PAD) / span
        placed.append(Placed(day, score, x, y_of(score)))
    return placed


def describe_scores(placed: Sequence[Placed]) -> str:
    """The chart in a sentence or two, for a screen reader."""
    if len(placed) == 1:
        only = placed[0]
        return f"One score so far: {only.score} out of 10 on {long_date(only.day)}."
    first, last = placed[0], placed[-1]
    low = min(p.score for p in placed)
    high = max(p.score for p in placed)
    return (
        f"{len(placed)} scores from {long_date(first.day)} to {long_date(last.day)}. "
        f"The first was {first.score} out of 10 and the latest is {last.score}. "
        f"The lowest was {low} and the highest {high}."
    )


def _date_labels(placed: Sequence[Placed]) -> list[Placed]:
    """The points whose dates are written under the axis: the first and the latest always (they sit
    at the two ends unless every score is from one day), others where there is room between them."""
    if placed[0].day == placed[-1].day:
        return [placed[0]]
    chosen = [placed[0]]
    for point in placed[1:-1]:
        if point.x - chosen[-1].x >= DATE_LABEL_ROOM and placed[-1].x - point.x >= DATE_LABEL_ROOM:
            chosen.append(point)
    return [*chosen, placed[-1]]


def line_chart(points: Iterable[tuple[datetime.date, int]], *, chart_id: str, title: str) -> str:
    """An outcome's scores over time as an SVG line chart; an empty string when there are none (the
    page says so in words instead)."""
    placed = place(points)
    if not placed:
        return ""
    body = ['<g class="ws-chart__grid" font-size="14">']
    for score in range(LOW, HIGH + 1):
        y = _n(y_of(score))
        body.append(f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="1"/>')
        body.append(f'<text x="{LEFT - 10}" y="{y}" text-anchor="end" dominant-baseline="middle">{score}</text>')
    body.append("</g>")
    bottom = TOP + PLOT_H
    body.append(
        f'<path d="M{LEFT} {TOP}V{bottom}H{LEFT + PLOT_W}" fill="none" stroke="{AXIS}" stroke-width="2"/>',
    )
    body.append(
        f'<text x="16" y="{_n(TOP + PLOT_H / 2)}" text-anchor="middle" '
        f'transform="rotate(-90 16 {_n(TOP + PLOT_H / 2)})">Score out of 10</text>'
    )
    one_day = placed[0].day == placed[-1].day
    for point in _date_labels(placed):
        # The end labels lean inwards so they stay inside the picture.
        anchor = "middle" if one_day else "start" if point is placed[0] else "end" if point is placed[-1] else "middle"
        body.append(f'<text x="{_n(point.x)}" y="{bottom + 24}" text-anchor="{anchor}">{short_date(point.day)}</text>')
    body.append(f'<text x="{_n(LEFT + PLOT_W / 2)}" y="{HEIGHT - 8}" text-anchor="middle">Date</text>')
    if len(placed) > 1:
        line = " ".join(f"{_n(p.x)},{_n(p.y)}" for p in placed)
        body.append(f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="3"/>')
    every = len(placed) <= LABEL_EVERY_POINT_UP_TO
    for index, point in enumerate(placed):
        body.append(
            f'<circle cx="{_n(point.x)}" cy="{_n(point.y)}" r="6" fill="{INK}" stroke="#ffffff" stroke-width="2"/>'
        )
        if every or index in (0, len(placed) - 1):
            # Above the point, or below it at the top of the scale.
            y = point.y - 14 if point.score < HIGH else point.y + 26
            body.append(
                f'<text x="{_n(point.x)}" y="{_n(y)}" text-anchor="middle" font-weight="bold">{point.score}</text>'
            )
    return _svg(chart_id, title, describe_scores(placed), WIDTH, HEIGHT, body)


# --- The wellbeing areas ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One wellbeing area: the average of the latest scores of the outcomes serving it."""

    code: str
    label: str
    outcomes: int  # how many outcomes serve the area
    scored: int  # how many of them have a score
    average: Decimal | None  # to one decimal place; None when none is scored

    def short(self) -> str:
        """What the chart writes after the bar."""
        if not self.outcomes:
            return "No outcomes"
        many = "outcome" if self.outcomes == 1 else "outcomes"
        if self.average is None:
            return f"{self.outcomes} {many}, not scored yet"
        unscored = self.outcomes - self.scored
        return f"{self.average} from {self.outcomes} {many}" + (f", {unscored} not scored" if unscored else "")

    def words(self) -> str:
        if not self.outcomes:
            return "No outcomes for this area"
        many = "outcome" if self.outcomes == 1 else "outcomes"
        if self.average is None:
            return f"{self.outcomes} {many}, not scored yet"
        unscored = self.outcomes - self.scored
        more = f", {unscored} not scored yet" if unscored else ""
        return f"{self.average} on average, from {self.outcomes} {many}{more}"


TENTH = Decimal("0.1")


def average(scores: Sequence[int]) -> Decimal | None:
    """The mean to one decimal place, halves rounded up (6.25 is 6.3), as people round."""
    if not scores:
        return None
    return (Decimal(sum(scores)) / len(scores)).quantize(TENTH, rounding=ROUND_HALF_UP)


def bars(areas: Sequence[tuple[str, str]], latest: Iterable[tuple[Sequence[str], int | None]]) -> list[Bar]:
    """One bar per area (code, label), in the areas' order. `latest` has, for each outcome, the area
    codes it serves and its latest score (None when it has none)."""
    served: dict[str, list[int | None]] = {code: [] for code, _ in areas}
    for codes, score in latest:
        for code in set(codes):
            if code in served:
                served[code].append(score)
    found = []
    for code, label in areas:
        scores = [s for s in served[code] if s is not None]
        found.append(Bar(code, label, len(served[code]), len(scores), average(scores)))
    return found


def describe_bars(rows: Sequence[Bar]) -> str:
    with_scores = [r for r in rows if r.average is not None]
    if not with_scores:
        return "No outcome has a score yet, so no area has an average."
    parts = [f"{r.label}: {r.words()}." for r in rows if r.outcomes]
    empty = sum(1 for r in rows if not r.outcomes)
    tail = f" {empty} areas have no outcomes." if empty > 1 else " 1 area has no outcomes." if empty else ""
    return "Average latest score out of 10 for each wellbeing area. " + " ".join(parts) + tail


BAR_ROW = 64  # px for each area: its name, then its bar
BAR_LEFT, BAR_SPAN = 16, 280  # a bar of 10 is 280px long, leaving room for its words after it


def bar_x(value: Decimal | float) -> float:
    return BAR_LEFT + float(value) * BAR_SPAN / HIGH


def bar_chart(rows: Sequence[Bar], *, chart_id: str, title: str) -> str:
    """Horizontal bars, one per wellbeing area: the area's name above its bar, and the average and
    how many outcomes written after it. A scale of 0 to 10 runs along the bottom."""
    height = TOP + BAR_ROW * len(rows) + 40
    body = []
    for index, row in enumerate(rows):
        top = TOP + index * BAR_ROW
        body.append(f'<text x="{BAR_LEFT}" y="{top + 16}">{escape(row.label)}</text>')
        body.append(
            f'<line x1="{BAR_LEFT}" x2="{BAR_LEFT}" y1="{top + 24}" y2="{top + 52}" stroke="{AXIS}" stroke-width="2"/>'
        )
        end = BAR_LEFT
        if row.average is not None:
            end = bar_x(row.average)
            body.append(f'<rect x="{BAR_LEFT}" y="{top + 26}" width="{_n(end - BAR_LEFT)}" height="24" fill="{INK}"/>')
        body.append(f'<text x="{_n(end + 8)}" y="{top + 44}" font-size="14">{escape(row.short())}</text>')
    # The scale along the bottom, with a tick at every other score: the values are written beside
    # the bars, so no grid line runs through the words.
    scale = height - 32
    body.append(
        f'<line x1="{BAR_LEFT}" x2="{_n(bar_x(HIGH))}" y1="{scale}" y2="{scale}" stroke="{AXIS}" stroke-width="2"/>'
    )
    for tick in range(0, HIGH + 1, 2):
        x = _n(bar_x(tick))
        body.append(f'<line x1="{x}" x2="{x}" y1="{scale}" y2="{scale + 6}" stroke="{AXIS}" stroke-width="2"/>')
        body.append(f'<text x="{x}" y="{height - 8}" text-anchor="middle" font-size="14">{tick}</text>')
    return _svg(chart_id, title, describe_bars(rows), WIDTH, height, body)
