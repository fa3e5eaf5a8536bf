"""The Safeguarding Adults Collection return against a small council counted by hand (year 2024:
1 April 2024 to 31 March 2025). Records are written through the services, as practitioners would."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from whatsstrong.safeguarding import sac, services


def _enquiry(staff, person, *, raised, decided=None, decision="s42", work=None, sources=(), outcomes=(), close=None):
    alice, carol = staff["alice"], staff["carol"]
    concern = services.concern_raise(
        actor=alice,
        person=person,
        data={"raised_by": "A neighbour", "raised_on": raised, "what_happened": "Seen", "immediate_safety": "Safe"},
    )
    if decided is None:
        return None
    concern = services.concern_decide(
        actor=carol,
        person=person,
        concern_id=concern.pk,
        expected_version=1,
        data={"decision": decision, "decision_reasons": "Reasons", "decided_on": decided},
    )
    if decision == "none":
        return None
    enquiry = concern.enquiry
    work = dict(work or {})
    types = work.pop("types", [])
    services.enquiry_save(
        actor=alice, person=person, enquiry_id=enquiry.pk, expected_version=1, abuse_types=types, data=work
    )
    for source in sources:
        services.source_add(actor=alice, person=person, enquiry_id=enquiry.pk, data=source)
    made = [services.outcome_add(actor=alice, person=person, enquiry_id=enquiry.pk, text=t) for t, _ in outcomes]
    if close:
        services.enquiry_close(
            actor=alice,
            person=person,
            enquiry_id=enquiry.pk,
            expected_version=2,
            data=close,
            achieved={o.pk: answer for o, (_, answer) in zip(made, outcomes, strict=True)},
        )
    return enquiry


@pytest.fixture
def council(staff, make_person):
    a, b, c, d, e, f = (make_person(given_name=n, family_name="Test") for n in "ABCDEF")
    _enquiry(  # A: financial and psychological, own home, her nephew and a care agency; partly achieved
        staff,
        a,
        raised=date(2024, 5, 1),
        decided=date(2024, 5, 2),
        work={"types": ["financial", "psychological"], "location": "own_home", "asked": "expressed", "capacity": "had"},
        sources=[{"kind": "known", "name": "Ned"}, {"kind": "service_provider", "name": "Care Co"}],
        outcomes=[("Stay at home", "fully"), ("Money safe", "partly")],
        close={"action_result": "identified_action", "risk_outcome": "reduced", "concluded_on": date(2024, 6, 1)},
    )
    _enquiry(  # B: neglect in a residential home by two providers; lacked capacity, an advocate; closes on the last day
        staff,
        b,
        raised=date(2024, 7, 1),
        decided=date(2024, 7, 2),
        work={
            "types": ["neglect"],
            "location": "care_home_residential",
            "asked": "not_expressed",
            "capacity": "lacked",
            "advocacy": "advocate",
        },
        sources=[{"kind": "service_provider", "name": "Home One"}, {"kind": "service_provider", "name": "Agency Two"}],
        close={"action_result": "none_no_action", "risk_outcome": "", "concluded_on": date(2025, 3, 31)},
    )
    _enquiry(  # C: another (not section 42) enquiry: counted started, never in SG2 to SG4
        staff,
        c,
        raised=date(2024, 8, 1),
        decided=date(2024, 8, 3),
        decision="other",
        work={"types": ["physical"], "location": "own_home", "asked": "no"},
        close={"action_result": "identified_action", "risk_outcome": "removed", "concluded_on": date(2024, 9, 1)},
    )
    _enquiry(staff, d, raised=date(2024, 9, 1), decided=date(2024, 9, 2), decision="none")  # D: no enquiry
    _enquiry(  # E: all in the next year
        staff,
        e,
        raised=date(2025, 4, 1),
        decided=date(2025, 4, 2),
        work={"types": ["physical"], "location": "own_home", "asked": "no"},
        close={"action_result": "identified_action", "risk_outcome": "removed", "concluded_on": date(2025, 4, 3)},
    )
    _enquiry(  # F: raised the year before, started and closed in this one; physical, a stranger; not achieved
        staff,
        f,
        raised=date(2024, 3, 31),
        decided=date(2024, 4, 1),
        work={"types": ["physical"], "location": "own_home", "asked": "expressed", "capacity": "dont_know"},
        sources=[{"kind": "unknown"}],
        outcomes=[("Feel safe going out", "not")],
        close={"action_result": "identified_action", "risk_outcome": "removed", "concluded_on": date(2024, 4, 10)},
    )
    _enquiry(staff, a, raised=date(2025, 1, 5))  # A again: raised, not yet decided


HAND_COUNTED = {
    ("SG1f", "concerns", ""): 5,  # A twice, B, C, D
    ("SG1f", "s42", ""): 3,  # A, B, F
    ("SG1f", "other", ""): 1,  # C
    ("SG2a", "financial", "known"): 1,
    ("SG2a", "financial", "service_provider"): 1,
    ("SG2a", "financial", "All sources"): 1,
    ("SG2a", "psychological", "known"): 1,
    ("SG2a", "psychological", "service_provider"): 1,
    ("SG2a", "psychological", "All sources"): 1,
    ("SG2a", "neglect", "service_provider"): 1,  # two providers: one count
    ("SG2a", "neglect", "All sources"): 1,
    ("SG2a", "physical", "unknown"): 1,
    ("SG2a", "physical", "All sources"): 1,
    ("SG2b", "own_home", "known"): 1,
    ("SG2b", "own_home", "service_provider"): 1,
    ("SG2b", "own_home", "unknown"): 1,
    ("SG2b", "own_home", "All sources"): 2,
    ("SG2b", "care_home_residential", "service_provider"): 1,
    ("SG2b", "care_home_residential", "All sources"): 1,
    ("SG2c", "identified_action", ""): 2,
    ("SG2c", "none_no_action", ""): 1,
    ("SG2d", "reduced", ""): 1,
    ("SG2d", "removed", ""): 1,
    ("SG3a", "had", ""): 1,
    ("SG3a", "lacked", ""): 1,
    ("SG3a", "lacked", "advocate"): 1,
    ("SG3a", "dont_know", ""): 1,
    ("SG4a", "expressed", ""): 2,
    ("SG4a", "not_expressed", ""): 1,
    ("SG4a achieved", "partly", ""): 1,
    ("SG4a achieved", "not", ""): 1,
}


def test_the_counts_match_the_hand_count(council):
    found = {key: n for key, n in sac.counts(2024).items() if n}
    assert found == HAND_COUNTED


def test_the_csv_has_every_cell_in_the_collections_words(council):
    out = io.StringIO()
    call_command("sac_return", "--year", "2024", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["table", "row", "column", "count"]
    assert len(rows) == 1 + len(sac.layout())
    table = {(t, r, c): int(n) for t, r, c, n in rows[1:]}
    assert table["SG1f", "Safeguarding concerns", "Total"] == 5
    assert table["SG2a", "Financial or Material Abuse", "Other - Known to individual"] == 1
    assert table["SG2b", "Own Home", "All sources"] == 2
    assert table["SG2d", "Risk reduced", "Total"] == 1
    assert table["SG4a achieved", "Fully Achieved", "Total"] == 0
    assert table["SG3a", "Yes, they lacked capacity", "Support of an advocate"] == 1
    assert sum(table.values()) == sum(HAND_COUNTED.values())


def test_the_next_year_counts_only_its_own(council):
    found = {key: n for key, n in sac.counts(2025).items() if n}
    assert found[("SG1f", "concerns", "")] == 1 and found[("SG1f", "s42", "")] == 1
    assert found[("SG2d", "removed", "")] == 1 and ("SG2d", "reduced", "") not in found


@pytest.mark.parametrize("year", ["25", "twenty", "1999", ""])
def test_a_year_that_is_not_one_is_refused_in_words(year, db):
    with pytest.raises(CommandError, match="Give"):
        call_command("sac_return", "--year", year)


def test_the_return_can_be_written_to_a_file(council, tmp_path):
    target = tmp_path / "sac.csv"
    call_command("sac_return", "--year", "2024", "--output", str(target), stderr=io.StringIO())
    assert "Financial or Material Abuse" in target.read_text()
