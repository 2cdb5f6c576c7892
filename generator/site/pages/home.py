"""The home page: what the site holds, the story's key events, the latest entries, and the
articles whose date is missing or was inferred from their text."""

from __future__ import annotations

import jinja2

from generator.chronology import happenings, ranking
from generator.chronology.partitions import digest
from generator.site import urls
from generator.site.pages.context import context
from generator.site.pages.site import Planned, Site
from generator.site.render import render
from generator.timeml import start_of

LATEST = 10
"""The entries the home page lists."""


def plan(site: Site, env: jinja2.Environment) -> Planned:
    index = site.index
    walked, latest = site.newest(LATEST, dated=True)
    candidates = sorted(
        (e for part in index.periods.values() for e in part.key), key=happenings.sort_key
    )
    key = ranking.key_events(candidates, articles=len(index.cards))
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
        "key": key,
    }

    def home() -> str:
        return render(env, "index.md.j2", **context(site, urls.HOME), **overview, latest=latest())

    return Planned(urls.HOME, digest(walked, overview), home)
