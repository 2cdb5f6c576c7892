"""What an extraction keeps from the last build: the seeds whose article page is as that
build left it (not read again, not even from the cache), the addresses that must not
move, and what the next build is told of each seed.

Pure functions over the last build's records (``state.Kept``) and the seeds as listed
now; what they need to know of the disk (whether a page is as it was made, whose page
holds an address) is asked of the functions they are given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from generator.build import cache
from generator.build.seeds import Listed, Loaded
from generator.build.state import SeedRecord
from generator.chronology.partitions import Card, digest
from generator.model import Article, Seed
from generator.site.urls import article_page
from generator.text import repeated
from generator.text.extract import unique
from generator.text.repeated import Repetition

PageKept = Callable[[str, str], bool]
"""Whether a seed's article page is as the last build made it from the cache key given."""


class Read(NamedTuple):
    """A seed's article, and the page the cache holds for it (under ``slug``), if any."""

    seed: Seed
    key: str
    article: Article
    page: str = ""
    slug: str | None = None


def trusted(last: Mapping[str, SeedRecord], page_kept: PageKept) -> dict[str, Listed]:
    """The seeds whose page is as the last build left it, as listed then: their files are
    not read again while they keep the stat they had."""
    return {i: r.listed for i, r in last.items() if page_kept(i, r.key)}


@dataclass(frozen=True)
class Plan:
    """What becomes of each seed listed: its page kept, or its article read."""

    keys: dict[str, str]
    """Each seed's cache key (the last build's, for a seed not read this time)."""
    kept: list[str]
    """The seeds whose article page the last build left as it is: not read at all."""
    bases: dict[str, str]
    """The slug the title of each kept seed gives."""
    read: list[Seed]
    """The seeds whose article is read from the cache, or extracted again."""


def plan(
    loaded: Loaded, last: Mapping[str, SeedRecord], fingerprint: str, page_kept: PageKept
) -> Plan:
    """A seed is kept when it was not read (its files keep their stat), or when its key and
    page are as the last build left them."""
    read_now = {seed.id: seed for seed in loaded.seeds}
    keys = {
        i: last[i].key if i in loaded.unread else cache.key(read_now[i], fingerprint)
        for i in loaded.listed
    }
    kept: list[str] = []
    read: list[Seed] = []
    for seed_id, key in keys.items():
        record = last.get(seed_id)
        if seed_id in loaded.unread or (record and record.key == key and page_kept(seed_id, key)):
            kept.append(seed_id)
        else:
            read.append(read_now[seed_id])
    return Plan(keys, kept, {i: last[i].base for i in kept}, read)


def holders(
    bases: Mapping[str, str], cards: Mapping[str, Card], page_id: Callable[[str], str | None]
) -> dict[str, str]:
    """For each slug several articles ask for, the one whose page has it already: by the
    last build's index, else by ``page_id``, the id in the page of that slug (a fresh
    cache)."""
    asking: dict[str, list[str]] = {}
    for seed_id, slug in bases.items():
        asking.setdefault(slug, []).append(seed_id)
    found = {}
    for slug, ids in asking.items():
        if len(ids) < 2:
            continue
        holder = next((i for i in ids if i in cards and cards[i].slug == slug), None)
        if holder is None:
            holder = page_id(slug)
        if holder in ids:
            found[slug] = holder
    return found


def renamed(
    bases: Mapping[str, str], slugs: Mapping[str, str], display: Callable[[str], str]
) -> list[str]:
    """A warning for each article whose page does not get the address its title or
    metadata asks for, naming (``display``) the seeds of the others that ask for it."""
    lines = []
    for seed_id, slug in sorted(bases.items()):
        if slugs[seed_id] == slug:
            continue
        others = [display(i) for i, s in sorted(bases.items()) if s == slug and i != seed_id]
        why = f"also asked for by {', '.join(others)}" if others else "the address of the index"
        lines.append(
            f"{display(seed_id)}: its address {article_page(slug)} is {why}; "
            f"its page is {article_page(slugs[seed_id])}"
        )
    return lines


@dataclass(frozen=True)
class Addresses:
    """Where each article's page goes, and which kept pages that moves."""

    slugs: dict[str, str]
    """Each seed's slug: the one its title gives, unless others ask for it too."""
    renamed: list[str]
    """A warning for each page that does not get the address its title asks for."""
    moved: list[str]
    """The kept seeds whose page another's change moved: read and rendered again."""
    kept: list[str]
    """The kept seeds whose page stays where it is."""


def addresses(
    bases: dict[str, str],
    kept: list[str],
    cards: Mapping[str, Card],
    page_id: Callable[[str], str | None],
    display: Callable[[str], str],
) -> Addresses:
    """Slugs of their own (see ``extract.unique``), a newcomer never taking the address of
    a page that has it already."""
    slugs = unique(bases, holders(bases, cards, page_id))
    return Addresses(
        slugs,
        renamed(bases, slugs, display),
        moved=[i for i in kept if cards[i].slug != slugs[i]],
        kept=[i for i in kept if cards[i].slug == slugs[i]],
    )


def records(
    keys: Mapping[str, str],
    bases: Mapping[str, str],
    listed: Mapping[str, Listed],
    lines: Mapping[str, frozenset[int]],
    repeated: Mapping[str, tuple[int, ...]],
) -> dict[str, SeedRecord]:
    """What the next build is told of each seed."""
    return {
        i: SeedRecord(keys[i], base, listed[i], lines[i], repeated[i]) for i, base in bases.items()
    }


def furnished(
    loaded: Loaded, last: Mapping[str, SeedRecord], repetition: Repetition
) -> tuple[dict[str, frozenset[int]], dict[str, tuple[int, ...]], list[str]]:
    """Each seed's lines (hashed), those of them the corpus repeats, and the unread seeds
    that must be read again because that share changed since the last build. The seeds
    read are given their share (``loaded.seeds`` is changed)."""
    lines = {s.id: repeated.fingerprints(s.text, repetition) for s in loaded.seeds}
    lines.update({i: last[i].lines for i in loaded.unread})
    shares = repeated.of_each(lines, repetition)
    loaded.seeds = [replace(s, repeated=shares[s.id]) for s in loaded.seeds]
    changed = [i for i in loaded.listed if i in loaded.unread and last[i].repeated != shares[i]]
    return lines, shares, changed


def inputs(keys: Mapping[str, str], slugs: Mapping[str, str]) -> dict[str, str]:
    """Each article page's path → what it is made from (the seed's key and the slug)."""
    return {article_page(slugs[i]): digest(keys[i], slugs[i]) for i in slugs}
