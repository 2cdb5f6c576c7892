"""Saved web pages (``.html``) through a real build: the article's own text and metadata,
never the page around it.

The pages of ``tests/fixtures/html/`` are written for these tests (no news site's text):
navigation, a cookie banner, reader comments, related links, JSON-LD and Open Graph
metadata, a live blog, a photo caption, a page with no article, dates written in German
and in day-first and month-first English.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, Build, build, reported
from test_bad_input import Page, pages, site_page, soup

from generator.build import seeds

FIXTURES = ROOT / "tests" / "fixtures" / "html"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("pages")
    shutil.copytree(FIXTURES, tmp / "seeds")
    (tmp / "seeds" / "hostile.html").unlink()  # tests/test_safety.py builds it
    shutil.copy(FIXTURES / "open-graph.html", tmp / "seeds" / "given.html")
    (tmp / "seeds" / "given.yml").write_text(
        "title: A title given by an editor\npublished: 9 November 2023\n", "utf-8"
    )
    return build(tmp, tmp / "seeds")


def article(result: Build, name: str) -> tuple[Page, str]:
    """The article page of the seed ``name``: its front matter, and its text as the built
    site shows it (sentences only)."""
    page = pages(result)[name]
    document = soup(site_page(result, page))
    return page, " ".join(span.get_text() for span in document.select("span.sentence"))


def shown(result: Build, page: Page) -> str:
    return soup(site_page(result, page)).get_text(" ")


def test_every_page_with_an_article_builds_and_the_one_without_is_one_error(
    result: Build,
) -> None:
    built = set(pages(result))
    assert built == {p.name for p in FIXTURES.glob("*.html")} - {
        "no-article.html",
        "hostile.html",
    } | {"given.html"}
    assert result.result.returncode == 1
    errors = reported(result.result.stderr, "error")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: {result.seeds / 'no-article.html'}: no article text found")


def test_open_graph_page_gives_title_date_address_publisher_and_author(result: Build) -> None:
    page, text = article(result, "open-graph.html")
    assert page.meta["title"] == "Floods close the coast road south of Gaza City"
    assert page.meta["published"] == {
        "value": "2023-11-08",
        "how": "page",
        "evidence": 'meta article:published_time "2023-11-08T06:30:00+02:00"',
    }
    assert page.meta["url"] == "https://harbour-times.example/2023/11/floods-coast-road"
    assert page.meta["publisher"] == "Harbour Times"
    assert page.meta["author"] == "Mira Haddad"
    on_the_page = " ".join(shown(result, page).split())
    assert "Published 8 November 2023 , from the page's own metadata (meta " in on_the_page
    assert 'article:published_time "2023-11-08T06:30:00+02:00")' in on_the_page
    assert "Harbour Times, by Mira Haddad" in on_the_page
    assert text.startswith("Floods close the coast road south of Gaza City")
    assert "At least 40 families were moved from tents" in text


@pytest.mark.parametrize(
    "boilerplate",
    [
        "World news and analysis",  # navigation
        "We value your privacy",  # cookie banner
        "Accept all cookies",
        "Fishing boats stay in port",  # related links
        "All rights reserved",  # footer
    ],
)
def test_navigation_banners_and_related_links_are_not_the_article(
    result: Build, boilerplate: str
) -> None:
    page, text = article(result, "open-graph.html")
    assert boilerplate not in text
    assert boilerplate not in page.body


def test_json_ld_gives_the_metadata_and_the_canonical_address(result: Build) -> None:
    page, text = article(result, "json-ld.html")
    assert page.meta["title"] == "Ceasefire talks resume in Cairo"
    assert page.meta["published"] == {
        "value": "2024-01-15",
        "how": "page",
        "evidence": 'JSON-LD datePublished "2024-01-15T09:10:00+02:00"',
    }
    assert page.meta["url"] == "https://desertwire.example/news/ceasefire-talks-resume"
    assert page.meta["publisher"] == "Desert Wire"
    assert page.meta["author"] == "Omar Salem"
    assert "Sign in to your account" not in text and "Share this article" not in text
    assert "An earlier truce collapsed on 1 December 2023" in text


def test_reader_comments_follow_the_article_as_a_given_part(result: Build) -> None:
    _, text = article(result, "comments.html")
    assert text.index("Hospitals have switched") < text.index("We have had no power")
    assert "Same in Tripoli since Monday." in text
    (seed,) = (s for s in seeds.load(result.seeds).seeds if s.id == "comments")
    (part,) = seed.given_parts
    assert (part.kind, part.rule) == ("comments", "the page's comment section")
    assert seed.text[part.start : part.end].startswith("We have had no power at all")
    assert seed.text[part.start : part.end].endswith("Same in Tripoli since Monday.")
    assert seed.text[: part.start].rstrip().endswith("the health ministry said.")
    assert part.end == len(seed.text)


def test_pages_without_comments_have_no_given_parts(result: Build) -> None:
    found = {s.id: s for s in seeds.load(result.seeds).seeds}
    assert all(not s.given_parts for i, s in found.items() if i != "comments")


def test_related_links_and_sign_up_boxes_are_left_out_and_said_so(result: Build) -> None:
    page, text = article(result, "related-links.html")
    for related in ("Fuel shortage forces hospitals", "Explainer: how aid reaches Gaza"):
        assert related not in text
    assert "The crossing had been closed since 9 October." in text
    (warning,) = [w for w in page.meta["warnings"] if "left out" in w]
    assert "1 paragraph of the page's <article> left out" in warning
    assert "Sign up for our morning briefing" in warning
    assert "Sign up for our morning briefing" in shown(result, page)  # under "Read with care"


def test_live_blog_is_dated_by_its_own_start_not_by_an_update(result: Build) -> None:
    page, text = article(result, "live-blog.html")
    assert page.meta["title"] == "Live: strikes on Khan Younis, evacuation orders widen"
    assert page.meta["published"]["value"] == "2023-12-04"  # the first update is of the 5th
    assert page.meta["published"]["evidence"].startswith("JSON-LD datePublished")
    updates = ("The army published a new map", "at least 45 people were killed", "heavy strikes")
    assert [text.index(u) for u in updates] == sorted(text.index(u) for u in updates)


def test_photo_captions_are_kept_as_a_paragraph(result: Build) -> None:
    page, text = article(result, "photo-caption.html")
    caption = "Farmers pick olives near Nablus on 29 October 2023."
    assert caption in text
    paragraphs = soup(site_page(result, page)).select("p")
    assert any(p.get_text(" ", strip=True).startswith(caption) for p in paragraphs)


def test_a_cookie_wall_is_not_the_article(result: Build) -> None:
    _, text = article(result, "cookie-banner.html")
    assert "142 partners" not in text and "Reject all" not in text
    assert "about 8,000 pupils returned" in text


def test_a_date_in_german_metadata_is_read_in_german(result: Build) -> None:
    page, _ = article(result, "german-date.html")
    assert page.meta["published"] == {
        "value": "2021-05-13",
        "how": "page",
        "evidence": 'meta date "13. Mai 2021"',
    }


@pytest.mark.parametrize(
    ("name", "day"),
    [("day-first-date.html", "2021-06-05"), ("month-first-date.html", "2021-05-06")],
)
def test_the_page_language_says_whether_the_day_comes_first(
    result: Build, name: str, day: str
) -> None:
    """05/06/2021 on an en-GB page is 5 June; on an en-US page, 6 May."""
    page, _ = article(result, name)
    assert page.meta["published"]["value"] == day
    assert page.meta["published"]["evidence"] == 'meta date "05/06/2021"'


def test_a_metadata_file_beside_a_page_wins_and_the_difference_is_said(result: Build) -> None:
    page, _ = article(result, "given.html")
    assert page.meta["title"] == "A title given by an editor"
    assert page.meta["published"] == {
        "value": "2023-11-09",
        "how": "metadata",
        "evidence": 'written "9 November 2023"',
    }
    assert page.meta["url"] == "https://harbour-times.example/2023/11/floods-coast-road"
    assert (
        "the metadata says 2023-11-09 but the page's own metadata says 2023-11-08; the metadata "
        "wins" in page.meta["warnings"]
    )


def test_the_same_page_gives_the_same_seed_in_every_process(result: Build) -> None:
    """Reading is deterministic: two processes with random hash seeds read every page into
    the same seeds (their text, parts, metadata and warnings)."""
    script = (
        "import sys; from pathlib import Path; from generator.build import seeds; "
        "print(repr(seeds.load(Path(sys.argv[1])).seeds))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(result.seeds)],
            capture_output=True, text=True, check=True, cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": "random", "TZ": zone},
        ).stdout
        for zone in ("UTC", "Pacific/Kiritimati")
    ]  # fmt: skip
    assert runs[0] == runs[1] and "comments" in runs[0]


def test_a_page_s_comments_make_no_entry_and_are_shown_folded(result: Build) -> None:
    """The comment section trafilatura finds is a part the segmenter keeps: the page shows
    it folded, and no entry cites it (its "since Monday" and "since Sunday" date nothing)."""
    page, _ = article(result, "comments.html")
    assert page.meta["parts"][-1][2:] == ["comments", "the page's comment section"]
    events = json.loads((result.content / "data" / "events" / "2022.json").read_text("utf-8"))
    cited = " ".join(e["text"] for e in events["events"])
    assert "Hospitals have switched" in cited or "electricity" in cited
    assert "power at all" not in cited and "Tripoli" not in cited
    folds = soup(site_page(result, page)).select("details.left-out")
    assert any("Same in Tripoli since Monday." in fold.get_text() for fold in folds)
