"""The chronology: a page a month, a page a year (for its months and the entries dated
only by the year), and the index of years."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

import jinja2
from markupsafe import Markup

from generator.chronology import happenings
from generator.chronology.happenings import Period
from generator.chronology.partitions import digest
from generator.model import Event
from generator.site import charts, urls
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.render import render


def _ends(event: Event | None) -> tuple[str, str, str | None, str] | None:
    """What a link to a neighbouring entry shows of it."""
    return (event.id, event.date, event.end, event.precision) if event else None


def plan(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """The page of each month, of each year, and the index of years."""
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
                env, "month.md.j2", **context(site, urls.period_page(period), happenings.neighbours(events, before, after)),
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
                env, "year.md.j2", **context(site, path, happenings.neighbours(events, before, after)),
                year=year, months=counts, events=events,
            )  # fmt: skip

        yield Planned(path, inputs, year_page)

    counts_of = {p: index.periods[p].count for p in periods}
    by_year = [(y, [p for p in reversed(periods) if p.year == y and p.month]) for y in years]

    def chronology_index() -> str:
        return render(
            env, "chronology.md.j2", **context(site, urls.CHRONOLOGY),
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
        bars.append((charts.short_date(dt.date(year, month, 1), "month"), count))
        month_page = urls.period_page(Period(f"{year}", f"{month:02d}"))
        links.append(urls.html_href(month_page, urls.CHRONOLOGY) if count else None)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return charts.bar_chart(
        bars, title="Entries per month", links=links,
        description=f"Chronology entries per month, {bars[0][0]} to {bars[-1][0]}; "
        "the list below gives the same counts.",
    )  # fmt: skip
