"""Bad input across the kinds of seed: files of other kinds named, two seeds of one name,
bytes that are not UTF-8, pages that lose their article; each a line naming the file, the
other seeds built, nothing already built lost. ``chronicle check`` says what ``build``
says of every kind."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, chronicle, reported
from test_bad_input import pages

from generator.build import seeds

FIXTURES = ROOT / "tests" / "fixtures" / "html"
GOOD = " date 2024-02-06 Troops entered Rafah on Monday. At least 5 people were killed."
KINDS = "(seeds are .txt, .md, .html, .htm or .jsonl files)"


def test_files_of_other_kinds_are_named_and_not_read(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "good.txt").write_text(GOOD)
    for name in ("notes.docx", "scan.pdf", "page.xhtml", "feed.json", "SHOUT.TXT"):
        (seed_dir / name).write_bytes(b"Troops entered Rafah on Monday.")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    warnings = reported(result.result.stderr, "warning")
    for name in ("notes.docx", "scan.pdf", "page.xhtml", "feed.json", "SHOUT.TXT"):
        assert f"warning: {seed_dir / name}: ignored {KINDS}" in warnings
    assert set(pages(result)) == {"good.txt"}
    strict = chronicle("check", "--strict", "--seeds", str(seed_dir))
    assert strict.returncode == 1
    assert reported(strict.stderr, "warning") == warnings


def test_a_page_saved_as_htm_is_a_page(seed_dir: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "json-ld.html", seed_dir / "talks.htm")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    assert pages(result)["talks.htm"].meta["publisher"] == "Desert Wire"


def test_two_seeds_of_one_name_are_errors_and_the_page_stays(
    seed_dir: Path, tmp_path: Path
) -> None:
    """``a.txt`` and ``a.html`` would be one article with one metadata file: neither is
    read until one is renamed, and the page the first made stays meanwhile."""
    (seed_dir / "a.txt").write_text(GOOD)
    first = build(tmp_path, seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    page = pages(first)["a.txt"].path.read_bytes()
    shutil.copy(FIXTURES / "open-graph.html", seed_dir / "a.html")
    second = build(tmp_path, seed_dir)
    assert second.result.returncode == 1
    errors = reported(second.result.stderr, "error")
    assert errors == [
        f"error: {seed_dir / 'a.html'}: {seed_dir / 'a.txt'} has the same name: two seeds of one "
        "name would be one article, with one metadata file; rename one",
        f"error: {seed_dir / 'a.txt'}: {seed_dir / 'a.html'} has the same name: two seeds of one "
        "name would be one article, with one metadata file; rename one",
    ]
    assert pages(second)["a.txt"].path.read_bytes() == page
    assert reported(chronicle("check", "--seeds", str(seed_dir)).stderr, "error") == errors


def test_a_page_that_loses_its_article_keeps_its_last_good_page(
    seed_dir: Path, tmp_path: Path
) -> None:
    (seed_dir / "good.txt").write_text(GOOD)
    shutil.copy(FIXTURES / "open-graph.html", seed_dir / "floods.html")
    first = build(tmp_path, seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    page = pages(first)["floods.html"].path
    kept = page.read_bytes()
    shutil.copy(FIXTURES / "no-article.html", seed_dir / "floods.html")
    second = build(tmp_path, seed_dir)
    assert second.result.returncode == 1
    (error,) = reported(second.result.stderr, "error")
    assert error.startswith(f"error: {seed_dir / 'floods.html'}: no article text found")
    assert page.read_bytes() == kept
    assert (second.site / "articles" / page.stem / "index.html").is_file()
    assert (
        f"warning: {page}: the page of the last good build is kept until the seed's error is fixed"
        in (reported(second.result.stderr, "warning"))
    )


def test_bytes_that_are_not_utf8(seed_dir: Path, tmp_path: Path) -> None:
    """A page or Markdown file in Windows-1252 is read so, with a warning, as a .txt is;
    one in UTF-16 with its mark too; a binary file under a seed's name is an error."""
    page = (
        (FIXTURES / "json-ld.html").read_text("utf-8").replace("Cairo on Sunday", "Café on Sunday")
    )
    (seed_dir / "latin.html").write_bytes(page.encode("cp1252"))
    (seed_dir / "cafe.md").write_bytes("Troops left the Café Jenin on Monday.\n".encode("cp1252"))
    (seed_dir / "wide.html").write_bytes(
        codecs.BOM_UTF16_LE + (FIXTURES / "comments.html").read_text("utf-8").encode("utf-16-le")
    )
    (seed_dir / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 400)
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 1
    warnings = reported(result.result.stderr, "warning")
    for name in ("latin.html", "cafe.md"):
        assert f"warning: {seed_dir / name}: not UTF-8; read as Windows-1252" in warnings
    assert f"warning: {seed_dir / 'wide.html'}: read as UTF-16; UTF-8 is preferred" in warnings
    found = pages(result)
    assert "Café on Sunday" in found["latin.html"].body
    assert "Café Jenin" in found["cafe.md"].body
    assert found["wide.html"].meta["publisher"] == "Cedar Post"
    assert reported(result.result.stderr, "error") == [
        f"error: {seed_dir / 'picture.html'}: looks like a binary file, not text"
    ]


