"""The bundled standards: a sound data file, loaded into every database by the migration, and
editable with history."""

import pytest

from whatsstrong.audits import rules, services
from whatsstrong.audits.models import RatingLevel, Standard


def test_the_data_file_has_no_problems():
    assert rules.data_problems(services.bundled()) == []


def test_strengths_based_practice_is_at_the_heart_and_kcvets_is_all_there():
    data = services.bundled()
    practice = {s["code"] for s in data["standards"] if s["group"] == "practice"}
    assert practice == {
        "persons-voice",
        "three-levels",
        "network-involved",
        "wellbeing-areas",
        "outcomes-own-words",
        "positive-risk",
        "plain-language",
        "proportionate",
    }
    reflective = [s["name"] for s in data["standards"] if s["group"] == "reflective"]
    assert reflective == [
        "Knowledge and co-creation",
        "Values and ethics",
        "Experiential learning",
        "Theories and methods",
        "Skills",
    ]
    assert all(s["evidence"] for s in data["standards"])


@pytest.mark.django_db
def test_the_migration_loaded_every_standard_and_rating_and_a_second_load_adds_nothing():
    data = services.bundled()
    assert Standard.objects.count() == len(data["standards"])
    assert list(RatingLevel.objects.values_list("code", flat=True)) == ["strong", "good", "developing", "not_yet"]
    assert services.standards_load() == (0, 0)


@pytest.mark.django_db
def test_an_organisation_rewording_stands_and_is_kept_in_history():
    standard = Standard.objects.get(code="skills")
    standard.name = "Skills we look for"
    standard.save()
    services.standards_load()
    standard.refresh_from_db()
    assert standard.name == "Skills we look for"
    assert standard.history.first().name == "Skills we look for"
