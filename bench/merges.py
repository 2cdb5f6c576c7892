"""Whether the chronology makes one entry of the reports of one happening, and keeps
different happenings apart, on real news.

    python bench/merges.py --data DATA                       # DATA: the folder prepare.py wrote
    python bench/merges.py --data DATA --work /tmp/merges    # builds kept: a rerun is incremental
    python bench/merges.py --data DATA --project ../old      # another checkout, to compare
    python bench/merges.py --data DATA --errors              # and each pair it gets wrong

The gold (``tests/gold/pairs/*.yml``, see its README) holds hand-labelled pairs of reports
of one day: two sentences of Timeline17's articles (in ``DATA/seeds/``, which
``../shared/benchmarks/news/prepare.py`` writes) that the chronology dated the same day,
labelled ``same`` (one happening) or ``different``; ``unsure`` pairs are left out. Each gold
topic is extracted and assembled by the checkout given (``chronicle extract`` and
``assemble``, into a temporary folder unless ``--work``), and each labelled pair is looked
up in its entries (``data/events/*.json``): the pair is merged when one entry of the pair's
date cites both sentences, and not found when a sentence has no entry of that date. Per
topic and over all, it prints:

- the false-merge rate: merged ``different`` pairs / ``different`` pairs found;
- the missed-merge rate: ``same`` pairs not merged / ``same`` pairs found;
- the pairs not found, and the gold sentences the build's sentences no longer match
  (a sentence whose bounds moved is matched to the built sentence holding its start).

A gold sentence is named by file, offsets into the seed's text (after the date marker, as
the project reads it) and a hash of its text; nothing of the text is printed or kept.
From scratch the eight gold topics take 3 to 4 minutes (two built at a time); a rerun
with the same ``--work`` about 30 seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import topics as topics_built  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "pairs"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Topic:
    topic: str
    same: int = 0
    different: int = 0
    same_found: int = 0
    different_found: int = 0
    missed: int = 0
    false: int = 0
    not_found: int = 0
    sentences: int = 0
    moved: int = 0
    lost: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Topic) -> None:
        for name in ("same", "different", "same_found", "different_found", "missed", "false",
                     "not_found", "sentences", "moved", "lost"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))


def pages(content: Path) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Each built article by its seed (``source``): its slug and its sentences' bounds."""
    found = {}
    for path in sorted((content / "articles").glob("*.md")):
        data = topics_built.front_matter(path)
        if data.get("source"):
            spans = [(int(a), int(b)) for a, b in data.get("sentences") or ()]
            found[data["source"]] = (data["slug"], spans)
    return found


def entries(content: Path) -> dict[tuple[str, str, str], set[str]]:
    """The ids of the entries citing each (article slug, sentence id, date)."""
    citing: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for event in topics_built.events(content):
        for citation in event["citations"]:
            citing[citation["article"], citation["sentence"], event["date"]].add(event["id"])
    return citing


def seed_text(seeds: Path, file: str, cache: dict[str, str]) -> str:
    """The text of a seed after its date marker, as the project reads it."""
    if file not in cache:
        cache[file] = topics_built.seed_text(seeds, file)
    return cache[file]


def locate(gold: dict, built: dict, seeds: Path, texts: dict, result: Topic) -> tuple | None:
    """The built (slug, sentence id) of a gold sentence, or None (counted) if it is lost."""
    result.sentences += 1
    text = seed_text(seeds, gold["file"], texts)
    sentence = text[gold["start"] : gold["end"]]
    if hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:12] != gold["sha"]:
        result.lost += 1  # the seed changed under the gold
        return None
    if gold["file"] not in built:
        result.lost += 1
        return None
    slug, spans = built[gold["file"]]
    if (gold["start"], gold["end"]) in spans:
        return slug, f"s{spans.index((gold['start'], gold['end'])) + 1}"
    for number, (start, end) in enumerate(spans, start=1):
        if start <= gold["start"] < end:
            result.moved += 1
            return slug, f"s{number}"
    result.lost += 1
    return None


def score(topic: str, gold: dict, content: Path, seeds: Path) -> Topic:
    result = Topic(topic)
    built, citing, texts = pages(content), entries(content), {}
    where: dict[tuple, tuple | None] = {}
    for pair in gold["pairs"]:
        label = pair["label"]
        if label not in ("same", "different"):
            continue
        setattr(result, label, getattr(result, label) + 1)
        sides = []
        for side in (pair["a"], pair["b"]):
            key = (side["file"], side["start"], side["end"])
            if key not in where:
                where[key] = locate(side, built, seeds, texts, result)
            sides.append(where[key])
        ids = [citing.get((*s, pair["date"]), set()) if s else set() for s in sides]
        if not ids[0] or not ids[1]:
            result.not_found += 1
            continue
        setattr(result, f"{label}_found", getattr(result, f"{label}_found") + 1)
        merged = bool(ids[0] & ids[1])
        if merged != (label == "same"):
            if label == "same":
                result.missed += 1
            else:
                result.false += 1
            a, b = pair["a"], pair["b"]
            result.wrong.append(
                f"{pair['date']} {label}, {'merged' if merged else 'apart'}: "
                f"{a['file']}:{a['start']}-{a['end']} {b['file']}:{b['start']}-{b['end']}"
            )
    return result


def rate(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "-"


def row(t: Topic) -> str:
    return (
        f"| {t.topic} | {t.same} / {t.different} | {t.same_found} / {t.different_found} | "
        f"{rate(t.false, t.different_found)} | {rate(t.missed, t.same_found)} | "
        f"{t.not_found} | {t.moved} / {t.lost} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the folder prepare.py wrote")
    parser.add_argument("--topics", nargs="*", help="gold topics to score; all if none")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to build with")
    parser.add_argument("--work", type=Path, help="build here (kept: a rerun is incremental)")
    parser.add_argument("--errors", action="store_true", help="print each wrong pair to stderr")
    args = parser.parse_args()
    golds = {p.stem: yaml.load(p.read_text("utf-8"), Loader=LOADER)
             for p in sorted(GOLD.glob("*.yml"))}  # fmt: skip
    topics = args.topics or sorted(golds)
    seeds = (args.data / "seeds").resolve()
    began = time.perf_counter()
    results = topics_built.each(
        topics, seeds, args.project, args.work,
        lambda topic, content: score(topic, golds[topic], content, seeds),
    )  # fmt: skip
    total = Topic("all")
    for result in results:
        total.add(result)
    print("| topic | pairs same / different | found same / different | false merges "
          "| missed merges | pairs not found | sentences moved / lost |")  # fmt: skip
    print("|---|--:|--:|--:|--:|--:|--:|")
    for result in [*results, total]:
        print(row(result))
    print(f"\n{total.sentences} gold sentences; built and scored in "
          f"{time.perf_counter() - began:.0f} s.")  # fmt: skip
    if args.errors:
        for result in results:
            for line in result.wrong:
                print(f"{result.topic}: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
