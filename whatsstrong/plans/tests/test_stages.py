"""The motivational interviewing helper's data (data/change_stages.json) and its loader, with no
database: every stage there with something in each list, the source named, and the check itself
catching a broken file."""

import copy
import json

import pytest

from whatsstrong.plans import rules, stages


def test_the_bundled_file_is_sound():
    assert stages.data_problems() == []


@pytest.mark.parametrize("code", rules.STAGES)
def test_every_stage_says_what_it_is_what_it_aims_at_what_helps_and_what_to_avoid(code):
    guide = stages.guide(code)
    assert guide.description.strip() and guide.aim.strip()
    assert guide.helps and all(item.strip() for item in guide.helps)
    assert guide.avoid and all(item.strip() for item in guide.avoid)


def test_the_stages_come_in_the_order_of_the_cycle():
    assert [g.code for g in stages.guides()] == list(rules.STAGES)


def test_the_file_names_its_source():
    assert "Coventry" in stages.source() and "4.1" in stages.source()


def test_when_not_to_use_it_and_change_talk_for_each_kind():
    lead, cases = stages.not_when()
    assert lead.strip() and len(cases) >= 4
    talk = stages.change_talk()
    assert [t.kind for t in talk] == list(stages.TALK_KINDS)
    assert all(t.prompts and all(p.endswith("?") for p in t.prompts) for t in talk)


def test_a_code_that_is_not_a_stage_is_refused():
    with pytest.raises(KeyError):
        stages.guide("relapse_forever")


def broken(change):
    data = copy.deepcopy(json.loads(stages.DATA.read_text(encoding="utf-8")))
    change(data)
    return stages.data_problems(data)


def drop_stage(data):
    data["stages"] = [s for s in data["stages"] if s["code"] != "lapse"]


def empty_helps(data):
    data["stages"][0]["helps"] = []


def blank_avoid(data):
    data["stages"][2]["avoid"][0] = "  "


def no_source(data):
    data["source"] = ""


def no_commitment_talk(data):
    data["change_talk"] = [t for t in data["change_talk"] if t["kind"] != "commitment"]


def extra_stage(data):
    data["stages"].append({**data["stages"][0], "code": "relapse"})


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (drop_stage, "Stage lapse is missing"),
        (empty_helps, "Stage pre_contemplation needs a list of what helps, with nothing empty in it"),
        (blank_avoid, "Stage decision needs a list of what to avoid, with nothing empty in it"),
        (no_source, "The file must name its source"),
        (no_commitment_talk, "Change talk about commitment needs a label and prompts"),
        (extra_stage, "relapse is not a stage"),
    ],
)
def test_the_check_finds_a_broken_file(change, problem):
    assert broken(change) == [problem]
