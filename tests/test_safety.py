"""Untrusted article text must reach the page as literal text, never as markup."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build

HOSTILE = (
    " date 2024-02-06 Troops entered Rafah on Monday <script>alert('x')</script> and "
    "<img src=x onerror=alert(1)> [a link](javascript:alert(1)) {{ 7*7 }} {% if 1 %}x{% endif %} "
    "*emphasis* `code` {: #injected } {{ 'pw' ~ 'ned' }} {%- set x = 'pw' ~ 'ned2' %}{{ x }}.\n---\ntitle: injected\n---\n"
    "At least 5 people were killed in Gaza, according to <b>officials</b>.\n"
)


def assert_inert(html: str) -> None:
    """No script, handler, image, link or id that article text or metadata wrote, and no
    template code run."""
    assert "<script>alert" not in html and "<script>document" not in html
    document = BeautifulSoup(html, "html.parser")
    assert not [t for t in document.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not document.select("img[src=x]")
    assert not document.select('a[href^="javascript:"], a[href^="Javascript:"]')
    assert not document.select("iframe")
    assert not document.select("[id=injected], [id=titled]")
    assert "pwned" not in html  # no template code ran
    assert not document.find("b", string="officials")


def test_hostile_text_stays_literal(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "hostile.txt").write_text(HOSTILE)
    (seed_dir / "hostile.yml").write_text(
        'title: "<script>alert(2)</script> Title {: #titled } ---"\nurl: "javascript:alert(3)"\n'
        "publisher: \"[Press](javascript:alert(4)) <img src=x onerror=alert(5)> {{ 'pw' ~ 'ned' }}\"\n"
    )
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    assert "url 'javascript:alert(3)' is not an http(s) address: shown as text, not linked" in (
        result.result.stderr
    )
    pages = list(result.site.rglob("*.html"))
    for page in pages:
        assert_inert(page.read_text("utf-8"))
    article = next(p for p in pages if "/articles/" in str(p))
    text = BeautifulSoup(article.read_text("utf-8"), "html.parser").get_text()
    for literal in ("<script>alert('x')</script>", "[a link](javascript:alert(1))", "{{ 7*7 }}",
                    "{% if 1 %}", "*emphasis*", "`code`", "title: injected"):  # fmt: skip
        assert literal in text, literal
    assert "<script>alert(2)</script> Title {: #titled } ---" in text
    assert "[Press](javascript:alert(4)) <img src=x onerror=alert(5)>" in text
    content = (result.content / "articles").glob("*.md")
    for path in content:  # front matter holds only what the build put there
        head = path.read_text("utf-8").split("\n---\n", 1)[0]
        assert "title: injected" not in head


TITLES = (
    "Gaza (it's 'x')",
    "')",
    '"]',
    "a \"b\" (c) [d] {e} <f> 'g' `h` |i| \\j *k* _l_ #m &amp; & &#39;",
    "))) ((( ]]] [[[ ' \" “x” ‘y’ «z»",
)


def test_titles_with_quotes_and_brackets_make_working_links(seed_dir: Path, tmp_path: Path) -> None:
    """A title lands in link titles, tables and headings: every quote and bracket in it must
    stay text there, and no link may break (a broken one aborts the strict build)."""
    for number, title in enumerate(TITLES):
        (seed_dir / f"t{number}.txt").write_text(
            f" date 2023-11-20 Troops entered Rafah on {number + 1} November 2023, where at "
            f"least {number + 2} people were killed.\n"
        )
        (seed_dir / f"t{number}.yml").write_text(f"title: {json.dumps(title)}\n")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    month = BeautifulSoup(
        (result.site / "chronology/2023/11/index.html").read_text("utf-8"), "html.parser"
    )
    cited = {a["title"] for a in month.select('a[href*="articles/"][title]')}
    assert cited == set(TITLES)
    figures = BeautifulSoup((result.site / "figures/index.html").read_text("utf-8"), "html.parser")
    linked = {a.get_text() for a in figures.select('td a[href*="articles/"]')}
    assert linked == set(TITLES)
    headings = {
        BeautifulSoup(p.read_text("utf-8"), "html.parser").find("h1").get_text().rstrip("¶")
        for p in (result.site / "articles").glob("*/index.html")
    }
    assert headings == set(TITLES)


HOSTILE_MARKDOWN = """---
title: "<script>alert(2)</script> Title {{ 'pw' ~ 'ned' }} {: #titled }"
publisher: "[Press](javascript:alert(4)) <img src=x onerror=alert(5)>"
url: "javascript:alert(3)"
published: 2024-02-06
---
Troops entered Rafah on Monday <script>alert('x')</script> and <img src=x onerror=alert(1)>
[a link](javascript:alert(1)) {{ 7*7 }} {% if 1 %}x{% endif %} {: #injected } {{ 'pw' ~ 'ned' }}.

<script>document.write('pwned2')</script>

At least 5 people were killed in Gaza, according to <b>officials</b>. \\*emphasis\\* \\`code\\`
"""

HOSTILE_LINE = {
    "title": "<script>alert(2)</script> Title {{ 'pw' ~ 'ned' }} {: #titled }",
    "publisher": "[Press](javascript:alert(4)) <img src=x onerror=alert(5)>",
    "url": "javascript:alert(3)",
    "published": "2024-02-06",
    "text": HOSTILE[len(" date 2024-02-06 ") :],
}


def test_hostile_pages_markdown_and_json_lines_stay_literal(seed_dir: Path, tmp_path: Path) -> None:
    """The payloads of the text test, in a saved page (its text, title, site name and
    address), a Markdown file (its text and front matter) and a JSON line (every field)."""
    fixture = Path(__file__).parent / "fixtures" / "html" / "hostile.html"
    (seed_dir / "page.html").write_bytes(fixture.read_bytes())
    (seed_dir / "notes.md").write_text(HOSTILE_MARKDOWN, "utf-8")
    (seed_dir / "feed.jsonl").write_text(json.dumps(HOSTILE_LINE) + "\n", "utf-8")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    pages = list(result.site.rglob("*.html"))
    for page in pages:
        assert_inert(page.read_text("utf-8"))
    articles = {
        p.parent.name: BeautifulSoup(p.read_text("utf-8"), "html.parser").get_text()
        for p in result.site.glob("articles/*/index.html")
    }
    assert len(articles) == 3
    for text in articles.values():
        assert "<script>alert(2)</script> Title {{ 'pw' ~ 'ned' }} {: #titled }" in text
        for literal in ("{{ 7*7 }}", "{% if 1 %}"):
            assert literal in text, literal
    by_source = {
        (h := BeautifulSoup(p.read_text("utf-8"), "html.parser").get_text())
        .split("Seed file: ")[1]
        .split()[0]: h
        for p in result.site.glob("articles/*/index.html")
    }
    page, markdown, line = (
        by_source[f"seeds/{n}"] for n in ("page.html", "notes.md", "feed.jsonl")
    )
    for text in (page, line):
        assert "<script>alert('x')</script>" in text and "title: injected" in text
        assert "<img src=x onerror=alert(1)>" in text
        assert "[a link](javascript:alert(1))" in text
    assert "a link {{ 7*7 }}" in " ".join(markdown.split())  # the link's text, not its target
    assert "javascript:alert(3)" in markdown and "javascript:alert(3)" in line  # as text
    assert "[Press](javascript:alert(4)) <img src=x onerror=alert(5)>" in line + markdown
    assert "document.write" not in page + markdown  # scripts are not the article's text
    for path in (result.content / "articles").glob("*.md"):
        head = path.read_text("utf-8").split("\n---\n", 1)[0]
        assert "title: injected" not in head
