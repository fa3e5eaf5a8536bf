"""The retention run against the demo council, which has a record in every app (assessments and
reviews, plans and their versions, risk, safeguarding, forums and the gaps they raised, audits,
surveys): once archived and due, every record goes, nothing linked to any person is left (history
rows included), the organisation's own records stay, and the access log is whole."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from simple_history.models import HistoricalChanges

from whatsstrong.core import audit_log

pytestmark = pytest.mark.django_db


def rows_naming_someone():
    found = {}
    for model in apps.get_models():
        if model._meta.app_label == "governance":
            continue
        for field in model._meta.concrete_fields:
            if field.attname == "person_id":
                count = model._base_manager.filter(person_id__isnull=False).count()
                if count:
                    found[model._meta.label] = count
    return found


def test_every_demo_record_goes_and_the_organisations_own_records_stay(settings):
    from io import StringIO

    from whatsstrong.audits.models import Audit
    from whatsstrong.core.models import User
    from whatsstrong.directory.models import Gap
    from whatsstrong.people.models import Person

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    audits, gaps = Audit.objects.count(), Gap.objects.count()
    assert audits and gaps and len(rows_naming_someone()) > 20
    Person.all_objects.update(archived_at=timezone.now(), archive_reason="Moved away")
    admin = User.objects.filter(role="administrator", is_active=True).first()

    out = StringIO()
    call_command("retention", "--by", admin.username, "--today", str(datetime.date(2100, 1, 1)), stdout=out)

    people = Person.all_objects.count()
    assert f"Removed the personal data of {people} record(s)" in out.getvalue()
    assert rows_naming_someone() == {}
    assert set(Person.all_objects.values_list("given_name", flat=True)) == {"Removed"}
    history = [m for m in apps.get_models() if issubclass(m, HistoricalChanges) and m.instance_type is Person]
    assert history and not history[0].objects.exists()
    assert (Audit.objects.count(), Gap.objects.count()) == (audits, gaps)
    assert audit_log.verify().whole
