"""Assembly: articles in, every generated page of ``content/`` out, as a mapping path → text.

Pure: the caller writes the pages.  Links between pages are relative ``.md`` paths,
so that MkDocs checks each of them (and each anchor) when it builds in strict mode.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from . import chronology, content
from .chronology import Period
from .content import article_path_of, place_path
from .dates import start_of
from .model import Article, Event, Figure, PlaceMention
from .places import Gazetteer
from .render import linker, render

CATEGORY_ORDER = ["killed", "injured", "missing", "hostages", "displaced", "detained", "rockets",
                  "intercepted", "aid_trucks", "buildings", "population", "deployed"]  # fmt: skip


@dataclass(frozen=True)
class Site:
    articles: list[Article]
    events: list[Event]
    gazetteer: Gazetteer
    categories: dict[str, dict]


def article_path(article: Article) -> str:
    return article_path_of(article.slug)


def _event_page(event: Event) -> str:
    return chronology.period_of(event).path


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


def _figure_rows(site: Site) -> dict[str, list[tuple[Figure, Article, str | None]]]:
    rows: dict[str, list[tuple[Figure, Article, str | None]]] = defaultdict(list)
    for article in site.articles:
        for figure in article.figures:
            rows[figure.category].append((figure, article, article.published.value))
    for category in rows:
        rows[category].sort(
            key=lambda r: (r[2] or "9999", r[1].slug, int(r[0].sentence[1:]), r[0].start)
        )
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return dict(sorted(rows.items(), key=lambda item: (order.get(item[0], 99), item[0])))


def pages(site: Site, env: jinja2.Environment) -> dict[str, str]:
    out: dict[str, str] = {}
    for article in site.articles:
        out[article_path(article)] = content.render_article(env, article)

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
        out[path] = render(
            env, "year.md.j2", **_context(site, path), year=year,
            months=[(p, len(by_period[p])) for p in months],
            events=by_period.get(Period(year, None), []),
        )  # fmt: skip
        for period in months:
            days: dict[str, list[Event]] = defaultdict(list)
            for event in by_period[period]:
                days[chronology.day_anchor(event) or ""].append(event)
            out[period.path] = render(
                env, "month.md.j2", **_context(site, period.path), period=period,
                days=sorted(days.items()), neighbours=_neighbours(by_period, period),
            )  # fmt: skip
    out["chronology/index.md"] = render(
        env, "chronology.md.j2", **_context(site, "chronology/index.md"),
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
    for place_id in shown:
        place = site.gazetteer.places[place_id]
        path = place_path(place_id)
        ancestors = [site.gazetteer.places[a] for a in site.gazetteer.ancestors(place_id)]
        children = sorted(
            (
                site.gazetteer.places[p]
                for p in shown
                if site.gazetteer.places[p].parent == place_id
            ),
            key=lambda p: p.name,
        )
        out[path] = render(
            env, "place.md.j2", **_context(site, path), place=place, ancestors=ancestors,
            children=children, events=place_events.get(place_id, []),
            mentions=place_mentions.get(place_id, []),
        )  # fmt: skip
    out["places/index.md"] = render(
        env, "places.md.j2", **_context(site, "places/index.md"),
        places=_places_by_country(site, shown, place_events, place_mentions),
    )  # fmt: skip

    out["figures.md"] = render(
        env, "figures.md.j2", **_context(site, "figures.md"), rows=_figure_rows(site)
    )
    out["sources.md"] = render(
        env, "sources.md.j2", **_context(site, "sources.md"),
        articles=sorted(site.articles, key=lambda a: (a.published.value or "0000", a.slug), reverse=True),
        counts=Counter(slug for e in site.events for slug in {c.article for c in e.citations}),
    )  # fmt: skip
    out["tags.md"] = render(env, "tags.md.j2", **_context(site, "tags.md"))
    out["index.md"] = render(env, "index.md.j2", **_context(site, "index.md"), **_overview(site))
    return out


def _neighbours(
    by_period: dict[Period, list[Event]], period: Period
) -> tuple[Period | None, Period | None]:
    months = sorted((p for p in by_period if p.month), key=lambda p: (p.year, p.month or ""))
    index = months.index(period)
    earlier = months[index - 1] if index > 0 else None
    later = months[index + 1] if index + 1 < len(months) else None
    return earlier, later


def _places_by_country(
    site: Site, shown: list[str], events: dict, mentions: dict
) -> list[tuple[str, list]]:
    groups: dict[str, list] = defaultdict(list)
    for place_id in shown:
        place = site.gazetteer.places[place_id]
        top = site.gazetteer.ancestors(place_id)
        country = site.gazetteer.places[top[-1]].name if top else place.name
        groups[country].append(
            (place, len(events.get(place_id, [])), len(mentions.get(place_id, [])))
        )
    return [(country, sorted(items, key=lambda i: (i[0].kind != "country", i[0].name)))
            for country, items in sorted(groups.items())]  # fmt: skip


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
