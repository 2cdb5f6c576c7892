"""How well the segmenter tells an article's body from the debris around it, on real news.

    python bench/parts.py --data DATA            # DATA: the folder prepare.py wrote
    python bench/parts.py --data DATA --errors   # and each line it gets wrong (not kept)

The gold (``tests/gold/parts/*.yml``) names hand-labelled lines of Timeline17's pages by
file, number and hash (see its README); the pages are read from ``DATA/seeds/``, which
``../shared/benchmarks/news/prepare.py`` writes. A line's kind, as the segmenter sees it,
is the kind of the part that holds most of its characters (body where none does). It
prints precision and recall per kind, for the development topics and the held-out ones
apart, and the segmenter's time against extraction's on the same pages (medians of 5).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import reuse  # noqa: E402
from generator.build.seeds import load  # noqa: E402
from generator.chronology import happenings  # noqa: E402
from generator.model import Seed  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.text import parts, repeated  # noqa: E402
from generator.text.extract import extract_seed  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "parts"
MARKER = re.compile(r"\s*date \d{4}-\d\d-\d\d\s")
KINDS = ("body", "headline", "dateline", "byline", "caption", "embed", "timestamp", "comments",
         "related", "boilerplate", "repeated")  # fmt: skip


def line_kinds(text: str, found: list) -> list[str]:
    """The segmenter's kind of each line of ``text``, by the part holding most of it."""
    kinds = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        covered: Counter[str] = Counter()
        for part in found:
            overlap = min(end, part.end) - max(start, part.start)
            if overlap > 0:
                covered[part.kind] += overlap
        body = len(line.strip()) - sum(covered.values())
        if body > 0:
            covered["body"] += body
        kinds.append(covered.most_common(1)[0][0] if covered else "body")
        offset = end + 1
    return kinds


@functools.cache
def corpus(folder: Path, repetition: repeated.Repetition) -> dict[str, Seed]:
    """The seeds of a topic's folder by file name, each given the lines of it that the
    folder repeats, as the build gives them."""
    loaded = load(folder)
    reuse.furnished(loaded, {}, repetition)  # as the build does, none of them unread
    return {Path(s.path).name: s for s in loaded.seeds}


def score(data: Path, rules: parts.Rules, errors: bool) -> dict[str, Counter]:
    """Per split, counts of (gold, found) pairs."""
    pairs: dict[str, Counter] = defaultdict(Counter)
    for gold_file in sorted(GOLD.glob("*.yml")):
        gold = yaml.safe_load(gold_file.read_text("utf-8"))
        split = gold.get("split", "development")
        for article in gold["articles"]:
            path = data / "seeds" / article["file"]
            raw = path.read_text("utf-8")
            lines = raw.split("\n")
            # The seed's text is its file without the date marker, as extraction reads it
            # (blanked, so that offsets and line numbers stay those of the file).
            marker = MARKER.match(raw)
            text = " " * marker.end() + raw[marker.end() :] if marker else raw
            seed = corpus(path.parent, rules.repetition)[path.name]
            found = parts.segment(text, rules, (), seed.repeated)
            kinds = line_kinds(text, found)
            for number, digest, kind in article["lines"]:
                line = lines[number - 1]
                if hashlib.sha256(line.encode()).hexdigest()[:12] != digest:
                    raise SystemExit(f"{gold_file.name}: {article['file']}:{number}: hash differs")
                pairs[split][(kind, kinds[number - 1])] += 1
                if errors and kind != kinds[number - 1] and split == "development":
                    print(f"{article['file']}:{number}: gold {kind}, found {kinds[number - 1]}: "
                          f"{line[:100]}", file=sys.stderr)  # fmt: skip
    return pairs


def table(pairs: Counter) -> list[str]:
    rows = ["| kind | gold lines | precision | recall | F1 |", "|---|--:|--:|--:|--:|"]
    for kind in KINDS:
        gold = sum(n for (g, _), n in pairs.items() if g == kind)
        found = sum(n for (_, f), n in pairs.items() if f == kind)
        right = pairs[(kind, kind)]
        if not gold and not found:
            continue
        if kind == "repeated":  # no one labels a line so: its worth is in what it is not
            debris = found - sum(n for (g, f), n in pairs.items() if f == kind and g == "body")
            rows.append(
                f"| repeated (any kind but body), of {found:,} found | | {debris / found:.3f} | | |"
            )
            continue
        p = right / found if found else float("nan")
        r = right / gold if gold else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(f"| {kind} | {gold:,} | {p:.3f} | {r:.3f} | {f:.3f} |")
    debris = ("comments", "boilerplate", "repeated")  # a repeated line is left out as they are
    gold = sum(n for (g, _), n in pairs.items() if g in debris)
    right = sum(n for (g, f), n in pairs.items() if g in debris and f in debris)
    rows.append(f"| comments and boilerplate, as left out | {gold:,} | | {right / gold:.3f} | |")
    return rows


