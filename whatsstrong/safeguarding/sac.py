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

`counts(year)` is one SQL statement grouping every table; bench/safeguarding.py times the whole
command (counting and writing the CSV) beside that statement run on its own.
"""

from __future__ import annotations

import csv
from collections import Counter
from typing import IO

from whatsstrong.core import sql

from . import reference, rules
from .models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse, SourceOfRisk

HEADER = ("table", "row", "column", "count")
ALL_SOURCES = "All sources"
ANY = "Total"


def _count_sql() -> str:
    """One statement, a grouped SELECT per table joined by UNION ALL, each giving (table, row, column,
    count). Table names come from the models, so the SQL never drifts from them."""
    concern, enquiry = sql.table(Concern), sql.table(Enquiry)
    abuse, source, outcome = sql.table(EnquiryAbuse), sql.table(SourceOfRisk), sql.table(DesiredOutcome)
    s42 = f"FROM {enquiry} e WHERE e.kind = 's42' AND e.concluded_on BETWEEN %(first)s AND %(last)s"
    counted_risk, expressed = rules.RISK_OUTCOME_COUNTED, rules.ASKED_AND_EXPRESSED
    return f"""
SELECT 'SG1f', 'concerns', '', COUNT(*) FROM {concern} WHERE raised_on BETWEEN %(first)s AND %(last)s
UNION ALL
SELECT 'SG1f', kind, '', COUNT(*) FROM {enquiry} WHERE started_on BETWEEN %(first)s AND %(last)s GROUP BY kind
UNION ALL
SELECT 'SG2a', a.code, s.kind, COUNT(DISTINCT a.enquiry_id)
  FROM {abuse} a JOIN {source} s ON s.enquiry_id = a.enquiry_id
  WHERE a.enquiry_id IN (SELECT e.id {s42}) GROUP BY a.code, s.kind
UNION ALL
SELECT 'SG2a', a.code, '{ALL_SOURCES}', COUNT(*) FROM {abuse} a
  WHERE a.enquiry_id IN (SELECT e.id {s42}) GROUP BY a.code
UNION ALL
SELECT 'SG2b', e.location, s.kind, COUNT(DISTINCT e.id)
  FROM {enquiry} e JOIN {source} s ON s.enquiry_id = e.id
  WHERE e.kind = 's42' AND e.concluded_on BETWEEN %(first)s AND %(last)s AND e.location <> ''
  GROUP BY e.location, s.kind
UNION ALL
SELECT 'SG2b', e.location, '{ALL_SOURCES}', COUNT(*) {s42} AND e.location <> '' GROUP BY e.location
UNION ALL
SELECT 'SG2c', e.action_result, '', COUNT(*) {s42} AND e.action_result <> '' GROUP BY e.action_result
UNION ALL
SELECT 'SG2d', e.risk_outcome, '', COUNT(*) {s42} AND e.action_result = '{counted_risk}'
  AND e.risk_outcome <> '' GROUP BY e.risk_outcome
UNION ALL
SELECT 'SG3a', e.capacity, '', COUNT(*) {s42} AND e.capacity <> '' GROUP BY e.capacity
UNION ALL
SELECT 'SG3a', 'lacked', e.advocacy, COUNT(*) {s42} AND e.capacity = 'lacked'
  AND e.advocacy IN ('advocate', 'family_friend') GROUP BY e.advocacy
UNION ALL
SELECT 'SG4a', e.asked, '', COUNT(*) {s42} AND e.asked <> '' GROUP BY e.asked
UNION ALL
SELECT 'SG4a achieved', t.answer, '', COUNT(*) FROM (
  SELECT CASE WHEN SUM(CASE WHEN o.achieved = 'fully' THEN 1 ELSE 0 END) = COUNT(*) THEN 'fully'
              WHEN SUM(CASE WHEN o.achieved IN ('fully', 'partly') THEN 1 ELSE 0 END) > 0 THEN 'partly'
              ELSE 'not' END AS answer
  FROM {outcome} o
  WHERE o.achieved <> '' AND o.enquiry_id IN (SELECT e.id {s42} AND e.asked = '{expressed}')
  GROUP BY o.enquiry_id) t GROUP BY t.answer
"""


def counts(year: int) -> Counter:
    """(table, row code, column code) -> count; codes as in data/sac.json ("" where a table has no columns).

    One explicit SQL statement (`_count_sql`), the database grouping every table: reading the year's
    enquiries, abuse types, sources and outcomes back into Python to count them took three times as
    long (bench/safeguarding.py). The rules it follows are in this module's docstring; the achieved
    answer for an enquiry is `rules.enquiry_achieved`, written here as a CASE, and
    tests/test_sac.py checks the whole return against a hand count."""
    first, last = rules.sac_year(year)
    rows = sql.fetch(_count_sql(), {"first": first, "last": last})
    return Counter({(table, row, column): n for table, row, column, n in rows})


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
