"""The folders a run writes: never a person's (the checkout, the seeds, a folder no build
made), one run at a time, and a full disk reported in one line with nothing lost.

Every run here is the real program in a process of its own, in a copy of the project
made for the test: a refused folder that a build did delete is a copy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_seeds, reported
from test_rebuilds import private_cache, tree
from test_serve import free_port

from generator.build import folders, lock
from generator.build.storage import Guard
from generator.project import Project
from generator.site.serve import Watcher

# ---------------------------------------------------------------------------------------
# A copy of the project, with a person's files in it.


def python(cwd: Path, cache: Path, *argv: str, **env: str) -> subprocess.CompletedProcess:
    """Python run in ``cwd``, a minute at most: before folders were checked, the preview
    served a folder it should have refused, and never ended."""
    return subprocess.run(
        [sys.executable, *argv], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "CHRONICLE_CACHE": str(cache), **env}, timeout=60,
    )  # fmt: skip


def run(cwd: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return python(cwd, cache, "-m", "generator", *args, **env)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file under ``folder`` with its bytes, and every link with its target."""
    found: dict[str, bytes | str] = {}
    for directory, names, files in os.walk(folder):
        for name in names + files:
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = os.readlink(path)
            elif path.is_file():
                found[relative] = path.read_bytes()
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A checkout of the project: its settings, data, templates, seeds and committed
    content, the program (linked), and files of a person's: a repository, notes, a folder."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("data", "templates", "seeds", "content"):
        shutil.copytree(ROOT / name, root / name)
    (root / "generator").symlink_to(ROOT / "generator")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("a person's notes, not committed\n")
    (root / "own").mkdir()
    (root / "own" / "draft.md").write_text("# A person's draft\n")
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """The cache, a folder down, so that a folder can hold it without holding the project."""
    store = tmp_path / "store"
    store.mkdir()
    return Path(shutil.move(private_cache(tmp_path), store / "cache"))


# ---------------------------------------------------------------------------------------
# Folders refused, folders used.

REFUSED = [
    pytest.param("build", "--site", ".", id="site is the checkout"),
    pytest.param("build", "--site", "seeds", id="site is the seeds"),
    pytest.param("build", "--site", "..", id="site holds the checkout"),
    pytest.param("build", "--site", "content", id="site is the content"),
    pytest.param("build", "--site", "own", id="site is a person's folder"),
    pytest.param("build", "--site", "notes.txt", id="site is a file"),
    pytest.param("build", "--site", "../store", id="site holds the cache"),
    pytest.param("build", "--content", ".", id="content is the checkout"),
    pytest.param("build", "--content", "seeds", id="content is the seeds"),
    pytest.param("build", "--content", "..", id="content holds the checkout"),
    pytest.param("build", "--content", "own", id="content is a person's folder"),
    pytest.param("build", "--content", "out", "--site", "out", id="content is the site"),
    pytest.param("build", "--content", "out/c", "--site", "out", id="content in the site"),
    pytest.param("build", "--content", "own/c", "--site", "own", id="site holds the content"),
    pytest.param("build", "--site", "seeds/site", id="site inside the seeds"),
    pytest.param("build", "--content", "seeds/content", id="content inside the seeds"),
    pytest.param("extract", "--content", ".", id="extract into the checkout"),
    pytest.param("extract", "--content", "own", id="extract into a person's folder"),
    pytest.param("assemble", "--content", "seeds", id="assemble into the seeds"),
    pytest.param("assemble", "--content", "own", id="assemble into a person's folder"),
    pytest.param("serve", "--content", ".", id="serve the checkout"),
    pytest.param("serve", "--content", "own", id="serve a person's folder"),
]


@pytest.mark.parametrize("args", [p.values for p in REFUSED], ids=[p.id for p in REFUSED])
def test_a_folder_that_is_not_the_builds_is_refused(
    args: tuple[str, ...], project: Path, cache: Path, tmp_path: Path
) -> None:
    if args[0] == "serve":
        args = (*args, "--dev-addr", f"127.0.0.1:{free_port()}")
    before = snapshot(tmp_path)
    result = run(project, cache, *args)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "nothing was changed" in line, line
    assert snapshot(tmp_path) == before


