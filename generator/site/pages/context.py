"""What every page's template is given: links from the page, citations, the entries
around each one, and the categories of figures."""

from __future__ import annotations

from markupsafe import Markup

from generator.chronology import happenings
from generator.model import Event
from generator.site import urls
from generator.site.pages.site import Site
from generator.site.render import linker


def context(site: Site, page: str, around: happenings.Neighbours | None = None) -> dict:
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
