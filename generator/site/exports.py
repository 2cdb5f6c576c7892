"""The site's data for reuse: events, figures and places as files, and an Atom feed.

Pure: functions take the assembled site and return text.  Links are relative to the root
of the built site ("chronology/2023/10/#e-1a2b3c4d"), so the files stay valid wherever the
site is hosted.  Nothing here reads the clock: the feed is as new as its newest entry.
The CSV columns follow ACLED's event data where a column means the same thing.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from generator.chronology import happenings
from generator.model import Citation, Event, Figure, PlaceMention
from generator.site import urls
from generator.text.places import Gazetteer
from generator.timeml import start_of

FEED_SIZE = 50
# ACLED's time_precision: 1 the day is known, 2 the week or a few days, 3 the month or less.
TIME_PRECISION = {"day": 1, "week": 2, "range": 2}

EVENT_COLUMNS = (
    "event_id", "event_date", "end_date", "year", "time_precision", "date_precision",
    "status", "reported_only", "in_passing", "actor1", "actor2", "other_actors",
    "country", "location", "latitude", "longitude", "other_locations",
    "notes", "fatalities", "figures", "sources", "source_urls", "citations", "page",
)  # fmt: skip
FIGURE_COLUMNS = (
    "article", "sentence", "as_of", "category", "text", "value", "min", "max", "group",
    "part_of", "place", "period", "period_start", "period_end", "scope", "source", "citation",
)  # fmt: skip


def _place(mention: PlaceMention, gazetteer: Gazetteer) -> dict:
    place = gazetteer.places.get(mention.place)
    return {
        "id": mention.place,
        "name": mention.name,
        "text": mention.text,
        "kind": place.kind if place else None,
        "country": mention.country or None,
        "latitude": mention.lat,
        "longitude": mention.lon,
    }


def _figure(figure: Figure) -> dict:
    return {
        "category": figure.category,
        "text": figure.text,
        "value": _count(figure.value),
        "min": _count(figure.min),
        "max": _count(figure.max),
        "group": figure.group,
        "source": figure.source,
        "place": figure.place,
        "period": figure.period,
        "scope": figure.scope,
    }


def _count(value: float | None) -> float | int | None:
    """Counts as whole numbers where they are ("49617", not "49617.0")."""
    return int(value) if value is not None and float(value).is_integer() else value


def event_record(event: Event, gazetteer: Gazetteer) -> dict:
    return {
        "id": event.id,
        "date": event.date,
        "end": event.end,
        "precision": event.precision,
        "status": event.status,
        "salience": event.salience,
        "headline": event.headline,
        "headline_from": event.headline_from,
        "reported_only": event.reported_only,
        "in_passing": event.background,
        "text": event.text,
        "actors": event.actors,
        "places": [_place(m, gazetteer) for m in event.places],
        "figures": [_figure(f) for f in event.figures],
        "citations": [_citation(c) for c in event.citations],
        "page": urls.entry_address(event),
    }


def _citation(citation: Citation) -> dict:
    return {
        "article": citation.article,
        "title": citation.title,
        "published": citation.published,
        "sentence": citation.sentence,
        "url": urls.sentence_address(citation.article, citation.sentence),
        "text": citation.text,
    }


def events_json(chunks: Iterable[str]) -> str:
    """``{"events": [...]}`` of the records of these chunks (``events_json_chunk``): a
    file is made of parts kept from build to build, as ``json.dumps`` would write it."""
    records = ",\n".join(c for c in chunks if c)
    return f'{{\n "events": [\n{records}\n ]\n}}\n' if records else '{\n "events": []\n}\n'


def events_json_chunk(events: Iterable[Event], gazetteer: Gazetteer) -> str:
    """The records of these entries, each as it reads in the list of ``events_json``."""
    return ",\n".join(
        "\n".join(
            f"  {line}"
            for line in json.dumps(
                event_record(e, gazetteer), ensure_ascii=False, indent=1, sort_keys=True
            ).splitlines()
        )
        for e in events
    )


def _fatalities(event: Event) -> str:
    """The deaths of the entry when every source gives the same exact count, else blank:
    differing counts are listed in ``figures``, never averaged."""
    counts = {(f.value, f.min, f.max) for f in event.figures if f.category == "killed"}
    if len(counts) == 1:
        value, low, high = counts.pop()
        if value is not None and low == high == value:
            return str(_count(value))
    return ""


def _csv(columns: tuple[str, ...], rows: Iterable[dict], header: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def events_csv(chunks: Iterable[str]) -> str:
    """The table of the rows of these chunks (``events_csv_chunk``), under its header."""
    return _csv(EVENT_COLUMNS, [], header=True) + "".join(chunks)


def figures_csv(chunks: Iterable[str]) -> str:
    """The table of the rows of these chunks (``figures_csv_chunk``), under its header."""
    return _csv(FIGURE_COLUMNS, [], header=True) + "".join(chunks)


def _cell(value: object) -> str:
    """Text for a spreadsheet cell; a leading = + - @ is quoted so no program runs it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def events_csv_chunk(events: Iterable[Event]) -> str:
    """The rows of these entries in ``events_csv``."""
    rows = []
    for event in events:
        places = event.places
        first = places[0] if places else None
        rows.append(
            {
                "event_id": event.id,
                "event_date": event.date,
                "end_date": event.end,
                "year": event.date[:4],
                "time_precision": TIME_PRECISION.get(event.precision, 3),
                "date_precision": event.precision,
                "status": event.status,
                "reported_only": "yes" if event.reported_only else "no",
                "in_passing": "yes" if event.background else "no",
                "actor1": event.actors[0] if event.actors else None,
                "actor2": event.actors[1] if len(event.actors) > 1 else None,
                "other_actors": "; ".join(event.actors[2:]),
                "country": first.country if first else None,
                "location": first.name if first else None,
                "latitude": first.lat if first else None,
                "longitude": first.lon if first else None,
                "other_locations": "; ".join(m.name for m in places[1:]),
                "notes": event.text,
                "fatalities": _fatalities(event),
                "figures": "; ".join(f"{f.category} {f.text} ({f.source})" for f in event.figures),
                "sources": "; ".join(c.title for c in event.citations),
                "source_urls": "; ".join(
                    urls.sentence_address(c.article, c.sentence) for c in event.citations
                ),
                "citations": len(event.citations),
                "page": urls.entry_address(event),
            }
        )
    return _csv(EVENT_COLUMNS, rows)