def test_folders_the_build_may_use(project: Path, cache: Path) -> None:
    """The checkout's own content/ (committed with its marker) and a site/ not there yet;
    an empty folder and folders not there; and each again, marked by the build before."""
    assert (ROOT / "content" / folders.CONTENT.mark).read_text() == folders.CONTENT.text
    mine = {k: v for k, v in snapshot(project).items() if k.startswith((".git", "notes", "own"))}
    first = run(project, cache, "build")
    assert first.returncode == 0, first.stderr
    assert (project / "site" / folders.SITE.mark).is_file()
    assert (project / "site" / "index.html").is_file()

    (project / "empty").mkdir()
    args = ("build", "--content", "new/content", "--site", "empty")
    second = run(project, cache, *args)
    assert second.returncode == 0, second.stderr
    assert (project / "new" / "content" / folders.CONTENT.mark).is_file()
    notes = project / "new" / "content" / "places" / "notes.md"
    notes.write_text("# A person's page among the generated ones\n")
    for again in (run(project, cache, *args), run(project, cache, "build")):
        assert again.returncode == 0, again.stderr
    assert (project / "empty" / folders.SITE.mark).is_file()
    assert notes.is_file()
    assert {k: v for k, v in snapshot(project).items() if k in mine} == mine


# ---------------------------------------------------------------------------------------
# One run at a time.


def test_builds_of_the_same_folders_at_once_take_turns(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    copy_seeds(seeds)
    content, site = tmp_path / "content", tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds),
               "--content", str(content), "--site", str(site)]  # fmt: skip
    env = {**os.environ, "CHRONICLE_CACHE": str(private_cache(tmp_path))}
    builds = [subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
              for _ in range(3)]  # fmt: skip
    reports = [b.communicate(timeout=300)[1] for b in builds]
    for b, report in zip(builds, reports, strict=True):
        assert b.returncode == 0 and "Traceback" not in report, report
        assert not reported(report, "error"), report
    assert any("waiting for the build of pid" in report for report in reports), reports
    guard = Guard(content)
    for relative in tree(content):
        assert guard.edited(relative) is None, relative
    for page in (content / "articles").glob("*.md"):
        assert (site / "articles" / page.stem / "index.html").is_file(), page
    assert (site / "search" / "search_index.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_folder_another_run_is_making_is_waited_for_not_refused(tmp_path: Path) -> None:
    """What a folder holds is checked under the lock: a build that holds it may be writing
    its marker (seen as one refusal in 24 builds of 4 at once)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    copy_seeds(seeds)
    store, content = private_cache(tmp_path), tmp_path / "content"
    command = [sys.executable, "-m", "generator", "extract", "--seeds", str(seeds),
               "--content", str(content)]  # fmt: skip
    env = {**os.environ, "CHRONICLE_CACHE": str(store)}
    with lock.held(store, [content], print, "test"):
        content.mkdir()
        marking = content / f".{folders.CONTENT.mark}.x1y2z3w4.tmp"  # as write_atomic names it
        marking.write_text(folders.CONTENT.text)
        extract = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        assert extract.stderr and extract.stderr.readline().startswith("waiting for the build")
        marking.rename(content / folders.CONTENT.mark)
    report = extract.communicate(timeout=120)[1]
    assert extract.returncode == 0, report
    assert (content / "articles").is_dir()


HOLD = """
import sys, time
from pathlib import Path
from generator.build import lock
with lock.held(Path(sys.argv[1]), [Path(sys.argv[2])], print, "build"):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_held_lock_is_waited_for_then_named_and_a_dead_holders_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    copy_seeds(seeds)
    store, content = private_cache(tmp_path), tmp_path / "content"
    extract = ("extract", "--seeds", str(seeds), "--content", str(content))
    pid = f"pid {os.getpid()} (chronicle test"
    with lock.held(store, [content], print, "test"):
        result = run(ROOT, store, *extract, CHRONICLE_LOCK_WAIT="1")
        assert result.returncode == 1, result.stderr
        assert f"waiting for the build of {pid}" in result.stderr
        [error] = reported(result.stderr, "error")
        assert pid in error and "Traceback" not in result.stderr
        assert not (content / "articles").exists()

        told: list[str] = []
        monkeypatch.setenv("CHRONICLE_CACHE", str(store))
        monkeypatch.setenv("CHRONICLE_LOCK_WAIT", "0.5")
        Watcher(Project(ROOT), seeds, content, told.append).regenerate()
        assert told[0].startswith(f"waiting for the build of {pid}"), told
        assert told[-1].startswith("error: ") and pid in told[-1], told

    for wait in ("soon", "-1", "nan"):
        result = run(ROOT, store, *extract, CHRONICLE_LOCK_WAIT=wait)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        [error] = reported(result.stderr, "error")
        assert f"CHRONICLE_LOCK_WAIT={wait!r}" in error

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store), str(content)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout and holder.stdout.readline() == "held\n"
    holder.kill()  # as kill -9: its lock file stays, with its pid
    holder.wait()
    assert f'"pid": {holder.pid}' in lock.path_of(store, content).read_text()
    started = time.monotonic()
    result = run(ROOT, store, *extract)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr and time.monotonic() - started < 30
    assert not lock.path_of(store, content).exists()


