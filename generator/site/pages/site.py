"""What the pages are made from: the site's index, its parts fetched as they are needed,
and its settings; and a page planned, to be made when asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator.chronology import happenings
from generator.chronology.happenings import EntryWords, Period
from generator.chronology.partitions import DATED, Filed, Index, update
from generator.model import Article, Event
from generator.site import maps
from generator.text.places import Gazetteer

PAGE_ITEMS = 100
"""Items a list page holds when ``data/settings.yml`` does not say (``pages.max_items``)."""


def _unkept(part: Period | str, kind: str, inputs: str, make: Callable[[], str]) -> str:
    return make()


@dataclass(frozen=True)
class Parts:
    """The entries of a period and the articles of a month of publication, as a build
    reads them: fetched once each (``period``, ``pub``), however many pages use them.

    ``chunk`` gives the text a part contributes to a file of several parts (``kind``, such
    as "events.json"), made by ``make`` unless it was kept from ``inputs`` before."""

    period_of: Callable[[Period], list[Event]]
    pub_of: Callable[[str], list[Filed]]
    chunk: Callable[[Period | str, str, str, Callable[[], str]], str] = _unkept
    period: Callable[[Period], list[Event]] = field(init=False, repr=False, compare=False)
    pub: Callable[[str], list[Filed]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", lru_cache(maxsize=256)(self.period_of))
        object.__setattr__(self, "pub", lru_cache(maxsize=256)(self.pub_of))


@dataclass(frozen=True)
class Site:
    index: Index
    parts: Parts
    gazetteer: Gazetteer
    categories: dict[str, dict]
    """The categories of figures, in the order the pages list them (``data/figures.yml``)."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Kinds of place, in the order the index of places lists them, with their heading
    there (``data/places.yml``)."""
    outlines: maps.Outlines = field(default_factory=maps.Outlines)
    title: str = "Chronicle"
    site_url: str | None = None
    page_items: int = PAGE_ITEMS
    """Lists of more items than this (a place's entries, the figures, the sources) are
    split into a page a year, or a month in a busy year, so that no page grows with the
    corpus."""

    @classmethod
    def of(
        cls, articles: list[Article], vocabulary: EntryWords, gazetteer: Gazetteer, **settings: Any
    ) -> Site:
        """The site of these articles alone, every part made in memory."""
        made = update(Index(), articles, [], vocabulary, gazetteer, _absent, _absent)
        parts = Parts(made.periods.__getitem__, made.pubs.__getitem__)
        return cls(made.index, parts, gazetteer, **settings)

    def newest(
        self, count: int, dated: bool = False
    ) -> tuple[list[str], Callable[[], list[Event]]]:
        """The digests of the periods that hold the ``count`` newest entries (only those
        placed in time, if ``dated``), and how to fetch those entries, newest first.

        An entry sorts by its first day; a week's entries, listed under the month of its
        Thursday, may start a few days before it: so one month past enough is read too."""
        index = self.index
        chosen: list[Period] = []
        found = 0
        past = False
        for period in reversed(index.ordered_periods()):
            part = index.periods[period]
            if found >= count:
                if past and period.month:
                    break
                past = past or bool(period.month)
            chosen.append(period)
            found += part.dated if dated else part.count

        def fetch() -> list[Event]:
            events = [
                e for p in chosen for e in self.parts.period(p) if not dated or e.precision in DATED
            ]
            return sorted(events, key=happenings.sort_key, reverse=True)[:count]

        return [index.periods[p].digest for p in chosen], fetch


def _absent(key: object) -> list:
    raise KeyError(key)


@dataclass(frozen=True)
class Planned:
    """A page to be: its path, a digest of what it is made from, and how to make it."""

    path: str
    inputs: str
    make: Callable[[], str]
