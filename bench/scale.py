"""How the build scales: a made-up corpus of N articles, built and measured.

    python bench/scale.py                       # N = 100 and 1,000, 3 runs each
    python bench/scale.py --sizes 100,1000,10000 --runs 3
    python bench/scale.py --sizes 100 --runs 1 --keep /tmp/corpus   # look at the corpus

Each article is recombined from a vocabulary of news sentence patterns (dates absolute
and relative, places of the region, figures with their sources, sentences with none), with
publication dates spread over several years, so that extraction does real work on every
file. For each N it measures, as medians of the runs:

* a whole ``chronicle build`` with a cold cache, split into its stages as the build
  reports them (extraction, assembly, mkdocs);
* a rebuild after one seed changed (warm cache);
* peak memory of the build process (maximum resident set size);
* the size of ``site/``: total bytes, HTML pages, bytes per HTML page, search index.

It prints a table and writes it as JSON to ``bench/results/scale-<sizes>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

PLACES = ["Rafah", "Khan Younis", "Gaza City", "Jabalia", "Deir al-Balah", "Beit Hanoun",
          "Nuseirat", "Bureij", "Jenin", "Nablus", "Tulkarm", "Hebron", "Ramallah",
          "Tel Aviv", "Ashkelon", "Sderot", "Jerusalem", "Haifa", "Beirut", "Cairo", "Doha",
          "Amman", "the West Bank", "northern Gaza", "southern Israel"]  # fmt: skip
SOURCES = ["the Gaza Health Ministry", "the Israeli military", "the United Nations",
           "OCHA", "Gaza's civil defence agency", "the Palestinian Red Crescent",
           "Israeli officials", "UNRWA"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
PATTERNS = [
    "At least {n} people were killed in {place} on {weekday}, according to {source}.",
    "Israeli strikes hit {place} on {absolute}, {source} said.",
    "{source} said {n} people had been injured in {place} since {weekday}.",
    "{big} rockets were fired from Gaza toward {place} overnight, the Israeli military said.",
    "Talks on a ceasefire resumed in {city} on {absolute}.",
    "Troops entered {place} on {weekday} after days of heavy shelling.",
    "About {big} people have been displaced from {place} in the past week, {source} said.",
    "The death toll in {place} rose to {big} on {weekday}, {source} said.",
    "{n} hostages remain in Gaza, Israeli officials said on {weekday}.",
    "Residents of {place} described scenes of chaos as families fled on foot.",
    "Aid trucks waited at the crossing for a third day.",
    "Hospitals in {place} said they were running out of fuel and medicine.",
    "The fighting began after the attack of {past}, which set off the war.",
    "Officials in {city} said the proposal was still under discussion.",
    "Witnesses said the strike on {place} came without warning.",
]
CITIES = ["Cairo", "Doha", "Amman", "Paris", "Washington"]


def _date_words(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


START = dt.date(2019, 1, 1)


def span_days(size: int, per_month: int) -> int:
    """Days the corpus covers: a newsroom's steady rate of articles a month, so that a
    larger corpus covers more time (as one does that grows for years); 0 per month spreads
    any size over seven years."""
    return 7 * 365 if per_month <= 0 else max(1, round(size / per_month * 365 / 12))


def make_article(rng: random.Random, number: int, days: int = 7 * 365) -> tuple[str, dt.date]:
    published = START + dt.timedelta(days=rng.randrange(days))
    sentences = []
    for _ in range(rng.randint(8, 24)):
        pattern = rng.choice(PATTERNS)
        sentences.append(
            pattern.format(
                n=rng.randint(2, 90),
                big=f"{rng.randint(1, 40) * 1000 + rng.randint(0, 999):,}",
                place=rng.choice(PLACES),
                source=rng.choice(SOURCES),
                weekday=rng.choice(WEEKDAYS),
                absolute=_date_words(published - dt.timedelta(days=rng.randint(0, 20))),
                past=_date_words(published - dt.timedelta(days=rng.randint(30, 900))),
                city=rng.choice(CITIES),
            )
        )
        sentences[-1] = sentences[-1][0].upper() + sentences[-1][1:]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return f" date {published.isoformat()} " + "\n".join(paragraphs) + "\n", published


def make_corpus(folder: Path, size: int, per_month: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    days = span_days(size, per_month)
    for number in range(size):
        text, _ = make_article(rng, number, days)
        (folder / f"{number:05d}.txt").write_text(text, "utf-8")


def run(command: list[str], env: dict[str, str]) -> tuple[str, float, int]:
    """The command's report, its wall time in seconds and its peak memory in bytes."""
    with tempfile.TemporaryFile("w+") as report:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=report, text=True)  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        report.seek(0)
        text = report.read()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{text}")
    return text, seconds, usage.ru_maxrss * 1024  # kilobytes on Linux


