"""The seeds' figures against the hand-made gold file, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build.seeds import load
from generator.model import Article
from generator.project import Project
from generator.text.extract import extract_seed

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "figures.yml").read_text("utf-8"))["figures"]
REPORTED = {"killed", "injured", "missing", "hostages", "displaced"}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    project = Project(ROOT)
    resources = project.resources()
    return {Path(s.path).name: extract_seed(s, resources) for s in load(ROOT / "seeds").seeds}


def _found(article: Article, entry: dict) -> dict:
    sentence = next(s for s in article.sentences
                    if entry["sentence"] in article.text[s.start : s.end])  # fmt: skip
    at = article.text.index(entry["text"], sentence.start, sentence.end)
    figure = next(f for f in article.figures if f.start <= at < f.end)
    total = next((f.text for f in article.figures if f.start == figure.part_of), None)
    return {"text": figure.text, "part_of": total} | {
        k: getattr(figure, k) for k in entry if k not in ("seed", "sentence", "text", "part_of")
    }


@pytest.mark.parametrize("entry", GOLD, ids=[f"{e['seed'][:3]}-{e['text']}" for e in GOLD])
def test_every_gold_figure_is_found_with_every_field(articles, entry: dict) -> None:
    expected = {k: v for k, v in entry.items() if k not in ("seed", "sentence")}
    assert _found(articles[entry["seed"]], entry) == expected


def test_no_reported_figure_beyond_the_gold(articles) -> None:
    gold = {(e["seed"], e["sentence"], e["text"]) for e in GOLD}
    extra = []
    for name, article in articles.items():
        for figure in article.figures:
            if figure.category not in REPORTED:
                continue
            sentence = next(s for s in article.sentences if s.id == figure.sentence)
            words = article.text[sentence.start : sentence.end]
            if not any(n == name and s in words and t == figure.text for n, s, t in gold):
                extra.append((name, figure.text, figure.category))
    assert extra == []
