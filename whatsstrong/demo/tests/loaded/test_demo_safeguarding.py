"""The demo's safeguarding (data/safeguarding.json): three enquiries at different stages and a concern
that needed none, each step in the history under the member of staff who took it."""

import pytest

from whatsstrong.core import withheld
from whatsstrong.safeguarding.models import Concern, DesiredOutcome, Enquiry, SourceOfRisk

pytestmark = pytest.mark.django_db


def test_three_enquiries_at_different_stages_and_a_concern_without_one(demo):
    assert Concern.objects.count() == 4
    assert Concern.objects.get(person__given_name="Mei Lin").decision == "none"
    stages = {
        e.person.given_name: ("closed" if e.closed else "worked on" if e.actions else "started")
        for e in Enquiry.objects.select_related("person")
    }
    assert stages == {"Joan": "closed", "Arthur": "worked on", "Gurdev": "started"}


def test_joan_wanted_to_stay_at_home_and_keep_her_money_safe(demo):
    joan = Enquiry.objects.get(person__given_name="Joan")
    words = " ".join(DesiredOutcome.objects.filter(enquiry=joan).values_list("text", flat=True))
    assert "stay in my own house" in words and "money kept safe" in words
    assert joan.risk_outcome == "reduced" and joan.survey == "offered"
    assert set(DesiredOutcome.objects.filter(enquiry=joan).values_list("achieved", flat=True)) == {"fully", "partly"}
    assert joan.history.latest().history_user.username == "kofi"
    concern = joan.concern
    assert concern.history.filter(decision="s42").get().history_user.username == "mairead"


def test_sources_are_withheld_from_each_persons_copy(demo):
    people = {e.person.given_name: e.person for e in Enquiry.objects.select_related("person")}
    assert withheld.names_for(people["Joan"]) == ["Craig Dunmore"]
    assert withheld.names_for(people["Gurdev"]) == ["Manjit Sandhu"]
    assert SourceOfRisk.objects.get(person__given_name="Gurdev").network_member.name == "Manjit Sandhu"