# ---------------------------------------------------------------------------------------
# A full disk.

FULL = """
import errno, os, sys
from pathlib import Path
import mkdocs.utils
from generator.build import storage

kind, where = sys.argv[1], sys.argv[2]


def full(path):
    return str(path).startswith(where)


class Filling:
    '''A file on a full disk: a write stops half way.'''

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class Os:
    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, *args, **kwargs):
        handle = os.fdopen(fd, *args, **kwargs)
        return Filling(handle) if full(os.readlink(f"/proc/self/fd/{fd}")) else handle


write_file = mkdocs.utils.write_file


def write_site_file(content, output_path):
    if not full(output_path):
        return write_file(content, output_path)
    with open(output_path, "wb") as handle:
        Filling(handle).write(content)


if kind == "storage":
    storage.os = Os()
else:
    mkdocs.utils.write_file = write_site_file
from generator.cli import main

sys.argv = ["chronicle", *sys.argv[3:]]
main()
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name an fd's file")
def test_a_full_disk_is_one_line_and_the_next_build_gives_the_same_bytes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    copy_seeds(seeds)
    store = private_cache(tmp_path)
    first = build(tmp_path, seeds, cache=store)
    assert first.result.returncode == 0, first.result.stderr
    site = tree(first.site)
    for path in seeds.glob("*.txt"):
        path.write_text(path.read_text() + "\nAt least 3 people were killed in Rafah on Monday.\n")
    (tmp_path / "whole").mkdir()
    whole = build(tmp_path / "whole", seeds, cache=private_cache(tmp_path / "whole"))
    assert whole.result.returncode == 0, whole.result.stderr
    args = ("build", "--seeds", str(seeds), "--content", str(first.content),
            "--site", str(first.site))  # fmt: skip
    full_at = [("storage", store / "extract"), ("storage", first.content / "articles"),
               ("storage", first.content / "chronology"), ("storage", store / "assemble"),
               ("mkdocs", tmp_path / ".site.")]  # fmt: skip
    for kind, where in full_at:
        result = python(ROOT, store, "-c", FULL, kind, str(where), *args)
        assert result.returncode == 1, (where, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        [error] = reported(result.stderr, "error")
        assert "No space left on device (no space left on device?" in error, error
        guard = Guard(first.content)
        for relative in tree(first.content):
            assert guard.edited(relative) is None, (where, relative)
        assert tree(first.site) == site, where
    again = build(tmp_path, seeds, cache=store)
    assert again.result.returncode == 0, again.result.stderr
    assert tree(again.content) == tree(whole.content)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
