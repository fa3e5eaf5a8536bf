"""The HTML checker finds each problem it is meant to find, and passes a good page."""

import pytest

from tests.html_checks import html_problems


def page(body, title="A page – What's Strong", head_extra=""):
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title>{head_extra}</head>'
        f'<body><a href="#main">Skip</a><main id="main">{body}</main></body></html>'
    )


GOOD = page("""
<h1>Change a strength</h1>
<svg role="img" aria-labelledby="t"><title id="t">Circles</title></svg>
<form method="post"><input type="hidden" name="csrf" value="x">
  <label for="name">Name</label><input id="name" name="name" class="govuk-input">
  <input type="checkbox" id="c" aria-label="Carer" class="govuk-checkboxes__input">
  <select aria-labelledby="lab" id="s" class="govuk-select"></select><span id="lab">Level</span>
  <input type="submit" value="Save"><button>Save</button>
</form>""")


def test_a_good_page_passes():
    assert html_problems(GOOD) == []


@pytest.mark.parametrize(
    "html, expected",
    [
        (page("<p>No heading</p>"), "expected exactly one <h1>, found 0"),
        (page("<h1>One</h1><h1>Two</h1>"), "expected exactly one <h1>, found 2"),
        (page("<h1>Page</h1>", title="  "), "the <title> is empty"),
        (page("<h1>Page</h1>", title=" – What's Strong"), "names only the site"),
        (page('<h1>Page</h1><input id="a" name="a">'), "has no <label for>"),
        (page('<h1>Page</h1><label for="a">A</label><input id="a" name="a">'), 'lacks the GOV.UK class "govuk-input"'),
        (
            page('<h1>Page</h1><label for="c">C</label><input type="checkbox" id="c" class="x">'),
            'lacks the GOV.UK class "govuk-checkboxes__input"',
        ),
        (page('<h1>Page</h1><textarea name="t"></textarea>'), "has no <label for>"),
        (page('<h1>Page</h1><label for="x">X</label><select id="y"></select>'), "points at no element"),
        (page('<h1>Page</h1><p id="d"></p><p id="d"></p>'), "id 'd' is used 2 times"),
        (page('<h1>Page</h1><input id="a" aria-describedby="a-hint" aria-label="A">'), 'aria-describedby "a-hint"'),
        (
            page(
                '<h1>Page</h1><div class="govuk-error-summary"><ul><li><a href="#nowhere">Enter a name</a></li></ul>'
                '</div><p class="govuk-error-message">Enter a name</p>',
                title="Error: Page",
            ),
            'error summary link href="#nowhere"',
        ),
        (
            page('<h1>Page</h1><div class="govuk-error-summary"><a href="#main">Enter a name</a></div>'),
            "does not start with 'Error: '",
        ),
        (
            page('<h1>Page</h1><p class="govuk-error-message">Enter a name</p>', title="Error: Page"),
            "without an error summary",
        ),
        (page("<h1>Page</h1>", title="Error: Page"), "says 'Error' but the page shows none"),
        (page("<h1>Page</h1>").replace(' lang="en-GB"', ""), "no lang attribute"),
        (
            page(
                '<h1>Page</h1><table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan="2">None</td></tr></table>'
            ),
            "span different numbers of columns: [3, 2]",
        ),
    ],
)
def test_each_problem_is_found(html, expected):
    problems = html_problems(html)
    assert any(expected in p for p in problems), problems


def test_expected_errors_must_be_shown():
    assert any("expected this page to show form errors" in p for p in html_problems(GOOD, errors_expected=True))


def test_a_title_inside_svg_is_not_the_page_title():
    html = page('<h1>Page</h1><svg role="img" aria-labelledby="t"><title id="t">Circles</title></svg>', title="")
    assert "the <title> is empty" in html_problems(html)


def test_an_end_tag_left_out_inside_the_summary_does_not_spread_it():
    html = page(
        '<h1>Page</h1><div class="govuk-error-summary"><ul><li><a href="#main">Enter a name</ul></div>'
        '<a href="#nowhere">Help</a>',
        title="Error: Page",
    )
    problems = html_problems(html)
    assert 'link href="#nowhere" (line 1) goes to no element' in problems, problems
