"""How long a seed made to be slow takes, against its size: extraction must stay linear.

    python bench/pathological.py                        # every generator, 4 kB to 990 kB
    python bench/pathological.py --only ones,dated_sentences --max-kb 64
    python bench/pathological.py --project ../old-checkout --max-kb 16   # the code before

Each generator makes a seed of a given size out of one thing repeated ("1, 1, 1, …",
thousands of dates in one sentence, one dated sentence over and over, a word as long as
the seed…). For each size it times, as the median of the runs, ``extract_seed`` and the
entries of the article (``happenings.events_of``, which the build runs when it writes
the article's page) in this process, and for a couple of sizes a whole ``chronicle
build`` of that seed alone (with a cold extraction cache), with the megabytes it wrote.
The linearity figure is the time per kB at the largest size over that at the smallest:
about 1 for linear work, the ratio of the sizes for quadratic. Beside it, the figures
the issue (22) gave for the code before the fix. It prints a Markdown table and writes
it as JSON to ``bench/results/pathological.json`` (``pathological-<folder>.json`` for
another checkout).

A size in kB is a thousand characters; every generator writes ASCII, so that the largest,
990 kB and a date marker, stays under the 1 MB a seed may have.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MARKER = "2023-05-10"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
PLACES = ["Rafah", "Gaza City", "Jenin", "Khan Younis", "Beirut", "Tel Aviv"]


def fill(piece: Callable[[int], str], size: int, separator: str = "") -> str:
    """Pieces joined by ``separator``, cut to ``size`` characters."""
    parts, length = [], 0
    while length < size:
        parts.append(piece(len(parts)))
        length += len(parts[-1]) + len(separator)
    return separator.join(parts)[:size]


def cycle(words: list[str]) -> Callable[[int], str]:
    return lambda i: words[i % len(words)]


def date(i: int, year: bool = True) -> str:
    return f"{i % 28 + 1} {MONTHS[i % 12]}" + (" 2023" if year else "")


GENERATORS: dict[str, tuple[Callable[[int], str], str | None]] = {}
"""name → (make a text of n characters, its date marker or None for an undated seed)"""


def generator(marker: str | None = MARKER) -> Callable:
    def register(make: Callable[[int], str]) -> Callable[[int], str]:
        GENERATORS[make.__name__] = (make, marker)
        return make

    return register


@generator()
def ones(n: int) -> str:
    """ "1, 1, 1, …": each number was judged on all the sentence before it."""
    return fill(cycle(["1"]), n - 1, ", ") + "."


@generator()
def json_numbers(n: int) -> str:
    """A line of numbers, as a JSON line carries them."""
    return fill(lambda i: str(i * 7919 % 100_000), n, ", ")


@generator()
def dates_one_sentence(n: int) -> str:
    """Thousands of dates in one sentence."""
    return "Troops entered Rafah on " + fill(date, n - 25, ", ") + "."


@generator(marker=None)
def undated_dates(n: int) -> str:
    """The same without years, in an undated seed: the year of each, and the publication
    date, were looked for back through the line."""
    return "Troops entered Rafah on " + fill(lambda i: date(i, False), n - 25, ", ") + "."


@generator()
def dated_sentences(n: int) -> str:
    """One dated sentence over and over: many entries, each sentence's mentions looked for
    among all the article's."""
    return fill(cycle(["On 3 May 2023 troops entered Rafah."]), n, " ")


@generator()
def long_sentence(n: int) -> str:
    """Words without a stop."""
    words = ["troops", "entered", "the", "town", "and", "army", "said"]
    return "The " + fill(cycle(words), n - 4, " ")


@generator()
def places(n: int) -> str:
    """Place names in one sentence."""
    return "Strikes hit " + fill(cycle(PLACES), n - 13, ", ") + "."


@generator()
def capitalised(n: int) -> str:
    """Capitalised words: names, places, actors."""
    return fill(cycle(["Abu", "Nasr", "Said", "Omar", "Hamas", "Israel"]), n - 1, " ") + "."


@generator()
def abbreviations(n: int) -> str:
    """Full stops that end no sentence, each judged on the sentence so far."""
    return fill(cycle(["U.S.", "Gen.", "Oct.", "Mr."]), n - 1, " ") + "."


@generator()
def nesting(n: int) -> str:
    """Quotes and parentheses opened, then closed."""
    return fill(cycle(['"(']), n // 2) + "x" + fill(cycle([')"']), n // 2 - 1)


@generator()
def stops(n: int) -> str:
    """A run of stops inside a sentence, tried at each of its characters."""
    return "Troops entered Rafah" + "!" * (n - 31) + " then left."


@generator()
def long_word(n: int) -> str:
    """A word as long as the seed after a number: split three ways (its cube)."""
    return "5 " + "a" * (n - 3) + "."


@generator()
def according_to(n: int) -> str:
    """Figures, each with its source."""
    return fill(lambda i: f"{i % 90 + 10} people were killed, according to the ministry",
                n - 1, ", ") + "."  # fmt: skip


@generator()
def said(n: int) -> str:
    """Figures, each with a verb of saying after it."""
    return fill(lambda i: f"{i % 90 + 10} people died, officials said", n - 1, ", ") + "."


@generator()
def that_said(n: int) -> str:
    """Sources that never say: each looked for a verb to the end of its stretch."""
    return "5 people were killed " + fill(cycle(["that Hamas"]), n - 39, " ") + ", officials said."


@generator()
def weekdays(n: int) -> str:
    """Relative dates, each resolved by the tense around it."""
    return "They would meet on " + fill(cycle(["Monday", "Tuesday", "Friday"]), n - 20, ", ") + "."


# What the issue measured on the code before the fix (the sizes as it gave them).
BEFORE = {
    "ones": "12 kB: 32 s; 30 kB: 212 s",
    "json_numbers": "8 k characters: 15 s; 16 k: 60 s (one JSON line)",
    "dates_one_sentence": "10,000 dates: 32 s; 20,000: 125 s",
    "dated_sentences": "940 kB: 280 s, 145 MB written (build)",
}

SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 990]


