"""Data files for reuse: the entries a file a year (JSON and CSV), the figures a file a
year of publication, and the feed of the latest entries (``generator.site.exports``
writes them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial

from generator.chronology.happenings import Period
from generator.chronology.partitions import UNDATED, digest
from generator.model import Event
from generator.site import exports, urls
from generator.site.pages.site import Planned, Site


def plan(site: Site) -> Iterator[Planned]:
    index = site.index
    years: dict[str, list[Period]] = defaultdict(list)
    for period in index.ordered_periods():
        years[period.year].append(period)
    as_json = partial(exports.events_json_chunk, gazetteer=site.gazetteer)
    for year, periods in years.items():
        inputs = digest([index.periods[p].digest for p in periods])

        def events_json(periods: list[Period] = periods) -> str:
            return exports.events_json(_chunks(site, periods, "events.json", as_json))

        def events_csv(periods: list[Period] = periods) -> str:
            return exports.events_csv(
                _chunks(site, periods, "events.csv", exports.events_csv_chunk)
            )

        yield Planned(urls.events_data(year, "json"), inputs, events_json)
        yield Planned(urls.events_data(year, "csv"), inputs, events_csv)
    pub_years: dict[str, list[str]] = defaultdict(list)
    for key, pub in index.pubs.items():
        if pub.figures:
            pub_years[key[:4] if key != UNDATED else UNDATED].append(key)

    def figures(key: str) -> str:
        return exports.figures_csv_chunk(
            (f, filed.article.slug, filed.article.published.value)
            for filed in site.parts.pub(key)
            for f in filed.article.figures
        )

    for year, keys in sorted(pub_years.items()):

        def figures_csv(keys: list[str] = keys) -> str:
            return exports.figures_csv(
                site.parts.chunk(k, "figures.csv", index.pubs[k].digest, partial(figures, k))
                for k in keys
            )

        yield Planned(
            urls.figures_data(year), digest([index.pubs[k].digest for k in keys]), figures_csv
        )
    walked, latest = site.newest(exports.FEED_SIZE)
    yield Planned(
        urls.FEED,
        digest(walked, site.title, site.site_url),
        lambda: exports.atom_feed(latest(), site.title, site.site_url),
    )


def _chunks(
    site: Site, periods: list[Period], kind: str, make: Callable[[list[Event]], str]
) -> list[str]:
    """Each period's share of a data file of several, kept from build to build while the
    period's entries are."""

    def chunk(period: Period) -> str:
        return site.parts.chunk(
            period, kind, site.index.periods[period].digest, lambda: make(site.parts.period(period))
        )

    return [chunk(p) for p in periods]
