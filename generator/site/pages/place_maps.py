"""The maps of the place pages: a place with what lies inside it and around it, and the
overview of every place, in the region and in the world."""

from __future__ import annotations

from generator.site import maps, urls
from generator.site.pages.site import Site
from generator.text.places import AREAS, Place

# How much of the world a place's map shows around it, in degrees, by kind of place.
MAP_SPAN = {"continent": 60.0, "country": 8.0, "state": 6.0, "region": 1.2}
TOWN_SPAN = 0.6


def _located(place: Place) -> bool:
    return (place.lat, place.lon) != (0.0, 0.0)


def _marker(place: Place, page: str, emphasis: bool = False) -> maps.Marker:
    href = None if emphasis else urls.html_href(urls.place_page(place.id), page)
    return maps.Marker(place.name, place.lat, place.lon, href=href, emphasis=emphasis)


def place_map(site: Site, place: Place, inside: list[Place], shown: list[Place]) -> str:
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
        if p.id != place.id
        and p.id not in inner_ids
        and p.kind not in AREAS
        and _located(p)
        and bbox[0] <= p.lon <= bbox[2]
        and bbox[1] <= p.lat <= bbox[3]
    ]
    return maps.locator_map(
        site.outlines.for_view(bbox),
        [*frame, *around],
        bbox=bbox,
        title=f"Map of {place.name}",
        description=f"{place.name} at {place.lat:.4f}, {place.lon:.4f}, with "
        f"{len(inner)} places inside it and {len(around)} other places of this site nearby.",
    )


def overview_maps(site: Site, shown: list[Place]) -> list[str]:
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
        result.append(
            maps.locator_map(
                site.outlines.for_view(bbox),
                markers,
                bbox=bbox,
                title="Places in the region",
                description=f"{len(towns)} places of the site in the region; the tables below list them.",
            )
        )
    far = [p for p in located if p not in near or p.kind == "country"]
    if far:
        markers = [_marker(p, page) for p in far]
        result.append(
            maps.locator_map(
                site.outlines.world,
                markers,
                bbox=(-180.0, -60.0, 180.0, 80.0),
                title="Places in the world",
                description=f"{len(far)} countries and places of the site; the tables below list them.",
            )
        )
    return result
