"""Writing the directory: who may, conflicts, the rules the services keep, categories loaded from
files, signposting and gaps on people's records."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from whatsstrong.core.records import EditConflict
from whatsstrong.directory import queries, services
from whatsstrong.directory.models import Gap, Organisation, Service, Signpost, TaxonomyTerm

from .conftest import term

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.mark.parametrize("who", ["alice", "carol", "quinn", "lee"])
def test_only_directory_editors_and_administrators_change_the_directory(staff, who):
    with pytest.raises(PermissionDenied):
        services.organisation_save(actor=staff[who], data={"name": "Mine"})
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("who", ["dina", "adam"])
def test_directory_editors_and_administrators_add_organisations(staff, who):
    made = services.organisation_save(actor=staff[who], data={"name": "Bell Green Allotments"})
    assert made.history.first().history_user == staff[who]


def test_a_switched_off_editor_changes_nothing(dina):
    dina.is_active = False
    dina.save()
    with pytest.raises(PermissionDenied):
        services.organisation_save(actor=dina, data={"name": "Late"})


def test_two_editors_changing_one_service_meet_a_conflict_naming_what_changed(staff, dina, directory):
    opened = directory.walk.version
    services.service_save(
        actor=staff["adam"],
        organisation=directory.centre,
        service_id=directory.walk.pk,
        expected_version=opened,
        data={"name": "Wednesday Walk and Talk"},
    )
    with pytest.raises(EditConflict) as caught:
        services.service_save(
            actor=dina,
            organisation=directory.centre,
            service_id=directory.walk.pk,
            expected_version=opened,
            data={"name": "Wednesday Walkers"},
        )
    assert caught.value.saved_by == staff["adam"]
    assert [(c.field, c.theirs, c.yours) for c in caught.value.changes] == [
        ("name", "Wednesday Walk and Talk", "Wednesday Walkers")
    ]
    assert Service.objects.get(pk=directory.walk.pk).name == "Wednesday Walk and Talk"


def test_a_service_keeps_its_cost_and_ages_sound(dina, directory):
    with pytest.raises(ValidationError) as caught:
        services.service_save(
            actor=dina,
            organisation=directory.centre,
            data={"name": "Bingo", "cost": "free", "cost_amount": "2.00", "minimum_age": 70, "maximum_age": 60},
        )
    assert set(caught.value.message_dict) == {"cost_amount", "maximum_age"}
    with pytest.raises(ValidationError) as caught:
        services.service_save(actor=dina, organisation=directory.centre, data={"name": "Bingo", "cost_amount": "2.505"})
    assert caught.value.message_dict == {
        "cost_amount": ["Enter pounds and pence, with no more than 2 numbers after the point"]
    }
    assert not Service.objects.filter(name="Bingo").exists()


def test_a_service_is_only_at_its_own_organisations_places(dina, directory):
    with pytest.raises(ValidationError):
        services.service_save(
            actor=dina, organisation=directory.centre, data={"name": "Away day"}, locations=[directory.spa]
        )


def test_opening_times_are_replaced_whole_and_refused_when_sessions_overlap(dina, directory):
    t = datetime.time
    knit = services.opening_times_save(
        actor=dina,
        service_id=directory.knit.pk,
        expected_version=directory.knit.version,
        sessions=[(1, t(10), t(12)), (3, t(18), t(20))],
    )
    assert [(s.weekday, s.opens) for s in knit.opening_times.all()] == [(1, t(10)), (3, t(18))]
    with pytest.raises(ValidationError):
        services.opening_times_save(
            actor=dina,
            service_id=knit.pk,
            expected_version=knit.version,
            sessions=[(1, t(10), t(12)), (1, t(11), t(13))],
        )
    with pytest.raises(EditConflict):
        services.opening_times_save(actor=dina, service_id=knit.pk, expected_version=knit.version - 1, sessions=[])


def test_marking_a_service_checked_takes_it_off_the_review_list(dina, directory):
    assert directory.knit in queries.due_for_check(TODAY)  # never checked
    services.service_checked(actor=dina, service_id=directory.knit.pk)
    assert directory.knit not in queries.due_for_check(TODAY)
    services.service_checked(actor=dina, service_id=directory.walk.pk, on=TODAY - datetime.timedelta(days=366))
    due = list(queries.due_for_check(TODAY))
    assert directory.walk in due and directory.choir not in due  # closed for good: nothing to check


def test_the_bundled_categories_are_loaded_with_ids_made_from_their_codes():
    walking = term("walking")
    assert walking.parent == term("active")
    assert walking.pk == services.term_id("whatsstrong-community", "walking")
    assert services.taxonomy_load() == {"terms": walking.taxonomy.terms.count(), "added": 0, "retired": 0}


def test_an_organisations_own_list_is_loaded_from_csv_and_retires_terms_it_drops(tmp_path):
    path = tmp_path / "esd.csv"
    path.write_text(
        "Identifier,Label,Description,Broader\n2,Lunch clubs,,1\n1,Meeting people,Company,\n", encoding="utf-8"
    )
    call_command("load_taxonomy", str(path), code="esd", name="LGA list", stdout=open("/dev/null", "w"))
    lunch = TaxonomyTerm.objects.get(taxonomy__code="esd", code="2")
    assert lunch.parent.name == "Meeting people" and lunch.active
    path.write_text("Identifier,Label\n1,Meeting people\n", encoding="utf-8")
    call_command("load_taxonomy", str(path), code="esd", name="LGA list", stdout=open("/dev/null", "w"))
    lunch.refresh_from_db()
    assert not lunch.active


def test_a_bad_list_is_refused_with_its_problems_and_nothing_loaded(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"taxonomy": {"code": "bad", "name": "Bad"}, "terms": [{"code": "a"}]}))
    with pytest.raises(CommandError, match="Term 1 has no name"):
        call_command("load_taxonomy", str(path))
    assert not TaxonomyTerm.objects.filter(taxonomy__code="bad").exists()


# --- Signposting and gaps --------------------------------------------------------------------------


def test_suggesting_a_service_to_someone_on_your_caseload(staff, peggy, directory):
    made = services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.knit.pk, why="She knits")
    assert (made.suggested_by, made.suggested_on, made.why) == (staff["alice"], TODAY, "She knits")
    updated = services.signpost_update(
        actor=staff["alice"],
        person=peggy,
        signpost_id=made.pk,
        expected_version=made.version,
        data={"tried": "yes", "helped": "yes", "their_words": '"I have made two friends"'},
    )
    assert updated.version == 2 and updated.history.first().history_user == staff["alice"]
    assert queries.usage(directory.knit.pk) == queries.Usage(suggested=1, tried=1, helped=1, helped_a_little=0)


def test_only_those_who_may_change_the_persons_record_suggest_to_them(staff, peggy, directory):
    for who in ("bob", "dina", "quinn"):
        with pytest.raises(PermissionDenied):
            services.signpost_add(actor=staff[who], person=peggy, service_id=directory.knit.pk)
    assert not Signpost.objects.exists()


def test_a_service_that_is_not_running_cannot_be_suggested(staff, peggy, directory):
    with pytest.raises(ValidationError, match="not running"):
        services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.choir.pk)


def test_it_cannot_have_helped_if_they_have_not_tried_it(staff, peggy, directory):
    made = services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.knit.pk)
    with pytest.raises(ValidationError):
        services.signpost_update(
            actor=staff["alice"],
            person=peggy,
            signpost_id=made.pk,
            expected_version=1,
            data={"tried": "no", "helped": "yes"},
        )


def test_a_suggestion_is_changed_only_on_its_own_persons_record(staff, peggy, make_person, directory):
    made = services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.knit.pk)
    other = make_person(given_name="Ivy", family_name="Stone", preferred_name="")
    with pytest.raises(Signpost.DoesNotExist):
        services.signpost_update(actor=staff["alice"], person=other, signpost_id=made.pk, expected_version=1, data={})


def test_gaps_are_recorded_from_a_record_or_the_search_and_counted_without_names(staff, peggy, directory):
    need = {"category": term("walking"), "area": "cv6 1gq", "who": "Men over 60", "need": "A walking football group"}
    services.gap_record(actor=staff["alice"], person=peggy, data=need)
    services.gap_record(actor=staff["dina"], data={**need, "area": "CV6"})
    services.gap_record(actor=staff["bob"], data={**need, "category": None, "area": "Tile Hill"})
    assert Gap.objects.filter(person=peggy).count() == 1
    assert [(c.category, c.area, c.count) for c in queries.gap_counts()] == [
        ("Walking groups", "CV6", 2),
        ("No category", "Tile Hill", 1),
    ]


def test_who_may_record_gaps(staff, peggy):
    need = {"area": "CV6", "who": "Carers", "need": "An evening group"}
    with pytest.raises(PermissionDenied):
        services.gap_record(actor=staff["quinn"], data=need)
    with pytest.raises(PermissionDenied):
        services.gap_record(actor=staff["bob"], person=peggy, data=need)  # not his team's person
    with pytest.raises(ValidationError):
        services.gap_record(actor=staff["alice"], person=peggy, data={**need, "who": ""})
