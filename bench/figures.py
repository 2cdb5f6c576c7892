"""Score the figure extractor on the hand-made gold file of the seeds, and time it.

    python bench/figures.py             # precision, recall and F1 per field, and speed
    python bench/figures.py --errors    # every missed, spurious or wrong figure

A found figure matches a gold one when it is in the same sentence and its words overlap
the gold words.  For each field, a found figure is right when it matches and the field
is equal; precision divides by the figures found, recall by the gold figures.  Speed is
the figure step alone (dates and places found beforehand), over the seeds and the
TimeBank and AQUAINT texts, as the median of several runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generator.build.seeds import load  # noqa: E402
from generator.model import Article, Figure  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.text import figures, places, sentences  # noqa: E402
from generator.text.extract import extract_seed  # noqa: E402
from generator.text.timex import tagger  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "figures.yml"
RESULTS = ROOT / "bench" / "results"
FIELDS = ("value", "min", "max", "category", "group", "part_of", "place", "period", "scope",
          "source")  # fmt: skip


@dataclass
class Tally:
    right: int = 0

    def row(self, found: int, gold: int) -> tuple[float, float, float]:
        p = self.right / found if found else 0.0
        r = self.right / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    errors: list[str] = field(default_factory=list)


def _sentence_of(article: Article, sentence_id: str) -> str:
    sentence = next(s for s in article.sentences if s.id == sentence_id)
    return article.text[sentence.start : sentence.end]


def observed(figure: Figure, article: Article) -> dict[str, object]:
    """A found figure in the gold file's terms: its sub-count link as the total's words."""
    total = next((f for f in article.figures if f.start == figure.part_of), None)
    return {
        "value": figure.value,
        "min": figure.min,
        "max": figure.max,
        "category": figure.category,
        "group": figure.group,
        "part_of": total.text if total else None,
        "place": figure.place,
        "period": figure.period,
        "scope": figure.scope,
        "source": figure.source,
    }


def score(articles: dict[str, Article], gold: list[dict]) -> Score:
    result = Score(gold=len(gold))
    unmatched = {(name, f.start): f for name, a in articles.items() for f in a.figures}
    result.found = len(unmatched)
    for entry in gold:
        article = articles[entry["seed"]]
        sentence = next(
            (s for s in article.sentences
             if entry["sentence"] in article.text[s.start : s.end]), None,
        )  # fmt: skip
        if sentence is None:
            raise SystemExit(f"{GOLD}: no sentence of {entry['seed']} holds {entry['sentence']!r}")
        at = article.text.find(entry["text"], sentence.start, sentence.end)
        span = (at, at + len(entry["text"]))
        match = next(
            (f for f in article.figures
             if f.sentence == sentence.id and f.start < span[1] and span[0] < f.end
             and (entry["seed"], f.start) in unmatched), None,
        )  # fmt: skip
        if match is None:
            result.errors.append(
                f"MISS  {entry['seed']} {entry['text']!r} in {entry['sentence']!r}"
            )
            continue
        del unmatched[(entry["seed"], match.start)]
        seen = observed(match, article)
        for name in FIELDS:
            if seen[name] == entry[name]:
                result.fields[name].right += 1
            else:
                result.errors.append(
                    f"FIELD {entry['seed']} {entry['text']!r} {name}: "
                    f"gold {entry[name]!r}, ours {seen[name]!r}"
                )
    for (name, _), figure in sorted(unmatched.items()):
        article = articles[name]
        result.errors.append(
            f"EXTRA {name} {figure.text!r} {figure.category} in "
            f"{_sentence_of(article, figure.sentence)[:90]!r}"
        )
    return result


def seed_articles(project: Project) -> dict[str, Article]:
    loaded = load(project.root / "seeds")
    resources = project.resources()
    return {Path(s.path).name: extract_seed(s, resources) for s in loaded.seeds}


def speed(project: Project, repeat: int) -> tuple[float, int]:
    """Words per second of the figure step alone, median of ``repeat`` runs."""
    texts = [s.text for s in load(project.root / "seeds").seeds]
    try:
        from timeml import corpus

        texts += [d.text for d in corpus()]
    except (ImportError, OSError):
        pass  # the seeds alone, where ../shared is not there
    resources = project.resources()
    prepared = []
    for text in texts:
        split = sentences.split(text)
        found_dates = tagger.extract(text, split, None, resources.dates)
        found_places = places.extract(text, split, resources.gazetteer)
        prepared.append((text, split, found_dates, found_places))
    words = sum(len(t.split()) for t in texts)
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        for text, split, found_dates, found_places in prepared:
            figures.extract(text, split, found_dates, found_places, resources.vocabulary)
        runs.append(time.perf_counter() - began)
    return words / statistics.median(runs), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--repeat", type=int, default=5, help="runs for the median speed")
    args = parser.parse_args()
    project = Project(ROOT)
    gold = yaml.safe_load(GOLD.read_text("utf-8"))["figures"]
    result = score(seed_articles(project), gold)
    if args.errors:
        print("\n".join(result.errors) or "no errors")
        return
    rate, words = speed(project, args.repeat)
    print(f"{result.gold} gold figures in the seeds, {result.found} found\n")
    print("| field | precision | recall | F1 |\n|---|--:|--:|--:|")
    rows = {}
    for name, tally in result.fields.items():
        rows[name] = tally.row(result.found, result.gold)
        print(f"| {name} | " + " | ".join(f"{x:.3f}" for x in rows[name]) + " |")
    print(f"\n{rate:,.0f} words/s ({1000 / rate * 1000:.2f} ms per 1,000 words; "
          f"{words:,} words, median of {args.repeat} runs)")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    summary = {"gold": result.gold, "found": result.found, "words_per_second": rate,
               "fields": {k: dict(zip(("precision", "recall", "f1"), v, strict=True)) for k, v in rows.items()}}  # fmt: skip
    (RESULTS / "figures.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
