"""The Safeguarding Adults Collection (SAC) return: a year's counts by the collection's categories.

The reporting year runs from 1 April to 31 March (`rules.sac_year`): `--year 2025` is the 2025-26
return, 1 April 2025 to 31 March 2026. What is counted, following the collection's guidance
(NHS England, SAC guidance 2024-25; see data/sac.json):

- SG1f: concerns raised in the year (by the date raised), and section 42 and other enquiries started
  in the year (by the date started).
- SG2 to SG4: section 42 enquiries concluded in the year (by the date closed). One enquiry may be
  counted in more than one row where the collection allows it:
  - SG2a: each type of abuse or neglect, by source of risk, one count per distinct source type per
    enquiry, and once in "All sources" however many sources it has;
  - SG2b: the location, by source of risk, the same way;
  - SG2c: what the enquiry found and whether action was taken;
  - SG2d: the risk at the end, for enquiries where a risk was identified and action taken;
  - SG3a: whether they lacked capacity and, of those who did, who supported them;
  - SG4a: whether they were asked about their desired outcomes and, where they expressed some,
    whether they were achieved (all fully: fully; some at least in part: partially; else not).
Every category of each table is written, with 0 where nothing was counted.

`counts(year)` reads with the ORM; bench/safeguarding.py checks it gives the same figures as a
hand-written SQL statement grouping each table in the database, and times the two.
"""

from __future__ import annotations

import csv
from collections import Counter
from typing import IO

from django.db.models import Count

from . import reference, rules
from .models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse, SourceOfRisk

HEADER = ("table", "row", "column", "count")
ALL_SOURCES = "All sources"
ANY = "Total"


def counts(year: int) -> Counter:
    """(table, row code, column code) -> count; codes as in data/sac.json ("" where a table has no columns).

    Six plain reads, each of one kind of record for the year, counted here: the concluded enquiries'
    answers, their types of abuse, their sources and their desired outcomes are a few hundred rows
    for a council's year, and counting them in Python keeps every table's rule in one place to read
    (grouping each table in the database took twelve queries and cost more in building them)."""
    first, last = rules.sac_year(year)
    found: Counter = Counter()
    found["SG1f", "concerns", ""] = Concern.objects.filter(raised_on__range=(first, last)).count()
    for kind, n in (
        Enquiry.objects.filter(started_on__range=(first, last)).values_list("kind").annotate(n=Count("pk")).order_by()
    ):
        found["SG1f", kind, ""] = n
    concluded = Enquiry.objects.filter(kind="s42", concluded_on__range=(first, last))
    ids = concluded.values("pk")
    enquiries = {
        row[0]: row[1:]
        for row in concluded.values_list(
            "pk", "location", "action_result", "risk_outcome", "capacity", "advocacy", "asked"
        )
    }
    sources: dict[int, set[str]] = {}
    for enquiry_id, kind in SourceOfRisk.objects.filter(enquiry__in=ids).values_list("enquiry_id", "kind"):
        sources.setdefault(enquiry_id, set()).add(kind)
    for enquiry_id, code in EnquiryAbuse.objects.filter(enquiry__in=ids).values_list("enquiry_id", "code"):
        found["SG2a", code, ALL_SOURCES] += 1
        for kind in sources.get(enquiry_id, ()):
            found["SG2a", code, kind] += 1
    answers: dict[int, list[str]] = {}
    for enquiry_id, achieved in (
        DesiredOutcome.objects.filter(enquiry__in=ids).exclude(achieved="").values_list("enquiry_id", "achieved")
    ):
        answers.setdefault(enquiry_id, []).append(achieved)
    for enquiry_id, (location, result, risk, capacity, advocacy, asked) in enquiries.items():
        if location:
            found["SG2b", location, ALL_SOURCES] += 1
            for kind in sources.get(enquiry_id, ()):
                found["SG2b", location, kind] += 1
        if result:
            found["SG2c", result, ""] += 1
        if result == rules.RISK_OUTCOME_COUNTED and risk:
            found["SG2d", risk, ""] += 1
        if capacity:
            found["SG3a", capacity, ""] += 1
            if capacity == "lacked" and advocacy in ("advocate", "family_friend"):
                found["SG3a", capacity, advocacy] += 1
        if asked:
            found["SG4a", asked, ""] += 1
        if asked == rules.ASKED_AND_EXPRESSED and enquiry_id in answers:
            found["SG4a achieved", rules.enquiry_achieved(answers[enquiry_id]), ""] += 1
    return found


def layout() -> list[tuple[str, str, str, str, str]]:
    """Every cell of the return, in order: (table, row code, column code, row label, column label)."""
    sources = [(i["code"], i["label"]) for i in reference.items("source_of_risk")] + [(ALL_SOURCES, ALL_SOURCES)]
    cells = [("SG1f", "concerns", "", "Safeguarding concerns", ANY)]
    cells += [("SG1f", i["code"], "", i["label"], ANY) for i in reference.items("enquiry_kind")]
    for table, list_name in (("SG2a", "abuse_type"), ("SG2b", "location")):
        cells += [(table, i["code"], s, i["label"], label) for i in reference.items(list_name) for s, label in sources]
    cells += [("SG2c", i["code"], "", i["label"], ANY) for i in reference.items("action_result")]
    cells += [("SG2d", i["code"], "", i["label"], ANY) for i in reference.items("risk_outcome")]
    for i in reference.items("capacity"):
        cells.append(("SG3a", i["code"], "", i["label"], ANY))
        if i["code"] == "lacked":
            cells += [
                ("SG3a", "lacked", a["code"], i["label"], a["label"])
                for a in reference.items("advocacy")
                if a["code"] != "none"
            ]
    cells += [("SG4a", i["code"], "", i["label"], ANY) for i in reference.items("asked")]
    cells += [("SG4a achieved", i["code"], "", i["label"], ANY) for i in reference.items("achieved")]
    return cells


def write_csv(found: Counter, out: IO[str]) -> int:
    """The return as CSV, in the collection's labels, every cell written; gives the rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    cells = layout()
    for table, row, column, row_label, column_label in cells:
        writer.writerow((table, row_label, column_label, found.get((table, row, column), 0)))
    return len(cells)
