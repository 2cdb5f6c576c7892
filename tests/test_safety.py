"""Untrusted article text must reach the page as literal text, never as markup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build

HOSTILE = (
    " date 2024-02-06 Troops entered Rafah on Monday <script>alert('x')</script> and "
    "<img src=x onerror=alert(1)> [a link](javascript:alert(1)) {{ 7*7 }} {% if 1 %}x{% endif %} "
    "*emphasis* `code` {: #injected }.\n---\ntitle: injected\n---\n"
    "At least 5 people were killed in Gaza, according to <b>officials</b>.\n"
)


def test_hostile_text_stays_literal(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "hostile.txt").write_text(HOSTILE)
    (seed_dir / "hostile.yml").write_text(
        'title: "<script>alert(2)</script> Title"\nurl: "javascript:alert(3)"\n'
    )
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    pages = list(result.site.rglob("*.html"))
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html
        assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
        document = BeautifulSoup(html, "html.parser")
        assert not document.select('a[href^="javascript:"]')
        assert not document.select("[id=injected]")
        assert not document.find("b", string="officials")
    article = next(p for p in pages if "/articles/" in str(p))
    text = BeautifulSoup(article.read_text("utf-8"), "html.parser").get_text()
    for literal in ("<script>alert('x')</script>", "[a link](javascript:alert(1))", "{{ 7*7 }}",
                    "{% if 1 %}", "*emphasis*", "`code`", "title: injected"):  # fmt: skip
        assert literal in text, literal
    assert "<script>alert(2)</script> Title" in text
