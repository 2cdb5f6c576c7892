"""What the chronology's entries look like on real news: how many, how dated, how repeated.

    python bench/entries.py --data DATA                      # every topic of DATA/seeds/
    python bench/entries.py --data DATA --topics MJ_bbc ...  # some of them
    python bench/entries.py --data DATA --project ../old     # another checkout, to compare

DATA is the folder ``../shared/benchmarks/news/prepare.py`` writes. Each topic's seeds are
extracted and assembled (``chronicle extract`` and ``assemble``: the events of
``data/events/*.json``, without the site) by the checkout given, into a temporary folder.
Per topic, and over all of them, it prints:

- articles, entries, and entries per article (target: at most 5);
- entries that happened (not scheduled, not background) dated after the latest
  publication date of the articles that report them (target: none);
- entries that happened dated before 1900, or after the latest article of the topic
  (target: none), and the entries scheduled and background;
- entries whose headline (or text) another entry of the topic repeats (target: ≤ 3 %);
- the most entries on one day (a journalist's timeline has one to three lines).

The numbers are counts over real text; nothing of the text is kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import topics as topics_built  # noqa: E402

from generator.timeml import start_of  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "entries.json"


@dataclass
class Topic:
    topic: str
    articles: int = 0
    entries: int = 0
    after_report: int = 0
    outside: int = 0
    scheduled: int = 0
    background: int = 0
    repeated_headline: int = 0
    busiest_day: int = 0

    @property
    def per_article(self) -> float:
        return self.entries / max(self.articles, 1)


def _headline(event: dict) -> str:
    text = event.get("headline") or event["text"]
    return " ".join(text.replace("…", " ").casefold().split())


def measure(topic: str, content: Path) -> Topic:
    events = topics_built.events(content)
    result = Topic(topic, len(list((content / "articles").glob("*.md"))), len(events))
    latest = max((c["published"] or "" for e in events for c in e["citations"]), default="")
    headlines = Counter(_headline(e) for e in events)
    days: Counter[str] = Counter()
    for event in events:
        start = start_of(event["date"]).isoformat()
        reports = [c["published"] for c in event["citations"] if c["published"]]
        status = event.get("status", "background" if event.get("in_passing") else "happened")
        if status == "happened" and reports and start > max(reports):
            result.after_report += 1
        if status == "happened" and (start < "1900" or (latest and start > latest)):
            result.outside += 1
        result.scheduled += status == "scheduled"
        result.background += status == "background"
        if headlines[_headline(event)] > 1:
            result.repeated_headline += 1
        if event["precision"] == "day":
            days[event["date"]] += 1
    result.busiest_day = max(days.values(), default=0)
    return result


def row(t: Topic) -> str:
    share = t.repeated_headline / max(t.entries, 1)
    return (
        f"| {t.topic} | {t.articles:,} | {t.entries:,} | {t.per_article:.1f} | "
        f"{t.after_report:,} ({t.after_report / max(t.entries, 1):.1%}) | {t.outside:,} | "
        f"{t.scheduled:,} | {t.background:,} | {share:.1%} | {t.busiest_day:,} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the folder prepare.py wrote")
    parser.add_argument("--topics", nargs="*", help="topics (folders of DATA/seeds/); all if none")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to build with")
    parser.add_argument("--save", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--work", type=Path, help="build here (kept: a rerun is incremental)")
    args = parser.parse_args()
    seeds = args.data / "seeds"
    topics = args.topics or sorted(p.name for p in seeds.iterdir() if p.is_dir())
    results = topics_built.each(topics, seeds, args.project, args.work, measure)
    total = Topic("all", *(sum(getattr(r, f) for r in results) for f in
                           ("articles", "entries", "after_report", "outside", "scheduled",
                            "background", "repeated_headline")),
                  max(r.busiest_day for r in results))  # fmt: skip
    print("| topic | articles | entries | per article | happened, dated after its latest report "
          "| happened, before 1900 or after the topic's last article | scheduled | background "
          "| headline repeated | busiest day |")  # fmt: skip
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in [*results, total]:
        print(row(r))
    if args.save:
        RESULTS.write_text(
            json.dumps([asdict(r) for r in [*results, total]], indent=1) + "\n", "utf-8"
        )


if __name__ == "__main__":
    main()
