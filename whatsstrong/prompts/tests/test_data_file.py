"""The bundled prompts: a sound data file, loaded into every database by the migration."""

import pytest

from whatsstrong.prompts import rules, services
from whatsstrong.prompts.models import Prompt, PromptGroup


@pytest.fixture
def data():
    return services.bundled()


def all_prompts(data):
    return [(group, prompt) for group in data["groups"] for prompt in group["prompts"]]


def test_the_data_file_has_no_problems(data):
    assert rules.data_problems(data) == []


def test_every_prompt_has_a_group_and_text_and_none_repeats(data):
    prompts = all_prompts(data)
    assert 40 <= len(prompts) <= 80
    assert all(group["code"] and prompt["text"].strip() for group, prompt in prompts)
    texts = [rules.fold(prompt["text"]) for _, prompt in prompts]
    codes = [prompt["code"] for _, prompt in prompts]
    assert len(set(texts)) == len(texts) and len(set(codes)) == len(codes)


def test_placeholders_are_only_the_name_and_some_prompts_use_it(data):
    texts = [prompt["text"] for _, prompt in all_prompts(data)]
    assert [t for t in texts if rules.placeholder_problem(t)] == []
    assert sum(rules.PLACEHOLDER in t for t in texts) >= 5


def test_every_group_names_its_source_and_every_tag_is_a_wellbeing_area(data):
    assert all(group["source"].strip() for group in data["groups"])
    assert len(data["tags"]) == 9  # the Care Act's nine areas of wellbeing
    assert {t for _, p in all_prompts(data) for t in p["tags"]} <= set(data["tags"])


def test_the_seed_tools_are_all_there(data):
    by_kind = {}
    for group in data["groups"]:
        by_kind.setdefault(group["kind"], []).append(group)
    assert set(by_kind) == set(rules.KINDS)
    # ROPES: one group for each letter, in order.
    assert [g["name"].split(": ")[1] for g in by_kind["ropes"]] == [
        "Resources",
        "Options",
        "Possibilities",
        "Exceptions",
        "Solutions",
    ]
    assert sum("1 to 10" in p["text"] for g in by_kind["scaling"] for p in g["prompts"]) >= 4
    assert {g["code"] for g in by_kind["solution_focused"]} == {"miracle", "exception", "coping", "preferred-future"}
    themes = {g["code"] for g in by_kind["strengths"]}
    assert {"what-matters", "what-works", "people-around", "community", "hopes"} <= themes


@pytest.mark.django_db
def test_the_migration_loads_every_bundled_group_and_prompt_in_order(data):
    assert list(PromptGroup.objects.order_by("order").values_list("code", flat=True)) == [
        g["code"] for g in data["groups"]
    ]
    stored = {p.code: p for p in Prompt.objects.select_related("group")}
    assert len(stored) == len(all_prompts(data))
    for group, prompt in all_prompts(data):
        row = stored[prompt["code"]]
        assert (row.group.code, row.text, row.tag_list, row.active) == (
            group["code"],
            prompt["text"],
            prompt["tags"],
            True,
        )
    first = data["groups"][0]["prompts"]
    assert [stored[p["code"]].order for p in first] == sorted(stored[p["code"]].order for p in first)


@pytest.mark.django_db
def test_loading_again_adds_only_whats_missing_and_keeps_an_organisations_changes():
    Prompt.objects.filter(code="wm-proud").update(text="What makes you proud?", active=False)
    Prompt.objects.filter(code="wm-energy").delete()
    assert services.prompts_load(group_model=PromptGroup, prompt_model=Prompt) == (0, 1)
    assert Prompt.objects.get(code="wm-proud").text == "What makes you proud?"
    assert Prompt.objects.get(code="wm-proud").active is False
    assert Prompt.objects.filter(code="wm-energy").exists()
    assert services.prompts_load(group_model=PromptGroup, prompt_model=Prompt) == (0, 0)
