"""link() makes the same paths as reverse(); the page helpers show dates and text as Django did."""

import datetime

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import path, reverse
from django.utils import timezone

from whatsstrong.core.links import link
from whatsstrong.templating import linebreaksbr, shown, short_date, summary_row


@pytest.mark.parametrize("name, args", [
    ("home", ()),
    ("people:detail", (12,)),
    ("people:edit", (7, "who-i-am")),
    ("people:edit_asset", (7340291, 3)),
    ("conversations:edit_note", (1, 22)),
])
def test_link_matches_reverse(name, args):
    assert link(name, *args) == reverse(name, args=args)


def page(request, word):
    return None


urlpatterns = [path("words/<str:word>/", page, name="word")]


def test_link_quotes_as_reverse_does_and_follows_a_changed_urlconf():
    with override_settings(ROOT_URLCONF=__name__):
        for word in ("plain", "a b", "ünïcode", "semi;colon", "100%"):
            assert link("word", word) == reverse("word", args=[word])
    assert link("home") == reverse("home")


def test_times_are_shown_in_local_time_as_django_templates_show_them():
    summer = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.timezone.utc)
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
    assert "<dt class=\"govuk-summary-list__key\">What &lt;matters&gt;</dt>" in row
    assert "Family<br>Music" in row
    assert "Not recorded yet" in str(summary_row("Proud of", ""))
