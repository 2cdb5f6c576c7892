"""How many of the chronology's entries are right, judged by hand against the cited text.

    python bench/precision.py --data DATA                         # the three default topics
    python bench/precision.py --data DATA --work /tmp/prec        # builds kept: reruns are fast
    python bench/precision.py --data DATA --worksheet /tmp/sheet.md  # the unjudged, to judge
    python bench/precision.py --data DATA --topics MJ_bbc --sample 30

DATA is the folder ``../shared/benchmarks/news/prepare.py`` writes. Each topic's seeds are
extracted and assembled (``chronicle extract`` and ``assemble``: the events of
``data/events/*.json``) by this checkout, into a temporary folder unless ``--work``.

Every entry gets a key: the first 12 hex digits of the SHA-256 of its topic, date, end,
status and the sorted (article, sentence) pairs of its citations; a judgement also holds
``shown``, a hash of the entry's headline, and counts only while the headline is the same. The sample is the
``--sample`` entries, over all the topics given, whose key has the lowest SHA-256: random,
but stable, so that an entry a later change of the code leaves as it was keeps its key and
its judgement, and an entry it changes leaves the sample for another one to judge.

The judgements, one per key, are in ``tests/gold/precision/judgements.yml`` (its header
gives the protocol and the problems an entry can have; an entry is right only with none).
Per topic and over all, the bench prints the entries sampled, judged and right, the
precision (right / judged) with its 95 % Wilson interval, and how many entries have each
problem, and says how many
sampled entries are still unjudged; it writes ``bench/results/precision.json``.
``--worksheet FILE`` (a file outside the repository: it quotes the articles) writes each
unjudged sampled entry with its cited sentences, the sentence before and after each, and
the other entries of its topic on the same or nearby dates, to judge duplicates.

Nothing of the articles' text is printed or kept in the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import topics as topics_built  # noqa: E402

from generator import timeml  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "precision" / "judgements.yml"
RESULTS = ROOT / "bench" / "results" / "precision.json"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_TOPICS = ["bpoil_guardian", "Finan_washingtonpost", "MJ_bbc"]
PROBLEMS = (
    "debris",
    "not_a_happening",
    "wrong_date",
    "wrong_status",
    "fragment",
    "duplicate",
    "false_merge",
    "wrong_figure",
)
VERDICTS = ("right", "wrong")
NOTE_LENGTH = 120
NEAR_DAYS = 2
NEIGHBOURS = 20


def entry_key(topic: str, event: dict) -> str:
    """The entry's key: the same as long as its date, status and citations are."""
    cited = sorted([c["article"], c["sentence"]] for c in event["citations"])
    whole = [topic, event["date"], event["end"], event["status"], cited]
    return hashlib.sha256(json.dumps(whole).encode("utf-8")).hexdigest()[:12]


def shown(event: dict) -> str:
    """What a judgement of the entry also rests on: the words that head it. A change that
    gives the entry another headline calls for a new judgement."""
    words = event.get("headline") or event["text"]
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:8]


def draw(key: str) -> str:
    """Where the entry of ``key`` falls in the random, stable order of the sample."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def problems_in(judgements: object) -> list[str]:
    """What is wrong with the judgements file's content, or nothing."""
    if not isinstance(judgements, list):
        return ["the file is not a list of judgements"]
    found, seen = [], set()
    for number, item in enumerate(judgements, start=1):
        where = f"judgement {number}"
        if not isinstance(item, dict):
            found.append(f"{where}: not a mapping")
            continue
        where = f"judgement {number} ({item.get('key')})"
        if set(item) != {"key", "topic", "shown", "verdict", "problems", "note"}:
            found.append(f"{where}: fields are not key, topic, shown, verdict, problems, note")
            continue
        if not (isinstance(item["shown"], str) and len(item["shown"]) == 8):
            found.append(f"{where}: shown is not the 8 hex digits of the headline's hash")
        key, problems, note = item["key"], item["problems"], item["note"]
        if not (isinstance(key, str) and len(key) == 12 and set(key) <= set("0123456789abcdef")):
            found.append(f"{where}: the key is not 12 hex digits")
        if key in seen:
            found.append(f"{where}: the key is judged twice")
        seen.add(key)
        if not isinstance(item["topic"], str) or not item["topic"]:
            found.append(f"{where}: no topic")
        if item["verdict"] not in VERDICTS:
            found.append(f"{where}: the verdict is not right or wrong")
        if not isinstance(problems, list) or not set(problems) <= set(PROBLEMS):
            found.append(f"{where}: problems outside {', '.join(PROBLEMS)}")
            continue
        if len(set(problems)) != len(problems):
            found.append(f"{where}: a problem is given twice")
        if (item["verdict"] == "right") != (not problems):
            found.append(f"{where}: right must have no problem, wrong at least one")
        if not isinstance(note, str) or len(note) > NOTE_LENGTH:
            found.append(f"{where}: the note is not a string of at most {NOTE_LENGTH} chars")
    return found