def entries_on_debris(
    data: Path, project: Project, rules: parts.Rules, show: bool = False
) -> dict[str, tuple]:
    """Per split: the entries the gold's pages give, and how many cite only lines the gold
    calls something other than body or headline (a comment, a caption, boilerplate…)."""
    resources = replace(project.resources(), part_rules=rules)
    words = project.entry_words()
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for gold_file in sorted(GOLD.glob("*.yml")):
        gold = yaml.safe_load(gold_file.read_text("utf-8"))
        split = gold.get("split", "development")
        for article in gold["articles"]:
            path = data / "seeds" / article["file"]
            seed = corpus(path.parent, rules.repetition)[path.name]
            kinds = {number: kind for number, _, kind in article["lines"]}
            extracted = extract_seed(seed, resources)
            raw = path.read_text("utf-8")
            offset = len(raw) - len(seed.text)  # the date marker's characters
            for event in happenings.events_of(extracted, words):
                lines = set()
                for citation in event.versions:
                    sentence = next(
                        s for s in extracted.sentences if s.id == citation.citations[0].sentence
                    )
                    lines.add(raw.count("\n", 0, sentence.start + offset) + 1)
                found[split][0] += 1
                if all(kinds.get(n, "body") not in ("body", "headline") for n in lines):
                    found[split][1] += 1
                    if show and split == "development":
                        print(f"on debris: {article['file']}:{sorted(lines)} "
                              f"{[kinds.get(n) for n in sorted(lines)]} {event.text[:90]}",
                              file=sys.stderr)  # fmt: skip
    return {split: tuple(counts) for split, counts in found.items()}


def timing(data: Path, project: Project) -> tuple[float, float]:
    """Median seconds to segment, and to extract, every development page of the gold."""
    files = sorted(
        {a["file"] for g in GOLD.glob("*.yml") for a in yaml.safe_load(g.read_text())["articles"]}
    )
    resources = project.resources()
    rules = resources.part_rules
    seeds = [corpus(data / "seeds" / Path(f).parent, rules.repetition)[Path(f).name] for f in files]

    def median(run) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    segmenting = median(lambda: [parts.segment(s.text, rules, (), s.repeated) for s in seeds])
    extracting = median(lambda: [extract_seed(s, resources) for s in seeds])
    return segmenting, extracting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("CHRONICLE_NEWS", "")),
                        help="the folder prepare.py wrote (or $CHRONICLE_NEWS)")  # fmt: skip
    parser.add_argument("--errors", action="store_true", help="list development lines missed")
    args = parser.parse_args()
    if not (args.data / "seeds").is_dir():
        raise SystemExit("give --data: the folder ../shared/benchmarks/news/prepare.py wrote")
    project = Project(ROOT)
    rules = project.resources().part_rules
    for split, pairs in sorted(score(args.data, rules, args.errors).items()):
        print(f"\n{split} ({sum(pairs.values()):,} lines)\n")
        print("\n".join(table(pairs)))
    print("\nentries that cite only lines the gold calls debris (comments, captions…)\n")
    print("| split | segmenter | entries | on debris only | share |\n|---|---|--:|--:|--:|")
    for name, with_rules in (("none (every line body)", parts.NO_RULES), ("data/parts.yml", rules)):
        for split, (entries, debris) in sorted(
            entries_on_debris(
                args.data, project, with_rules, args.errors and with_rules is rules
            ).items()
        ):
            print(
                f"| {split} | {name} | {entries:,} | {debris:,} | {debris / max(entries, 1):.1%} |"
            )
    segmenting, extracting = timing(args.data, project)
    print(f"\nsegmenting {segmenting:.3f} s, {segmenting / extracting:.1%} of extraction's "
          f"{extracting:.3f} s (the segmenter included) on the gold's pages, medians of 5")  # fmt: skip


if __name__ == "__main__":
    main()
