"""The hand judgements of bench/precision.py: well formed, and the check that says so works."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "precision" / "judgements.yml"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "precision_bench", ROOT / "bench" / "precision.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    path = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = path  # the bench puts bench/ first: keep it from other tests
    return module


bench = _bench()
JUDGEMENTS = yaml.safe_load(GOLD.read_text("utf-8"))
GOOD = {
    "key": "0123456789ab",
    "topic": "MJ_bbc",
    "shown": "0123abcd",
    "verdict": "right",
    "problems": [],
    "note": "ok",
}


def test_the_judgements_file_is_well_formed() -> None:
    assert bench.problems_in(JUDGEMENTS) == []


def test_every_sampled_topic_is_a_default_topic_and_problems_are_from_the_set() -> None:
    assert {j["topic"] for j in JUDGEMENTS} <= set(bench.DEFAULT_TOPICS)
    assert {p for j in JUDGEMENTS for p in j["problems"]} <= set(bench.PROBLEMS)
    assert all(len(j["note"]) <= 120 for j in JUDGEMENTS)


@pytest.mark.parametrize(
    "change",
    [
        {"problems": ["typo_problem"], "verdict": "wrong"},
        {"problems": ["debris"]},  # right with a problem
        {"verdict": "wrong"},  # wrong without one
        {"verdict": "maybe"},
        {"note": "x" * 121},
        {"key": "0123"},
        {"problems": ["fragment", "fragment"], "verdict": "wrong"},
    ],
)
def test_the_check_refuses_a_bad_judgement(change: dict) -> None:
    assert bench.problems_in([GOOD]) == []
    assert bench.problems_in([{**GOOD, **change}]) != []


def test_the_check_refuses_a_key_judged_twice_and_a_missing_field() -> None:
    assert bench.problems_in([GOOD, GOOD]) != []
    assert bench.problems_in([{k: v for k, v in GOOD.items() if k != "note"}]) != []


def test_the_key_and_the_draw_are_stable() -> None:
    event = {"date": "2010-05-27", "end": None, "status": "happened",
             "citations": [{"article": "b", "sentence": "s2"}, {"article": "a", "sentence": "s9"}]}  # fmt: skip
    key = bench.entry_key("bpoil_guardian", event)
    reordered = {**event, "citations": event["citations"][::-1]}
    assert key == bench.entry_key("bpoil_guardian", reordered)
    assert key != bench.entry_key("bpoil_guardian", {**event, "status": "scheduled"})
    assert len(key) == 12 and bench.draw(key) == bench.draw(key)
