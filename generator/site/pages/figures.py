"""Figures: a section a category, with running totals charted and tabled, on one page or,
when there are too many, a page a year (or month) of publication under an overview."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from generator.chronology.partitions import Filed, Series, digest, figure_order, layout, series_key
from generator.model import Article, Event, Figure
from generator.site import charts, urls
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.pages.split import MonthRow, month_label, newest_first
from generator.site.render import render


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


def _category_order(site: Site, categories: list[str]) -> list[str]:
    """Categories in the order ``data/figures.yml`` gives them; any other after them."""
    order = {c: i for i, c in enumerate(site.categories)}
    return sorted(categories, key=lambda c: (order.get(c, len(order)), c))


def _chart(site: Site, category: str, series: dict[Series, list[tuple[str, float]]]) -> Markup:
    label = site.categories.get(category, {}).get("label", category)
    return Markup(
        charts.line_chart(
            [
                charts.Series(
                    f"{place} — {source}",
                    tuple((dt.date.fromisoformat(day), value) for day, value in points),
                )
                for (place, source), points in sorted(series.items())
            ],
            title=f"{label}: running totals by place and source",
        )
    )


def _figure_sections(site: Site, filed: list[Filed]) -> list[FigureSection]:
    rows: dict[str, list[FigureRow]] = defaultdict(list)
    for item in filed:
        article = item.article
        by_start = {f.start: f for f in article.figures}
        for figure in article.figures:
            total = by_start.get(figure.part_of) if figure.part_of is not None else None
            rows[figure.category].append(
                FigureRow(
                    figure, article, article.published.value, total, item.entries.get(figure.start)
                )
            )
    sections = []
    for category in _category_order(site, list(rows)):
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
            lines = [
                (day, [[r for r in found if r.as_of == day] for found in columns.values()])
                for day in days
            ]
            tables.append(TotalsTable(place, list(columns), lines))
        sections.append(
            FigureSection(category, len(items), items, tables, _chart(site, category, points))
        )
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
        for category in _category_order(site, list(counts))
    ]


def plan(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """The figures page: every figure, or, when there are too many for a page, their
    running totals charted and a page a year (or month) of publication."""
    pubs = site.index.pubs
    sizes = {key: sum(pub.figures.values()) for key, pub in pubs.items() if pub.figures}
    if sum(sizes.values()) <= site.page_items:

        def every_figure() -> str:
            filed = [f for key in sizes for f in site.parts.pub(key)]
            return render(
                env,
                "figures.md.j2",
                **context(site, urls.FIGURES),
                sections=_figure_sections(site, filed),
            )

        yield Planned(urls.FIGURES, digest([pubs[k].digest for k in sizes]), every_figure)
        return
    rows = []
    order = _category_order(site, list({c for pub in pubs.values() for c in pub.figures}))
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
                env,
                "figures.md.j2",
                **context(site, path),
                sections=_figure_sections(site, filed),
                part=month_label(key),
            )

        yield Planned(path, digest(key, [pubs[k].digest for k in keys]), figures_part)
    rows = newest_first(rows)
    inputs = digest(rows, [(p.figures, p.tails) for p in pubs.values()])
    yield Planned(
        urls.FIGURES,
        inputs,
        lambda: render(
            env,
            "figures.md.j2",
            **context(site, urls.FIGURES),
            sections=_figure_overview(site),
            months=rows,
        ),
    )
