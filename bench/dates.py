"""Score the date extractor on TimeBank and AQUAINT, with dateparser's search_dates as a baseline.

    python bench/dates.py                 # the tables for the README
    python bench/dates.py --errors dev    # every miss, spurious span and wrong value, for development
    python bench/dates.py --skip-baseline # ours only (dateparser takes minutes)

DATE timexes only.  The document creation time is the reference date.  A system span
that overlaps a gold TIME, DURATION or SET timex is left out of the count: the type of
an expression is not what is measured, and those spans are neither right nor wrong dates.
Values compare in one spelling: "1995-XX-XX" is "1995", "2000-W6" is "2000-W06", "196X" is "196".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeml import Document, Timex, corpus, held_out

import generator.timeml
from generator.project import Project
from generator.text import sentences
from generator.text.timex import tagger

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str


System = Callable[[Document], list[Span]]


VOCABULARY = Project(ROOT).date_words()


def ours(document: Document) -> list[Span]:
    split = sentences.split(document.text)
    found = tagger.extract(document.text, split, document.created, VOCABULARY)
    return [Span(m.start, m.end, m.value or "") for m in found]


def baseline(document: Document) -> list[Span]:
    """dateparser's own search over the whole text, its period deciding the value's precision."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = dt.datetime.combine(document.created, dt.time(12))
    settings = {"RELATIVE_BASE": base}
    try:
        found = search_dates(document.text, languages=["en"], settings=settings) or []
    except Exception:  # a baseline that crashes on a document finds nothing in it
        found = []
    parser = DateDataParser(languages=["en"], settings=settings)
    spans, position = [], 0
    for string, when in found:
        start = document.text.find(string, position)
        if start < 0:
            continue
        position = start + len(string)
        period = parser.get_date_data(string).period or "day"
        if period == "month":
            value = when.strftime("%Y-%m")
        elif period == "year":
            value = when.strftime("%Y")
        elif period == "week":
            year, week, _ = when.isocalendar()
            value = f"{year}-W{week:02d}"
        else:
            value = when.strftime("%Y-%m-%d")
        spans.append(Span(start, position, value))
    return spans


def normal(value: str) -> str:
    """One spelling per value: no unspecified tail, two-digit weeks, decades as three digits."""
    value = re.sub(r"(?:-XX)+$", "", value)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"^(\d{2,3})X+$", r"\1", value)


def precision_of(value: str) -> str:
    shape = generator.timeml.shape(normal(value))
    return shape if shape in ("day", "month", "year", "week") else "other"


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    by_precision: Counter = field(default_factory=Counter)
    right_by_precision: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_precision.update(other.by_precision)
        self.right_by_precision.update(other.right_by_precision)
        self.errors.extend(other.errors)

    def f1(self, hits: int) -> float:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float]:
        return {
            "strict P": self.strict / self.system if self.system else 0.0,
            "strict R": self.strict / self.gold if self.gold else 0.0,
            "strict F1": self.f1(self.strict),
            "relaxed F1": self.f1(self.relaxed),
            "value F1": self.f1(self.value),
        }


