"""The page helpers show dates and text as Django did; undefined names fail under the tests."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone

import jinja2
from whatsstrong.templating import linebreaksbr, short_date, shown, summary_row


def test_a_name_the_view_does_not_give_fails_the_page_under_the_tests():
    template = engines["jinja2"].from_string("Hello {{ nobody_gave_this }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render({})


def test_in_production_a_missing_name_shows_as_nothing():
    from whatsstrong.templating import environment

    env = environment(loader=jinja2.DictLoader({}), autoescape=True)
    assert env.from_string("Hello {{ nobody_gave_this.at_all }}").render() == "Hello "


def test_times_are_shown_in_local_time_as_django_templates_show_them():
    summer = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    django_shows = engines["django"].from_string("{{ t }}|{{ d }}")
    with timezone.override("Europe/London"):
        assert f"{shown(summer)}|{shown(summer.date())}" == django_shows.render({"t": summer, "d": summer.date()})
        assert shown(summer).startswith("2 Jul 2026")  # British summer time: already the next day
        assert short_date(summer) == "2 Jul 2026"
    assert short_date(datetime.date(2026, 11, 4)) == "4 Nov 2026"
    assert short_date(None) == ""
    assert shown("text") == "text" and shown(5) == 5


def test_text_is_escaped_with_its_line_breaks_kept():
    assert str(linebreaksbr("Tea & toast\r\nthen <walk>")) == "Tea &amp; toast<br>then &lt;walk&gt;"
    row = str(summary_row("What <matters>", "Family\nMusic"))
    assert '<dt class="govuk-summary-list__key">What &lt;matters&gt;</dt>' in row
    assert "Family<br>Music" in row
    assert "Not recorded yet" in str(summary_row("Proud of", ""))


def test_long_dates_read_as_djangos_own_date_format_does():
    from django.template import defaultfilters

    from whatsstrong.templating import long_date

    late_evening = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    with timezone.override("Europe/London"):
        for value in (datetime.date(1948, 3, 27), datetime.date(2026, 12, 1), late_evening):
            expected = defaultfilters.date(
                timezone.localtime(value) if isinstance(value, datetime.datetime) else value, "j F Y"
            )
            assert long_date(value) == expected
    assert long_date(None) == ""
