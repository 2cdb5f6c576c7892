"""``chronicle serve``: a changed seed shows in the served site, extracted alone."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from conftest import ROOT
from test_rebuilds import private_cache

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition: Callable[[], T], seconds: float, what: str) -> T:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"after {seconds} s: {what}")


def test_a_changed_seed_shows_in_the_served_site(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    content = tmp_path / "content"
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    env = {**os.environ, "CHRONICLE_CACHE": str(private_cache(tmp_path))}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--seeds", str(seeds), "--content",
         str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        page = next(p for p in sorted((ROOT / "content" / "articles").glob("*.md"))
                    if "source: seeds/002" in p.read_text("utf-8"))  # fmt: skip
        url = f"http://127.0.0.1:{port}/articles/{page.stem}/"
        first = wait_for(lambda: fetch(url), 180, f"{url} served")
        sentence = "Officials said on Monday that the talks in Cairo would resume soon."
        assert sentence not in first
        seed = next(seeds.glob("002_*.txt"))
        with seed.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{sentence}\n")
        wait_for(lambda: sentence in (fetch(url) or ""), 180, "the new sentence served")
        log.seek(0)
        report = log.read()
        assert "regenerated: 1 seeds extracted, 4 from the cache" in report, report
        assert not [line for line in report.splitlines() if line.startswith("error")], report
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
