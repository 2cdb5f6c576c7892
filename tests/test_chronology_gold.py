"""The chronology of the seeds against the hand-made list of entries in tests/gold/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build

from generator.model import Article
from generator.site import content
from generator.timeml import start_of

GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "chronology.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def articles(built: Build) -> dict[str, Article]:
    found = [content.read_article(p) for p in (built.content / "articles").glob("*.md")]
    return {a.id: a for a in found}


@pytest.fixture(scope="module")
def events(built: Build) -> list[dict]:
    files = sorted((built.site / "data" / "events").glob("*.json"))
    return [e for f in files for e in json.loads(f.read_text("utf-8"))["events"]]


def cited(seed: str, words: str, articles: dict[str, Article]) -> tuple[str, str]:
    article = articles[Path(seed).stem]
    found = [s.id for s in article.sentences if words in article.sentence_text(s.id)]
    assert len(found) == 1, f"{seed}: {words!r} finds {len(found)} sentences"
    return article.slug, found[0]


def citations(event: dict) -> frozenset[tuple[str, str]]:
    return frozenset((c["article"], c["sentence"]) for c in event["citations"])


@pytest.mark.parametrize("gold", GOLD["entries"], ids=lambda g: f"{g['date']} {g['what'][:40]}")
def test_gold_entry_is_present_once_with_its_sources(gold, events, articles) -> None:
    wanted = frozenset(cited(s["seed"], s["sentence"], articles) for s in gold["sources"])
    same = [e for e in events if citations(e) == wanted and e["date"] == gold["date"]]
    assert len(same) == 1, f"{len(same)} entries of {gold['date']} cite {sorted(wanted)}"
    entry = same[0]
    assert (entry["end"], entry["precision"]) == (gold["end"], gold["precision"])
    assert entry["reported_only"] is gold["reported_on"]
    assert entry["in_passing"] is gold["in_passing"]


def test_every_entry_is_in_the_gold_list(events, articles) -> None:
    gold = {
        (g["date"], frozenset(cited(s["seed"], s["sentence"], articles) for s in g["sources"]))
        for g in GOLD["entries"]
    }
    extra = [(e["date"], e["text"]) for e in events if (e["date"], citations(e)) not in gold]
    assert extra == []


@pytest.mark.parametrize("wrong", GOLD["not_entries"], ids=lambda w: f"{w['date']} {w['why'][:40]}")
def test_not_entries(wrong, events, articles) -> None:
    sentence = cited(wrong["seed"], wrong["sentence"], articles)
    assert not [e for e in events if e["date"] == wrong["date"] and sentence in citations(e)]


def test_every_date_comes_from_the_text_or_the_publication(events, articles) -> None:
    """An entry's date is a date its cited sentences give, or for a "reported on" entry
    the publication date of its article: never anything else, such as the clock."""
    by_slug = {a.slug: a for a in articles.values()}
    for event in events:
        for citation in event["citations"]:
            article = by_slug[citation["article"]]
            if event["reported_only"]:
                assert event["date"] == article.published.value
            else:
                given = {
                    (d.value, d.end_value) for d in article.dates
                    if d.sentence == citation["sentence"]
                }  # fmt: skip
                assert (event["date"], event["end"]) in given, event["text"]


def test_each_words_of_an_entry_are_in_its_sentence(events, articles) -> None:
    by_slug = {a.slug: a for a in articles.values()}
    for event in events:
        for citation in event["citations"]:
            sentence = by_slug[citation["article"]].sentence_text(citation["sentence"])
            for part in citation["text"].split("…"):
                assert part.strip() in sentence


def test_merged_entry_shows_every_version(built: Build) -> None:
    page = BeautifulSoup(
        (built.site / "chronology" / "2023" / "10" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    item = page.find(id="e-16fea899").find_parent("li")
    text = " ".join(item.get_text(" ").split())
    assert "4 reports of this, from 2 articles" in text
    assert "Hamas fighters stormed across the border on October 7" in text
    assert "Hamas’ Oct. 7, 2023 incursion on Israel" in text
    assert "undated" in text and "published 27 October 2023" in text
    assert len(item.select("span.entry")) == 4


def test_article_page_marks_cited_sentences_and_lists_its_entries(built: Build) -> None:
    page = BeautifulSoup(
        (built.site / "articles" / "hamas-has-retaliated-to-wednesdays-attack-from-israel"
         / "index.html").read_text("utf-8"),
        "html.parser",
    )  # fmt: skip
    assert {s["id"] for s in page.select("span.sentence.cited")} == {
        "s1", "s2", "s3", "s4", "s6", "s7", "s8", "s10", "s13", "s16"}  # fmt: skip
    entries = page.find(id="entries").find_next("ul").select("li")
    assert len(entries) == 13
    assert all("/chronology/" in li.a["href"] and "#e-" in li.a["href"] for li in entries)


def test_entries_link_to_previous_and_next(built: Build, events) -> None:
    pages = {}
    for number, event in enumerate(events):
        path, anchor = event["page"].split("#")
        if path not in pages:
            pages[path] = BeautifulSoup(
                (built.site / path / "index.html").read_text("utf-8"), "html.parser"
            )
        item = pages[path].find(id=anchor).find_parent("li")
        previous = item.find("a", title="Previous entry")
        following = item.find("a", title="Next entry")
        if number:
            assert previous["href"].endswith("#" + events[number - 1]["id"])
        else:
            assert previous is None
        if number + 1 < len(events):
            assert following["href"].endswith("#" + events[number + 1]["id"])
        else:
            assert following is None


def test_every_event_carries_its_status_salience_and_headline(events) -> None:
    assert events
    for event in events:
        assert event["status"] in ("happened", "scheduled", "background")
        assert isinstance(event["salience"], float) and event["salience"] > 0
        assert event["headline"] and 1 <= event["headline_from"] <= len(event["citations"])
        if event["status"] == "happened" and not event["reported_only"]:
            published = [c["published"] for c in event["citations"] if c["published"]]
            assert not published or start_of(event["date"]).isoformat() <= max(published)
    assert {e["status"] for e in events} >= {"happened", "background"}


def test_a_month_opens_with_its_key_events(built: Build) -> None:
    page = (built.content / "chronology" / "2023" / "10.md").read_text("utf-8")
    key = page[page.index("## Key events") : page.index("\n## ", page.index("## Key events") + 3)]
    anchors = re.findall(r"\]\(#(e-[0-9a-f]{8})\)", key)
    assert 3 <= len(anchors) <= 15
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    first = page.index(f'id="{anchors[0]}"')
    assert "**7 October 2023**" in page[first : first + 600]  # the attack, told by both articles


def test_the_home_page_opens_with_the_story_key_events(built: Build) -> None:
    page = (built.content / "index.md").read_text("utf-8")
    key = page[page.index("## Key events") : page.index("## Latest entries")]
    links = re.findall(r"\]\((chronology/[^)#]+)#(e-[0-9a-f]{8})\)", key)
    assert 3 <= len(links) <= 15
    for path, anchor in links:
        assert f'id="{anchor}"' in (built.content / path).read_text("utf-8")
    assert "[7 October 2023](chronology/2023/10.md#" in key  # the attack, told by both articles
    html = (built.site / "index.html").read_text("utf-8")
    assert "Key events" in html


def test_a_happening_recalled_long_after_is_listed_on_its_year(seed_dir: Path, tmp_path) -> None:
    """Told as news in 2022 and recalled in 2023, a happening is one entry among its
    month's days; recalled only, it is listed apart from them, and on its year's page."""
    (seed_dir / "a.txt").write_text(
        " date 2023-11-01 Rockets were fired at Ashdod on March 3, 2022, the army said."
        " A factory in Sderot burned down on June 9, 2021, the fire service said."
    )
    (seed_dir / "b.txt").write_text(" date 2022-03-04 Rockets were fired at Ashdod on Thursday.")
    done = build(tmp_path, seed_dir)
    assert done.result.returncode == 0, done.result.stderr
    events = [
        e
        for f in sorted((done.site / "data" / "events").glob("*.json"))
        for e in json.loads(f.read_text("utf-8"))["events"]
    ]
    told = next(e for e in events if e["date"] == "2022-03-03")
    assert told["status"] == "happened" and len(told["citations"]) == 2
    assert told["page"].startswith("chronology/2022/03")
    recalled = next(e for e in events if e["date"] == "2021-06-09")
    assert recalled["status"] == "background"
    assert recalled["page"].startswith("chronology/2021/06")
    month = (done.content / "chronology" / "2021" / "06.md").read_text("utf-8")
    assert "## 9 June 2021" not in month  # not among the story's days
    assert f'id="{recalled["id"]}"' in month.split("## Recalled as context")[1]
    year = (done.content / "chronology" / "2021" / "index.md").read_text("utf-8")
    assert f"(06.md#{recalled['id']})" in year.split("## Recalled as context")[1]
