"""The hand-made gold of place and figure mentions on real news, for ``places_news.py``
and ``figures_news.py``: what it holds and how a build's mentions are set against it.

The gold (``tests/gold/places_news/*.yml``, ``tests/gold/figures_news/*.yml``, see their
README) names sentences of Timeline17's development pages by file, offsets and hash, and
the mentions annotated in them; only those sentences are scored, whole: a mention the
build finds there that the gold does not have is a false one. Nothing of the text is kept.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import topics as topics_built
import yaml
from topics import LOADER, front_matter


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class Gold:
    """One topic's gold: its sentences (file → spans), its mentions, the mentions a
    system may find but that the gold does not count (``unsure``, ``not_figures``)."""

    topic: str
    sentences: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    mentions: list[dict] = field(default_factory=list)
    ignored: list[dict] = field(default_factory=list)
    lost: int = 0
    """Gold items whose text no longer has the hash they were annotated with."""


def texts_of(seeds: Path) -> dict[str, str]:
    """Seed texts by file (relative to ``seeds``), read as the project reads them, on demand."""

    class Texts(dict):
        def __missing__(self, file: str) -> str:
            self[file] = topics_built.seed_text(seeds, file)
            return self[file]

    return Texts()


def load(folder: Path, key: str, seeds: Path, cache: dict[str, str]) -> list[Gold]:
    """Each topic's gold of ``folder`` (mentions under ``key``), checked against the seeds'
    texts: an item whose hash no longer matches is counted lost, not scored."""
    found = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.load(path.read_text("utf-8"), Loader=LOADER)
        gold = Gold(data["topic"])
        for s in data.get("sentences") or ():
            if sha(cache[s["file"]][s["start"] : s["end"]]) == s["sha"]:
                gold.sentences.setdefault(s["file"], []).append((s["start"], s["end"]))
            else:
                gold.lost += 1
        for item in [*(data.get(key) or ()), *(data.get("not_figures") or ())]:
            if sha(cache[item["file"]][item["start"] : item["end"]]) != item["sha"]:
                gold.lost += 1
            elif item.get("unsure") or "what" in item:
                gold.ignored.append(item)
            else:
                gold.mentions.append(item)
        found.append(gold)
    return found


def inside(gold: Gold, file: str, start: int, end: int) -> bool:
    """Whether a span lies in one of the gold's sentences."""
    return any(a <= start and end <= b for a, b in gold.sentences.get(file, ()))


def overlaps(a: dict, file: str, start: int, end: int) -> bool:
    return a["file"] == file and a["start"] < end and start < a["end"]


@dataclass
class Run:
    """What a bench of one gold has to score: its arguments, the seeds' texts, the gold's
    topics, the errors to print (None without ``--errors``) and each topic's built
    mentions, by seed file, in the golds' order."""

    args: argparse.Namespace
    texts: dict[str, str]
    golds: list[Gold]
    errors: list[str] | None
    built: list[dict[str, list[dict]]]


def run(description: str, folder: Path, key: str, root: Path) -> Run:
    """The command line of a bench of ``folder``'s gold (mentions under ``key``: "places"
    or "figures"), its gold loaded and checked, and its topics built by the checkout."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, help="keep the builds here (reruns are quick)")
    parser.add_argument("--project", type=Path, default=root)
    parser.add_argument("--errors", action="store_true", help=f"print each of the {key} wrong")
    args = parser.parse_args()
    seeds = args.data / "seeds"
    texts = texts_of(seeds)
    golds = load(folder, key, seeds, texts)
    if not golds:
        raise SystemExit(f"no gold in {folder}")
    built_ = topics_built.each(
        [g.topic for g in golds], seeds, args.project, args.work,
        lambda topic, content: built(content, key),
    )  # fmt: skip
    return Run(args, texts, golds, [] if args.errors else None, built_)


def built(content: Path, key: str) -> dict[str, list[dict]]:
    """The mentions (``places`` or ``figures``) of each built article, by its seed file."""
    found = {}
    for path in sorted((content / "articles").glob("*.md")):
        data = front_matter(path)
        if data.get("source"):
            found[data["source"]] = list(data.get(key) or ())
    return found


@dataclass
class Score:
    """True, false and missed mentions, found (span) and right (span and value)."""

    gold: int = 0
    system: int = 0
    found: int = 0
    right: int = 0

    def add(self, other: Score) -> None:
        for name in ("gold", "system", "found", "right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def row(name: str, s: Score) -> str:
    span, right = s.prf(s.found), s.prf(s.right)
    return (
        f"| {name} | {s.gold} | {s.system} | "
        + " | ".join(f"{v:.3f}" for v in span)
        + " | "
        + " | ".join(f"{v:.3f}" for v in right)
        + " |"
    )


HEADER = (
    "| topic | gold | found by the system | span P | span R | span F1 | right P | right R "
    "| right F1 |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|"
)
