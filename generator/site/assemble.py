"""Assembly: the site's index and parts in, every generated page of ``content/`` out.

Pure: each page is planned with a digest of what it is made from, and made only when
asked, so that a build makes again only the pages whose inputs changed; the caller
writes them.  Links between pages are relative ``.md`` paths, so that MkDocs checks each
of them (and each anchor) when it builds in strict mode.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import jinja2
from markupsafe import Markup

from generator.build import storage
from generator.chronology import happenings
from generator.chronology.happenings import Period, Vocabulary
from generator.chronology.partitions import (
    DATED,
    UNDATED,
    Card,
    Filed,
    Index,
    Series,
    digest,
    figure_order,
    layout,
    period_key,
    place_ids,
    series_key,
    update,
)  # fmt: skip
from generator.model import Article, Event, Figure, PlaceMention
from generator.site import charts, exports, maps, urls
from generator.site.render import linker, render
from generator.text.dates import label, shape, start_of
from generator.text.places import AREAS, Gazetteer, Place

PAGE_ITEMS = 100
"""Items a list page holds when ``data/settings.yml`` does not say (``pages.max_items``)."""
CATEGORY_ORDER = ["killed", "injured", "missing", "hostages", "displaced", "detained", "rockets",
                  "intercepted", "aid_trucks", "buildings", "population", "deployed"]  # fmt: skip
SUMMED = (urls.DATA, urls.EVENTS_DATA, urls.FIGURES_DATA)
"""The folders of data files, each with a ``SHA256SUMS`` that lists them."""


def _unkept(part: Period | str, kind: str, inputs: str, make: Callable[[], str]) -> str:
    return make()


@dataclass(frozen=True)
class Parts:
    """The entries of a period and the articles of a month of publication, as a build
    reads them: fetched once each, however many pages use them.

    ``chunk`` gives the text a part contributes to a file of several parts (``kind``, such
    as "events.json"), made by ``make`` unless it was kept from ``inputs`` before."""

    period_of: Callable[[Period], list[Event]]
    pub_of: Callable[[str], list[Filed]]
    chunk: Callable[[Period | str, str, str, Callable[[], str]], str] = _unkept

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", lru_cache(maxsize=256)(self.period_of))
        object.__setattr__(self, "pub", lru_cache(maxsize=256)(self.pub_of))

    def period(self, period: Period) -> list[Event]: ...  # replaced by the cached loader

    def pub(self, key: str) -> list[Filed]: ...  # replaced by the cached loader


@dataclass(frozen=True)
class Site:
    index: Index
    parts: Parts
    gazetteer: Gazetteer
    categories: dict[str, dict]
    outlines: maps.Outlines = field(default_factory=maps.Outlines)
    title: str = "Chronicle"
    site_url: str | None = None
    page_items: int = PAGE_ITEMS
    """Lists of more items than this (a place's entries, the figures, the sources) are
    split into a page a year, or a month in a busy year, so that no page grows with the
    corpus."""

    @classmethod
    def of(
        cls, articles: list[Article], vocabulary: Vocabulary, gazetteer: Gazetteer, **settings: Any
    ) -> Site:
        """The site of these articles alone, every part made in memory."""
        made = update(Index(), articles, [], vocabulary, gazetteer, _absent, _absent)
        parts = Parts(made.periods.__getitem__, made.pubs.__getitem__)
        return cls(made.index, parts, gazetteer, **settings)


def _absent(key: object) -> list:
    raise KeyError(key)


@dataclass(frozen=True)
class Planned:
    """A page to be: its path, a digest of what it is made from, and how to make it."""

    path: str
    inputs: str
    make: Callable[[], str]


def month_label(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    return label(key, shape(key))


@dataclass(frozen=True)
class MonthRow:
    """A line of the index of a list split by year or month: its page, and its counts."""

    key: str
    path: str
    counts: tuple[int, ...]

    @property
    def label(self) -> str:
        return month_label(self.key)


def newest_first(rows: list[MonthRow]) -> list[MonthRow]:
    """The index of a split list reads newest first, the undated at the end."""
    return [r for r in reversed(rows) if r.key != UNDATED] + [r for r in rows if r.key == UNDATED]


def _period_of_key(key: str) -> Period:
    return Period(key[:4], key[5:7] or None)


def _context(site: Site, page: str, around: happenings.Neighbours | None = None) -> dict:
    link = linker(page)

    def cite(event: Event) -> Markup:
        return Markup(" ").join(
            link(f"[{number}]", urls.article_page(c.article), c.sentence, c.title)
            for number, c in enumerate(event.citations, start=1)
        )

    return {
        "link": link,
        "cite": cite,
        "around": lambda event: (around or {})[event.id],
        "categories": site.categories,
        "page": page,
    }


def _ends(event: Event | None) -> tuple | None:
    """What a link to a neighbouring entry shows of it."""
    return event and (event.id, event.date, event.end, event.precision)


def plan(site: Site, env: jinja2.Environment) -> list[Planned]:
    """Every page but the articles' own, which extraction writes (``content.render_article``)."""
    return [
        *_chronology_pages(site, env),
        *_place_pages(site, env),
        *_figure_pages(site, env),
        *_source_pages(site, env),
        *_data_files(site),
        _home(site, env),
    ]


def pages(site: Site, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
    """Every planned page made, as (path, text)."""
    return made(plan(site, env))


def made(
    pages: list[Planned],
    known: Callable[[str], dict[str, str]] = lambda folder: {},
    texts: Iterable[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """These pages made, as (path, text); a data folder's ``SHA256SUMS`` before the files
    it lists, which are those made here and those whose hashes ``known`` gives (by name).
    ``texts`` are the pages' texts in order, when they are made elsewhere."""
    data: dict[str, dict[str, str]] = defaultdict(dict)
    for page, text in zip(pages, texts or (p.make() for p in pages), strict=True):
        folder, _, name = page.path.rpartition("/")
        if folder in SUMMED:
            data[folder][name] = text
        else:
            yield page.path, text
    for folder, files in data.items():
        yield f"{folder}/{storage.SUMS}", storage.sums(files, known(folder))
        yield from ((f"{folder}/{name}", text) for name, text in files.items())


# The chronology: a page a month, a page a year, and the index of years.


def _chronology_pages(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    index = site.index
    periods = index.ordered_periods()
    months = [p for p in periods if p.month]
    years = sorted({p.year for p in periods}, reverse=True)
    position = {period: i for i, period in enumerate(periods)}

    def edges(period: Period | None) -> tuple[Event | None, Event | None]:
        """The entries just before and just after the period's, in reading order."""
        i = position.get(period) if period else None
        if i is None:
            return None, None
        before = index.periods[periods[i - 1]].last if i else None
        after = index.periods[periods[i + 1]].first if i + 1 < len(periods) else None
        return before, after

    for m, period in enumerate(months):
        before, after = edges(period)
        part = index.periods[period]
        adjacent = (months[m - 1] if m else None, months[m + 1] if m + 1 < len(months) else None)

        def month_page(period: Period = period, before: Event | None = before,
                       after: Event | None = after, adjacent: tuple = adjacent) -> str:  # fmt: skip
            events = site.parts.period(period)
            days: dict[str, list[Event]] = defaultdict(list)
            for event in events:
                days[happenings.day_anchor(event) or ""].append(event)
            return render(
                env, "month.md.j2", **_context(site, urls.period_page(period), happenings.neighbours(events, before, after)),
                period=period, days=list(days.items()), neighbours=adjacent,
            )  # fmt: skip

        yield Planned(
            urls.period_page(period),
            digest(part.digest, _ends(before), _ends(after), adjacent),
            month_page,
        )

    for year in years:
        path = urls.year_page(year)
        in_year = [p for p in periods if p.year == year]
        counts = [(p, index.periods[p].count) for p in reversed(in_year) if p.month]
        whole = Period(year, None) if Period(year, None) in index.periods else None
        before, after = edges(whole)
        inputs = digest(counts, index.periods[whole].digest if whole else None,
                        _ends(before), _ends(after))  # fmt: skip

        def year_page(year: str = year, counts: list = counts, whole: Period | None = whole,
                      before: Event | None = before, after: Event | None = after) -> str:  # fmt: skip
            path = urls.year_page(year)
            events = site.parts.period(whole) if whole else []
            return render(
                env, "year.md.j2", **_context(site, path, happenings.neighbours(events, before, after)),
                year=year, months=counts, events=events,
            )  # fmt: skip

        yield Planned(path, inputs, year_page)

    counts_of = {p: index.periods[p].count for p in periods}
    by_year = [(y, [p for p in reversed(periods) if p.year == y and p.month]) for y in years]

    def chronology_index() -> str:
        return render(
            env, "chronology.md.j2", **_context(site, urls.CHRONOLOGY),
            chart=Markup(_months_chart(counts_of)),
            years=[(y, months, counts_of) for y, months in by_year],
        )  # fmt: skip

    yield Planned(urls.CHRONOLOGY, digest(counts_of), chronology_index)


def _months_chart(counts: dict[Period, int]) -> str:
    """Entries per month from the first month to the last, empty months included, so that
    the bars keep the time scale; each bar links to its month's page."""
    months = sorted((int(p.year), int(p.month)) for p in counts if p.month)
    if not months:
        return ""
    by_month = {(int(p.year), int(p.month or 0)): n for p, n in counts.items() if p.month}
    (year, month), last = months[0], months[-1]
    bars, links = [], []
    while (year, month) <= last:
        count = by_month.get((year, month), 0)
        bars.append((charts.date_label(dt.date(year, month, 1), "month"), count))
        month_page = urls.period_page(Period(f"{year}", f"{month:02d}"))
        links.append(urls.html_href(month_page, urls.CHRONOLOGY) if count else None)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return charts.bar_chart(
        bars, title="Entries per month", links=links,
        description=f"Chronology entries per month, {bars[0][0]} to {bars[-1][0]}; "
        "the list below gives the same counts.",
    )  # fmt: skip


# Places: a page a place (split by year or month when long), and the index of places.


@dataclass(frozen=True)
class _PlaceCounts:
    """What the summaries say of each place: entries by period, mentions by month."""

    events: dict[str, dict[str, tuple[int, str]]]
    mentions: dict[str, dict[str, tuple[int, str]]]

    def total(self, place: str, which: str) -> int:
        return sum(n for n, _ in getattr(self, which).get(place, {}).values())


def _place_counts(index: Index) -> _PlaceCounts:
    events: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for period, part in index.periods.items():
        for place, found in part.places.items():
            events[place][period_key(period)] = found
    mentions: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for key, pub in index.pubs.items():
        for place, found in pub.mentions.items():
            mentions[place][key] = found
    return _PlaceCounts(dict(events), dict(mentions))


def _shown_places(site: Site, counts: _PlaceCounts) -> list[str]:
    mentioned = set(counts.events) | set(counts.mentions)
    return sorted(mentioned | {a for p in mentioned for a in site.gazetteer.ancestors(p)})


class _PlaceLists:
    """The entries at each place (or inside it), period by period, and the articles'
    mentions of it, for the place pages of one build: each period is grouped by place
    once, however many place pages list it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.periods = {period_key(p): p for p in site.index.ordered_periods()}
        self.at = lru_cache(maxsize=None)(self._group)
        self.named = lru_cache(maxsize=None)(self._mentions)

    def _group(self, period: Period) -> dict[str, list[Event]]:
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in self.site.parts.period(period):
            for place in place_ids(event, self.site.gazetteer):
                grouped[place].append(event)
        return grouped

    def _mentions(self, key: str) -> dict[str, list[tuple[Article, PlaceMention]]]:
        grouped: dict[str, list[tuple[Article, PlaceMention]]] = defaultdict(list)
        for filed in self.site.parts.pub(key):
            for mention in filed.article.places:
                grouped[mention.place].append((filed.article, mention))
        return grouped

    def __call__(
        self, place: str, keys: list[str]
    ) -> tuple[list[Event], list[tuple[Article, PlaceMention]]]:
        """The entries and mentions in the months ``keys``: entries in the chronology's
        order, mentions by day published."""
        wanted = sorted(set(keys))
        events = [event for key in wanted if key in self.periods
                  for event in self.at(self.periods[key]).get(place, ())]  # fmt: skip
        mentions = [found for key in wanted if key in self.site.index.pubs
                    for found in self.named(key).get(place, ())]  # fmt: skip
        return events, mentions


def _place_pages(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    counts = _place_counts(site.index)
    listed_at = _PlaceLists(site)
    shown = _shown_places(site, counts)
    shown_places = [site.gazetteer.places[p] for p in shown]
    inside_of: dict[str, list[Place]] = defaultdict(list)
    for place in sorted(shown_places, key=lambda p: p.name):
        for ancestor in site.gazetteer.ancestors(place.id):
            inside_of[ancestor].append(place)
    for place_id in shown:
        place = site.gazetteer.places[place_id]
        events = counts.events.get(place_id, {})
        mentions = counts.mentions.get(place_id, {})
        found = {k: events.get(k, (0, ""))[0] + mentions.get(k, (0, ""))[0]
                 for k in {*events, *mentions}}  # fmt: skip
        inputs_of = {k: (k, events.get(k), mentions.get(k)) for k in sorted(found)}
        rows: list[MonthRow] = []
        if sum(found.values()) > site.page_items:
            for key, keys in layout(found, site.page_items).items():
                path = urls.place_part(place_id, key)
                rows.append(MonthRow(key, path, (
                    sum(events.get(k, (0, ""))[0] for k in keys),
                    sum(mentions.get(k, (0, ""))[0] for k in keys))))  # fmt: skip

                def part_page(place: Place = place, key: str = key, keys: list[str] = keys) -> str:
                    path = urls.place_part(place.id, key)
                    listed, named = listed_at(place.id, keys)
                    return render(
                        env, "place.md.j2", **_context(site, path), place=place,
                        part=month_label(key), events=listed, mentions=named,
                    )  # fmt: skip

                yield Planned(path, digest(place, key, [inputs_of[k] for k in keys]), part_page)
            rows = newest_first(rows)
        inside = inside_of[place_id]
        every = sorted(found)

        def place_page(place: Place = place, inside: list[Place] = inside,
                       rows: list[MonthRow] = rows, keys: list[str] = every) -> str:  # fmt: skip
            path = urls.place_page(place.id)
            listed, named = listed_at(place.id, keys) if not rows else ([], [])
            return render(
                env, "place.md.j2", **_context(site, path), place=place,
                ancestors=[site.gazetteer.places[a] for a in site.gazetteer.ancestors(place.id)],
                children=[p for p in inside if p.parent == place.id],
                further=[p for p in inside if p.parent != place.id],
                events=listed, mentions=named, months=rows,
                map=Markup(_place_map(site, place, inside, shown_places)),
            )  # fmt: skip

        inputs = digest(place, shown, rows or list(inputs_of.values()))
        yield Planned(urls.place_page(place_id), inputs, place_page)

    totals = [(p, counts.total(p, "events"), counts.total(p, "mentions")) for p in shown]

    def places_index() -> str:
        return render(
            env, "places.md.j2", **_context(site, urls.PLACES),
            places=_places_by_country(site, totals),
            maps=[Markup(m) for m in _overview_maps(site, shown_places)],
        )  # fmt: skip

    yield Planned(urls.PLACES, digest(totals), places_index)
    yield Planned(
        urls.PLACES_DATA, digest(totals),
        lambda: exports.places_geojson(totals, site.gazetteer),
    )  # fmt: skip


# Figures: a section a category, with running totals charted and tabled.


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    article: Article
    as_of: str | None  # the day the figure was reported: the article's date
    total: Figure | None  # the total a sub-count belongs to
    entry: Event | None = None  # the report of the chronology entry that shows it


@dataclass(frozen=True)
class TotalsTable:
    """The running totals of one place, a column per source, a row per day reported."""

    place: str
    sources: list[str]
    rows: list[tuple[str, list[list[FigureRow]]]]  # (as of, the figures of each source)


@dataclass(frozen=True)
class FigureSection:
    """One category on the figures page: its running totals by source, and its figures
    (only their number, on the overview of a split list)."""

    category: str
    count: int
    rows: list[FigureRow]
    tables: list[TotalsTable]
    chart: Markup


def _category_order(categories: list[str]) -> list[str]:
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return sorted(categories, key=lambda c: (order.get(c, 99), c))


def _chart(site: Site, category: str, series: dict[Series, list[tuple[str, float]]]) -> Markup:
    label = site.categories.get(category, {}).get("label", category)
    return Markup(charts.line_chart(
        [charts.Series(f"{place} — {source}", tuple(
            (dt.date.fromisoformat(day), value) for day, value in points))
         for (place, source), points in sorted(series.items())],
        title=f"{label}: running totals by place and source",
    ))  # fmt: skip


def _figure_sections(site: Site, filed: list[Filed]) -> list[FigureSection]:
    rows: dict[str, list[FigureRow]] = defaultdict(list)
    for item in filed:
        article = item.article
        by_start = {f.start: f for f in article.figures}
        for figure in article.figures:
            total = by_start.get(figure.part_of) if figure.part_of is not None else None
            rows[figure.category].append(FigureRow(figure, article, article.published.value,
                                                   total, item.entries.get(figure.start)))  # fmt: skip
    sections = []
    for category in _category_order(list(rows)):
        items = sorted(rows[category], key=lambda r: figure_order(r.article, r.figure))
        series: dict[Series, list[FigureRow]] = defaultdict(list)
        for row in items:
            if key := series_key(row.figure, row.as_of):
                series[key].append(row)
        points = {
            k: [(r.as_of or "", r.figure.value) for r in found] for k, found in series.items()
        }
        by_place: dict[str, dict[str, list[FigureRow]]] = defaultdict(dict)
        for (place, source), found in sorted(series.items()):
            by_place[place][source] = found
        tables = []
        for place, columns in by_place.items():
            days = sorted({r.as_of or "" for found in columns.values() for r in found})
            lines = [(day, [[r for r in found if r.as_of == day] for found in columns.values()])
                     for day in days]  # fmt: skip
            tables.append(TotalsTable(place, list(columns), lines))
        sections.append(FigureSection(category, len(items), items, tables,
                                      _chart(site, category, points)))  # fmt: skip
    return sections


def _figure_overview(site: Site) -> list[FigureSection]:
    """A section a category with the last figure of each month of each series charted,
    for the overview of a site whose figures are split by year or month."""
    counts: Counter[str] = Counter()
    series: dict[str, dict[Series, list[tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for pub in site.index.pubs.values():
        counts.update(pub.figures)
        for category, tails in pub.tails.items():
            for key, point in tails.items():
                series[category][key].append(point)
    return [
        FigureSection(category, counts[category], [], [], _chart(site, category, series[category]))
        for category in _category_order(list(counts))
    ]


def _figure_pages(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """The figures page: every figure, or, when there are too many for a page, their
    running totals charted and a page a year (or month) of publication."""
    pubs = site.index.pubs
    sizes = {key: sum(pub.figures.values()) for key, pub in pubs.items() if pub.figures}
    if sum(sizes.values()) <= site.page_items:

        def every_figure() -> str:
            filed = [f for key in sizes for f in site.parts.pub(key)]
            return render(
                env, "figures.md.j2", **_context(site, urls.FIGURES),
                sections=_figure_sections(site, filed),
            )  # fmt: skip

        yield Planned(urls.FIGURES, digest([pubs[k].digest for k in sizes]), every_figure)
        return
    rows = []
    order = _category_order(list({c for pub in pubs.values() for c in pub.figures}))
    for key, keys in layout(sizes, site.page_items).items():
        path = urls.figures_part(key)
        count = Counter[str]()
        for k in keys:
            count.update(pubs[k].figures)
        rows.append(MonthRow(key, path, tuple(count.get(c, 0) for c in order)))

        def figures_part(key: str = key, keys: list[str] = keys) -> str:
            path = urls.figures_part(key)
            filed = [f for k in keys for f in site.parts.pub(k)]
            return render(
                env, "figures.md.j2", **_context(site, path),
                sections=_figure_sections(site, filed), part=month_label(key),
            )  # fmt: skip

        yield Planned(path, digest(key, [pubs[k].digest for k in keys]), figures_part)
    rows = newest_first(rows)
    inputs = digest(rows, [(p.figures, p.tails) for p in pubs.values()])
    yield Planned(urls.FIGURES, inputs, lambda: render(
        env, "figures.md.j2", **_context(site, urls.FIGURES), sections=_figure_overview(site),
        months=rows,
    ))  # fmt: skip


# Sources: every article, newest first, or a page a year (or month) of publication.


def _source_pages(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
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
        keys = sorted(by_pub)
        yield Planned(urls.SOURCES, digest(inputs(keys)), lambda: render(
            env, "sources.md.j2", **_context(site, urls.SOURCES),
            articles=newest(list(index.cards.values())), counts=counts,
        ))  # fmt: skip
        return
    rows = []
    for key, keys in layout({k: len(c) for k, c in by_pub.items()}, site.page_items).items():
        path = urls.sources_part(key)
        cards = newest([c for k in keys for c in by_pub[k]])
        rows.append(MonthRow(key, path, (len(cards),)))
        yield Planned(path, digest(key, inputs(keys)), lambda path=path, key=key, cards=cards: render(
            env, "sources.md.j2", **_context(site, path), articles=cards, counts=counts,
            part=month_label(key),
        ))  # fmt: skip
    rows = newest_first(rows)
    yield Planned(urls.SOURCES, digest(rows), lambda: render(
        env, "sources.md.j2", **_context(site, urls.SOURCES), articles=[], counts=counts,
        months=rows,
    ))  # fmt: skip


# Data files: entries a file a year, figures a file a year of publication, and the feed.


def _data_files(site: Site) -> Iterator[Planned]:
    index = site.index
    years: dict[str, list[Period]] = defaultdict(list)
    for period in index.ordered_periods():
        years[period.year].append(period)
    as_json = partial(exports.events_json_chunk, gazetteer=site.gazetteer)
    for year, periods in years.items():
        inputs = digest([index.periods[p].digest for p in periods])
        yield Planned(urls.events_data(year, "json"), inputs, lambda periods=periods: exports.events_json(
            _chunks(site, periods, "events.json", as_json)))  # fmt: skip
        yield Planned(urls.events_data(year, "csv"), inputs, lambda periods=periods: exports.events_csv(
            _chunks(site, periods, "events.csv", exports.events_csv_chunk)))  # fmt: skip
    pub_years: dict[str, list[str]] = defaultdict(list)
    for key, pub in index.pubs.items():
        if pub.figures:
            pub_years[key[:4] if key != UNDATED else UNDATED].append(key)

    def figures(key: str) -> str:
        return exports.figures_csv_chunk(
            (f, filed.article.slug, filed.article.published.value)
            for filed in site.parts.pub(key) for f in filed.article.figures
        )  # fmt: skip

    for year, keys in sorted(pub_years.items()):
        yield Planned(
            urls.figures_data(year), digest([index.pubs[k].digest for k in keys]),
            lambda keys=keys: exports.figures_csv(
                site.parts.chunk(k, "figures.csv", index.pubs[k].digest, lambda k=k: figures(k))
                for k in keys
            ),
        )  # fmt: skip
    walked, latest = _newest(site, exports.FEED_SIZE)
    yield Planned(
        urls.FEED, digest(walked, site.title, site.site_url),
        lambda: exports.atom_feed(latest(), site.title, site.site_url),
    )  # fmt: skip


def _chunks(
    site: Site, periods: list[Period], kind: str, make: Callable[[list[Event]], str]
) -> list[str]:
    """Each period's share of a data file of several, kept from build to build while the
    period's entries are."""
    return [
        site.parts.chunk(p, kind, site.index.periods[p].digest, lambda p=p: make(site.parts.period(p)))
        for p in periods
    ]  # fmt: skip


def _newest(
    site: Site, count: int, dated: bool = False
) -> tuple[list[str], Callable[[], list[Event]]]:
    """The digests of the periods that hold the ``count`` newest entries (only those
    placed in time, if ``dated``), and how to fetch those entries, newest first.

    An entry sorts by its first day; a week's entries, listed under the month of its
    Thursday, may start a few days before it: so one month past enough is read too."""
    index = site.index
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
        events = [e for p in chosen for e in site.parts.period(p)
                  if not dated or e.precision in DATED]  # fmt: skip
        return sorted(events, key=happenings.sort_key, reverse=True)[:count]

    return [index.periods[p].digest for p in chosen], fetch


def _home(site: Site, env: jinja2.Environment) -> Planned:
    index = site.index
    walked, latest = _newest(site, 10, dated=True)
    spans = [p.span for p in index.periods.values() if p.span]
    cards = sorted(index.cards.values(), key=lambda c: c.slug)
    overview = {
        "counts": {
            "articles": len(cards),
            "events": sum(p.count for p in index.periods.values()),
            "figures": sum(c.figures for c in cards),
            "places": len({p for c in cards for p in c.places}),
        },
        "first": min((s[0] for s in spans), key=start_of, default=None),
        "last": max((s[1] for s in spans), key=start_of, default=None),
        "undated": [c for c in cards if not c.published.value],
        "inferred": [c for c in cards if c.published.how == "inferred"],
    }
    inputs = digest(walked, overview)
    return Planned(urls.HOME, inputs, lambda: render(
        env, "index.md.j2", **_context(site, urls.HOME), **overview, latest=latest(),
    ))  # fmt: skip


# How much of the world a place's map shows around it, in degrees, by kind of place.
MAP_SPAN = {"continent": 60.0, "country": 8.0, "state": 6.0, "region": 1.2}
TOWN_SPAN = 0.6


def _located(place: Place) -> bool:
    return (place.lat, place.lon) != (0.0, 0.0)


def _marker(place: Place, page: str, emphasis: bool = False) -> maps.Marker:
    href = None if emphasis else urls.html_href(urls.place_page(place.id), page)
    return maps.Marker(place.name, place.lat, place.lon, href=href, emphasis=emphasis)


def _place_map(site: Site, place: Place, inside: list[Place], shown: list[Place]) -> str:
    """The place and what lies inside it, with the other places of the site around it.

    Areas (countries, regions) are drawn only on their own page: their point is a centre,
    not a spot."""
    if not site.outlines.world or not _located(place):
        return ""
    page = urls.place_page(place.id)
    inner = [c for c in inside if _located(c)]
    frame = [_marker(place, page, emphasis=True), *(_marker(c, page) for c in inner)]
    bbox = maps.bbox_around(frame, min_span_deg=MAP_SPAN.get(place.kind, TOWN_SPAN))
    inner_ids = {c.id for c in inner}
    around = [
        _marker(p, page)
        for p in shown
        if p.id != place.id and p.id not in inner_ids and p.kind not in AREAS and _located(p)
        and bbox[0] <= p.lon <= bbox[2] and bbox[1] <= p.lat <= bbox[3]
    ]  # fmt: skip
    return maps.locator_map(
        site.outlines.for_view(bbox), [*frame, *around], bbox=bbox,
        title=f"Map of {place.name}",
        description=f"{place.name} at {place.lat:.4f}, {place.lon:.4f}, with "
        f"{len(inner)} places inside it and {len(around)} other places of this site nearby.",
    )  # fmt: skip


def _overview_maps(site: Site, shown: list[Place]) -> list[str]:
    """A map of the places in the region, and one of the world for those outside it."""
    if not site.outlines.world:
        return []
    page = urls.PLACES
    located = [p for p in shown if _located(p) and p.kind != "continent"]
    near = [p for p in located if site.outlines.in_region(p.lon, p.lat)]
    result = []
    towns = [p for p in near if p.kind not in AREAS]
    if towns:
        markers = [_marker(p, page) for p in towns]
        bbox = maps.bbox_around(markers, min_span_deg=1.0, pad=0.1)
        result.append(maps.locator_map(
            site.outlines.for_view(bbox), markers, bbox=bbox, title="Places in the region",
            description=f"{len(towns)} places of the site in the region; the tables below list them.",
        ))  # fmt: skip
    far = [p for p in located if p not in near or p.kind == "country"]
    if far:
        markers = [_marker(p, page) for p in far]
        result.append(maps.locator_map(
            site.outlines.world, markers, bbox=(-180.0, -60.0, 180.0, 80.0),
            title="Places in the world",
            description=f"{len(far)} countries and places of the site; the tables below list them.",
        ))  # fmt: skip
    return result


# Kinds of place in the order the index lists them, with their heading.
KINDS = {
    "continent": "Continents", "country": "Countries", "state": "States", "region": "Regions",
    "area": "Areas", "border": "Borders", "city": "Cities", "town": "Towns",
    "village": "Villages", "neighbourhood": "Neighbourhoods", "camp": "Camps",
    "kibbutz": "Kibbutzim", "moshav": "Moshavim", "road": "Roads and corridors",
    "crossing": "Crossings", "hospital": "Hospitals",
}  # fmt: skip


@dataclass(frozen=True)
class PlaceRow:
    place: Place
    parent: Place | None
    events: int
    mentions: int


def _places_by_country(
    site: Site, totals: list[tuple[str, int, int]]
) -> list[tuple[str, list[tuple[str, list[PlaceRow]]]]]:
    """Places grouped by the country (or top place) they lie in, then by kind."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    groups: dict[str, dict[str, list[PlaceRow]]] = defaultdict(lambda: defaultdict(list))
    for place_id, events, mentions in totals:
        place = site.gazetteer.places[place_id]
        top = site.gazetteer.ancestors(place_id)
        country = site.gazetteer.places[top[-1]].name if top else place.name
        parent = site.gazetteer.places.get(place.parent) if place.parent else None
        groups[country][place.kind].append(PlaceRow(place, parent, events, mentions))
    return [
        (country, [(KINDS.get(kind, kind.capitalize()), sorted(kinds[kind], key=lambda r: (-r.events, -r.mentions, r.place.name)))
                   for kind in sorted(kinds, key=lambda k: (order.get(k, 99), k))])
        for country, kinds in sorted(groups.items())
    ]  # fmt: skip