def figures_csv_chunk(rows: Iterable[tuple[Figure, str, str | None]]) -> str:
    """The rows of ``figures_csv`` of these figures: (figure, article slug, publication date)."""
    return _csv(
        FIGURE_COLUMNS,
        (
            {
                **_figure(f),
                "article": slug,
                "sentence": f.sentence,
                "as_of": published,
                "part_of": f.part_of,
                "period_start": f.period_start,
                "period_end": f.period_end,
                "citation": urls.sentence_address(slug, f.sentence),
            }
            for f, slug, published in rows
        ),
    )


def places_geojson(places: Iterable[tuple[str, int, int]], gazetteer: Gazetteer) -> str:
    """Every place of the site as a point: (place id, entries, mentions)."""
    features = []
    for place_id, entries, mentions in places:
        place = gazetteer.places[place_id]
        if (place.lat, place.lon) == (0.0, 0.0):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country or None,
                    "parent": place.parent,
                    "source": "curated" if place.curated else "GeoNames",
                    "entries": entries,
                    "mentions": mentions,
                    "page": urls.address(urls.place_page(place.id)),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _stamp(value: str | None) -> str:
    day = start_of(value or "0001")
    return f"{day.isoformat()}T00:00:00Z"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text for XML 1.0, which has no way to write most control characters at all."""
    return escape(_NOT_XML.sub("", text))


def atom_feed(events: list[Event], title: str, site_url: str | None) -> str:
    """The latest entries, newest first; links are absolute when the site's URL is known."""
    latest = sorted(events, key=happenings.sort_key, reverse=True)[:FEED_SIZE]
    updated = max(
        (_stamp(c.published or e.date) for e in latest for c in e.citations), default=_stamp(None)
    )
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{_xml(title)}</title>",
        f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'chronicle:' + title)}</id>",
        f"<updated>{updated}</updated>",
        f'<link rel="self" href={quoteattr(urls.absolute(urls.address(urls.FEED), site_url))}/>',
        f'<link rel="alternate" href={quoteattr(urls.absolute(urls.address(urls.CHRONOLOGY), site_url))}/>',
    ]
    for event in latest:
        stamp = max(_stamp(c.published or event.date) for c in event.citations)
        sources = ", ".join(c.title for c in event.citations)
        lines += [
            "<entry>",
            f"<title>{_xml(happenings.label(event))}: {_xml(_short(event.text))}</title>",
            f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'chronicle:' + event.id)}</id>",
            f"<updated>{stamp}</updated>",
            f"<link href={quoteattr(urls.absolute(urls.entry_address(event), site_url))}/>",
            f"<summary>{_xml(event.text)} (Sources: {_xml(sources)})</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _short(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
