"""How well the project reads the figures real news gives (how many were killed, injured,
displaced…), against a gold made by hand (``tests/gold/figures_news/``), beside a two-line
regular expression.

    python bench/figures_news.py --data DATA                  # DATA: the folder prepare.py wrote
    python bench/figures_news.py --data DATA --work /tmp/fig  # builds kept: a rerun is quick
    python bench/figures_news.py --data DATA --errors         # and each figure it gets wrong

Each gold topic is extracted by this checkout (``chronicle extract``, as ``topics.py``
builds it) and its articles' figures (``figures`` of their front matter) inside the gold's
sentences are set against the gold's. Only the categories the project counts are scored
(those of ``data/figures.yml``): a gold figure of another category ("infected",
"other_people") is left out, and so is a figure the project finds on it. A figure is
found when its span overlaps a gold figure's, and right when its category is the gold's
and its bounds are: the same lower bound (within one: "more than 200" may be 200 or 201)
and the same upper bound, or none where the gold's range is open. A figure found on a
number the gold says is no figure (a year, an age, money…) or on no gold figure at all is
invented.

It prints precision, recall and F1 of figures found and right, per topic and over all,
for the project and the baseline; the share of gold "killed" figures the project gets
exactly right; and the invented share; and writes ``bench/results/figures_news.json``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import news_gold  # noqa: E402
from news_gold import Gold, Score  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "figures_news"
RESULTS = ROOT / "bench" / "results" / "figures_news.json"
BASELINE = re.compile(r"\b(\d[\d,]*) (?:\w+ ){0,2}?(?:were |have been |had been )?"
                      r"(killed|dead|died|injured|wounded|missing|displaced|arrested)\b")  # fmt: skip
BASELINE_CATEGORY = {"killed": "killed", "dead": "killed", "died": "killed",
                     "injured": "injured", "wounded": "injured", "missing": "missing",
                     "displaced": "displaced", "arrested": "detained"}  # fmt: skip


def categories() -> set[str]:
    data = yaml.safe_load((ROOT / "data" / "figures.yml").read_text("utf-8"))
    return set(data["categories"])


def _bound(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def right(gold: dict, found: dict) -> bool:
    """Whether a figure found has the gold's category and bounds. The project writes no
    bound it does not know (``min``, ``max`` absent) and an approximate number ("about
    150", "an estimated 50,000") as its value with neither: the gold's one number, not
    given as exact."""
    if found.get("category") != gold["category"]:
        return False
    low, high = _bound(gold.get("low")), _bound(gold.get("high"))
    f_low, f_high = _bound(found.get("min")), _bound(found.get("max"))
    if f_low is None and f_high is None and low is not None and low == high:
        return not gold.get("exact") and abs(float(found["value"]) - low) <= 1
    if low is None:
        low_ok = f_low is None or f_low == 0
    else:
        low_ok = f_low is not None and abs(f_low - low) <= 1
    high_ok = f_high is None if high is None else f_high is not None and abs(f_high - high) <= 1
    return low_ok and high_ok


def score(
    gold: Gold, figures: dict[str, list[dict]], counted: set[str], errors: list[str] | None
) -> tuple[Score, int, int, int]:
    """The score, then killed figures right, killed figures in the gold, and invented ones."""
    scored = [g for g in gold.mentions if g["category"] in counted]
    left_out = [g for g in gold.mentions if g["category"] not in counted]
    result = Score(gold=len(scored))
    killed_right = invented = 0
    for file in gold.sentences:
        for found in figures.get(file, ()):
            start, end = int(found["start"]), int(found["end"])
            if not news_gold.inside(gold, file, start, end):
                continue
            unsure = [g for g in gold.ignored if "what" not in g]
            if any(news_gold.overlaps(g, file, start, end) for g in [*unsure, *left_out]):
                continue
            result.system += 1
            match = next((g for g in scored if news_gold.overlaps(g, file, start, end)), None)
            if match is None:
                invented += 1
                _error(errors, gold, file, found, "no figure in the gold")
                continue
            result.found += 1
            if right(match, found):
                result.right += 1
                killed_right += match["category"] == "killed"
            else:
                _error(errors, gold, file, found,
                       f"gold {match['category']} {match.get('low')}-{match.get('high')}")  # fmt: skip
    killed = sum(g["category"] == "killed" for g in scored)
    return result, killed_right, killed, invented


def _error(errors: list[str] | None, gold: Gold, file: str, found: dict, why: str) -> None:
    if errors is not None:
        errors.append(
            f"{gold.topic} {file}@{found['start']} {found.get('text')!r} -> "
            f"{found.get('category')} {found.get('value')} [{found.get('min')}, {found.get('max')}]: "
            f"{why}"
        )


def baseline(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """The two-line regular expression: a number, then a word of harm within three words."""
    found = []
    for start, end in spans:
        for m in BASELINE.finditer(text, start, end):
            value = float(m.group(1).replace(",", ""))
            found.append({"start": m.start(1), "end": m.end(1), "text": m.group(1),
                          "category": BASELINE_CATEGORY[m.group(2)],
                          "min": value, "max": value})  # fmt: skip
    return found


def main() -> None:
    run = news_gold.run(__doc__.split("\n\n")[0], GOLD, "figures", ROOT)
    cache, golds, errors, counted = run.texts, run.golds, run.errors, categories()
    totals = {"project": [Score(), 0, 0, 0], "two-line regex": [Score(), 0, 0, 0]}
    rows, results = [], {"topics": {}}
    for gold, figures in zip(golds, run.built, strict=True):
        regex = {file: baseline(cache[file], spans) for file, spans in gold.sentences.items()}
        for name, found in (("project", figures), ("two-line regex", regex)):
            s, killed_right, killed, invented = score(
                gold, found, counted, errors if name == "project" else None
            )
            total = totals[name]
            total[0].add(s)
            total[1] += killed_right
            total[2] += killed
            total[3] += invented
            rows.append(news_gold.row(f"{gold.topic} ({name})", s))
            results["topics"].setdefault(gold.topic, {})[name] = s.__dict__
        if gold.lost:
            rows.append(f"| {gold.topic}: {gold.lost} gold items no longer match their text | |")
    print(news_gold.HEADER)
    for name, (s, killed_right, killed, invented) in totals.items():
        rows.append(news_gold.row(f"**all ({name})**", s))
        results[name] = {**s.__dict__, "right_f1": round(s.prf(s.right)[2], 3),
                         "killed_exact": killed_right, "killed": killed, "invented": invented}  # fmt: skip
    print("\n".join(rows))
    for name, (s, killed_right, killed, invented) in totals.items():
        share = killed_right / killed if killed else 0.0
        made = invented / s.system if s.system else 0.0
        print(f"\n{name}: killed figures exactly right {killed_right} of {killed} ({share:.2f}); "
              f"invented {invented} of {s.system} figures found ({made:.1%})")  # fmt: skip
    if errors:
        print("\n" + "\n".join(errors))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
