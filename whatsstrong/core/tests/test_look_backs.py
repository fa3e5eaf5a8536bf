"""The registry of what a review looks back at beyond its assessment (core/look_backs.py): sources
are asked in turn, and a score goes to the source that owns the subject's key."""

import pytest

from whatsstrong.core import look_backs
from whatsstrong.core.look_backs import LookBack, Source


@pytest.fixture
def sources(monkeypatch):
    """Two made-up sources in place of the product's own, which come back after the test."""
    monkeypatch.setattr(look_backs, "_sources", {})
    given = []

    def goals(person_id, review_id, kept):
        return [LookBack(f"goal:{person_id}", "Goal", "the goal", "Then", "In the goals")] + [
            LookBack(k, "Kept", "kept", "", "In the goals") for k in sorted(kept)
        ]

    def aims(person_id, review_id, kept):
        return [LookBack("aim:1", "Aim", "the aim", "Earlier", "In the aims", latest_score=4)]

    def scored(**kwargs):
        given.append(kwargs)

    look_backs.register(Source("goal", "a goal", goals, scored))
    look_backs.register(Source("aim", "an aim", aims))
    return given


def keys(found):
    return [s.key for s in found]


def test_every_source_gives_its_subjects_in_the_order_of_their_prefixes(sources):
    assert keys(look_backs.subjects(7, 3)) == ["aim:1", "goal:7"]


def test_each_source_is_handed_only_its_own_kept_keys(sources):
    assert keys(look_backs.subjects(7, 3, kept={"goal:2", "aim:9", "wellbeing:a"})) == ["aim:1", "goal:7", "goal:2"]


def test_a_score_goes_to_the_source_that_owns_the_key(sources):
    look_backs.scored(actor="alice", person="peggy", review="r", key="goal:7", score=6, said="Better")
    assert sources == [
        {"actor": "alice", "person": "peggy", "review": "r", "key": "goal:7", "score": 6, "said": "Better"}
    ]


@pytest.mark.parametrize("key", ["aim:1", "wellbeing:a", "hand_over", "nobody:3"])
def test_a_key_no_scoring_source_owns_is_left_alone(sources, key):
    look_backs.scored(actor="alice", person="peggy", review="r", key=key, score=6)
    assert sources == []


def test_each_source_names_its_subjects_in_general(sources):
    assert (look_backs.noun("goal:7"), look_backs.noun("aim:1")) == ("a goal", "an aim")
    assert look_backs.noun("hand_over") is None and look_backs.noun("nobody:1") is None


def test_a_source_taken_away_is_no_longer_asked(sources):
    look_backs.unregister("aim")
    assert keys(look_backs.subjects(7, 3)) == ["goal:7"]
