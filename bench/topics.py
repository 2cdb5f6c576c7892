"""Timeline17 topics built by a checkout, for the benches that read their events
(``entries.py``, ``merges.py``): each topic's seeds extracted and assembled (``chronicle
extract`` and ``assemble``, the events of ``data/events/*.json`` without the site), two
topics at a time, into a temporary folder or one kept for incremental reruns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import yaml

from generator.build.seeds import read_seed

T = TypeVar("T")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def build(project: Path, seeds: Path, work: Path) -> Path:
    """The topic's content folder, extracted and assembled by ``project`` under ``work``."""
    content = work / "content"
    exe = [sys.executable, "-m", "generator"]
    env_cache = {"CHRONICLE_CACHE": str(work / "cache")}
    for args in (["extract", "--seeds", str(seeds), "--content", str(content)],
                 ["assemble", "--content", str(content)]):  # fmt: skip
        done = subprocess.run(
            [*exe, *args], cwd=project, capture_output=True, text=True,
            env={**os.environ, **env_cache},
        )  # fmt: skip
        # 1 is the build's "some seeds had errors"; a crash also exits 1, with a traceback
        if done.returncode not in (0, 1) or "Traceback (most recent call last)" in done.stderr:
            raise SystemExit(f"{seeds.name}: {' '.join(args[:1])} failed:\n{done.stderr[-2000:]}")
    return content


def front_matter(path: Path) -> dict:
    """A built page's front matter ({} for a page that has none)."""
    text = path.read_text("utf-8")
    end = text.find("\n---\n", 4)
    if not text.startswith("---\n") or end < 0:
        return {}
    return yaml.load(text[4 : end + 1], Loader=LOADER) or {}


def seed_text(seeds: Path, file: str) -> str:
    """The text of a seed (``file``, relative to ``seeds``, in its topic's folder) after its
    date marker, as the project reads it: the text the golds' offsets index."""
    return read_seed(seeds / file, seeds / Path(file).parts[0], []).text


def events(content: Path) -> list[dict]:
    """The events of a content folder's ``data/events/*.json``, year by year."""
    found: list[dict] = []
    for path in sorted((content / "data" / "events").glob("*.json")):
        found += json.loads(path.read_text("utf-8"))["events"]
    return found


def each(
    topics: list[str], seeds: Path, project: Path, work: Path | None,
    use: Callable[[str, Path], T],
) -> list[T]:  # fmt: skip
    """``use(topic, content)`` of each topic (a folder of ``seeds``) as ``project`` builds
    it, in the order given."""
    with tempfile.TemporaryDirectory() as temp:

        def one(topic: str) -> T:
            content = build(
                project.resolve(), seeds / topic, (work or Path(temp)).resolve() / topic
            )
            return use(topic, content)

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(one, topics))
