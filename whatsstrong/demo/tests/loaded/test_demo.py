"""The demo organisation behind `make run`: complete, valid, written in strengths-based words, and safe."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from whatsstrong.core.models import Role, Team, User
from whatsstrong.demo.management.commands.load_demo import DEMO_PASSWORD
from whatsstrong.people import rules
from whatsstrong.people.models import Asset, NetworkMember, Person

DEMO_DIR = Path(__file__).resolve().parents[2] / "data"

# Deficit words a practitioner should not use in their own narration. A person may still use
# them about themselves, so text inside quotation marks is allowed.
DEFICIT_WORDS = [
    "suffers from",
    "suffering",
    "refuses",
    "refused",
    "struggles",
    "struggling",
    "wheelchair-bound",
    "wheelchair bound",
    "confined to a wheelchair",
    "elderly",
    "vulnerable adult",
    "challenging behaviour",
    "placement",
    "non-compliant",
]
# Service jargon that means nothing to the person reading their own record.
JARGON = re.compile(r"\b(POC|ADLs?|DP|OT|SU)\b")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "teams": Team.objects.count(),
        "staff": User.objects.count(),
        "people": Person.all_objects.count(),
        "network": NetworkMember.objects.count(),
        "assets": Asset.objects.count(),
        "person history": Person.history.count(),
        "network history": NetworkMember.history.count(),
        "asset history": Asset.history.count(),
    }


def demo_strings():
    """Every piece of text in the demo files (values, not keys)."""

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for path in sorted(DEMO_DIR.glob("*.json")):
        for text in walk(json.loads(path.read_text(encoding="utf-8"))):
            yield path.name, text


@pytest.mark.django_db
def test_the_demo_has_two_teams_and_staff_in_every_role(demo):
    assert Team.objects.count() == 2
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for team in Team.objects.all():
        assert team.members.filter(role=Role.SUPERVISOR).count() == 1
        assert team.members.filter(role=Role.PRACTITIONER).count() >= 2
    assert User.objects.filter(role=Role.PRACTITIONER, qualified=True).exists()
    assert User.objects.filter(role=Role.PRACTITIONER, qualified=False).exists()
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert admin.is_staff and admin.is_superuser
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())
    assert len(DEMO_PASSWORD) >= 12


@pytest.mark.django_db
def test_the_demo_people_are_whole_and_valid(demo):
    people = list(Person.objects.prefetch_related("network", "assets"))
    assert len(people) >= 30
    for person in people:
        assert rules.nhs_number_problem(person.nhs_number) is None, person
        assert rules.postcode_problem(person.postcode) is None, person
        assert person.date_of_birth and person.pronouns and person.what_matters and person.life_story, person
        assert 2 <= len(person.network.all()) <= 8, person
        assert 3 <= len(person.assets.all()) <= 8, person
        assert {a.level for a in person.assets.all()} == set(Asset.Level.values), person
    assert len({p.nhs_number for p in people}) == len(people)
    assert Asset.objects.filter(in_their_words=True).count() >= len(people) // 2
    assert NetworkMember.objects.filter(has_died=True).exists()
    assert NetworkMember.objects.filter(is_carer=True).exists()
    assert set(NetworkMember.objects.values_list("kind", flat=True)) == set(NetworkMember.Kind.values)
    assert Person.objects.filter(interpreter_needed=True).count() >= 3


@pytest.mark.django_db
def test_the_demo_shows_advocacy_restriction_and_allocation(demo):
    people = list(Person.objects.all())
    assert sum(p.advocacy().needed for p in people) >= 2
    assert any(p.advocacy().needed and p.advocate_referred_on is None for p in people)
    assert Person.objects.filter(appropriate_person="yes").exclude(appropriate_person_name="").count() >= 2
    assert 2 <= Person.objects.filter(restricted=True).count() <= 3
    for team in Team.objects.all():
        assert Person.objects.filter(team=team, allocated_worker__isnull=True).exists(), team
        workers = set(Person.objects.filter(team=team).values_list("allocated_worker__role", "allocated_worker__team"))
        assert workers - {(None, None)} == {(Role.PRACTITIONER, team.pk)}, team


@pytest.mark.django_db
def test_every_demo_record_has_history_naming_who_wrote_it(demo):
    for model in (Person, NetworkMember, Asset):
        assert not model.history.filter(history_user__isnull=True).exists(), model
    jo = Person.objects.get(given_name="Jordan", family_name="Ellis")
    assert jo.pronouns == "they/them"
    assert jo.history.count() == 2 and jo.history.earliest().pronouns == "he/him"
    assert jo.history.latest().history_user.username == "nadia"
    gwen = Person.objects.get(preferred_name="Gwen")
    assert gwen.allocated_worker.username == "hannah" and gwen.advocacy().needed
    assert gwen.history.latest().history_user.role == Role.SUPERVISOR
    assert Person.objects.filter(version__gt=1).count() >= 5


@pytest.mark.django_db
def test_the_sign_in_table_is_printed_every_time_and_a_second_run_changes_nothing(demo):
    before = counts()
    again = load()
    assert counts() == before
    for output in (demo, again):
        assert "http://127.0.0.1:8000/sign-in/" in output and DEMO_PASSWORD in output
        for username in User.objects.values_list("username", flat=True):
            assert username in output
    assert "already loaded" in again


@pytest.mark.django_db
def test_the_sign_in_address_names_the_port_the_demo_is_served_on(demo):
    output = load("--port", "8101")
    assert "Sign in at http://127.0.0.1:8101/sign-in/ as any" in output and ":8000" not in output


def test_demo_narration_has_no_deficit_words_outside_quotation_marks():
    found = []
    for name, text in demo_strings():
        narration = QUOTED.sub("", text).lower()
        found += [(name, word, text[:60]) for word in DEFICIT_WORDS if re.search(rf"\b{word}\b", narration)]
    assert found == []


def test_demo_narration_has_no_unexplained_jargon():
    found = [(name, text[:60]) for name, text in demo_strings() if JARGON.search(QUOTED.sub("", text))]
    assert found == []


def test_the_deficit_word_check_ignores_a_persons_own_words():
    narration = QUOTED.sub("", "She said “I refuse to be called elderly” and laughed.").lower()
    assert not any(re.search(rf"\b{word}\b", narration) for word in ("refuse", "elderly"))
    assert re.search(r"\belderly\b", QUOTED.sub("", "An elderly lady").lower())


@pytest.mark.django_db
def test_the_demo_has_case_notes_with_addenda_and_an_archived_record(demo):
    from django.utils import timezone

    from whatsstrong.conversations.models import Addendum, CaseNote
    from whatsstrong.conversations.services import may_correct

    notes = list(CaseNote.objects.select_related("author"))
    assert len(notes) >= 8 and len({n.person_id for n in notes}) >= 6
    assert not CaseNote.history.filter(history_user__isnull=True).exists()
    # Dated to the days they were written, so they are past their authors' correction period.
    assert not any(may_correct(n.author, n) for n in notes)
    assert all(n.created_at.date() <= timezone.now().date() for n in notes)
    addenda = list(Addendum.objects.select_related("note"))
    assert len(addenda) >= 2 and all(a.author_id != a.note.author_id for a in addenda)
    archived = Person.all_objects.filter(archived_at__isnull=False)
    assert archived.count() == 1 and archived.get().archive_reason


@pytest.mark.django_db
def test_the_demo_has_assessments_at_every_stage(demo):
    from whatsstrong.assessments.models import Assessment, SignOff

    assessments = list(Assessment.objects.select_related("person"))
    assert set(Assessment.Status.values) <= {a.status for a in assessments}
    assert {a.kind for a in assessments} == set(Assessment.Kind.values)
    contact = Assessment.objects.get(kind="contact")
    assert contact.status == "authorised" and contact.offered == "information_and_advice"
    # Three retell the worked cases of the practice framework handbook, each with conversations and strengths found.
    retold = [a for a in assessments if a.person.given_name in {"Kamala", "Beatrice", "Edith"} and a.kind != "review"]
    assert len(retold) == 3 and all(a.conversations.exists() and a.strengths.exists() for a in retold)
    assert SignOff.objects.filter(action="returned").exclude(comment="").exists()
    assert not Assessment.history.filter(history_user__isnull=True).exists()
    assert all(a.started_at.date() <= a.conversations.order_by("happened_on").first().happened_on for a in assessments)


@pytest.mark.django_db
def test_the_demo_has_eligibility_decisions_made_through_the_service(demo):
    from whatsstrong.assessments.models import EligibilityDecision

    decisions = {d.person.given_name: d for d in EligibilityDecision.objects.select_related("person", "assessment")}
    assert {name: (d.who, d.eligible) for name, d in decisions.items()} == {
        "Kamala": ("adult", False),
        "Beatrice": ("adult", True),
        "Precious": ("carer", True),
    }
    assert all(d.reasons and d.impact and d.decided_by_id == d.assessment.author_id for d in decisions.values())
    assert not EligibilityDecision.history.filter(history_user__isnull=True).exists()


def test_the_demo_has_reviews_done_due_and_overdue(demo):
    from django.utils import timezone

    from whatsstrong.assessments.models import Assessment, ReviewLook
    from whatsstrong.people.models import Person

    reviews = {a.person.given_name: a for a in Assessment.objects.filter(kind="review").select_related("person")}
    assert {name: a.result for name, a in reviews.items()} == {"Kamala": "revise_plan", "Marek": "close"}
    assert all(a.status == "authorised" and a.reviewed_id for a in reviews.values())
    assert ReviewLook.objects.filter(score__isnull=False).count() >= 6
    today = timezone.localdate()
    due = dict(Person.objects.filter(review_due_on__isnull=False).values_list("given_name", "review_due_on"))
    assert "Marek" not in due  # support closed
    assert due["Kamala"] > today
    overdue = {name for name, day in due.items() if day < today}
    assert {"Amos", "Arthur"} <= overdue
