"""Lists that grow with the corpus (a place's entries, the figures, the sources) go on a
page a year, or a month in a busy year, beyond ``pages.max_items``, so that no page grows
with the corpus.

The real seeds are built by a copy of the project whose limit is 3 items, which splits
every list, and the split site is checked against the unsplit one."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, chronicle
from test_rebuilds import private_cache
from test_site import resolve, soup

PROJECT_FILES = ("generator", "templates", "data", "mkdocs.yml", "pyproject.toml")


def project_copy(folder: Path, max_items: int) -> Path:
    """This project with another page limit: the program finds its project from the
    current folder."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    settings = folder / "data" / "settings.yml"
    text = settings.read_text("utf-8")
    assert "max_items: 200" in text
    settings.write_text(text.replace("max_items: 200", f"max_items: {max_items}"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("split")
    project_copy(folder / "project", 3)
    result = build_in(folder / "project", folder, private_cache(folder))
    assert result.result.returncode == 0, result.result.stderr
    return result


def build_in(project: Path, folder: Path, cache: Path) -> Build:
    content, site = folder / "content", folder / "site"
    result = chronicle(
        "build", "--seeds", str(ROOT / "seeds"), "--content", str(content), "--site", str(site),
        cwd=project, cache=cache,
    )  # fmt: skip
    return Build(ROOT / "seeds", content, site, result)


def article_text(page: Path) -> BeautifulSoup:
    return soup(page).select_one("article")


def month_links(page: Path, folder: str) -> list[str]:
    return [a["href"] for a in article_text(page).select("table a[href]") if folder in a["href"]]


def test_each_figure_is_on_exactly_one_month_page(split: Build, built: Build) -> None:
    overview = split.site / "figures" / "index.html"
    links = month_links(overview, "")
    pages = [resolve(split.site, overview, href)[0] for href in links]
    assert len(pages) >= 3 and all(p.is_file() for p in pages)
    assert {p.parent.name for p in pages} == {
        p.stem for p in (split.content / "figures").glob("*.md")
    }

    def figure_rows(page: Path) -> list[str]:
        rows = article_text(page).select("tr")
        return [" | ".join(td.get_text(" ", strip=True) for td in tr.select("td"))
                for tr in rows if len(tr.select("td")) == 10]  # fmt: skip

    split_rows = sorted(row for page in pages for row in figure_rows(page))
    whole_rows = sorted(figure_rows(built.site / "figures" / "index.html"))
    assert split_rows == whole_rows and len(whole_rows) == 18
    assert not figure_rows(overview), "the overview lists no figure itself"
    assert article_text(overview).select("figure.chronicle-figure svg"), "it charts them"


def test_each_article_is_on_exactly_one_sources_month_page(split: Build) -> None:
    overview = split.site / "sources" / "index.html"
    pages = [resolve(split.site, overview, href)[0] for href in month_links(overview, "")]
    listed = [
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for page in pages for a in article_text(page).select("td a[href*='articles/']")
    ]  # fmt: skip
    assert sorted(listed) == sorted(p.stem for p in (split.content / "articles").glob("*.md"))
    undated = next(p for p in pages if p.parent.name == "undated")
    assert "undated" in article_text(undated).get_text()


def test_a_place_named_often_lists_its_entries_a_month_at_a_time(
    split: Build, built: Build
) -> None:
    def entry_links(page: Path) -> list[str]:
        found = []
        for a in article_text(page).select("a[href*='chronology/']"):
            target, fragment = resolve(page.parents[0], page, a["href"])
            found.append(f"{target.parent.name}#{fragment}")
        return found

    whole = built.site / "places" / "gaza-strip" / "index.html"
    overview = split.site / "places" / "gaza-strip" / "index.html"
    assert article_text(overview).find(id="by-year") is not None
    assert article_text(overview).select("figure.chronicle-figure svg"), "the map stays"
    pages = [resolve(split.site, overview, h)[0] for h in month_links(overview, "")]
    assert pages and all(p.is_file() for p in pages)
    assert sorted(e for p in pages for e in entry_links(p)) == sorted(entry_links(whole))
    for page in pages:
        text = article_text(page).get_text(" ")
        assert "All of Gaza Strip" in text
        for a in article_text(page).select("a[href]"):
            target, _ = resolve(split.site, page, a["href"])
            assert target.is_file(), f"{page}: {a['href']}"


def test_month_pages_stay_out_of_search_and_every_link_lands(split: Build) -> None:
    index = json.loads((split.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "places/gaza-strip/" in locations and "figures/" in locations
    month = re.compile(r"^(places/[^/]+|figures|sources)/(\d{4}(-\d\d)?|undated)/")
    assert not [loc for loc in locations if month.match(loc)]
    for page in sorted(split.site.rglob("*.html")):
        for a in soup(page).select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "#__")):
                continue
            target, _ = resolve(split.site, page, href)
            assert target.is_file(), f"{page}: {href} leads nowhere"


def test_month_pages_go_when_the_lists_fit_one_page_again(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project", 3)
    cache = private_cache(tmp_path)
    first = build_in(project, tmp_path, cache)
    assert first.result.returncode == 0, first.result.stderr
    assert (first.content / "figures").is_dir() and (first.content / "sources").is_dir()
    own = first.content / "about.md"
    own.write_text("---\ntitle: About\n---\n# About\n\nWritten by a person.\n", "utf-8")
    old = first.content / "tags.md"  # a page an earlier version generated
    shutil.copy(first.content / "sources.md", old)
    settings = project / "data" / "settings.yml"
    settings.write_text(settings.read_text("utf-8").replace("max_items: 3", "max_items: 200"))
    second = build_in(project, tmp_path, cache)
    assert second.result.returncode == 0, second.result.stderr
    assert not (second.content / "figures").exists()
    assert not (second.content / "sources").exists()
    assert not list((second.content / "places").glob("*/"))
    assert not old.exists(), "a page this program made and no longer makes is removed"
    assert own.read_text("utf-8").endswith("Written by a person.\n"), "a person's page stays"
