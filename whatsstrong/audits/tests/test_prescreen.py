"""The pre-screen on crafted records: a deficit-shaped record reads low on each indicator, a
strengths-based one good, each read on its own."""

import pytest

from whatsstrong.audits import queries, rules

pytestmark = pytest.mark.django_db


def test_a_deficit_shaped_record_reads_low_on_every_indicator(deficit):
    found = queries.prescreen_assessments([deficit.assessment.pk])[deficit.assessment.pk]
    assert found.levels == {key: rules.LOW for key in rules.INDICATOR_KEYS}
    ind = found.indicators
    assert ind.quoted == 0 and ind.strengths == {} and ind.network == 0 and ind.wellbeing == 1
    assert (ind.outcomes, ind.outcomes_first_person) == (2, 0)
    assert ind.deficit >= 3 and ind.jargon >= 1  # from the language coach
    assert ind.review_overdue
    assert len(found.attention) == len(rules.INDICATOR_KEYS)


def test_a_strengths_based_record_reads_good_on_every_indicator(strong):
    found = queries.prescreen_assessments([strong.assessment.pk])[strong.assessment.pk]
    assert found.levels == {key: rules.GOOD for key in rules.INDICATOR_KEYS}
    ind = found.indicators
    assert ind.own_words_share > 0.5
    assert ind.strengths == {"own": 1, "network": 1, "community": 1}
    assert ind.network == 2 and ind.wellbeing == 7
    assert (ind.outcomes, ind.outcomes_first_person) == (2, 2)
    assert ind.deficit == ind.jargon == 0
    assert ind.days_since_review == 0
    assert found.attention == []


def test_the_whole_record_is_read_the_same_way(deficit, strong):
    assert set(queries.prescreen_person(deficit.person).levels.values()) == {rules.LOW}
    assert set(queries.prescreen_person(strong.person).levels.values()) == {rules.GOOD}


def test_many_assessments_are_read_in_a_few_queries(deficit, strong, django_assert_max_num_queries):
    ids = [deficit.assessment.pk, strong.assessment.pk, strong.review.pk]
    # Ten reads for the chunk, and the coach's one small check per text set that its rules are current.
    with django_assert_max_num_queries(10 + len(ids)):
        found = queries.prescreen_assessments(ids)
    assert set(found) == set(ids)


def test_the_rows_say_what_was_found_in_words(strong):
    rows = queries.prescreen_rows(queries.prescreen_person(strong.person))
    by_key = {row["key"]: row for row in rows}
    assert by_key["wellbeing"]["found"] == "7 of 9"
    assert by_key["strengths"]["found"] == "1 own, 1 network, 1 community"
    assert all(row["reading_words"] == "Good" for row in rows)
