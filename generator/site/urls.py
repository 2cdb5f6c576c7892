"""Every page's path, every address and every link between pages, spelled once.

A page is named by its path in ``content/`` ("places/rafah.md"), and MkDocs gives it an
address from the site's root ("places/rafah/").  Pages link to each other by relative
``.md`` paths, which MkDocs checks (and each anchor) and rewrites; raw HTML, the data
files and the feed, which it leaves as they are, use addresses.
"""

from __future__ import annotations

import functools
import posixpath

from generator.chronology import happenings
from generator.chronology.happenings import Period
from generator.model import Event

INDEX = "index.md"
"""The page of a folder, whose address is the folder's."""
HOME = INDEX
ARTICLES = "articles"
"""The folder of the article pages, which extraction writes."""
CHRONOLOGY_FOLDER = "chronology"
CHRONOLOGY = f"{CHRONOLOGY_FOLDER}/{INDEX}"
PLACES_FOLDER = "places"
PLACES = f"{PLACES_FOLDER}/{INDEX}"
FIGURES_FOLDER = "figures"
"""The folder of the figures' pages when they are too many for one."""
FIGURES = f"{FIGURES_FOLDER}.md"
SOURCES_FOLDER = "sources"
"""The folder of the sources' pages when they are too many for one."""
SOURCES = f"{SOURCES_FOLDER}.md"
FEED = "feed.xml"
DATA = "data"
EVENTS_DATA = f"{DATA}/events"
FIGURES_DATA = f"{DATA}/figures"
PLACES_DATA = f"{DATA}/places.geojson"


def article_page(slug: str) -> str:
    return f"{ARTICLES}/{slug}.md"


def place_page(place_id: str) -> str:
    return f"{PLACES_FOLDER}/{place_id}.md"


def place_part(place_id: str, key: str) -> str:
    """The page of a place's entries and mentions of one year or month (``key``)."""
    return f"{PLACES_FOLDER}/{place_id}/{key}.md"


def figures_part(key: str) -> str:
    """The page of the figures reported in one year or month of publication."""
    return f"{FIGURES_FOLDER}/{key}.md"


def sources_part(key: str) -> str:
    """The page of the articles published in one year or month."""
    return f"{SOURCES_FOLDER}/{key}.md"


def year_page(year: str) -> str:
    return f"{CHRONOLOGY_FOLDER}/{year}/{INDEX}"


def period_page(period: Period) -> str:
    """A month's page, or the year's page for entries dated only by the year."""
    if period.month:
        return f"{CHRONOLOGY_FOLDER}/{period.year}/{period.month}.md"
    return year_page(period.year)


def entry_page(event: Event) -> str:
    """The page that lists the entry."""
    return period_page(happenings.period_of(event))


def events_data(year: str, suffix: str) -> str:
    """The data file of a year's entries: ``suffix`` "json" or "csv"."""
    return f"{EVENTS_DATA}/{year}.{suffix}"


def figures_data(year: str) -> str:
    """The data file of the figures reported in a year of publication."""
    return f"{FIGURES_DATA}/{year}.csv"


def address(page: str) -> str:
    """The address MkDocs gives a page, from the site's root: "places/rafah.md" is
    "places/rafah/", "chronology/2023/index.md" is "chronology/2023/"; a file that is not
    a page ("feed.xml") keeps its path."""
    if not page.endswith(".md"):
        return page
    folder = page.removesuffix(INDEX)
    return folder if folder != page else page.removesuffix(".md") + "/"


def entry_address(event: Event) -> str:
    """The entry's address from the site's root: its month page, or its year page."""
    return f"{address(entry_page(event))}#{event.id}"


def sentence_address(slug: str, sentence: str) -> str:
    """The address of a sentence of an article, from the site's root."""
    return f"{address(article_page(slug))}#{sentence}"


def absolute(relative: str, site_url: str | None) -> str:
    """An address from the site's root made absolute, when the site's URL is known."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    return base + relative


@functools.lru_cache(maxsize=4096)
def _relative(target: str, folder: str) -> str:
    """Pages link to few targets many times: a month page to its neighbours hundreds."""
    return posixpath.relpath(target, folder)


def markdown_href(target: str, page: str) -> str:
    """A link from ``page`` to ``target`` as a relative ``.md`` path, which MkDocs checks
    and rewrites; empty from a page to itself."""
    return _relative(target, posixpath.dirname(page)) if target != page else ""


def html_href(target: str, page: str) -> str:
    """A link from ``page`` to ``target`` as the browser resolves it, for raw HTML, which
    MkDocs does not rewrite."""
    relative = posixpath.relpath(address(target) or ".", address(page) or ".")
    return "./" if relative == "." else f"{relative}/"
