"""Assembly: articles in, every generated page of ``content/`` out, as a mapping path → text.

Pure: the caller writes the pages.  Links between pages are relative ``.md`` paths,
so that MkDocs checks each of them (and each anchor) when it builds in strict mode.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import jinja2
from markupsafe import Markup

from . import charts, chronology, exports, maps, storage
from .chronology import Period
from .content import article_path_of, href_between, place_path
from .dates import label, shape, start_of
from .model import Article, Event, Figure, PlaceMention
from .places import AREAS, Gazetteer, Place
from .render import linker, render

T = TypeVar("T")
PAGE_ITEMS = 100
"""Items a list page holds when ``data/settings.yml`` does not say (``pages.max_items``)."""
CATEGORY_ORDER = ["killed", "injured", "missing", "hostages", "displaced", "detained", "rockets",
                  "intercepted", "aid_trucks", "buildings", "population", "deployed"]  # fmt: skip


@dataclass(frozen=True)
class Site:
    articles: list[Article]
    events: list[Event]
    gazetteer: Gazetteer
    categories: dict[str, dict]
    outlines: maps.Outlines = field(default_factory=maps.Outlines)
    title: str = "Chronicle"
    site_url: str | None = None
    page_items: int = PAGE_ITEMS
    """Lists of more items than this (a place's entries, the figures, the sources) are
    split into a page a year, or a month in a busy year, so that no page grows with the
    corpus."""

    @cached_property
    def neighbours(self) -> dict[str, tuple[Event | None, Event | None]]:
        return chronology.neighbours(self.events)


def _event_page(event: Event) -> str:
    return chronology.period_of(event).path


UNDATED = "undated"


def month_key(day: str | None) -> str:
    """The month of a dated item, by which long lists are split: ``YYYY-MM``, ``YYYY``
    for what is dated to the year only, or ``undated``."""
    return day[:7] if day else UNDATED


def _event_month(event: Event) -> str:
    period = chronology.period_of(event)
    return f"{period.year}-{period.month}" if period.month else period.year


def month_label(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    return label(key, shape(key))


def _undated_last(key: str) -> tuple[bool, str]:
    return key == UNDATED, key


def by_page(
    items: Iterable[T],
    key: Callable[[T], str],
    limit: int,
    size: Callable[[T], int] = lambda item: 1,
) -> dict[str, list[T]]:
    """Items by the page that lists them: a page a year, or a page a month in a year of
    more than ``limit`` (counted by ``size``), so that no page grows with the corpus and
    a quiet year is not scattered over many small pages; the undated on a page of their
    own. Pages and their items go oldest month first."""
    keyed = sorted(((key(item), item) for item in items), key=lambda pair: _undated_last(pair[0]))
    years: Counter[str] = Counter()
    for month, item in keyed:
        years[month[:4]] += size(item)
    pages: dict[str, list[T]] = defaultdict(list)
    for month, item in keyed:
        pages[month if month == UNDATED or years[month[:4]] > limit else month[:4]].append(item)
    return dict(pages)


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


def _context(site: Site, page: str) -> dict:
    link = linker(page)

    def cite(event: Event) -> Markup:
        return Markup(" ").join(
            link(f"[{number}]", article_path_of(c.article), c.sentence, c.title)
            for number, c in enumerate(event.citations, start=1)
        )

    return {
        "link": link,
        "cite": cite,
        "article_path": article_path,
        "place_path": place_path,
        "event_page": _event_page,
        "around": lambda event: site.neighbours[event.id],
        "article_path_of": article_path_of,
        "categories": site.categories,
        "page": page,
    }


def _place_ids_with_ancestors(site: Site, mentions: list[PlaceMention]) -> set[str]:
    ids: set[str] = set()
    for mention in mentions:
        if mention.place in site.gazetteer.places:
            ids.add(mention.place)
            ids.update(site.gazetteer.ancestors(mention.place))
    return ids


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
    """One category on the figures page: its running totals by source, and every figure."""

    category: str
    rows: list[FigureRow]
    tables: list[TotalsTable]
    chart: Markup


def _series_key(row: FigureRow) -> tuple[str, str] | None:
    """The running total a figure belongs to: same category, place, source and start.

    "504 deaths since Tuesday" runs from Tuesday: a series of its own, never mixed with
    a total since the war began."""
    figure = row.figure
    if figure.scope != "total" or figure.part_of is not None or figure.group or not row.as_of:
        return None
    place = figure.place or "place not given"
    if figure.period_start:
        place += f", since {label(figure.period_start, shape(figure.period_start))}"
    elif figure.period and figure.period.startswith("since "):
        place += f", {figure.period}"
    return (place, figure.source)


def _entries_of_figures(site: Site) -> dict[tuple[str, int], Event]:
    """The report that shows each figure, by (article, figure start)."""
    return {
        (report.citations[0].article, figure.start): report
        for event in site.events for report in event.versions for figure in report.figures
    }  # fmt: skip


def _figure_sections(
    site: Site,
    articles: list[Article],
    entry_of: dict[tuple[str, int], Event],
    monthly: bool = False,
) -> list[FigureSection]:
    """A section per category; ``monthly`` charts only the last figure of each month of a
    series, for the overview of a site whose figures are split by year or month."""
    rows: dict[str, list[FigureRow]] = defaultdict(list)
    for article in articles:
        by_start = {f.start: f for f in article.figures}
        for figure in article.figures:
            total = by_start.get(figure.part_of) if figure.part_of is not None else None
            rows[figure.category].append(FigureRow(figure, article, article.published.value,
                                                   total, entry_of.get((article.slug, figure.start))))  # fmt: skip
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    sections = []
    for category in sorted(rows, key=lambda c: (order.get(c, 99), c)):
        items = sorted(rows[category], key=lambda r: (r.as_of or "9999", r.article.slug,
                       int(r.figure.sentence[1:]), r.figure.start))  # fmt: skip
        series: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
        for row in items:
            if key := _series_key(row):
                series[key].append(row)
        label = site.categories.get(category, {}).get("label", category)
        chart = charts.line_chart(
            [charts.Series(f"{place} — {source}", tuple(
                (dt.date.fromisoformat(r.as_of or ""), r.figure.value)
                for r in (_last_each_month(found) if monthly else found)))
             for (place, source), found in sorted(series.items())],
            title=f"{label}: running totals by place and source",
        )  # fmt: skip
        by_place: dict[str, dict[str, list[FigureRow]]] = defaultdict(dict)
        for (place, source), found in sorted(series.items()):
            by_place[place][source] = found
        tables = []
        for place, columns in by_place.items():
            days = sorted({r.as_of or "" for found in columns.values() for r in found})
            lines = [(day, [[r for r in found if r.as_of == day] for found in columns.values()])
                     for day in days]  # fmt: skip
            tables.append(TotalsTable(place, list(columns), lines))
        sections.append(FigureSection(category, items, tables, Markup(chart)))
    return sections


def _last_each_month(rows: list[FigureRow]) -> list[FigureRow]:
    """The last figure of each month of a series (rows in date order): a point a month."""
    return list({(r.as_of or "")[:7]: r for r in rows}.values())


def article_path(article: Article) -> str:
    return article_path_of(article.slug)


def pages(site: Site, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
    """Every page but the articles' own, which extraction writes (``content.render_article``),
    as (path, text), made as they are written so that a large site is not held in memory
    whole. A folder's ``SHA256SUMS`` comes before the files it lists."""
    by_period: dict[Period, list[Event]] = defaultdict(list)
    for event in site.events:
        by_period[chronology.period_of(event)].append(event)
    years: dict[str, list[Period]] = defaultdict(list)
    for period in by_period:
        years[period.year].append(period)
    year_list = sorted(years, reverse=True)
    for year in year_list:
        months = sorted(
            (p for p in years[year] if p.month), key=lambda p: p.month or "", reverse=True
        )
        path = f"chronology/{year}/index.md"
        yield path, render(
            env, "year.md.j2", **_context(site, path), year=year,
            months=[(p, len(by_period[p])) for p in months],
            events=by_period.get(Period(year, None), []),
        )  # fmt: skip
        for period in months:
            days: dict[str, list[Event]] = defaultdict(list)
            for event in by_period[period]:
                days[chronology.day_anchor(event) or ""].append(event)
            yield period.path, render(
                env, "month.md.j2", **_context(site, period.path), period=period,
                days=sorted(days.items()), neighbours=_neighbours(by_period, period),
            )  # fmt: skip
    yield "chronology/index.md", render(
        env, "chronology.md.j2", **_context(site, "chronology/index.md"),
        chart=Markup(_months_chart(by_period)),
        years=[(y, sorted((p for p in years[y] if p.month), key=lambda p: p.month or "", reverse=True),
                {p: len(by_period[p]) for p in years[y]}) for y in year_list],
    )  # fmt: skip

    place_events: dict[str, list[Event]] = defaultdict(list)
    for event in site.events:
        for place_id in sorted(_place_ids_with_ancestors(site, event.places)):
            place_events[place_id].append(event)
    place_mentions: dict[str, list[tuple[Article, PlaceMention]]] = defaultdict(list)
    for article in site.articles:
        for mention in article.places:
            place_mentions[mention.place].append((article, mention))
    mentioned = set(place_events) | set(place_mentions)
    shown = sorted(mentioned | {a for p in mentioned for a in site.gazetteer.ancestors(p)})
    shown_places = [site.gazetteer.places[p] for p in shown]
    inside_of: dict[str, list[Place]] = defaultdict(list)
    for place in sorted(shown_places, key=lambda p: p.name):
        for ancestor in site.gazetteer.ancestors(place.id):
            inside_of[ancestor].append(place)
    for place_id in shown:
        place = site.gazetteer.places[place_id]
        path = place_path(place_id)
        ancestors = [site.gazetteer.places[a] for a in site.gazetteer.ancestors(place_id)]
        inside = inside_of[place_id]
        events = place_events.get(place_id, [])
        mentions = place_mentions.get(place_id, [])
        months: list[MonthRow] = []
        if len(events) + len(mentions) > site.page_items:
            parts: dict[str, str] = {}
            months = _place_pages(site, env, place, events, mentions, parts)
            yield from parts.items()
            events, mentions = [], []
        yield path, render(
            env, "place.md.j2", **_context(site, path), place=place, ancestors=ancestors,
            children=[p for p in inside if p.parent == place_id],
            further=[p for p in inside if p.parent != place_id],
            events=events, mentions=mentions, months=months,
            map=Markup(_place_map(site, place, inside, shown_places)),
        )  # fmt: skip
    yield "places/index.md", render(
        env, "places.md.j2", **_context(site, "places/index.md"),
        places=_places_by_country(site, shown, place_events, place_mentions),
        maps=[Markup(m) for m in _overview_maps(site, shown_places)],
    )  # fmt: skip

    data = {
        "events.json": exports.events_json(site.events, site.gazetteer),
        "events.csv": exports.events_csv(site.events, site.gazetteer),
        "figures.csv": exports.figures_csv(
            (f, a.slug, a.published.value) for a in sorted(site.articles, key=lambda a: a.slug)
            for f in a.figures
        ),
        "places.geojson": exports.places_geojson(
            ((p, len(place_events.get(p, [])), len(place_mentions.get(p, []))) for p in shown),
            site.gazetteer,
        ),
    }  # fmt: skip
    yield "data/SHA256SUMS", storage.sums(data)
    yield from ((f"data/{name}", text) for name, text in data.items())
    del data
    yield "feed.xml", exports.atom_feed(site.events, site.title, site.site_url)

    out: dict[str, str] = {}
    _figure_pages(site, env, out)
    _source_pages(site, env, out)
    yield from out.items()
    yield "index.md", render(env, "index.md.j2", **_context(site, "index.md"), **_overview(site))


def _figure_pages(site: Site, env: jinja2.Environment, out: dict[str, str]) -> None:
    """The figures page: every figure, or, when there are too many for a page, their
    running totals charted and a page a year (or month) of publication."""
    entry_of = _entries_of_figures(site)
    if sum(len(a.figures) for a in site.articles) <= site.page_items:
        sections = _figure_sections(site, site.articles, entry_of)
        out["figures.md"] = render(
            env, "figures.md.j2", **_context(site, "figures.md"), sections=sections
        )
        return
    months = by_page(
        (a for a in site.articles if a.figures), lambda a: month_key(a.published.value),
        site.page_items, lambda a: len(a.figures),
    )  # fmt: skip
    overview = _figure_sections(site, site.articles, entry_of, monthly=True)
    order = [section.category for section in overview]
    rows = []
    for key, articles in months.items():
        path = f"figures/{key}.md"
        sections = _figure_sections(site, articles, entry_of)
        out[path] = render(
            env, "figures.md.j2", **_context(site, path), sections=sections,
            part=month_label(key),
        )  # fmt: skip
        counts = {section.category: len(section.rows) for section in sections}
        rows.append(MonthRow(key, path, tuple(counts.get(c, 0) for c in order)))
    out["figures.md"] = render(
        env, "figures.md.j2", **_context(site, "figures.md"), sections=overview,
        months=newest_first(rows),
    )  # fmt: skip


def _source_pages(site: Site, env: jinja2.Environment, out: dict[str, str]) -> None:
    """The sources page: every article, or a page a year (or month) of publication."""
    counts = Counter(slug for e in site.events for slug in {c.article for c in e.citations})
    newest = sorted(
        site.articles, key=lambda a: (a.published.value or "0000", a.slug), reverse=True
    )
    if len(newest) <= site.page_items:
        out["sources.md"] = render(
            env, "sources.md.j2", **_context(site, "sources.md"), articles=newest, counts=counts
        )
        return
    rows = []
    pages = by_page(reversed(newest), lambda a: month_key(a.published.value), site.page_items)
    for key, articles in pages.items():
        articles.reverse()
        path = f"sources/{key}.md"
        out[path] = render(
            env, "sources.md.j2", **_context(site, path), articles=articles, counts=counts,
            part=month_label(key),
        )  # fmt: skip
        rows.append(MonthRow(key, path, (len(articles),)))
    out["sources.md"] = render(
        env, "sources.md.j2", **_context(site, "sources.md"), articles=[], counts=counts,
        months=newest_first(rows),
    )  # fmt: skip


def _place_pages(
    site: Site,
    env: jinja2.Environment,
    place: Place,
    events: list[Event],
    mentions: list[tuple[Article, PlaceMention]],
    out: dict[str, str],
) -> list[MonthRow]:
    """A place's entries and mentions on a page a year (or a month), added to ``out``;
    the rows of their index."""
    listed: list[Event | tuple[Article, PlaceMention]] = [*events, *mentions]
    pages = by_page(listed, lambda item: _event_month(item) if isinstance(item, Event)
                    else month_key(item[0].published.value), site.page_items)  # fmt: skip
    rows = []
    for key, items in pages.items():
        path = f"places/{place.id}/{key}.md"
        month_events = [item for item in items if isinstance(item, Event)]
        month_mentions = [item for item in items if not isinstance(item, Event)]
        out[path] = render(
            env, "place.md.j2", **_context(site, path), place=place, part=month_label(key),
            events=month_events, mentions=month_mentions,
        )  # fmt: skip
        rows.append(MonthRow(key, path, (len(month_events), len(month_mentions))))
    return newest_first(rows)


def _months_chart(by_period: dict[Period, list[Event]]) -> str:
    """Entries per month from the first month to the last, empty months included, so that
    the bars keep the time scale; each bar links to its month's page."""
    months = sorted((int(p.year), int(p.month)) for p in by_period if p.month)
    if not months:
        return ""
    counts = {(int(p.year), int(p.month or 0)): len(e) for p, e in by_period.items() if p.month}
    (year, month), last = months[0], months[-1]
    bars, links = [], []
    while (year, month) <= last:
        count = counts.get((year, month), 0)
        bars.append((charts.date_label(dt.date(year, month, 1), "month"), count))
        month_page = Period(f"{year}", f"{month:02d}").path
        links.append(href_between(month_page, "chronology/index.md") if count else None)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return charts.bar_chart(
        bars, title="Entries per month", links=links,
        description=f"Chronology entries per month, {bars[0][0]} to {bars[-1][0]}; "
        "the list below gives the same counts.",
    )  # fmt: skip


def _neighbours(
    by_period: dict[Period, list[Event]], period: Period
) -> tuple[Period | None, Period | None]:
    months = sorted((p for p in by_period if p.month), key=lambda p: (p.year, p.month or ""))
    index = months.index(period)
    earlier = months[index - 1] if index > 0 else None
    later = months[index + 1] if index + 1 < len(months) else None
    return earlier, later


# How much of the world a place's map shows around it, in degrees, by kind of place.
MAP_SPAN = {"continent": 60.0, "country": 8.0, "state": 6.0, "region": 1.2}
TOWN_SPAN = 0.6


def _located(place: Place) -> bool:
    return (place.lat, place.lon) != (0.0, 0.0)


def _marker(place: Place, page: str, emphasis: bool = False) -> maps.Marker:
    href = None if emphasis else href_between(place_path(place.id), page)
    return maps.Marker(place.name, place.lat, place.lon, href=href, emphasis=emphasis)


def _place_map(site: Site, place: Place, inside: list[Place], shown: list[Place]) -> str:
    """The place and what lies inside it, with the other places of the site around it.

    Areas (countries, regions) are drawn only on their own page: their point is a centre,
    not a spot."""
    if not site.outlines.world or not _located(place):
        return ""
    page = place_path(place.id)
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
    page = "places/index.md"
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
    site: Site, shown: list[str], events: dict, mentions: dict
) -> list[tuple[str, list[tuple[str, list[PlaceRow]]]]]:
    """Places grouped by the country (or top place) they lie in, then by kind."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    groups: dict[str, dict[str, list[PlaceRow]]] = defaultdict(lambda: defaultdict(list))
    for place_id in shown:
        place = site.gazetteer.places[place_id]
        top = site.gazetteer.ancestors(place_id)
        country = site.gazetteer.places[top[-1]].name if top else place.name
        parent = site.gazetteer.places.get(place.parent) if place.parent else None
        row = PlaceRow(
            place, parent, len(events.get(place_id, [])), len(mentions.get(place_id, []))
        )
        groups[country][place.kind].append(row)
    return [
        (country, [(KINDS.get(kind, kind.capitalize()), sorted(kinds[kind], key=lambda r: (-r.events, -r.mentions, r.place.name)))
                   for kind in sorted(kinds, key=lambda k: (order.get(k, 99), k))])
        for country, kinds in sorted(groups.items())
    ]  # fmt: skip


def _overview(site: Site) -> dict:
    dated = [e for e in site.events if e.precision in ("day", "range", "month", "week")]
    newest = sorted(dated, key=chronology.sort_key, reverse=True)[:10]
    figures = Counter(f.category for a in site.articles for f in a.figures)
    places = {p.place for a in site.articles for p in a.places}
    first = min((e.date for e in dated), key=start_of, default=None)
    last = max((e.end or e.date for e in dated), key=start_of, default=None)
    return {
        "counts": {
            "articles": len(site.articles),
            "events": len(site.events),
            "figures": sum(figures.values()),
            "places": len(places),
        },
        "first": first,
        "last": last,
        "latest": newest,
        "undated": [a for a in site.articles if not a.published.value],
        "inferred": [a for a in site.articles if a.published.how == "inferred"],
    }
