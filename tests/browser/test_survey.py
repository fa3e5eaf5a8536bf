"""A person answers the easy-read carer survey with the code from their letter, on a phone-sized
screen and without signing in, through to the confirmation; then a quality lead sees the results
with a small team hidden. axe-core on every page."""

import json

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = (375, 812)


@pytest.fixture
def invited(transactional_db, staff, peggy):
    from whatsstrong.surveys import services

    _, code = services.invitation_create(actor=staff["alice"], person=peggy, survey_code="carer")
    return code


def choose(b, label):
    """Click the radio whose label reads exactly this, as a person taps it."""
    b.driver.find_element("xpath", f"//label[normalize-space(.)={json.dumps(label)}]").click()


def fits_the_screen(b):
    wide = b.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{b.path()} is {wide}px wider than the phone's screen"


def test_answering_the_easy_read_survey_by_code_on_a_phone(browser, invited, staff):
    from whatsstrong.surveys.models import Response

    b = browser
    b.driver.set_window_size(*PHONE)
    b.go("/survey/?easy=1")
    assert "Type the code in the box." in b.text()
    b.check_axe("the code page, easy read, on a phone")
    fits_the_screen(b)
    b.type_into("Your code", "CDEF 3467")  # not theirs
    b.press("Next")
    assert "could not find that code" in b.text()
    b.check_axe("a code that matched nothing")
    b.type_into("Your code", f"{invited[:4]} {invited[4:]}".lower())
    b.press("Next")
    assert "Can we put your answers on your file?" in b.text()
    b.check_axe("whether to keep the answers with the record")
    b.press("Next")  # nothing chosen
    assert "Choose whether we keep your answers with your record" in b.text()
    b.check_axe("the record question, with its error")
    choose(b, "No, keep them apart")
    b.press("Next")
    for number, answer in enumerate(["Yes, always", "Yes, mostly", None, "No, not really", "I do not want to say"], 1):
        assert f"Question {number} of 5" in b.text()
        if number == 1:
            b.check_axe("the first statement, easy read")
            fits_the_screen(b)
        if answer is None:
            b.press("Next")
            assert "Choose an answer" in b.text()
            b.check_axe("a statement left unanswered")
            answer = "Not sure"
        choose(b, answer)
        b.press("Next")
    assert "Do you want to tell us anything else?" in b.text()
    b.check_axe("anything else")
    b.type_into("Do you want to tell us anything else?", "The carers' group helps a lot.")
    b.press("Next")
    assert "Are these your answers?" in b.text()
    b.check_axe("check your answers, easy read")
    fits_the_screen(b)
    b.press("Send my answers")
    assert "Thank you" in b.text()
    b.check_axe("the confirmation")
    saved = Response.objects.get()
    assert saved.person_id is None and saved.easy_read and saved.more == "The carers' group helps a lot."
    assert dict(saved.answers.values_list("statement", "answer"))["involved"] == "neither"
    # The code worked once.
    b.go("/survey/?easy=0")
    b.type_into("Your code", invited)
    b.press("Continue")
    assert "could not find that code, or it has been used already" in b.text()


def test_a_quality_lead_sees_results_with_a_small_team_hidden(browser, staff, teams):
    from whatsstrong.surveys import definitions, services

    statements = [s.code for s in definitions.survey("client").statements]
    for n in range(9):
        for team in ("north", "south", "north") if n < 4 else ("north",):
            services.response_enter(
                actor=staff["quinn"],
                survey_code="client",
                team=teams[team],
                channel="paper",
                answers={s: "agree" if n % 4 else "disagree" for s in statements},
                more="Thanks to Nadia, ring 07700 900123 if you like." if n == 0 else "",
            )
    b = browser
    b.sign_in("quinn", PASSWORD)
    b.go("/surveys/")
    b.check_axe("the list of surveys")
    b.click_link("Your experience of care and support")
    assert "Fewer than 5 answers" in b.text()
    assert len(b.driver.find_elements("css selector", "mark.ws-flag")) >= 2
    b.check_axe("results, with small groups hidden and a name and phone number highlighted")


def test_a_manager_reads_agreement_over_time_as_charts_with_tables_tags_a_theme_and_compares(browser, staff, teams):
    """A year of answers: charts with their tables, a small quarter hidden, a comment tagged, the
    national figures typed in with a mistake first, all checked by axe; then the supervision survey,
    which shows nothing to a manager until five have answered."""
    import datetime

    from whatsstrong.surveys import definitions, services

    statements = [s.code for s in definitions.survey("client").statements]

    def enter(team, n, answer, month, survey="client", codes=statements, more=""):
        for _ in range(n):
            services.response_enter(
                actor=staff["quinn"],
                survey_code=survey,
                team=teams[team],
                channel="phone",
                answers=dict.fromkeys(codes, answer),
                month=month,
                more=more,
            )

    first, second = datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)
    enter("north", 6, "disagree", first, more="Waiting to hear back from Sam took weeks.")
    enter("north", 6, "agree", first)
    enter("south", 2, "agree", first)  # a small group: hidden, with North beside it
    enter("north", 12, "agree", second)
    enter("south", 8, "agree", second)
    b = browser
    b.sign_in("quinn", PASSWORD)
    b.go("/surveys/client/results/?by=quarter")
    assert "Share who agreed, by quarter" in b.text()
    assert len(b.driver.find_elements("css selector", "svg[role=img] polyline")) >= 7
    table = b.text("table")
    assert "Jan–Mar 2026" in table and "Apr–Jun 2026" in table
    assert "Jan–Mar 2026 – –" in table  # South's two hidden, and North with them
    b.check_axe("results with charts over time, tables and small groups hidden")
    b.type_into("Add a theme to the comment from January 2026", "Getting hold of us")
    b.press("Tag")
    assert "Themes tagged so far" in b.text()
    b.click_link("Enter the national figures")
    b.type_into("Which year's national survey?", "2024 to 2025")
    b.type_into("With the support I have, I feel safe.", "seventy")
    b.press("Save the figures")
    assert "Enter a percentage, like 64" in b.text()
    b.check_axe("national figures with an error")
    b.type_into("With the support I have, I feel safe.", "70.5")
    b.press("Save the figures")
    assert "70.5%" in b.text() and "not weighted" in b.text()
    b.check_axe("results beside the national figures")
    # The supervision survey: four answers show nothing; a fifth shows the counts, to a manager.
    codes = [s.code for s in definitions.survey("supervision").statements]
    enter("north", 4, "agree", second, survey="supervision", codes=codes)
    b.sign_out()
    b.sign_in("carol", PASSWORD)
    b.go("/surveys/supervision/results/")
    assert "Fewer than 5 people have answered so far" in b.text()
    b.check_axe("the supervision survey with too few answers")
    enter("north", 1, "agree", second, survey="supervision", codes=codes)
    b.go("/surveys/supervision/results/")
    assert "5 responses in all" in b.text()
    b.check_axe("the supervision survey's results")
