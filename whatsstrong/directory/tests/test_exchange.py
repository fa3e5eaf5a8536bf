"""Import and export: a directory out and back in unchanged, in CSV and as an Open Referral UK feed;
a bad file's rows named with their line and field, and nothing written."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from whatsstrong.directory import exchange, oruk
from whatsstrong.directory.models import Location, OpeningTime, Organisation, Service

pytestmark = pytest.mark.django_db
HEADER = (
    "name,organisation,place,address,town,postcode,latitude,longitude,cost,cost_amount,opening_times,categories,email"
)


def export(fmt, tmp_path):
    path = tmp_path / f"out.{'csv' if fmt == 'csv' else 'json'}"
    call_command("export_directory", format=fmt, output=str(path), stderr=io.StringIO())
    return path


def run_import(path, *more):
    out = io.StringIO()
    call_command("import_directory", str(path), "--as", "dina", *more, stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(json.dumps(oruk.service_json(s), sort_keys=True) for s in oruk.full_services())


def wipe():
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "oruk"])
def test_a_directory_goes_out_and_comes_back_the_same(directory, tmp_path, fmt):
    # CSV carries one place a service; the lunch club is at two, so it moves to its first here.
    path = export(fmt, tmp_path)
    before = {
        s.pk: (s.name, s.status, s.cost, s.cost_amount, s.minimum_age, s.maximum_age) for s in Service.objects.all()
    }
    sessions = sorted(OpeningTime.objects.values_list("service_id", "weekday", "opens", "closes"))
    categories = sorted(Service.categories.through.objects.values_list("service_id", "taxonomyterm_id"))
    wipe()
    assert "6 accepted, 0 refused." in run_import(path)
    after = {
        s.pk: (s.name, s.status, s.cost, s.cost_amount, s.minimum_age, s.maximum_age) for s in Service.objects.all()
    }
    assert after == before
    assert sorted(OpeningTime.objects.values_list("service_id", "weekday", "opens", "closes")) == sessions
    assert sorted(Service.categories.through.objects.values_list("service_id", "taxonomyterm_id")) == categories
    assert Service.objects.get(name="Knit and Natter").locations.get().postcode == "CV6 5AA"
    assert Service.history.filter(history_user__username="dina").exists()


def test_importing_the_same_file_again_changes_nothing_and_adds_nothing(directory, tmp_path):
    path = export("oruk", tmp_path)
    before = snapshot()
    run_import(path)
    assert Service.objects.count() == 6 and Organisation.objects.count() == 2
    assert [json.loads(s)["name"] for s in snapshot()] == [json.loads(s)["name"] for s in before]


def test_a_bad_csv_names_each_refused_line_and_field_and_writes_nothing(dina, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "\n"
        + "Chess Club,Radford Hub,Hall,1 Road,Coventry,CV6 3EX,52.42,-1.52,free,,TU 18:00-20:00,social-clubs,\n"
        + "Bad Times,Radford Hub,Hall,1 Road,Coventry,CV6 3EX,52.42,-1.52,,,TU 20:00-18:00,,\n"
        + ",Radford Hub,Hall,1 Road,Coventry,XX1,north,-1.52,free,2.00,,knitting,not-an-email\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Nothing was imported"):
        run_import(path)
    assert not Service.objects.exists() and not Organisation.objects.exists()
    report = exchange.read_csv(path.read_text())
    assert len(report.accepted) == 1
    assert [str(p) for p in report.problems] == [
        "line 3, opening_times: TU 20:00-18:00: the closing time must be after the opening time",
        "line 4, name: is empty: every service needs one",
        "line 4, cost_amount: A free service has no amount: choose 'There is a charge', or clear the amount",
        "line 4, email: is not an email address",
        "line 4, categories: no category has the code or id 'knitting'",
        "line 4, latitude: 'north' is not a number",
        "line 4, postcode: Enter a real UK postcode, like CV1 2GN",
        "line 4, longitude: give both the latitude and the longitude, or neither",
    ]


def test_unknown_columns_are_refused_before_any_row(tmp_path):
    report = exchange.read_csv("name,organisation,colour\nA,B,red\n")
    assert [str(p) for p in report.problems] == ["line 1, colour: not a column this file can have"]


def test_a_good_csv_imports_and_check_only_writes_nothing(dina, tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(
        HEADER
        + "\nChess Club,Radford Hub,Hall,1 Road,Coventry,cv6 3ex,52.42,-1.52,charge,1.50,TU 18:00-20:00,social-clubs,"
        + "chess@radford.example\n",
        encoding="utf-8",
    )
    assert "Checked only" in run_import(path, "--check") and not Service.objects.exists()
    assert "Imported 1 services." in run_import(path)
    chess = Service.objects.get()
    assert chess.locations.get().postcode == "CV6 3EX" and chess.opening_times.get().weekday == 1
    assert str(chess.cost_amount) == "1.50" and chess.categories.get().code == "social-clubs"


def test_only_directory_editors_import(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("name,organisation\nChess Club,Radford Hub\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_directory", str(path), "--as", "nobody", stdout=io.StringIO())


def test_import_by_a_practitioner_is_refused(staff, tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("name,organisation\nChess Club,Radford Hub\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Only directory editors"):
        call_command("import_directory", str(path), "--as", "alice", stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_the_csv_export_has_one_row_a_service_with_its_times(directory, tmp_path):
    rows = list(csv.DictReader(export("csv", tmp_path).open(encoding="utf-8")))
    knit = next(r for r in rows if r["name"] == "Knit and Natter")
    assert knit["opening_times"] == "TU 10:00-12:00" and knit["categories"] == "arts-crafts;social-clubs"
    assert len(rows) == 6
