"""Assembly: the site's index and parts in, every generated page of ``content/`` out.

Pure: each page is planned with a digest of what it is made from, and made only when
asked, so that a build makes again only the pages whose inputs changed; the caller
writes them.  Links between pages are relative ``.md`` paths, so that MkDocs checks each
of them (and each anchor) when it builds in strict mode.  Each family of pages is planned
by its module in ``generator/site/pages/``; their addresses are those of ``urls``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import jinja2

from generator.build import storage
from generator.site import urls
from generator.site.pages import chronology, data_files, figures, home, places, sources
from generator.site.pages.site import Planned, Site

SUMMED = (urls.DATA, urls.EVENTS_DATA, urls.FIGURES_DATA)
"""The folders of data files, each with a ``SHA256SUMS`` that lists them."""


def plan(site: Site, env: jinja2.Environment) -> list[Planned]:
    """Every page but the articles' own, which extraction writes (``content.render_article``)."""
    return [
        *chronology.plan(site, env),
        *places.plan(site, env),
        *figures.plan(site, env),
        *sources.plan(site, env),
        *data_files.plan(site),
        home.plan(site, env),
    ]


def pages(site: Site, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
    """Every planned page made, as (path, text)."""
    return made(plan(site, env))


def made(
    pages: list[Planned],
    known: Callable[[str], dict[str, str]] = lambda folder: {},
    texts: Iterable[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """These pages made, as (path, text); a data folder's ``SHA256SUMS`` before the files
    it lists, which are those made here and those whose hashes ``known`` gives (by name).
    ``texts`` are the pages' texts in order, when they are made elsewhere."""
    data: dict[str, dict[str, str]] = defaultdict(dict)
    for page, text in zip(pages, texts or (p.make() for p in pages), strict=True):
        folder, _, name = page.path.rpartition("/")
        if folder in SUMMED:
            data[folder][name] = text
        else:
            yield page.path, text
    for folder, files in data.items():
        yield f"{folder}/{storage.SUMS}", storage.sums(files, known(folder))
        yield from ((f"{folder}/{name}", text) for name, text in files.items())
