"""Shared fixtures: a real build of the seeds into a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Build:
    seeds: Path
    content: Path
    site: Path
    result: subprocess.CompletedProcess


def chronicle(
    *args: str, cwd: Path = ROOT, stdin: str | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess:
    """Run the real command-line program, as a user would (with its own cache folder if
    ``cache`` is given)."""
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    if cache:
        env["CHRONICLE_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip


def reported(stderr: str, kind: str) -> list[str]:
    """The ``error:`` or ``warning:`` lines of a run's report."""
    return [line for line in stderr.splitlines() if line.startswith(f"{kind}: ")]


def build(tmp: Path, seeds: Path | None = None, *options: str, cache: Path | None = None) -> Build:
    content, site = tmp / "content", tmp / "site"
    seeds = seeds or ROOT / "seeds"
    result = chronicle(
        "build", "--seeds", str(seeds), "--content", str(content), "--site", str(site),
        *options, cache=cache,
    )  # fmt: skip
    return Build(seeds, content, site, result)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(tmp_path_factory.mktemp("build"))
    assert result.result.returncode == 0, result.result.stderr
    return result


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


def copy_seeds(target: Path) -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(path, target / path.name)


# Reading the inline SVG of charts and maps.


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def group(root: ET.Element, name: str) -> ET.Element:
    [found] = [g for g in root.iter(f"{NS}g") if g.get("class") == name]
    return found


def view_box(root: ET.Element) -> tuple[float, float]:
    x, y, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0)
    return width, height
