"""Inflections, spelling variants, line breaks, asides, kinds and offsets."""

import pytest

from whatsstrong.language import Finding, check, summarise

from .helpers import flagged, phrases

VARIANTS = [
    ("He refuse to go.", ["refuse"]),
    ("He refuses to go.", ["refuses"]),
    ("He refused to go.", ["refused"]),
    ("He is refusing to go.", ["refusing"]),
    ("He REFUSED to go.", ["REFUSED"]),
    ("Three refusals this week.", ["refusals"]),
    ("She is wheelchair-bound.", ["wheelchair-bound"]),
    ("She is wheelchair bound.", ["wheelchair bound"]),
    ("She is wheelchair\u2013bound.", ["wheelchair\u2013bound"]),
    ("She is wheelchair\nbound.", ["wheelchair\nbound"]),
    ("She is confined to a wheelchair.", ["confined to a wheelchair"]),
    ("She is confined to her\nwheelchair.", ["confined to her\nwheelchair"]),
    ("He is a bed-blocker.", ["bed-blocker"]),
    ("He is a bed blocker.", ["bed blocker"]),
    ("He is a bedblocker.", ["bedblocker"]),
    ("He is non-compliant.", ["non-compliant"]),
    ("He is noncompliant.", ["noncompliant"]),
    ("Mrs Okafor suffers\nfrom arthritis.", ["suffers\nfrom"]),
    ("She suffers, on and off, from migraines.", ["suffers, on and off, from"]),
    ("She suffers \u2013 mostly in winter \u2013 from chest pain.", ["suffers \u2013 mostly in winter \u2013 from"]),
    ("He struggles, at times, with the stairs.", ["struggles"]),
    ("Winston has a package\nof care.", ["package\nof care"]),
    ("Mohammed needs feeding at lunch.", ["needs feeding"]),
    ("Carers toileted him at noon.", ["toileted him"]),
    ("She was placed in a home.", ["placed"]),
    ("The order was placed online.", []),
    ("She is in denial about her falls.", ["denial"]),
    ("She uses the disabled toilet.", []),
]


@pytest.mark.parametrize("text, expected", VARIANTS, ids=[v[0][:40] for v in VARIANTS])
def test_variants(text, expected):
    assert phrases(text) == expected


def test_finding_fields():
    [f] = check("He refused lunch.")
    assert isinstance(f, Finding)
    assert (f.start, f.end, f.kind, f.rule) == (3, 10, "deficit", "refuses")
    assert f.suggest and f.reason
    assert f.as_dict() == {
        "start": 3,
        "end": 10,
        "kind": "deficit",
        "rule": "refuses",
        "suggest": f.suggest,
        "reason": f.reason,
        "replacement": "declined",
    }


def test_kinds():
    assert flagged("She suffers from gout and has a POC.") == [
        ("suffers from", "deficit", "suffers-from"),
        ("POC", "jargon", "POC"),
    ]


@pytest.mark.parametrize(
    "prefix", ["\U0001f600 ", "Zo\u00eb and Ren\u00e9e: ", "\u0141ukasz says ", "caf\u00e9 \u2014 "]
)
def test_offsets_are_code_points(prefix):
    text = prefix + "she refuses the POC."
    got = [(text[f.start : f.end], f.start) for f in check(text)]
    assert got == [("refuses", len(prefix) + 4), ("POC", len(prefix) + 16)]


def test_no_findings_in_clean_or_empty_text():
    assert check("") == []
    assert check("Mr Mensah enjoys gardening and cooks for his grandchildren.") == []


def test_summarise():
    findings = check("He refused the POC and refused the OT. She wanders.")
    assert summarise(findings) == {
        "total": 5,
        "by_kind": {"deficit": 3, "jargon": 2},
        "by_rule": {"OT": 1, "POC": 1, "refuses": 2, "wandering": 1},
    }
    assert summarise([]) == {"total": 0, "by_kind": {"deficit": 0, "jargon": 0}, "by_rule": {}}


def test_long_note_is_fast():
    import time

    note = " ".join(["Mr Jones refused the POC but enjoys his garden and sees his GP."] * 150)
    check(note)
    t0 = time.perf_counter()
    check(note)
    assert time.perf_counter() - t0 < 0.5  # generous: the benchmark measures properly
