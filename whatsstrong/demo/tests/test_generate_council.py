"""manage.py generate_council: a small synthetic council, checked for shape and validity."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from whatsstrong.core.models import Role, Team, User
from whatsstrong.demo.generator.compose import Composer
from whatsstrong.people import rules
from whatsstrong.people.models import Asset, NetworkMember, Person
from whatsstrong.people.name_index import PersonNamePair, PersonNameToken, rebuild
from whatsstrong.people.search import find_people

PEOPLE = 150


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=PEOPLE, seed=7, batch_size=40, stdout=out)
    return out.getvalue()


def test_it_reports_progress_and_the_time_taken(council):
    assert f"{PEOPLE:,} / {PEOPLE:,} people" in council
    assert "Done: 150 people" in council


def test_counts_teams_and_caseloads(council):
    assert Person.objects.count() == PEOPLE
    assert Team.objects.count() == 1
    team = Team.objects.get()
    assert User.objects.filter(role=Role.SUPERVISOR, team=team).count() == 2
    held = Counter(Person.objects.exclude(allocated_worker=None).values_list("allocated_worker", flat=True))
    practitioners = User.objects.filter(role=Role.PRACTITIONER)
    assert set(held) == set(practitioners.values_list("pk", flat=True))
    assert all(25 <= n <= 70 for n in held.values())
    assert Person.objects.filter(allocated_worker=None).count() == PEOPLE // 33
    assert not any(u.has_usable_password() for u in User.objects.all())


def test_every_person_has_a_network_strengths_at_three_levels_and_a_history_row(council):
    per_person = Counter(NetworkMember.objects.values_list("person", flat=True))
    assert len(per_person) == PEOPLE and all(3 <= n <= 6 for n in per_person.values())
    levels = {}
    for person_id, level in Asset.objects.values_list("person", "level"):
        levels.setdefault(person_id, []).append(level)
    assert len(levels) == PEOPLE
    assert all(3 <= len(v) <= 6 and set(v) == {"own", "network", "community"} for v in levels.values())
    linked = Asset.objects.exclude(network_member=None).select_related("network_member")
    assert linked.exists() and all(a.network_member.person_id == a.person_id for a in linked)
    assert Person.history.count() == PEOPLE
    assert set(Person.history.values_list("history_type", flat=True)) == {"+"}
    assert Person.objects.filter(restricted=True).count() < PEOPLE // 5


def test_nhs_numbers_are_valid_unique_and_from_the_test_range(council):
    numbers = [n for n in Person.objects.values_list("nhs_number", flat=True) if n]
    assert len(numbers) > PEOPLE * 0.8
    assert len(set(numbers)) == len(numbers)
    assert all(rules.nhs_number_problem(n) is None and n.startswith("999") for n in numbers)


def test_postcodes_and_name_keys_are_valid(council):
    for person in Person.objects.all():
        assert rules.postcode_problem(person.postcode) is None, person.postcode
        assert rules.normalise_postcode(person.postcode) == person.postcode
        assert person.family_name_key == rules.name_key(person.family_name)
        assert person.given_name_key == rules.name_key(person.given_name)
        assert person.preferred_name_key == rules.name_key(person.preferred_name)
    assert PersonNameToken.objects.values("person").distinct().count() == PEOPLE


def test_the_name_index_holds_what_saving_each_person_would_give(council):
    written = {
        model: set(model.objects.values_list(*fields))
        for model, fields in ((PersonNameToken, ("person", "token")), (PersonNamePair, ("person", "token", "other")))
    }
    rebuild()
    assert written[PersonNamePair] and written[PersonNamePair] == set(
        PersonNamePair.objects.values_list("person", "token", "other")
    )
    assert written[PersonNameToken] == set(PersonNameToken.objects.values_list("person", "token"))


def test_search_finds_a_generated_person_by_a_mistyped_name(council):
    person = next(p for p in Person.objects.order_by("pk") if len(p.family_name_key) >= 5 and p.family_name.isalpha())
    family = person.family_name
    typo = family[0] + family[2] + family[1] + family[3:]  # the second and third letters swapped
    found = find_people(f"{person.given_name.split()[0]} {typo}", limit=PEOPLE)
    assert person in found


def test_people_added_afterwards_get_fresh_ids(council, make_person):
    person = make_person(given_name="Later", family_name="Addition")
    assert person.pk > max(Person.objects.exclude(pk=person.pk).values_list("pk", flat=True))
    assert [p.pk for p in find_people("Adition")] == [person.pk]


def test_the_same_seed_gives_the_same_people():
    today = date(2026, 1, 1)
    first, second = Composer(3), Composer(3)
    assert [first.person(today)[0] for _ in range(20)] == [second.person(today)[0] for _ in range(20)]
    assert Composer(4).person(today)[0] != Composer(3).person(today)[0]


def test_the_name_lists_are_varied():
    composer = Composer(1)
    groups = Counter(composer.group()["key"] for _ in range(2000))
    assert len(groups) >= 10
    assert groups["british"] < 1400


def test_assessments_come_at_realistic_rates_with_conversations_and_a_sign_off_trail(council):
    from whatsstrong.assessments.models import Assessment, Conversation, SignOff

    assert "assessments with" in council
    kinds = Counter(Assessment.objects.values_list("kind", flat=True))
    assert 0.35 * PEOPLE < kinds["contact"] < 0.75 * PEOPLE
    assert 0.2 * PEOPLE < kinds["strengths_and_wellbeing"] < 0.6 * PEOPLE
    assert kinds["carers_wellbeing"] < 0.2 * PEOPLE
    assert not Assessment.objects.filter(conversations=None).exists()
    assert not Conversation.objects.filter(happened_on__gt=date.today()).exists()
    assert all(c.assessment.person_id == c.person_id for c in Conversation.objects.select_related("assessment"))
    authorised = Assessment.objects.filter(status="authorised")
    assert authorised.count() > Assessment.objects.exclude(status="authorised").count()
    assert not authorised.filter(sign_offs=None).exists()
    assert SignOff.objects.filter(action="returned").count() == Assessment.objects.filter(status="returned").count()
    # Most signed-off fuller assessments have an eligibility decision, as the library decides it; contacts none.
    from whatsstrong.assessments.models import EligibilityDecision
    from whatsstrong.eligibility import decide_adult, decide_carer

    fuller = authorised.exclude(kind__in=["contact", "review"])
    decided = EligibilityDecision.objects.select_related("assessment")
    assert decided.filter(assessment__in=fuller).count() > 0.6 * fuller.count()
    assert not decided.filter(assessment__kind="contact").exists()
    assert {d.eligible for d in decided} == {True, False}
    for d in decided:
        again = (decide_adult if d.who == "adult" else decide_carer)(**d.facts)
        assert (again.eligible, again.unable, again.reasons) == (d.eligible, d.unable, d.reasons)
        assert d.who == {"strengths_and_wellbeing": "adult", "carers_wellbeing": "carer"}[d.assessment.kind]
        assert d.decided_by_id == d.assessment.author_id and d.person_id == d.assessment.person_id
    # Made through the services afterwards, a new assessment gets an id of its own.
    from whatsstrong.assessments.services import assessment_start

    person = Person.objects.exclude(allocated_worker=None).select_related("allocated_worker").first()
    made = assessment_start(actor=person.allocated_worker, person=person, kind="contact")
    assert made.pk > max(Assessment.objects.exclude(pk=made.pk).values_list("pk", flat=True))


def test_reviews_are_planned_done_and_some_overdue(council):
    from whatsstrong.assessments.models import Assessment

    today = date.today()
    planned = Person.objects.exclude(review_due_on=None)
    overdue = planned.filter(review_due_on__lt=today).count()
    # A share of the reviews planned are overdue, as at a council; most that came due were done.
    assert 0.03 * planned.count() <= overdue <= 0.3 * planned.count()
    reviews = Assessment.objects.filter(kind="review").select_related("reviewed")
    assert reviews.exists() and not reviews.filter(sign_offs=None).exists()
    assert all(r.reviewed.kind != "contact" and r.reviewed.person_id == r.person_id for r in reviews)
    assert set(reviews.values_list("result", flat=True)) <= {"carry_on", "revise_plan", "close"}
    # Whoever had a review that closed their support and no later one has no review planned.
    for review in reviews.filter(result="close"):
        assert Person.objects.get(pk=review.person_id).review_due_on is None
    # Everyone with a signed-off fuller assessment has a review planned, unless support closed.
    signed = set(
        Assessment.objects.filter(status="authorised", kind__in=["strengths_and_wellbeing", "carers_wellbeing"])
        .exclude(analysis="")
        .values_list("person_id", flat=True)
    )
    closed = set(reviews.filter(result="close").values_list("person_id", flat=True))
    assert signed - closed == set(planned.values_list("pk", flat=True))
