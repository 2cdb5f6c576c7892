"""Places: a page a place (split by year or month when long), its map, and the index of
places with the data file of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import jinja2
from markupsafe import Markup

from generator.chronology.happenings import Period
from generator.chronology.partitions import Index, digest, layout, period_key, place_ids
from generator.model import Article, Event, PlaceMention
from generator.site import exports, urls
from generator.site.pages import place_maps
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.pages.split import MonthRow, month_label, newest_first
from generator.site.render import render
from generator.text.places import Place


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
        events = [
            event
            for key in wanted
            if key in self.periods
            for event in self.at(self.periods[key]).get(place, ())
        ]
        mentions = [
            found
            for key in wanted
            if key in self.site.index.pubs
            for found in self.named(key).get(place, ())
        ]
        return events, mentions


def _part_pages(
    site: Site,
    env: jinja2.Environment,
    place: Place,
    counted: tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]],
    inputs_of: dict[str, tuple],
    listed_at: _PlaceLists,
) -> tuple[list[Planned], list[MonthRow]]:
    """A busy place's pages by year or month, with the rows its own page lists them by;
    none for a place whose entries and mentions fit on its page."""
    events, mentions = counted
    found = {k: events.get(k, (0, ""))[0] + mentions.get(k, (0, ""))[0] for k in inputs_of}
    if sum(found.values()) <= site.page_items:
        return [], []
    parts: list[Planned] = []
    rows: list[MonthRow] = []
    for key, keys in layout(found, site.page_items).items():
        path = urls.place_part(place.id, key)
        in_events = sum(events.get(k, (0, ""))[0] for k in keys)
        in_mentions = sum(mentions.get(k, (0, ""))[0] for k in keys)
        rows.append(MonthRow(key, path, (in_events, in_mentions)))

        def part_page(key: str = key, keys: list[str] = keys) -> str:
            path = urls.place_part(place.id, key)
            listed, named = listed_at(place.id, keys)
            return render(
                env,
                "place.md.j2",
                **context(site, path),
                place=place,
                part=month_label(key),
                events=listed,
                mentions=named,
            )

        parts.append(Planned(path, digest(place, key, [inputs_of[k] for k in keys]), part_page))
    return parts, newest_first(rows)


def plan(site: Site, env: jinja2.Environment) -> Iterator[Planned]:
    """A page for each place named, and each place they lie inside; the index of places."""
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
        found = {
            k: events.get(k, (0, ""))[0] + mentions.get(k, (0, ""))[0] for k in {*events, *mentions}
        }
        inputs_of = {k: (k, events.get(k), mentions.get(k)) for k in sorted(found)}
        parts, rows = _part_pages(site, env, place, (events, mentions), inputs_of, listed_at)
        yield from parts
        inside = inside_of[place_id]
        every = sorted(found)

        def place_page(
            place: Place = place,
            inside: list[Place] = inside,
            rows: list[MonthRow] = rows,
            keys: list[str] = every,
        ) -> str:
            path = urls.place_page(place.id)
            listed, named = listed_at(place.id, keys) if not rows else ([], [])
            return render(
                env,
                "place.md.j2",
                **context(site, path),
                place=place,
                ancestors=[site.gazetteer.places[a] for a in site.gazetteer.ancestors(place.id)],
                children=[p for p in inside if p.parent == place.id],
                further=[p for p in inside if p.parent != place.id],
                events=listed,
                mentions=named,
                months=rows,
                map=Markup(place_maps.place_map(site, place, inside, shown_places)),
            )

        inputs = digest(place, shown, rows or list(inputs_of.values()))
        yield Planned(urls.place_page(place_id), inputs, place_page)

    totals = [(p, counts.total(p, "events"), counts.total(p, "mentions")) for p in shown]

    def places_index() -> str:
        return render(
            env,
            "places.md.j2",
            **context(site, urls.PLACES),
            places=_places_by_country(site, totals),
            maps=[Markup(m) for m in place_maps.overview_maps(site, shown_places)],
        )

    yield Planned(urls.PLACES, digest(totals), places_index)
    yield Planned(
        urls.PLACES_DATA,
        digest(totals),
        lambda: exports.places_geojson(totals, site.gazetteer),
    )


@dataclass(frozen=True)
class PlaceRow:
    place: Place
    parent: Place | None
    events: int
    mentions: int


def _places_by_country(
    site: Site, totals: list[tuple[str, int, int]]
) -> list[tuple[str, list[tuple[str, list[PlaceRow]]]]]:
    """Places grouped by the country (or top place) they lie in, then by kind, in the
    order of the kinds of ``data/places.yml``, under their headings there."""
    order = {kind: i for i, kind in enumerate(site.kinds)}
    groups: dict[str, dict[str, list[PlaceRow]]] = defaultdict(lambda: defaultdict(list))
    for place_id, events, mentions in totals:
        place = site.gazetteer.places[place_id]
        top = site.gazetteer.ancestors(place_id)
        country = site.gazetteer.places[top[-1]].name if top else place.name
        parent = site.gazetteer.places.get(place.parent) if place.parent else None
        groups[country][place.kind].append(PlaceRow(place, parent, events, mentions))
    return [
        (
            country,
            [
                (
                    site.kinds.get(kind, kind.capitalize()),
                    sorted(kinds[kind], key=lambda r: (-r.events, -r.mentions, r.place.name)),
                )
                for kind in sorted(kinds, key=lambda k: (order.get(k, len(order)), k))
            ],
        )
        for country, kinds in sorted(groups.items())
    ]
