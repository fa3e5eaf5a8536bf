"""Fast accessibility checks on rendered HTML, with nothing but the standard library.

These catch, in milliseconds and without a browser, the mistakes that most often break a page for
someone using a screen reader or a keyboard: a missing or doubled h1, an empty <title>, a form
control with no label, a repeated id, an error summary link that goes nowhere, an error page whose
<title> does not say so. The browser tests (tests/browser) run axe-core on top of this.

    from tests.html_checks import html_problems, assert_accessible_html

    problems = html_problems(response.content.decode())   # a list of sentences, empty when fine
    assert_accessible_html(html, errors_expected=True)     # raises AssertionError listing them
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Input types that are not filled in by the user, or that carry their own name (their value).
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
# The GOV.UK Frontend class each control needs; without it a checkbox or radio is drawn twice
# (the browser's own and GOV.UK's) and a text box loses its visible border and focus style.
GOVUK_CONTROL_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "search": "govuk-input",
    "tel": "govuk-input",
    "url": "govuk-input",
    "checkbox": "govuk-checkboxes__input",
    "radio": "govuk-radios__input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
}


@dataclass
class Control:
    tag: str
    attrs: dict
    line: int
    inside_label: bool

    def describe(self):
        shown = " ".join(f'{k}="{v}"' for k, v in self.attrs.items() if k in ("id", "name", "type"))
        return f"<{self.tag} {shown}> (line {self.line})"


@dataclass
class Page:
    """What the parser found; the checks are made from this."""

    lang: str | None = None
    titles: list = field(default_factory=list)
    h1_count: int = 0
    ids: dict = field(default_factory=dict)  # id -> lines where it appears
    controls: list = field(default_factory=list)
    label_for: list = field(default_factory=list)  # (target id, line)
    references: list = field(default_factory=list)  # (attribute, target id, line) for aria-*by
    fragment_links: list = field(default_factory=list)  # (target id, line, in error summary)
    forms: list = field(default_factory=list)  # (method, action); an empty action posts to the page itself
    tables: list = field(default_factory=list)  # (line, [columns spanned by each row])
    error_summaries: int = 0
    error_summary_links: int = 0
    error_messages: int = 0


class _Parser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._svg_depth = 0
        self._title = None  # text being collected while inside the document <title>
        self._label_depth = 0
        self._open = []  # open elements: (tag, is an error summary)
        self._tables = []  # open tables: (line, row widths)

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        line = self.getpos()[0]
        page = self.page
        classes = set(attrs.get("class", "").split())

        if tag == "html":
            page.lang = attrs.get("lang")
        if "id" in attrs:
            page.ids.setdefault(attrs["id"], []).append(line)
        for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
            for target in attrs.get(attribute, "").split():
                page.references.append((attribute, target, line))

        if tag == "svg":
            self._svg_depth += 1
        elif tag == "title" and not self._svg_depth:
            self._title = []
        elif tag == "h1":
            page.h1_count += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                page.label_for.append((attrs["for"], line))
        elif tag == "table":
            self._tables.append((line, []))
        elif tag == "tr" and self._tables:
            self._tables[-1][1].append(0)
        elif tag in ("td", "th") and self._tables and self._tables[-1][1]:
            span = attrs.get("colspan", "1")
            self._tables[-1][1][-1] += int(span) if span.isdigit() else 1
        elif tag == "form":
            page.forms.append((attrs.get("method", "get").lower(), attrs.get("action", "")))
        elif tag in ("input", "select", "textarea"):
            if not (tag == "input" and attrs.get("type", "text").lower() in UNLABELLED_INPUT_TYPES):
                page.controls.append(Control(tag, attrs, line, self._label_depth > 0))
        elif tag == "a":
            href = attrs.get("href", "")
            if href.startswith("#") and len(href) > 1:
                in_summary = any(summary for _, summary in self._open)
                page.fragment_links.append((href[1:], line, in_summary))
                if in_summary:
                    page.error_summary_links += 1

        if "govuk-error-summary" in classes:
            page.error_summaries += 1
        if "govuk-error-message" in classes:
            page.error_messages += 1
        if tag not in self.VOID:
            self._open.append((tag, "govuk-error-summary" in classes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        elif tag == "title" and self._title is not None:
            self.page.titles.append(" ".join("".join(self._title).split()))
            self._title = None
        elif tag == "label" and self._label_depth:
            self._label_depth -= 1
        elif tag == "table" and self._tables:
            self.page.tables.append(self._tables.pop())
        # Close up to the matching element, as a browser would when an inner end tag is left out.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)


def parse(html):
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def page_has_errors(html_or_page):
    """True when the page shows a form error: an error summary or an error message."""
    page = parse(html_or_page) if isinstance(html_or_page, str) else html_or_page
    return bool(page.error_summaries or page.error_messages)


def html_problems(html, *, errors_expected=None, site_name="What's Strong", govuk=True):
    """Every problem found, as sentences. `errors_expected` (True/False) also checks that the page
    does, or does not, show form errors; None leaves that to the page. `govuk` checks that each
    control carries its GOV.UK Frontend class."""
    page = parse(html)
    problems = []

    if not page.lang:
        problems.append("<html> has no lang attribute")

    if len(page.titles) != 1:
        problems.append(f"expected one <title>, found {len(page.titles)}")
    title = page.titles[0] if page.titles else ""
    if not title:
        problems.append("the <title> is empty")
    elif site_name and title.replace(site_name, "").strip(" –-|:") == "":
        problems.append(f"the <title> names only the site, not the page: {title!r}")

    if page.h1_count != 1:
        problems.append(f"expected exactly one <h1>, found {page.h1_count}")

    for id_, lines in page.ids.items():
        if not id_.strip():
            problems.append(f"empty id attribute (lines {lines})")
        elif len(lines) > 1:
            problems.append(f"id {id_!r} is used {len(lines)} times (lines {lines})")

    labelled = {target for target, _ in page.label_for}
    for control in page.controls:
        attrs = control.attrs
        has_name = (
            (attrs.get("id") and attrs["id"] in labelled)
            or attrs.get("aria-label", "").strip()
            or attrs.get("aria-labelledby", "").strip()
        )
        if not has_name:
            problems.append(f"{control.describe()} has no <label for>, aria-label or aria-labelledby")
        kind = control.tag if control.tag != "input" else attrs.get("type", "text").lower()
        wanted = GOVUK_CONTROL_CLASSES.get(kind)
        if govuk and wanted and wanted not in attrs.get("class", "").split():
            problems.append(f'{control.describe()} lacks the GOV.UK class "{wanted}"')
    for target, line in page.label_for:
        if target not in page.ids:
            problems.append(f'<label for="{target}"> (line {line}) points at no element')
    for attribute, target, line in page.references:
        if target not in page.ids:
            problems.append(f'{attribute} "{target}" (line {line}) points at no element')

    for line, widths in page.tables:
        if len(set(widths)) > 1:
            problems.append(f"the rows of the table at line {line} span different numbers of columns: {widths}")

    for target, line, in_summary in page.fragment_links:
        if target not in page.ids:
            where = "error summary link" if in_summary else "link"
            problems.append(f'{where} href="#{target}" (line {line}) goes to no element')

    has_errors = page_has_errors(page)
    if has_errors and not title.startswith("Error: "):
        problems.append(f"the page shows errors but its <title> does not start with 'Error: ': {title!r}")
    if not has_errors and title.startswith("Error"):
        problems.append(f"the <title> says 'Error' but the page shows none: {title!r}")
    if page.error_messages and not page.error_summaries:
        problems.append("error messages are shown without an error summary at the top of the page")
    if page.error_messages and not page.error_summary_links:
        problems.append("the error summary has no link to the fields in error")
    if errors_expected is True and not has_errors:
        problems.append("expected this page to show form errors, but it shows none")
    if errors_expected is False and has_errors:
        problems.append("expected no form errors, but the page shows some")
    return problems


def assert_accessible_html(html, **kwargs):
    problems = html_problems(html, **kwargs)
    assert not problems, "HTML accessibility problems:\n  - " + "\n  - ".join(problems)
