"""The MkDocs hooks: a navigation that stays short, and the front matter MkDocs reads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup
from conftest import Build
from mkdocs.utils import meta

from generator.site import mkdocs_hooks


def _page(path: Path) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(content_string=path.read_text("utf-8-sig")))


def test_navigation_lists_recent_years_only(tmp_path: Path) -> None:
    for year in range(2015, 2026):
        (tmp_path / "chronology" / str(year)).mkdir(parents=True)
        (tmp_path / "chronology" / str(year) / "index.md").write_text("# Year\n")
    (tmp_path / "chronology" / "index.md").write_text("# Chronology\n")
    (tmp_path / "figures.md").write_text("# Figures\n")
    nav = mkdocs_hooks.navigation(tmp_path)
    chronology = dict(item for entry in nav for item in entry.items())["Chronology"]
    assert chronology == ["chronology/index.md"] + [
        {str(y): f"chronology/{y}/index.md"} for y in range(2025, 2020, -1)
    ]
    assert {"Figures": "figures.md"} in nav and not any("Places" in entry for entry in nav)


def test_slim_front_matter_keeps_what_the_theme_reads(built: Build) -> None:
    pages = sorted(built.content.rglob("*.md"))
    articles = [p for p in pages if p.parent.name == "articles"]
    assert len(articles) == 5
    for path in pages:
        full_body, full = meta.get_data(path.read_text("utf-8-sig"))
        body, slim = meta.get_data(mkdocs_hooks.on_page_read_source(_page(path), None))
        assert body == full_body, path
        assert slim == {k: full[k] for k in mkdocs_hooks.THEME_KEYS if k in full}, path
        if path in articles:
            assert slim["title"] and slim["tags"] and "dates" in full and "dates" not in slim


def test_a_page_a_person_wrote_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "about.md"
    path.write_text("---\ntitle: About\ndates: [1, 2]\n---\n# About\n", "utf-8")
    assert mkdocs_hooks.on_page_read_source(_page(path), None) == path.read_text("utf-8")


def test_built_article_keeps_its_title_and_place_tags(built: Build) -> None:
    page = built.site / "articles" / "hamas-has-retaliated-to-wednesdays-attack-from-israel"
    document = BeautifulSoup((page / "index.html").read_text("utf-8"), "html.parser")
    assert document.title.get_text().startswith("Hamas has retaliated")
    tags = {tag.get_text(strip=True) for tag in document.select(".md-tag")}
    assert "Gaza Strip" in tags
