"""The person's copy as a PDF: real text (read back with pypdf), their preferred name and every outcome,
large print, the document's title, author and language, and withheld names absent."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from whatsstrong.plans import copy, pdf, services


def read(data: bytes):
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def type_size(reader, words):
    """The size of type the first piece of text holding `words` is set in, in points."""
    sizes = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append((text, size * tm[0])))
    return next(round(size) for text, size in sizes if words in text)


def flat(text):
    """Extracted text with line wrapping undone, so a sentence is found wherever the lines broke."""
    return " ".join(text.split())


@pytest.fixture
def second_outcome(staff, peggy, plan, outcome):
    services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "community", "who": "Foleshill choir", "what": "save me a seat", "when": "on Tuesdays"},
    )
    return services.outcome_add(
        actor=staff["alice"], person=peggy, plan_id=plan.pk, data={"text": "I want to see my grandson on Sundays."}
    )


def at(name, person, plan, query=""):
    return reverse(f"plans:{name}", args=[person.pk, plan.pk]) + query


def test_the_pdf_holds_the_preferred_name_and_each_outcome_as_text(client_for, peggy, plan, outcome, second_outcome):
    response = client_for("alice").get(at("copy_pdf", peggy, plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="support-plan-draft.pdf"'
    assert "no-store" in response["Cache-Control"]
    _, text = read(response.content)
    text = flat(text)
    assert "Peggy Okafor" in text and "Margaret" not in text
    assert "I want to get back to my garden." in text
    assert "I want to see my grandson on Sundays." in text
    assert "Foleshill choir will save me a seat, on Tuesdays." in text
    assert "Draft: not agreed yet" in text


def test_the_pdf_says_what_it_is_and_in_what_language(client_for, peggy, plan, outcome):
    reader, _ = read(client_for("alice").get(at("copy_pdf", peggy, plan)).content)
    assert reader.metadata.title == "My support plan: Peggy Okafor"
    assert reader.metadata.author == "Alice Test"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    # The headings are the document's outline, for finding one's way round it.
    assert [item.title for item in reader.outline[:1]] == ["My support plan"]


def test_large_print_gives_bigger_type_and_more_pages(client_for, peggy, plan, outcome, second_outcome):
    client = client_for("alice")
    standard = client.get(at("copy_pdf", peggy, plan)).content
    large = client.get(at("copy_pdf", peggy, plan, "?size=large"))
    assert large["Content-Disposition"] == 'attachment; filename="support-plan-draft-large-print.pdf"'
    standard_reader, standard_text = read(standard)
    large_reader, large_text = read(large.content)
    assert flat(large_text).count("I want to get back to my garden.") == 1
    assert len(large_reader.pages) >= len(standard_reader.pages)
    assert (type_size(standard_reader, "How I will know"), type_size(large_reader, "How I will know")) == (12, 18)


def test_a_long_plan_in_large_print_runs_to_more_pages():
    outcomes = [
        {"text": f"I want thing number {n}.", "how_we_know": "I will feel better.", "contributions": []}
        for n in range(12)
    ]
    document = copy.build({"outcomes": outcomes}, name="Peggy Okafor", version=1, agreed_on=None)
    standard, large = (PdfReader(io.BytesIO(pdf.render(document, author="A", large=size))) for size in (False, 1))
    assert len(large.pages) > len(standard.pages)


def test_any_name_in_unicode_prints_as_text(client_for, make_person, staff):
    zoe = make_person(given_name="Zoë", family_name="Łukasiewicz-Ørsted", preferred_name="")
    plan = services.plan_start(actor=staff["alice"], person=zoe)
    services.outcome_add(actor=staff["alice"], person=zoe, plan_id=plan.pk, data={"text": "Να χορεύω ξανά."})
    _, text = read(client_for("alice").get(at("copy_pdf", zoe, plan)).content)
    assert "Zoë Łukasiewicz-Ørsted" in text and "Να χορεύω ξανά." in text


def test_withheld_names_are_absent_from_the_pdf(staff, peggy, plan, outcome, make_person):
    from whatsstrong.people.services import network_member_save

    gary = network_member_save(
        actor=staff["alice"], person=peggy, data={"name": "Gary Stone", "relationship": "nephew", "kind": "family"}
    )
    services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": gary.pk, "what": "drive me to the garden centre"},
    )
    plan.refresh_from_db()
    plan = services.plan_save(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        expected_version=plan.version,
        data={"if_things_go_wrong": "Call Jo, not Gary."},
    )
    content = services.snapshot(plan)
    shown = copy.build(content, name=peggy.display_name, version=1, agreed_on=None)
    hidden = copy.build(content, name=peggy.display_name, version=1, agreed_on=None, withheld_names=["Gary Stone"])
    _, with_him = read(pdf.render(shown, author="Alice Test"))
    _, without = read(pdf.render(hidden, author="Alice Test"))
    assert "Gary Stone" in with_him
    assert "Gary" not in without and "Stone" not in without and "garden centre" not in without
    assert "Call Jo, not someone." in flat(without)
