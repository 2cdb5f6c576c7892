"""The site in parts: remaking only what a change touches gives the pages a whole build
gives, and "next entry" walks the chronology in the order its pages read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build import seeds
from generator.chronology import partitions
from generator.model import Article
from generator.project import Project
from generator.site import assemble, exports, maps
from generator.site.pages.site import Parts, Site
from generator.site.render import environment
from generator.text.extract import extract_seed, unique_slugs

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(ROOT)
ENV = environment(PROJECT.templates)
VOCABULARY = PROJECT.entry_words()
GAZETTEER = PROJECT.gazetteer()
SETTINGS = {
    "categories": PROJECT.categories(),
    "kinds": PROJECT.place_kinds(),
    "outlines": maps.Outlines.bundled(),
}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    resources = PROJECT.resources()
    found = [extract_seed(seed, resources) for seed in seeds.load(ROOT / "seeds").seeds]
    unique_slugs(found)
    return sorted(found, key=lambda a: a.slug)


def whole(articles: list[Article], page_items: int) -> dict[str, str]:
    site = Site.of(articles, VOCABULARY, GAZETTEER, page_items=page_items, **SETTINGS)
    return dict(assemble.pages(site, ENV))


def updated(
    before: list[Article], changed: list[Article], removed: list[str], page_items: int
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The pages after a change made from the parts (and the chunks of data files) the
    first build left, and what the update read and remade: (pages, made by both, inputs
    changed)."""
    first = partitions.update(partitions.Index(), before, [], VOCABULARY, GAZETTEER,
                              _absent, _absent)  # fmt: skip
    stored_periods, stored_pubs = dict(first.periods), dict(first.pubs)
    chunks: dict[tuple, str] = {}

    def chunk(part: object, kind: str, inputs: str, make: Callable[[], str]) -> str:
        if (part, kind, inputs) not in chunks:
            chunks[part, kind, inputs] = make()
        return chunks[part, kind, inputs]

    then = Site(first.index, Parts(stored_periods.__getitem__, stored_pubs.__getitem__, chunk),
                GAZETTEER, page_items=page_items, **SETTINGS)  # fmt: skip
    made_then = dict(assemble.pages(then, ENV))
    second = partitions.update(first.index, changed, removed, VOCABULARY, GAZETTEER,
                               stored_periods.__getitem__, stored_pubs.__getitem__)  # fmt: skip
    stored_periods.update(second.periods)
    stored_pubs.update(second.pubs)
    parts = Parts(stored_periods.__getitem__, stored_pubs.__getitem__, chunk)
    now = Site(second.index, parts, GAZETTEER, page_items=page_items, **SETTINGS)
    assert made_then.keys() and len({k for k in chunks if k[1] == "events.json"}) > 1
    old_inputs = {p.path: p.inputs for p in assemble.plan(then, ENV)}
    planned = assemble.plan(now, ENV)
    moved = {p.path: p.inputs for p in planned if old_inputs.get(p.path) != p.inputs}
    return dict(assemble.pages(now, ENV)), old_inputs, moved


def _absent(key: object) -> list:
    raise KeyError(key)


@pytest.mark.parametrize("page_items", [100, 3])
def test_an_update_gives_the_pages_a_whole_build_gives(
    articles: list[Article], page_items: int
) -> None:
    """One article edited (a sentence dropped), one removed, one added: the pages made
    from the updated parts are those a whole build of the new articles makes, split into
    parts (``page_items`` 3) or not."""
    edited = replace(articles[1], sentences=articles[1].sentences[:-2])
    edited.figures = [f for f in edited.figures if f.sentence in {s.id for s in edited.sentences}]
    edited.places = [p for p in edited.places if p.sentence in {s.id for s in edited.sentences}]
    edited.dates = [d for d in edited.dates if d.sentence in {s.id for s in edited.sentences}]
    before = [a for a in articles if a is not articles[-1]]
    after = [a for a in articles if a is not articles[1] and a is not articles[0]] + [edited]
    after.sort(key=lambda a: a.slug)
    pages, _, moved = updated(before, [edited, articles[-1]], [articles[0].id], page_items)
    expected = whole(after, page_items)
    assert pages.keys() == expected.keys()
    for path, text in expected.items():
        assert pages[path] == text, path
    assert moved and set(moved) < set(expected)  # some pages keep their inputs


def test_an_update_without_change_changes_no_page_inputs(articles: list[Article]) -> None:
    _, old, moved = updated(articles, [], [], 3)
    assert old and not moved


def test_next_entry_follows_the_order_the_pages_read(articles: list[Article]) -> None:
    """From the first entry, "next" walks every entry once, page by page, in the order
    each page lists them: a month's own entries, then day by day."""
    pages = whole(articles, 100)
    chronology = sorted(
        (p for p in pages if re.fullmatch(r"chronology/\d{4}/(index|\d\d)\.md", p)),
        key=lambda p: (p[11:15], "" if p.endswith("index.md") else p[16:18]),
    )
    entries = []  # (the entry's first anchor, the anchor its "next" link goes to)
    for path in chronology:
        for block in pages[path].split('\n- <span class="entry" id="')[1:]:
            later = re.search(r"→\]\([^)#]*#(e-[0-9a-f]+)", block)
            entries.append((block[: block.index('"')], later.group(1) if later else None))
    assert len(entries) > 10
    assert [later for _, later in entries] == [anchor for anchor, _ in entries[1:]] + [None]


def test_a_data_file_of_chunks_reads_as_json_dumps_writes_it(articles: list[Article]) -> None:
    """The entries' file is put together from each period's chunk, kept from build to
    build, yet is byte for byte what ``json.dumps`` writes of the whole."""
    site = Site.of(articles, VOCABULARY, GAZETTEER, **SETTINGS)
    periods = site.index.ordered_periods()
    events = [site.parts.period(p) for p in periods]
    records = [exports.event_record(e, GAZETTEER) for part in events for e in part]
    chunks = [exports.events_json_chunk(part, GAZETTEER) for part in events]
    expected = json.dumps({"events": records}, ensure_ascii=False, indent=1, sort_keys=True)
    assert len(records) > 10 and len(periods) > 2
    assert exports.events_json(chunks) == expected + "\n"
    assert exports.events_json([*chunks[:1], "", *chunks[1:]]) == expected + "\n"
    assert exports.events_json([]) == json.dumps({"events": []}, indent=1) + "\n"
