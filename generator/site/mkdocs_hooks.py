"""MkDocs hooks: a navigation of sections and indexes, and a lighter build that converts
again only the pages whose Markdown changed (``generator/conversions.py``).

Listing every page would put the whole menu in every page, so output would grow with
the square of the corpus.  The years come from the folders of ``chronology/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.build.storage import NOTICE
from generator.project import Project
from generator.site import urls
from generator.site.conversions import SUPPORTED, Conversions

RECENT_YEARS = 5
"""Years of the chronology the navigation lists; earlier ones are on its index page."""

THEME_KEYS = ("title", "description", "author", "tags", "search", "hide", "template",
              "icon", "status", "subtitle")  # fmt: skip
"""The front matter MkDocs and Material read; an article's data is for the generator."""

GENERATED = f"---\n# {NOTICE}"
"""How a page that storage.mark marked as generated begins."""
_KEY = re.compile(r"([A-Za-z_][\w-]*):(?: |$)")


def navigation(docs_dir: Path) -> list:
    folders = (docs_dir / urls.CHRONOLOGY_FOLDER).glob("*")
    years = sorted(
        (d.name for d in folders if (docs_dir / urls.year_page(d.name)).is_file()), reverse=True
    )
    chronology: list = [urls.CHRONOLOGY]
    chronology += [{y: urls.year_page(y)} for y in years[:RECENT_YEARS]]
    nav: list = [{"Home": urls.HOME}, {"Chronology": chronology}]
    for title, path in (
        ("Places", urls.PLACES),
        ("Figures", urls.FIGURES),
        ("Sources", urls.SOURCES),
    ):
        if (docs_dir / path).is_file():
            nav.append({title: path})
    return nav


def on_config(config, **_: object):
    config.extra["feed"] = urls.address(urls.FEED)
    if not config.nav:
        config.nav = navigation(Path(config.docs_dir))
    return config


_CONVERSIONS: list[Conversions] = []
"""The kept conversions of the build under way."""


def on_files(files, config, **_: object):
    _CONVERSIONS.clear()
    if SUPPORTED and config.config_file_path:
        cache = Project(Path(config.config_file_path).parent).cache
        _CONVERSIONS.append(Conversions(cache, config, files))
    return files


def on_page_markdown(markdown: str, page, **_: object) -> str:
    for conversions in _CONVERSIONS:
        conversions.attach(page)
    return markdown


def on_post_build(config, **_: object) -> None:
    for conversions in _CONVERSIONS:
        conversions.prune()
    _CONVERSIONS.clear()


def on_page_read_source(page, config, **_: object) -> str | None:
    """A generated page with only the front matter the theme reads: MkDocs parses it with
    the pure-Python YAML loader, and an article's sentences, dates and figures would make
    that a tenth of the build.  The generator writes each key at the start of a line, its
    value on that line or on the indented (or ``- ``) lines after it."""
    text = page.file.content_string
    end = text.find("\n---\n", 4)
    if not text.startswith(GENERATED) or end < 0:
        return text
    kept, keep = [], False
    for line in text[4 : end + 1].splitlines(keepends=True):
        if key := _KEY.match(line):
            keep = key[1] in THEME_KEYS
        elif not line.startswith((" ", "- ")):
            keep = False
        if keep:
            kept.append(line)
    return f"---\n{''.join(kept)}---\n{text[end + 5 :]}"


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search dialog, which has no name for screen readers to announce."""


def on_post_page(output: str, page, config, **_: object) -> str:
    """The search dialog named; then the page is written, and its HTML and source need
    not stay in memory for the rest of the build (the title stays, for the links of
    other pages)."""
    page.content = ""
    page.markdown = ""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