def test_a_page_over_the_file_limit_is_refused(seed_dir: Path) -> None:
    shutil.copy(FIXTURES / "open-graph.html", seed_dir / "big.html")
    (seed_dir / "big.jsonl").write_text(json.dumps({"text": "x" * 2000}) + "\n")
    loaded = seeds.load(seed_dir, seeds.Rules(max_file_bytes=1000, max_bytes=100))
    assert sorted(e.problem.split(":")[0] for e in loaded.errors) == ["too large", "too large"]
    assert all("seeds.max_file_bytes" in e.problem for e in loaded.errors)
    assert loaded.failed == {"big", "big.jsonl/"}


def test_an_article_over_the_text_limit_is_refused(seed_dir: Path) -> None:
    (seed_dir / "feed.jsonl").write_text(
        json.dumps({"text": "x" * 2000}) + "\n" + json.dumps({"text": "Short."}) + "\n"
    )
    shutil.copy(FIXTURES / "open-graph.html", seed_dir / "page.html")
    loaded = seeds.load(seed_dir, seeds.Rules(max_bytes=500))
    problems = sorted(e.problem for e in loaded.errors)
    assert problems[0].startswith("line 1: too large")
    assert problems[1].startswith("too large: its article text is over the limit")
    assert [s.text for s in loaded.seeds] == ["Short."]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.md", "---\ntitle: [x\n"),
        ("b.jsonl", '{"title": "No text"}\n'),
        ("c.html", (FIXTURES / "no-article.html").read_text("utf-8")),
        ("d.txt", "   \n"),
        ("e.md", "---\npublished: 05/06/2021\n---\nText.\n"),
    ],
)
def test_check_and_build_say_the_same_of_every_kind(
    seed_dir: Path, tmp_path: Path, name: str, content: str
) -> None:
    (seed_dir / "good.txt").write_text(GOOD)
    shutil.copy(FIXTURES / "comments.html", seed_dir / "page.html")
    (seed_dir / "notes.md").write_text("# Notes\n\nTroops left Jenin on Monday.\n")
    (seed_dir / "feed.jsonl").write_text(json.dumps({"text": "Troops left Nablus."}) + "\n")
    (seed_dir / name).write_text(content, "utf-8")
    result = build(tmp_path, seed_dir)
    checked = chronicle("check", "--seeds", str(seed_dir))
    errors = reported(result.result.stderr, "error")
    assert len(errors) == 1 and errors[0].startswith(f"error: {seed_dir / name}: ")
    assert reported(checked.stderr, "error") == errors
    assert (result.result.returncode, checked.returncode) == (1, 1)
    assert "4 seeds ok, 1 with errors" in checked.stderr
    assert {"good.txt", "page.html", "notes.md", "feed.jsonl"} <= set(pages(result))