def _stage_seconds(report: str) -> dict[str, float]:
    match = re.search(r"^seconds:\s+(.*)$", report, re.M)
    if not match:
        return {}
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)", match.group(1))}


def _site_sizes(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    index = site / "search" / "search_index.json"
    page_bytes = sum(p.stat().st_size for p in pages)
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_pages": len(pages),
        "bytes_per_page": page_bytes / len(pages) if pages else 0,
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
    }


def measure(size: int, runs: int, work: Path, per_month: int) -> dict:
    """Median figures of ``runs`` cold builds and one-seed rebuilds of a corpus of ``size``."""
    seeds, content, site, cache = (work / name for name in ("seeds", "content", "site", "cache"))
    shutil.rmtree(work, ignore_errors=True)
    make_corpus(seeds, size, per_month)
    cache.mkdir(parents=True)
    for compiled in (ROOT / ".cache").glob("gazetteer-*.pickle"):
        shutil.copy(compiled, cache / compiled.name)
    env = {**os.environ, "CHRONICLE_CACHE": str(cache)}
    build = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds),
             "--content", str(content), "--site", str(site)]  # fmt: skip
    cold: list[dict] = []
    warm: list[dict] = []
    changed = sorted(seeds.glob("*.txt"))[size // 2]
    for number in range(runs):
        shutil.rmtree(content, ignore_errors=True)
        for kept in ("extract", "assemble", "mkdocs"):  # all a build keeps for the next
            shutil.rmtree(cache / kept, ignore_errors=True)
        report, seconds, memory = run(build, env)
        cold.append({"total": seconds, "memory": memory, **_stage_seconds(report)})
        with changed.open("a", encoding="utf-8") as handle:
            handle.write(f"Officials said on Monday that talks would resume ({number}).\n")
        report, seconds, memory = run(build, env)
        if "1 extracted" not in report:
            raise SystemExit(f"the rebuild did not extract exactly one seed:\n{report}")
        warm.append({"total": seconds, "memory": memory, **_stage_seconds(report)})

    def median(rows: list[dict], key: str) -> float:
        return statistics.median(row.get(key, 0.0) for row in rows)

    keys = ("total", "extraction", "assembly", "mkdocs", "memory")
    result = {
        "articles": size,
        "runs": runs,
        "per_month": per_month,
        "months": round(span_days(size, per_month) / 365 * 12, 1),
        "build": {key: median(cold, key) for key in keys},
        "rebuild_one": {key: median(warm, key) for key in keys},
        **_site_sizes(site),
    }
    build_figures = result["build"]
    generator = build_figures["extraction"] + build_figures["assembly"]
    result["generator_share_of_mkdocs"] = generator / build_figures["mkdocs"]
    result["seconds_per_article"] = build_figures["total"] / size
    return result


def table(results: list[dict]) -> str:
    rows = [
        ("articles", lambda r: f"{r['articles']:,}"),
        ("months covered", lambda r: f"{r['months']:g}"),
        ("build, s", lambda r: f"{r['build']['total']:.1f}"),
        ("  extraction, s", lambda r: f"{r['build']['extraction']:.1f}"),
        ("  assembly, s", lambda r: f"{r['build']['assembly']:.1f}"),
        ("  mkdocs, s", lambda r: f"{r['build']['mkdocs']:.1f}"),
        ("generator / mkdocs", lambda r: f"{r['generator_share_of_mkdocs']:.0%}"),
        ("ms per article", lambda r: f"{r['seconds_per_article'] * 1000:.1f}"),
        ("one-seed rebuild, s", lambda r: f"{r['rebuild_one']['total']:.1f}"),
        ("  its generator part, s", lambda r: f"{r['rebuild_one']['extraction'] + r['rebuild_one']['assembly']:.2f}"),
        ("peak memory, MB", lambda r: f"{r['build']['memory'] / 1e6:.0f}"),
        ("site, MB", lambda r: f"{r['site_bytes'] / 1e6:.1f}"),
        ("HTML pages", lambda r: f"{r['html_pages']:,}"),
        ("kB per HTML page", lambda r: f"{r['bytes_per_page'] / 1e3:.1f}"),
        ("search index, MB", lambda r: f"{r['search_index_bytes'] / 1e6:.2f}"),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    lines = []
    for name, shown in rows:
        lines.append(f"{name:<{width}}  " + "  ".join(f"{shown(r):>9}" for r in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3, help="builds per size (median)")
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it")
    parser.add_argument("--per-month", type=int, default=40,
                        help="articles published a month (0: any size over seven years)")  # fmt: skip
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for size in sizes:
        work = (args.keep or Path(tempfile.mkdtemp(prefix="chronicle-scale-"))) / str(size)
        results.append(measure(size, args.runs, work, args.per_month))
        print(f"N = {size:,} done", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(work.parent, ignore_errors=True)
    print(table(results))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"scale-{'-'.join(map(str, sizes))}.json"
    out.write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2) + "\n")
    print(f"written: {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