def _overlaps(a: Span | Timex, b: Span | Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 50) : start].replace("\n", " ")
    right = text[end : end + 30].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def score(document: Document, found: list[Span]) -> Score:
    result = Score()
    gold = document.dates
    others = [t for t in document.timexes if t.type != "DATE"]
    found = [s for s in found if not any(_overlaps(s, o) for o in others)
             or any(_overlaps(s, g) for g in gold)]  # fmt: skip
    result.gold, result.system = len(gold), len(found)
    where = f"{document.name}@{document.created}"
    used: set[int] = set()
    for timex in gold:
        bucket = precision_of(timex.value)
        result.by_precision[bucket] += 1
        match = next(
            (i for i, s in enumerate(found) if i not in used and _overlaps(s, timex)), None
        )
        if match is None:
            result.errors.append(
                f"MISS  {timex.value:12} {where} {_context(document.text, timex.start, timex.end)}"
            )
            continue
        used.add(match)
        span = found[match]
        result.relaxed += 1
        if (span.start, span.end) == (timex.start, timex.end):
            result.strict += 1
        else:
            result.errors.append(
                f"SPAN  {'':12} {where} gold {_context(document.text, timex.start, timex.end)}"
                f" ours [{document.text[span.start : span.end]}]"
            )
        if normal(span.value) == normal(timex.value):
            result.value += 1
            result.right_by_precision[bucket] += 1
        else:
            result.errors.append(
                f"VALUE {timex.value:12} {where} ours {span.value or '-':12} "
                f"{_context(document.text, timex.start, timex.end)}"
            )
    for i, span in enumerate(found):
        if i not in used:
            result.errors.append(
                f"EXTRA {span.value or '-':12} {where} {_context(document.text, span.start, span.end)}"
            )
    return result


def run(
    system: System, documents: list[Document], repeat: int
) -> tuple[dict[str, list[Span]], float]:
    """Each document's spans and the median words per second over ``repeat`` runs."""
    words = sum(len(d.text.split()) for d in documents)
    rates, spans = [], {}
    for _ in range(repeat):
        began = time.perf_counter()
        spans = {d.name: system(d) for d in documents}
        rates.append(words / (time.perf_counter() - began))
    return spans, statistics.median(rates)


def parts(documents: list[Document]) -> dict[str, list[Document]]:
    kept = held_out(documents)
    return {
        "development": [d for d in documents if d.name not in kept],
        "held out": [d for d in documents if d.name in kept],
        "all": documents,
    }


def evaluate(spans: dict[str, list[Span]], documents: list[Document]) -> Score:
    total = Score()
    for document in documents:
        total.add(score(document, spans[document.name]))
    return total


def table(results: dict[str, dict[str, Score]], rates: dict[str, float]) -> str:
    lines = [
        "| system | part | gold | strict P | strict R | strict F1 | relaxed F1 | value F1 |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for system, by_part in results.items():
        for part, result in by_part.items():
            row = result.row()
            lines.append(
                f"| {system} | {part} | {result.gold} | "
                + " | ".join(f"{row[k]:.3f}" for k in row)
                + " |"
            )
    lines += [
        "",
        "| system | day | month | year | week | other | words/s |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for system, by_part in results.items():
        result = by_part["all"]
        cells = []
        for bucket in ("day", "month", "year", "week", "other"):
            n = result.by_precision[bucket]
            cells.append(f"{result.right_by_precision[bucket] / n:.3f} (of {n})" if n else "-")
        lines.append(f"| {system} | " + " | ".join(cells) + f" | {rates[system]:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["dev", "held-out"], help="list the errors of one part")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="runs of ours for the median speed")
    args = parser.parse_args()

    documents = corpus()
    split = parts(documents)
    systems: dict[str, tuple[System, int]] = {"chronicle": (ours, args.repeat)}
    if not args.skip_baseline:
        systems["dateparser search_dates"] = (baseline, 1)
    results: dict[str, dict[str, Score]] = {}
    rates: dict[str, float] = {}
    for name, (system, repeat) in systems.items():
        spans, rates[name] = run(system, documents, repeat)
        results[name] = {part: evaluate(spans, docs) for part, docs in split.items()}
    if args.errors:
        part = "development" if args.errors == "dev" else "held out"
        print("\n".join(sorted(results["chronicle"][part].errors)))
        return
    print(f"{len(documents)} documents: {len(split['development'])} for development, "
          f"{len(split['held out'])} held out\n")  # fmt: skip
    print(table(results, rates))
    RESULTS.mkdir(exist_ok=True)
    summary = {
        system: {
            part: s.row() | {"gold": s.gold, "system": s.system} for part, s in by_part.items()
        }
        | {"words_per_second": rates[system]}
        for system, by_part in results.items()
    }
    (RESULTS / "dates.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
