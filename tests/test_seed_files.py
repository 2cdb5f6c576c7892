"""What the seeds folder holds besides plain seeds: links, special files, hidden and
doubled files, unreadable ones. Nothing outside the folder is ever published, and nothing
is passed over without a line naming it; the other seeds always build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import build, reported

TEXT = " date 2023-11-08 On {day} November 2023 troops entered Rafah.\n"
SECRET = "root:x:0:0:secret-of-the-machine:/root:/bin/bash\n"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("files")
    seeds = base / "seeds"
    seeds.mkdir()
    outside = base / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET)
    (outside / "meta.yml").write_text("title: From elsewhere\n")
    (seeds / "good.txt").write_text(TEXT.format(day=1))
    os.symlink(outside / "passwd", seeds / "out.txt")
    (seeds / "real.txt").write_text(TEXT.format(day=2))
    os.symlink(seeds / "real.txt", seeds / "inside.txt")
    os.symlink(seeds / "nowhere.txt", seeds / "dangling.txt")
    os.symlink("loop.txt", seeds / "loop.txt")
    os.mkfifo(seeds / "fifo.txt")
    (seeds / "..txt").write_text(TEXT.format(day=3))
    (seeds / "both.txt").write_text(TEXT.format(day=4))
    (seeds / "both.yml").write_text("title: The yml one\n")
    (seeds / "both.yaml").write_text("title: The yaml one\n")
    (seeds / "linkedmeta.txt").write_text(TEXT.format(day=5))
    os.symlink(outside / "meta.yml", seeds / "linkedmeta.yml")
    os.mkfifo(seeds / "fifometa.yml")
    (seeds / "fifometa.txt").write_text(TEXT.format(day=6))
    (seeds / ("n" * 251 + ".txt")).write_text(TEXT.format(day=8))  # its .yaml is too long
    with open(os.fsencode(seeds) + b"/caf\xe9 \xff.txt", "w") as latin:  # crashed the build
        latin.write(TEXT.format(day=9))
    (seeds / "two\nlines.txt").write_text(TEXT.format(day=10))
    current = os.getcwd()
    try:  # a path of over 4,096 bytes, made a folder at a time
        os.chdir(seeds)
        for _ in range(24):
            os.mkdir("d" * 200)
            os.chdir("d" * 200)
        Path("deep.txt").write_text(TEXT.format(day=7))
    finally:
        os.chdir(current)
    return build(base, seeds)


def _line(lines: list[str], name: str) -> str:
    found = [line for line in lines if f"/{name}:" in line or line.endswith(f"/{name}")]
    assert len(found) == 1, (name, lines)
    return found[0]


def test_nothing_outside_the_folder_is_published(result) -> None:
    assert "Traceback" not in result.result.stderr
    for page in result.site.rglob("*"):
        if page.is_file():
            assert b"secret-of-the-machine" not in page.read_bytes(), page
    warnings = reported(result.result.stderr, "warning")
    assert "outside the folder: refused" in _line(warnings, "out.txt")
    assert "From elsewhere" not in "".join(p.read_text() for p in result.site.rglob("*.html"))
    assert "outside the folder" in _line(reported(result.result.stderr, "error"), "linkedmeta.yml")


def test_every_file_passed_over_is_named(result) -> None:
    errors = reported(result.result.stderr, "error")
    warnings = reported(result.result.stderr, "warning")
    assert result.result.returncode == 1
    assert "a link loop" in _line(errors, "loop.txt")
    assert "nowhere.txt" in _line(errors, "dangling.txt")
    assert "not a regular file" in _line(errors, "fifo.txt")
    assert "not a regular file" in _line(errors, "fifometa.yml")
    assert "hidden" in _line(warnings, "..txt")
    assert "refused" in _line(warnings, "inside.txt")
    assert "both.yml beside it is read instead" in _line(warnings, "both.yaml")
    assert "file name too long" in " ".join(errors)
    for name in ("caf\\udce9 \\udcff.txt", "two\\nlines.txt"):
        assert "its name is not UTF-8 text, or holds control characters" in _line(errors, name)


def test_the_other_seeds_build(result) -> None:
    titles = sorted(
        line.split(": ", 1)[1]
        for page in (result.content / "articles").glob("*.md")
        for line in page.read_text("utf-8").splitlines()
        if line.startswith("title: ")
    )
    assert titles == [
        "On 1 November 2023 troops entered Rafah",
        "On 2 November 2023 troops entered Rafah",
        "On 8 November 2023 troops entered Rafah",
        "The yml one",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_and_folder_are_named(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "locked").mkdir(parents=True)
    (seeds / "good.txt").write_text(TEXT.format(day=1))
    (seeds / "secret.txt").write_text(TEXT.format(day=2))
    (seeds / "locked" / "inner.txt").write_text(TEXT.format(day=3))
    (seeds / "secret.txt").chmod(0)
    (seeds / "locked").chmod(0)
    try:
        outcome = build(tmp_path, seeds)
    finally:
        (seeds / "locked").chmod(0o755)
    errors = reported(outcome.result.stderr, "error")
    assert "cannot be read" in _line(errors, "secret.txt")
    assert "cannot be read" in _line(errors, "locked")
    assert len(list((outcome.content / "articles").glob("*.md"))) == 1