def judgements(path: Path = GOLD) -> dict[str, dict]:
    """The judgements by key, checked."""
    if not path.exists():
        return {}
    loaded = yaml.load(path.read_text("utf-8"), Loader=LOADER) or []
    if wrong := problems_in(loaded):
        raise SystemExit(f"{path}:\n" + "\n".join(wrong))
    return {item["key"]: item for item in loaded}


@dataclass
class Entry:
    topic: str
    key: str
    event: dict
    content: Path


@dataclass
class Topic:
    topic: str
    entries: int = 0
    sampled: int = 0
    judged: int = 0
    right: int = 0
    problems: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PROBLEMS, 0))

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None

    def add(self, other: Topic) -> None:
        for name in ("entries", "sampled", "judged", "right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in PROBLEMS:
            self.problems[name] += other.problems[name]


def collect(topic: str, content: Path) -> list[Entry]:
    return [Entry(topic, entry_key(topic, e), e, content) for e in topics_built.events(content)]


def judged(entry: Entry, gold: dict) -> dict | None:
    """The entry's judgement, if one is of the entry as it is shown now."""
    judgement = gold.get(entry.key)
    if judgement is None or judgement["topic"] != entry.topic:
        return None
    return judgement if judgement["shown"] == shown(entry.event) else None


def score(topic: str, entries: list[Entry], sample: list[Entry], gold: dict) -> Topic:
    result = Topic(topic, len(entries))
    for entry in sample:
        result.sampled += 1
        judgement = judged(entry, gold)
        if judgement is None:
            continue
        result.judged += 1
        result.right += judgement["verdict"] == "right"
        for problem in judgement["problems"]:
            result.problems[problem] += 1
    return result


def wilson(right: int, judged: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a precision of ``right`` out of ``judged``."""
    if not judged:
        return (0.0, 1.0)
    p, n = right / judged, judged
    middle = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return (max(0.0, middle - half), min(1.0, middle + half))


# The worksheet: it quotes the articles, so it is written outside the repository.


class Articles:
    """The built articles' sentences, read from their seeds by the bounds their pages give."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self.read: dict[tuple[Path, str], list[str]] = {}

    def sentences(self, content: Path, slug: str) -> list[str]:
        if (content, slug) not in self.read:
            data = topics_built.front_matter(content / "articles" / f"{slug}.md")
            source = data.get("source") or ""
            text = topics_built.seed_text(self.seeds, source) if source else ""
            spans = [(int(a), int(b)) for a, b in data.get("sentences") or ()]
            self.read[content, slug] = [" ".join(text[a:b].split()) for a, b in spans]
        return self.read[content, slug]


def _day(event: dict) -> dt.date | None:
    if event["precision"] != "day" or event["end"]:
        return None
    return dt.date.fromisoformat(event["date"][:10])


def neighbours(entry: Entry, others: list[Entry]) -> list[tuple[int, Entry]]:
    """The other entries of the topic of the same date, or (a day's) within two days."""
    day, found = _day(entry.event), []
    for other in others:
        if other.key == entry.key:
            continue
        other_day = _day(other.event)
        if day and other_day and abs((other_day - day).days) <= NEAR_DAYS:
            found.append((abs((other_day - day).days), other))
        elif other.event["date"] == entry.event["date"]:
            found.append((0, other))
    found.sort(key=lambda p: (p[0], -p[1].event.get("salience", 0), p[1].event["date"]))
    return found[:NEIGHBOURS]


def _label(event: dict) -> str:
    text = timeml.label(event["date"])
    return f"{text} – {timeml.label(event['end'])}" if event["end"] else text


def sheet_entry(entry: Entry, others: list[Entry], articles: Articles) -> list[str]:
    e = entry.event
    lines = [
        f"## {entry.key} · {entry.topic} · {_label(e)} ({e['date']}"
        + (f" → {e['end']}" if e["end"] else "")
        + ")",
        "",
        f"- precision {e['precision']}, status **{e['status']}**, reported_only "
        f"{e['reported_only']}, in_passing {e['in_passing']}",
        f"- headline (from report {e.get('headline_from')}): **{e.get('headline') or e['text']}**",
    ]
    if e["places"]:
        lines.append("- places: " + ", ".join(p["name"] for p in e["places"]))
    if e["actors"]:
        lines.append("- actors: " + ", ".join(e["actors"]))
    for figure in e["figures"]:
        fields = ("category", "group", "source", "place", "scope", "period")
        shown = ", ".join(f"{k} {figure[k]}" for k in fields if figure.get(k))
        lines.append(f"- figure: {figure['text']} = {figure['value']} ({shown})")
    for number, citation in enumerate(e["citations"], start=1):
        sentences = articles.sentences(entry.content, citation["article"])
        at = int(citation["sentence"][1:]) - 1
        lines += [
            "",
            f"{number}. *{citation['title']}* ({citation['published']}), "
            f"{citation['article']} {citation['sentence']}: report “{citation['text']}”",
        ]
        for index, mark in ((at - 1, "before"), (at, "CITED"), (at + 1, "after")):
            if 0 <= index < len(sentences):
                lines.append(f"    - {mark} s{index + 1}: {sentences[index]}")
    near = neighbours(entry, others)
    lines += ["", f"Other entries near this date ({len(near)}):"]
    for distance, other in near:
        o = other.event
        cited = ", ".join(f"{c['article'][:30]} {c['sentence']}" for c in o["citations"][:3])
        lines.append(
            f"- [{_label(o)}, {o['status']}{', ±' + str(distance) if distance else ''}] "
            f"{o.get('headline') or o['text']} ({cited})"
        )
    return [*lines, "", "---", ""]


def worksheet(path: Path, todo: list[Entry], every: list[Entry], seeds: Path) -> None:
    articles, lines = Articles(seeds), [f"# Precision worksheet: {len(todo)} entries to judge", ""]
    by_topic: dict[str, list[Entry]] = {}
    for entry in every:
        by_topic.setdefault(entry.topic, []).append(entry)
    for entry in todo:
        lines += sheet_entry(entry, by_topic[entry.topic], articles)
    path.write_text("\n".join(lines), "utf-8")


def row(t: Topic) -> str:
    low, high = wilson(t.right, t.judged)
    precision = f"{t.precision:.2f} ({low:.2f}–{high:.2f})" if t.precision is not None else "-"
    counts = " | ".join(str(t.problems[p]) for p in PROBLEMS)
    return (
        f"| {t.topic} | {t.entries:,} | {t.sampled} | {t.judged} | {t.right} | "
        f"{precision} | {counts} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the folder prepare.py wrote")
    parser.add_argument("--topics", nargs="*", default=DEFAULT_TOPICS, help="folders of seeds/")
    parser.add_argument("--work", type=Path, help="build here (kept: a rerun is incremental)")
    parser.add_argument("--sample", type=int, default=80, help="entries to judge (default 80)")
    parser.add_argument("--worksheet", type=Path, help="write the unjudged entries here")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the judgements file")
    args = parser.parse_args()
    if args.worksheet and args.worksheet.resolve().is_relative_to(ROOT):
        parser.error("--worksheet quotes the articles: write it outside the repository")
    gold = judgements(args.gold)
    seeds = (args.data / "seeds").resolve()
    built = topics_built.each(args.topics, seeds, ROOT, args.work, collect)
    every = [entry for entries in built for entry in entries]
    sample = sorted(every, key=lambda e: draw(e.key))[: args.sample]
    results = [
        score(topic, entries, [e for e in sample if e.topic == topic], gold)
        for topic, entries in zip(args.topics, built, strict=True)
    ]
    total = Topic("all")
    for result in results:
        total.add(result)
    print(
        "| topic | entries | sampled | judged | right | precision (95 % interval) | "
        + " | ".join(p.replace("_", " ") for p in PROBLEMS)
        + " |"
    )
    print("|---|--:|--:|--:|--:|--:|" + "--:|" * len(PROBLEMS))
    for result in [*results, total]:
        print(row(result))
    todo = [e for e in sample if judged(e, gold) is None]
    sampled = {e.key for e in sample}
    stale = sum(1 for key, j in gold.items() if j["topic"] in args.topics and key not in sampled)
    print(
        f"\n{len(todo)} of the {len(sample)} sampled entries are unjudged"
        + (" (their precision is not counted)." if todo else ".")
        + (f" {stale} judgements are of entries no longer in the sample." if stale else "")
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "topics": [
                    {**asdict(r), "precision": r.precision, "interval": wilson(r.right, r.judged)}
                    for r in [*results, total]
                ],
                "unjudged": [e.key for e in todo],
                "stale_judgements": stale,
            },
            indent=1,
        )
        + "\n",
        "utf-8",
    )
    if args.worksheet:
        worksheet(args.worksheet, todo, every, seeds)
        print(f"Worksheet of {len(todo)} entries: {args.worksheet}")


if __name__ == "__main__":
    main()
