"""Markdown seeds (``.md``) through a real build: the words read cleanly, the syntax that
is not words is gone, and front matter is metadata with the schema of a ``.yml``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, build, chronicle, reported
from test_bad_input import Page, pages

from generator.build.formats import FormatError, markdown_page

ARTICLE = """\
---
title: Rockets fired at Tel Aviv
published: 13 May 2021
publisher: Example News
url: https://example.org/news/rockets
---
# Rockets fired at Tel Aviv

Militants in **Gaza** fired rockets at [Tel Aviv](https://example.org/tlv "the city") on
Wednesday evening, the _army_ said.

![Smoke over the city](https://example.org/smoke.jpg)

<!-- editor: check the count with the police -->

```python
print("a code fence")
```

    an indented code block

> "We heard the sirens," a resident said.

- At least 3 people were hurt.
- Two buildings were hit in \\*Ramat Gan\\*.

The army's full statement is at <https://example.org/statement>.

Second heading
--------------

<div class="ad">Buy now: a raw HTML block</div>

1. Schools stay closed on `Thursday`.
2. Trains run as normal.
"""

LINES = [
    "Rockets fired at Tel Aviv",
    "Militants in Gaza fired rockets at Tel Aviv on Wednesday evening, the army said.",
    '"We heard the sirens," a resident said.',
    "At least 3 people were hurt.",
    "Two buildings were hit in *Ramat Gan*.",
    "The army's full statement is at .",
    "Second heading",
    "Schools stay closed on Thursday.",
    "Trains run as normal.",
]


def test_markdown_becomes_lines_of_words() -> None:
    found = markdown_page.read(ARTICLE)
    assert found.text.split("\n") == LINES
    for gone in ("https://", "![", "**", "_army_", "print(", "indented code", "editor:",
                 "Buy now", "#", "```", "--"):  # fmt: skip
        assert gone not in found.text, gone
    assert found.page.title == "Rockets fired at Tel Aviv"
    assert (found.page.published, found.page.published_as) == (
        "2021-05-13",
        'front matter published "13 May 2021"',
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\ntitle: a: b\n---\nText.\n", "front matter is not valid YAML (line 2)"),
        ("---\ntitle: T\ncolour: red\n---\nText.\n", "front matter: unknown key 'colour'"),
        ("---\ntitle: T\npublished: someday\n---\nText.\n", "front matter: published: 'someday'"),
        ("---\ntitle: T\nText without a closing line.\n", "no line --- closes its front matter"),
    ],
)
def test_front_matter_is_checked_as_a_metadata_file_is(text: str, problem: str) -> None:
    with pytest.raises(FormatError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        markdown_page.read(text)


def test_front_matter_errors_name_the_line_of_the_file() -> None:
    with pytest.raises(FormatError, match=r"\(line 3\)$"):
        markdown_page.read("---\ntitle: T\ncolour: red\n---\nText.\n")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("markdown")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "rockets.md").write_text(ARTICLE, "utf-8")
    (seeds / "given.md").write_text(ARTICLE.replace("Tel Aviv", "Ashdod"), "utf-8")
    (seeds / "given.yml").write_text("published: 2021-05-12\nslug: given-by-the-editor\n")
    (seeds / "bare.md").write_text("Sirens sounded in Sderot on Monday, 10 May 2021.\n")
    (seeds / "bad.md").write_text("---\ntitle: T\ncolour: red\n---\nText.\n")
    return build(tmp, seeds)


def page(result: Build, name: str) -> Page:
    return pages(result)[name]


def test_a_markdown_seed_builds_with_its_front_matter(result: Build) -> None:
    found = page(result, "rockets.md")
    assert found.meta["title"] == "Rockets fired at Tel Aviv"
    assert found.meta["published"] == {
        "value": "2021-05-13",
        "how": "page",
        "evidence": 'front matter published "13 May 2021"',
    }
    assert found.meta["publisher"] == "Example News"
    assert found.meta["url"] == "https://example.org/news/rockets"
    assert found.meta["id"] == "rockets"
    assert "Militants in Gaza fired rockets at Tel Aviv on Wednesday evening" in found.body
    assert "2021-05-12" in {d["value"] for d in found.meta["dates"]}  # Wednesday, read


def test_a_metadata_file_beside_wins_over_front_matter(result: Build) -> None:
    found = page(result, "given.md")
    assert found.path.name == "given-by-the-editor.md"
    assert found.meta["published"] == {"value": "2021-05-12", "how": "metadata"}
    assert found.meta["title"] == "Rockets fired at Ashdod"  # the front matter's still
    assert (
        "the metadata says 2021-05-12 but the page's own metadata says 2021-05-13; the "
        "metadata wins" in found.meta["warnings"]
    )


def test_markdown_without_front_matter_is_dated_by_its_text(result: Build) -> None:
    assert page(result, "bare.md").meta["published"]["how"] in ("inferred", "unknown")


def test_bad_front_matter_is_one_error_and_check_says_it_too(result: Build) -> None:
    errors = reported(result.result.stderr, "error")
    assert errors == [
        f"error: {result.seeds / 'bad.md'}: front matter: unknown key 'colour'; allowed: author, "
        "corrections, published, publisher, slug, title, url (line 3)"
    ]
    checked = chronicle("check", "--seeds", str(result.seeds))
    assert reported(checked.stderr, "error") == errors
    assert "3 seeds ok, 1 with errors" in checked.stderr


def test_the_markdown_of_a_title_stays_text(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "t.md").write_text("---\ntitle: '*Not* [a link](x)'\n---\nTroops left Jenin.\n")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    assert pages(result)["t.md"].meta["title"] == "*Not* [a link](x)"
