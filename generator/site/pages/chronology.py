"""The chronology: a page a month, a page a year (for its months, the entries dated only by
the year, and those of the year recalled as context), and the index of years."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

import jinja2
from markupsafe import Markup

from generator.chronology import happenings, ranking
from generator.chronology.happenings import Period
from generator.chronology.partitions import Index, digest
from generator.model import Event
from generator.site import charts, urls
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.render import render


def _ends(event: Event | None) -> tuple[str, str, str | None, str] | None:
    """What a link to a neighbouring entry shows of it."""
    return (event.id, event.date, event.end, event.precision) if event else None


class _Edges:
    """The entries just before and just after a period's, in reading order: the links at
    the ends of a month's or a year's page lead on to them."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.periods = index.ordered_periods()
        self.position = {period: i for i, period in enumerate(self.periods)}

    def __call__(self, period: Period | None) -> tuple[Event | None, Event | None]:
        i = self.position.get(period) if period else None
        if i is None:
            return None, None
        periods = self.periods
        before = self.index.periods[periods[i - 1]].last if i else None
        after = self.index.periods[periods[i + 1]].first if i + 1 < len(periods) else None
        return before, after


def plan(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """The page of each month, of each year, and the index of years."""
    edges = _Edges(site.index)
    yield from _month_pages(site, env, edges)
    yield from _year_pages(site, env, edges)
    yield _index_page(site, env, edges.periods)


def _month_pages(site: Site, env: jinja2.Environment, edges: _Edges) -> Iterator[Planned]:
    index = site.index
    months = [p for p in edges.periods if p.month]
    for m, period in enumerate(months):
        before, after = edges(period)
        part = index.periods[period]
        adjacent = (months[m - 1] if m else None, months[m + 1] if m + 1 < len(months) else None)

        def month_page(
            period: Period = period,
            before: Event | None = before,
            after: Event | None = after,
            adjacent: tuple = adjacent,
        ) -> str:
            events = site.parts.period(period)
            days: dict[str, list[Event]] = defaultdict(list)
            for event in events:
                if event.status != "background":
                    days[happenings.day_anchor(event) or ""].append(event)
            return render(
                env,
                "month.md.j2",
                **context(
                    site, urls.period_page(period), happenings.neighbours(events, before, after)
                ),
                period=period,
                days=list(days.items()),
                key=ranking.key_events(events),
                recalled=[e for e in events if e.status == "background"],
                neighbours=adjacent,
            )

        yield Planned(
            urls.period_page(period),
            digest(part.digest, _ends(before), _ends(after), adjacent),
            month_page,
        )


def _year_pages(site: Site, env: jinja2.Environment, edges: _Edges) -> Iterator[Planned]:
    index = site.index
    periods = edges.periods
    for year in sorted({p.year for p in periods}, reverse=True):
        path = urls.year_page(year)
        in_year = [p for p in periods if p.year == year]
        counts = [(p, index.periods[p].count) for p in reversed(in_year) if p.month]
        whole = Period(year, None) if Period(year, None) in index.periods else None
        recalled = [e for p in in_year for e in index.periods[p].recalled]
        before, after = edges(whole)
        inputs = digest(
            counts,
            index.periods[whole].digest if whole else None,
            [(e.id, e.date, e.end, e.headline, e.text) for e in recalled],
            _ends(before),
            _ends(after),
        )

        def year_page(
            year: str = year,
            counts: list = counts,
            whole: Period | None = whole,
            recalled: list[Event] = recalled,
            before: Event | None = before,
            after: Event | None = after,
        ) -> str:
            path = urls.year_page(year)
            events = site.parts.period(whole) if whole else []
            return render(
                env,
                "year.md.j2",
                **context(site, path, happenings.neighbours(events, before, after)),
                year=year,
                months=counts,
                events=[e for e in events if e.status != "background"],
                recalled=[e for e in events if e.status == "background"],
                recalled_in_months=recalled,
            )

        yield Planned(path, inputs, year_page)


def _index_page(site: Site, env: jinja2.Environment, periods: list[Period]) -> Planned:
    counts_of = {p: site.index.periods[p].count for p in periods}
    years = sorted({p.year for p in periods}, reverse=True)
    by_year = [(y, [p for p in reversed(periods) if p.year == y and p.month]) for y in years]

    def chronology_index() -> str:
        return render(
            env,
            "chronology.md.j2",
            **context(site, urls.CHRONOLOGY),
            chart=Markup(_months_chart(counts_of)),
            years=[(y, months, counts_of) for y, months in by_year],
        )

    return Planned(urls.CHRONOLOGY, digest(counts_of), chronology_index)


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
        bars.append((charts.short_date(dt.date(year, month, 1), "month"), count))
        month_page = urls.period_page(Period(f"{year}", f"{month:02d}"))
        links.append(urls.html_href(month_page, urls.CHRONOLOGY) if count else None)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return charts.bar_chart(
        bars,
        title="Entries per month",
        links=links,
        description=f"Chronology entries per month, {bars[0][0]} to {bars[-1][0]}; "
        "the list below gives the same counts.",
    )
