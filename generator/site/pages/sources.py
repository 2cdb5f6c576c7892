"""Sources: every article the chronology cites, newest first, on one page or, when there
are too many, a page a year (or month) of publication under an index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import jinja2

from generator.chronology.partitions import Card, digest, layout
from generator.site import urls
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.pages.split import MonthRow, month_label, newest_first
from generator.site.render import render


def plan(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """The sources page, and its parts when there are too many articles for one."""
    index = site.index
    by_pub: dict[str, list[Card]] = defaultdict(list)
    for card in index.cards.values():
        by_pub[card.pub].append(card)
    counts = {
        card.slug: sum(index.periods[p].citing.get(card.slug, 0) for p in card.periods)
        for card in index.cards.values()
    }

    def newest(cards: list[Card]) -> list[Card]:
        return sorted(cards, key=lambda c: (c.published.value or "0000", c.slug), reverse=True)

    def inputs(keys: list[str]) -> list:
        return [(k, index.pubs[k].digest, [counts[c.slug] for c in by_pub[k]]) for k in keys]

    if len(index.cards) <= site.page_items:

        def every_source() -> str:
            return render(
                env,
                "sources.md.j2",
                **context(site, urls.SOURCES),
                articles=newest(list(index.cards.values())),
                counts=counts,
            )

        yield Planned(urls.SOURCES, digest(inputs(sorted(by_pub))), every_source)
        return
    rows = []
    for key, keys in layout({k: len(c) for k, c in by_pub.items()}, site.page_items).items():
        path = urls.sources_part(key)
        cards = newest([c for k in keys for c in by_pub[k]])
        rows.append(MonthRow(key, path, (len(cards),)))

        def sources_part(path: str = path, key: str = key, cards: list[Card] = cards) -> str:
            return render(
                env,
                "sources.md.j2",
                **context(site, path),
                articles=cards,
                counts=counts,
                part=month_label(key),
            )

        yield Planned(path, digest(key, inputs(keys)), sources_part)
    rows = newest_first(rows)

    def sources_index() -> str:
        return render(
            env,
            "sources.md.j2",
            **context(site, urls.SOURCES),
            articles=[],
            counts=counts,
            months=rows,
        )

    yield Planned(urls.SOURCES, digest(rows), sources_index)