def timed(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extraction_seconds(name: str, size_kb: int, runs: int, resources: object,
                       vocabulary: object) -> float:  # fmt: skip
    from generator.chronology import happenings
    from generator.model import Metadata, Seed
    from generator.text.extract import extract_seed

    make, marker = GENERATORS[name]
    text = make(size_kb * 1000)
    seed = Seed(name, f"seeds/{name}.txt", text, "0" * 64, marker, Metadata())
    return timed(lambda: happenings.events_of(extract_seed(seed, resources), vocabulary), runs)


def build_seconds(name: str, size_kb: int, runs: int, project: Path) -> tuple[float, float, str]:
    """A whole build of the seed alone: median seconds, megabytes written, stage seconds."""
    make, marker = GENERATORS[name]
    text = make(size_kb * 1000)
    seconds, written, stages = [], 0.0, ""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "seeds").mkdir()
        (work / "seeds" / f"{name}.txt").write_text((f" date {marker} " if marker else "") + text)
        warm = work / "warm"
        subprocess.run([sys.executable, "-c", "from pathlib import Path; from generator.project "
                        "import Project; Project(Path('.')).gazetteer()"],
                       cwd=project, env={**os.environ, "CHRONICLE_CACHE": str(warm)},
                       check=True)  # fmt: skip
        for run in range(runs):
            cache, content, site = work / f"cache{run}", work / f"c{run}", work / f"s{run}"
            shutil.copytree(warm, cache)  # the gazetteer, not the extraction
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--seeds", str(work / "seeds"),
                 "--content", str(content), "--site", str(site)],
                cwd=project, env={**os.environ, "CHRONICLE_CACHE": str(cache)},
                capture_output=True, text=True,
            )  # fmt: skip
            seconds.append(time.perf_counter() - start)
            if done.returncode != 0:
                return float("nan"), 0.0, done.stderr.strip().splitlines()[-1]
            written = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
            found = re.search(r"^seconds:\s+(.*)$", done.stderr, re.M)
            stages = found.group(1) if found else ""
            shutil.rmtree(content)
            shutil.rmtree(site)
    return statistics.median(seconds), written, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated generators (default: all)")
    parser.add_argument("--max-kb", type=int, default=990, help="largest size, kB")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--build-kb", default="64,990", help="sizes of the whole builds, kB")
    parser.add_argument(
        "--give-up",
        type=float,
        default=60.0,
        help="seconds of one run past which larger sizes are not tried",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="the checkout whose generator to time (one before a fix, say)",
    )
    args = parser.parse_args()
    project = args.project.resolve()
    sys.path.insert(0, str(project))
    from generator.project import Project

    names = args.only.split(",") if args.only else list(GENERATORS)
    sizes = [s for s in SIZES if s <= args.max_kb]
    builds = [int(s) for s in args.build_kb.split(",") if s and int(s) <= args.max_kb]
    resources = Project(project).resources()
    vocabulary = Project(project).entry_words()
    results: dict[str, dict] = {}
    for name in names:
        row: dict[str, object] = {"seconds": {}, "builds": {}}
        for size in sizes:
            seconds = extraction_seconds(name, size, args.runs, resources, vocabulary)
            row["seconds"][size] = seconds
            print(f"{name} {size} kB: {seconds:.3f} s", file=sys.stderr, flush=True)
            if seconds > args.give_up:
                break
        for size in builds:
            if size in row["seconds"] and row["seconds"][size] <= args.give_up:
                seconds, written, stages = build_seconds(name, size, args.runs, project)
                row["builds"][size] = {"seconds": seconds, "megabytes": written, "stages": stages}
                print(f"{name} build {size} kB: {seconds:.1f} s, {written:.1f} MB ({stages})",
                      file=sys.stderr, flush=True)  # fmt: skip
        measured = row["seconds"]
        first, last = min(measured), max(measured)
        row["linearity"] = (measured[last] / last) / (measured[first] / first)
        results[name] = row
    print(table(results, sizes, builds))
    RESULTS.mkdir(exist_ok=True)
    name = "pathological" + ("" if project == ROOT else f"-{project.name}")
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")


def table(results: dict[str, dict], sizes: list[int], builds: list[int]) -> str:
    head = ["generator", *(f"{s} kB" for s in sizes), "linearity",
            *(f"build {s} kB" for s in builds), "before (issue 22)"]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|---|" + "--:|" * (len(head) - 2) + "---|"]
    for name, row in results.items():
        cells = [name]
        cells += [f"{row['seconds'][s]:.2f}" if s in row["seconds"] else "" for s in sizes]
        cells.append(f"{row['linearity']:.2f}")
        for size in builds:
            build = row["builds"].get(size)
            cells.append(f"{build['seconds']:.1f} s, {build['megabytes']:.1f} MB" if build else "")
        cells.append(BEFORE.get(name, ""))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
