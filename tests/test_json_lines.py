"""Files of JSON lines (``.jsonl``), one article a line, through real builds: each line its
own article page, every bad line one error naming the file and the line, ids that do not
move when other lines come and go, and the last good page of a line kept while it is bad."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import Build, build, chronicle, reported
from test_bad_input import Page

A = {
    "title": "Talks resume in Cairo",
    "url": "https://wire.example/cairo-talks",
    "published": "Thu, 13 May 2021 08:00:00 GMT",
    "publisher": "Example Wire",
    "author": "Lina Farah",
    "text": "Negotiators met in Cairo on Wednesday for talks on a ceasefire in Gaza.\n"
    "At least 12 people were killed on Tuesday, the health ministry said.",
}
B = {
    "title": "Rockets fired at Ashkelon",
    "url": "https://wire.example/ashkelon",
    "published": "2021-05-14",
    "publisher": "Example Wire",
    "text": "Rockets were fired at Ashkelon on Thursday, and two people were hurt, medics said.",
}
C = {
    "title": "Aid trucks enter through Rafah",
    "published": "15 May 2021",
    "text": "Fifty aid trucks entered Gaza through Rafah on Friday, the crossing authority said.",
}
NEW = {
    "title": "Schools close in Sderot",
    "published": "2021-05-12",
    "text": "Schools in Sderot closed on Tuesday after sirens sounded, the mayor said.",
}


def line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def all_pages(result: Build) -> list[Page]:
    found = []
    for path in sorted((result.content / "articles").glob("*.md")):
        _, head, body = path.read_text("utf-8").split("---\n", 2)
        found.append(Page(yaml.safe_load(head), body, path))
    return found


def by_title(result: Build) -> dict[str, Page]:
    return {page.meta["title"]: page for page in all_pages(result)}


def anchors(page: Page) -> set[str]:
    """The chronology entries an article page links to."""
    return set(re.findall(r"#(e-[0-9a-f]+)", page.body))


BAD = [
    (b'["not an object"]\n', "line 2: not a JSON object but list"),
    (b'{"title": "No text", "url": "https://wire.example/none"}\n', 'line 3: has no text'),
    (b'{"title": 5, "text": "Five."}\n', "line 4: title: 5 must be text"),
    (b'{"text": "A line cut short.", \n', "line 5: not valid JSON"),
    (b'{"text": "Caf\xe9 latin-1 bytes."}\n', "line 6: not UTF-8 text"),
    (b'{"text": "Twice.", "text": "Again."}\n', "line 7: not valid JSON (gives 'text' twice)"),
    (b'{"text": "Not a number.", "published": NaN}\n', "line 8: not valid JSON (NaN is not a JSON value)"),
    (b'{"text": "Ambiguous.", "published": "05/06/2021"}\n', "line 9: published: '05/06/2021' could be"),
    (b'{"text": 7}\n', "line 10: text: 7 must be text"),
    (b'{"text": "A slug.", "slug": "../x"}\n', "line 11: slug: '../x' must be lowercase"),
]  # fmt: skip


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("lines")
    seeds = tmp / "seeds"
    seeds.mkdir()
    body = line(A) + b"".join(bad for bad, _ in BAD) + b"\n" + line({**B, "source": {"id": 1}})
    (seeds / "feed.jsonl").write_bytes(body)
    (seeds / "feed.yml").write_text("title: Not read\n", "utf-8")
    return build(tmp, seeds)


def test_each_good_line_is_an_article_with_its_own_metadata(mixed: Build) -> None:
    found = by_title(mixed)
    assert set(found) == {A["title"], B["title"]}
    a = found[A["title"]]
    assert a.meta["published"] == {
        "value": "2021-05-13",
        "how": "page",
        "evidence": '"published": "Thu, 13 May 2021 08:00:00 GMT"',
    }
    assert (a.meta["url"], a.meta["publisher"], a.meta["author"]) == (
        A["url"],
        A["publisher"],
        A["author"],
    )
    assert a.meta["source"] == "seeds/feed.jsonl"
    assert a.meta["id"].startswith("feed.jsonl/")
    assert a.path.name == "talks-resume-in-cairo.md"
    assert "Negotiators met in Cairo" in a.body and "health ministry said" in a.body
    assert found[B["title"]].meta["published"]["value"] == "2021-05-14"


@pytest.mark.parametrize(("bad", "problem"), BAD)
def test_each_bad_line_is_one_error_naming_the_file_and_line(
    mixed: Build, bad: bytes, problem: str
) -> None:
    errors = [e for e in reported(mixed.result.stderr, "error") if problem in e]
    assert len(errors) == 1, reported(mixed.result.stderr, "error")
    assert errors[0].startswith(f"error: {mixed.seeds / 'feed.jsonl'}: line ")
    assert "\n" not in errors[0]


def test_bad_lines_fail_the_run_but_not_the_others(mixed: Build) -> None:
    assert mixed.result.returncode == 1
    assert len(reported(mixed.result.stderr, "error")) == len(BAD)
    assert (mixed.site / "articles" / "rockets-fired-at-ashkelon" / "index.html").is_file()


def test_fields_not_read_and_a_metadata_file_beside_are_said(mixed: Build) -> None:
    warnings = reported(mixed.result.stderr, "warning")
    assert any("feed.jsonl: fields not read: source (line 13)" in w for w in warnings)
    assert any(w.endswith("feed.yml: not read: each line of " + str(mixed.seeds / "feed.jsonl")
                          + " gives its own title, published, url…") for w in warnings)  # fmt: skip
    assert "Not read" not in by_title(mixed)


def test_check_says_what_build_says(mixed: Build) -> None:
    checked = chronicle("check", "--seeds", str(mixed.seeds))
    assert checked.returncode == 1
    assert reported(checked.stderr, "error") == reported(mixed.result.stderr, "error")
    assert f"2 seeds ok, {len(BAD)} with errors" in checked.stderr


def test_inserting_lines_moves_no_article(seed_dir: Path, tmp_path: Path) -> None:
    """Lines put before and between others leave the others' ids, addresses, entries and
    pages as they were: they are not even extracted again."""
    feed = seed_dir / "feed.jsonl"
    feed.write_bytes(line(A) + line(B))
    first = build(tmp_path / "one", seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    before = by_title(first)
    feed.write_bytes(line(NEW) + line(A) + line(C) + line(B))
    second = build(tmp_path / "one", seed_dir)
    assert second.result.returncode == 0, second.result.stderr
    after = by_title(second)
    assert set(after) == {A["title"], B["title"], C["title"], NEW["title"]}
    for title in (A["title"], B["title"]):
        assert after[title].meta["id"] == before[title].meta["id"]
        assert after[title].path.name == before[title].path.name
        assert anchors(after[title]) == anchors(before[title]) != set()
        assert after[title].path.read_bytes() == before[title].path.read_bytes()
    assert "seeds:    2 extracted, 2 from the cache" in second.result.stderr


def test_a_line_that_turns_bad_keeps_its_last_good_page(seed_dir: Path, tmp_path: Path) -> None:
    feed = seed_dir / "feed.jsonl"
    feed.write_bytes(line(A) + line(B) + line(C))
    first = build(tmp_path, seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    kept = by_title(first)[B["title"]].path.read_bytes()
    feed.write_bytes(line(A) + line(B)[:-10] + b"\n" + line({**C, "text": "Trucks waited."}))
    second = build(tmp_path, seed_dir)
    assert second.result.returncode == 1
    (error,) = reported(second.result.stderr, "error")
    assert error.startswith(f"error: {feed}: line 2: not valid JSON")
    after = by_title(second)
    assert after[B["title"]].path.read_bytes() == kept
    assert (second.site / "articles" / "rockets-fired-at-ashkelon" / "index.html").is_file()
    assert "Trucks waited." in after[C["title"]].body
    assert any("the page of the last good build is kept" in w
               for w in reported(second.result.stderr, "warning"))  # fmt: skip
    feed.write_bytes(line(A) + line(C))  # fixed by removing the line: its page goes
    third = build(tmp_path, seed_dir)
    assert third.result.returncode == 0, third.result.stderr
    assert set(by_title(third)) == {A["title"], C["title"]}


def test_the_same_article_twice_builds_twice_and_is_said(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "feed.jsonl").write_bytes(line(A) + line(B) + line({**A, "title": "Updated"}))
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    ids = {p.meta["title"]: p.meta["id"] for p in all_pages(result)}
    assert len(set(ids.values())) == 3
    assert ids["Updated"] == ids[A["title"]] + "-3"
    assert any("line 3 names the same article as line 1 (the same url): both are built" in w
               for w in reported(result.result.stderr, "warning"))  # fmt: skip


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty: no JSON lines"),
        (b"\n \n", "is empty: no JSON lines"),
        (b"\x00" * 64 + b"{}", "looks like a binary file"),
    ],
)
def test_a_file_without_lines_is_one_error(
    seed_dir: Path, tmp_path: Path, content: bytes, problem: str
) -> None:
    (seed_dir / "empty.jsonl").write_bytes(content)
    (seed_dir / "good.txt").write_text(" date 2024-02-06 Troops entered Rafah on Monday.\n")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 1
    (error,) = reported(result.result.stderr, "error")
    assert error.startswith(f"error: {seed_dir / 'empty.jsonl'}: {problem}")
    assert len(list((result.content / "articles").glob("*.md"))) == 1
