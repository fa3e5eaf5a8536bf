"""The retention schedule against a crafted council: the dry run, the real run, legal holds."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from whatsstrong.core import audit_log
from whatsstrong.core.models import AccessEvent, Draft

from .conftest import LONG_AGO, TODAY


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("retention", *args, "--today", TODAY.isoformat(), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def line_for(output, person):
    return next(line for line in output.splitlines() if line.startswith(f"record {person.pk}\t"))


def test_the_dry_run_lists_what_is_due_and_why_and_changes_nothing(
    old_record, recent_record, enquiry_record, held_record, peggy
):
    from whatsstrong.governance.models import RetentionRemoval

    events = AccessEvent.objects.count()
    out, _ = run("--dry-run", "--all")
    assert "4 archived record(s), 2 due, 1 kept by a legal hold" in out
    assert line_for(out, old_record).endswith("due") and f"last contact {LONG_AGO.isoformat()}" in line_for(
        out, old_record
    )
    assert "rule adult_social_care (8 years)\tdue 2025-06-01" in line_for(out, old_record)
    assert "not due" in line_for(out, recent_record) and "due 2032-03-01" in line_for(out, recent_record)
    assert "rule safeguarding_enquiry (15 years)\tdue 2032-06-01\tnot due" in line_for(out, enquiry_record)
    assert "KEPT: legal hold" in line_for(out, held_record) and "A claim against the council" in line_for(
        out, held_record
    )
    assert f"record {peggy.pk}\t" not in out  # in a caseload: never considered
    assert "Dry run: nothing was changed." in out
    assert RetentionRemoval.objects.count() == 0 and AccessEvent.objects.count() == events


def test_the_real_run_anonymises_the_person_and_removes_what_is_theirs_history_too(
    staff, old_record, recent_record, held_record
):
    from whatsstrong.conversations.models import CaseNote
    from whatsstrong.people.models import Asset, NetworkMember, Person, PersonNameToken

    pk = old_record.pk
    assert Person.history.filter(id=pk).exists() and NetworkMember.history.filter(person_id=pk).exists()
    out, _ = run("--by", "adam")
    assert f"record {pk}: removed" in out
    assert "Removed the personal data of 1 record(s); 1 kept by a legal hold." in out

    person = Person.all_objects.get(pk=pk)
    assert (person.given_name, person.family_name, person.preferred_name, person.nhs_number) == (
        "Removed",
        "record",
        "",
        "",
    )
    assert person.date_of_birth is None and person.address == "" and person.archived_at is not None
    for model in (NetworkMember, Asset, CaseNote):
        assert not model.objects.filter(person_id=pk).exists()
        assert not model.history.filter(person_id=pk).exists(), model
    assert not Person.history.filter(id=pk).exists()
    assert not Draft.objects.filter(key__startswith=f"person:{pk}:").exists()
    assert not PersonNameToken.objects.filter(person_id=pk).exists()
    # Others' records untouched.
    assert CaseNote.objects.filter(person_id=recent_record.pk).count() == 1
    assert Person.all_objects.get(pk=held_record.pk).given_name == "Harold"
    # What was done is in the access log, and the chain is whole.
    entry = AccessEvent.objects.get(object_id=pk, action="retention_removed")
    assert entry.user == staff["adam"] and "Rule adult_social_care" in entry.reason and "Edith" not in entry.reason
    assert audit_log.verify().whole
    # A second run finds nothing more to do.
    out, _ = run("--dry-run")
    assert "3 archived record(s)" not in out and f"record {pk}\t" not in out


def test_verify_audit_passes_after_a_run(old_record):
    from io import StringIO

    run("--by", "adam")
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "The access log is whole" in out.getvalue()


def test_a_lifted_hold_lets_the_schedule_apply_again(staff, held_record):
    from whatsstrong.governance import services

    out, _ = run("--dry-run")
    assert "KEPT: legal hold" in line_for(out, held_record)
    services.hold_lift(actor=staff["adam"], hold_id=held_record.hold.pk, reason="The claim is settled now.")
    out, _ = run("--dry-run")
    assert line_for(out, held_record).endswith("\tdue")
    actions = list(AccessEvent.objects.filter(object_id=held_record.pk).values_list("action", flat=True))
    assert "legal_hold_set" in actions and "legal_hold_lifted" in actions


def test_the_real_run_needs_an_active_administrator_and_changes_nothing_without_one(staff, old_record):
    from whatsstrong.people.models import Person

    with pytest.raises(CommandError, match="--by USERNAME"):
        run()
    with pytest.raises(CommandError, match="'quinn' is not an active administrator"):
        run("--by", "quinn")
    with pytest.raises(CommandError, match="'yesterday' is not a date"):
        call_command("retention", "--dry-run", "--today", "yesterday")
    assert Person.all_objects.get(pk=old_record.pk).given_name == "Edith"


def test_the_service_refuses_what_is_not_due_or_held_and_anyone_but_an_administrator(
    staff, recent_record, held_record, peggy
):
    from whatsstrong.governance import services

    with pytest.raises(PermissionDenied):
        services.retention_remove(actor=staff["quinn"], person_id=recent_record.pk, today=TODAY)
    with pytest.raises(services.RetentionRefused, match="not due until 01 March 2032"):
        services.retention_remove(actor=staff["adam"], person_id=recent_record.pk, today=TODAY)
    with pytest.raises(services.RetentionRefused, match="legal hold"):
        services.retention_remove(actor=staff["adam"], person_id=held_record.pk, today=TODAY)
    with pytest.raises(services.RetentionRefused, match="in use"):
        services.retention_remove(actor=staff["adam"], person_id=peggy.pk, today=TODAY)


def test_holds_are_set_by_quality_leads_and_administrators_with_a_reason(staff, old_record):
    from whatsstrong.governance import services

    for name in ("alice", "carol", "lee"):
        with pytest.raises(PermissionDenied):
            services.hold_set(actor=staff[name], person=old_record, reason="A claim against the council is open.")
    with pytest.raises(services.HoldProblem, match="Enter at least 10 characters"):
        services.hold_set(actor=staff["quinn"], person=old_record, reason="claim")
    hold = services.hold_set(actor=staff["adam"], person=old_record, reason="An inquiry has asked for it.")
    with pytest.raises(services.HoldProblem, match="already on legal hold"):
        services.hold_set(actor=staff["quinn"], person=old_record, reason="A second reason to keep it.")
    services.hold_lift(actor=staff["quinn"], hold_id=hold.pk, reason="The inquiry has reported.")
    with pytest.raises(services.HoldProblem, match="already been lifted"):
        services.hold_lift(actor=staff["quinn"], hold_id=hold.pk, reason="The inquiry has reported.")
