"""The Jinja2 environment for the product's pages.

Pages are Jinja2 templates (in `jinja2/` and each app's `jinja2/` folder): Jinja2 compiles a
template to Python once, and draws the 50-row caseload in a third of the time Django's template
language takes (`bench/README.md`). Form fields, widgets and the admin keep Django's template
language (`templates/`), which Django's form renderer and admin are written for.

What Django's templates did for free is done here: dates and times are shown in local time in
the settings' formats, `url()` makes paths with Django's `reverse`, `static()` finds assets, and
the filters the pages use are registered below. Under the tests a name the template does not know
fails the page (`StrictUndefined`, set in test_settings); in production it shows as nothing.
"""

import datetime

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from markupsafe import Markup, escape

import jinja2
from whatsstrong.coach.formatting import first_option, span


def shown(value):
    """Every `{{ }}` output: dates and times local and in the settings' formats, as Django shows them."""
    if isinstance(value, (datetime.date, datetime.time)):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.localize(value)
    return value


MONTHS = (None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value):
    """'4 Nov 2026'. Plain formatting, not the localisation machinery: a caseload shows 100 of these."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {MONTHS[value.month]} {value.year}"


LONG_MONTHS = (
    None,
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


def long_date(value):
    """'4 November 2026', as Django's "j F Y" gives it, with the same plain formatting as short_date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {LONG_MONTHS[value.month]} {value.year}"


NOT_RECORDED = '<span class="govuk-hint">Not recorded yet</span>'


def summary_row(label, value):
    """A GOV.UK summary list row, the value's line breaks kept, or "Not recorded yet"."""
    # Plain string building: Markup.format is ten times slower, and the person's page has 24 rows.
    shown = linebreaksbr(value) if value else NOT_RECORDED
    return Markup(
        f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{escape(label)}</dt>'
        f'<dd class="govuk-summary-list__value">{shown}</dd></div>'
    )


def date(value, format_string):
    """`{{ person.date_of_birth|date("j F Y") }}`, Django's date formats; blank when there is no date."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return defaultfilters.date(value, format_string)


def linebreaksbr(value):
    """Text with its line breaks kept, escaped."""
    text = str(escape(value))
    return Markup(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>"))


def yesno(value, choices):
    """`"Yes,No"` style choices, as Django's filter: true, false, and (if given) none."""
    return defaultfilters.yesno(value, choices)


def pluralize(count, suffix="s"):
    return defaultfilters.pluralize(count, suffix)


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    # Django defaults `undefined` by DEBUG; here it is the same in development as in production (a
    # missing value shows as nothing), unless the settings ask for StrictUndefined, as the tests do.
    if options.get("undefined") is not jinja2.StrictUndefined:
        options["undefined"] = jinja2.ChainableUndefined
    env = jinja2.Environment(finalize=shown, **options)
    env.globals.update(static=static, url=url, summary_row=summary_row)
    env.filters.update(
        date=date,
        linebreaksbr=linebreaksbr,
        yesno=yesno,
        pluralize=pluralize,
        short_date=short_date,
        long_date=long_date,
        span=span,
        first_option=first_option,
    )
    return env
