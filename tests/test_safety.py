"""Untrusted article text must reach the page as literal text, never as markup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build

HOSTILE = (
    " date 2024-02-06 Troops entered Rafah on Monday <script>alert('x')</script> and "
    "<img src=x onerror=alert(1)> [a link](javascript:alert(1)) {{ 7*7 }} {% if 1 %}x{% endif %} "
    "*emphasis* `code` {: #injected } {{ 'pw' ~ 'ned' }} {%- set x = 'pw' ~ 'ned2' %}{{ x }}.\n---\ntitle: injected\n---\n"
    "At least 5 people were killed in Gaza, according to <b>officials</b>.\n"
)


def test_hostile_text_stays_literal(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "hostile.txt").write_text(HOSTILE)
    (seed_dir / "hostile.yml").write_text(
        'title: "<script>alert(2)</script> Title {: #titled } ---"\nurl: "javascript:alert(3)"\n'
        "publisher: \"[Press](javascript:alert(4)) <img src=x onerror=alert(5)> {{ 'pw' ~ 'ned' }}\"\n"
    )
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    pages = list(result.site.rglob("*.html"))
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html
        document = BeautifulSoup(html, "html.parser")
        assert not [t for t in document.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        assert not document.select("img[src=x]")
        assert not document.select('a[href^="javascript:"]')
        assert not document.select("[id=injected], [id=titled]")
        assert "pwned" not in html  # no template code ran
        assert not document.find("b", string="officials")
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
