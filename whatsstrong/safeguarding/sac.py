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

`counts(year)` reads with the ORM, a handful of grouped queries; bench/safeguarding.py checks it gives
the same figures as one hand-written SQL statement per table, and times the two.
"""

from __future__ import annotations

import csv
from collections import Counter
from typing import IO

from django.db.models import Count, Q

from . import reference, rules
from .models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse

HEADER = ("table", "row", "column", "count")
ALL_SOURCES = "All sources"
ANY = "Total"


def _concluded_s42(year: int):
    first, last = rules.sac_year(year)
    return Enquiry.objects.filter(kind="s42", concluded_on__range=(first, last))


def counts(year: int) -> Counter:
    """(table, row code, column code) -> count; codes as in data/sac.json ("" where a table has no columns)."""
    first, last = rules.sac_year(year)
    found: Counter = Counter()
    found["SG1f", "concerns", ""] = Concern.objects.filter(raised_on__range=(first, last)).count()
    for kind, n in (
        Enquiry.objects.filter(started_on__range=(first, last)).values_list("kind").annotate(n=Count("pk")).order_by()
    ):
        found["SG1f", kind, ""] = n
    concluded = _concluded_s42(year)
    ids = concluded.values("pk")
    # Distinct (enquiry, source type) pairs, joined to the types of abuse and to the location.
    for code, kind, n in (
        EnquiryAbuse.objects.filter(enquiry__in=ids)
        .values_list("code", "enquiry__sources__kind")
        .annotate(n=Count("enquiry_id", distinct=True))
        .order_by()
    ):
        found["SG2a", code, kind or ""] += n if kind else 0
    for code, n in EnquiryAbuse.objects.filter(enquiry__in=ids).values_list("code").annotate(n=Count("pk")).order_by():
        found["SG2a", code, ALL_SOURCES] = n
    for location, kind, n in (
        concluded.exclude(location="")
        .values_list("location", "sources__kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        found["SG2b", location, kind or ""] += n if kind else 0
    for location, n in concluded.exclude(location="").values_list("location").annotate(n=Count("pk")).order_by():
        found["SG2b", location, ALL_SOURCES] = n
    for result, n in (
        concluded.exclude(action_result="").values_list("action_result").annotate(n=Count("pk")).order_by()
    ):
        found["SG2c", result, ""] = n
    for outcome, n in (
        concluded.filter(action_result=rules.RISK_OUTCOME_COUNTED)
        .exclude(risk_outcome="")
        .values_list("risk_outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found["SG2d", outcome, ""] = n
    for capacity, advocacy, n in (
        concluded.exclude(capacity="").values_list("capacity", "advocacy").annotate(n=Count("pk")).order_by()
    ):
        found["SG3a", capacity, ""] += n
        if capacity == "lacked" and advocacy in ("advocate", "family_friend"):
            found["SG3a", capacity, advocacy] += n
    for asked, n in concluded.exclude(asked="").values_list("asked").annotate(n=Count("pk")).order_by():
        found["SG4a", asked, ""] = n
    for _, answered, fully, some in (
        DesiredOutcome.objects.filter(enquiry__in=ids.filter(asked=rules.ASKED_AND_EXPRESSED))
        .exclude(achieved="")
        .values_list("enquiry_id")
        .annotate(
            answered=Count("pk"),
            fully=Count("pk", filter=Q(achieved="fully")),
            some=Count("pk", filter=Q(achieved__in=("fully", "partly"))),
        )
        .order_by()
    ):
        found["SG4a achieved", "fully" if fully == answered else "partly" if some else "not", ""] += 1
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
