"""Pages as MkDocs converted them from Markdown to HTML, kept from build to build.

Converting is most of the time ``mkdocs build`` takes (three quarters, on a large
site), and a one-seed change leaves all but a few pages as they were. A page whose
Markdown and Markdown settings are as they were gets the HTML, table of contents, title
and anchors of its last conversion, and MkDocs goes on from there (theme, search, links
to anchors checked as ever).

A conversion that logged a warning (a link to a file that is not there…) is never kept,
so that a strict build fails again where it failed, nor one made without the record of
its links to anchors (MkDocs keeps none when it logs at debug level); a kept one stays
right while files are added, since its links all landed. When a file is gone, every page
is converted again, under a generation of conversions never used before: any page may
have linked to it.

It relies on what ``Page.render`` of MkDocs 1.6 sets; with another MkDocs, it stays off.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from generator.build.cache import drop_stale
from generator.build.storage import write_atomic

SUPPORTED = version("mkdocs").startswith("1.6.")
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")
FILES = "files.json"
"""The files of the last build, and the generation of its conversions."""


def _tokens(items: list[AnchorLink]) -> list[dict]:
    return [
        {"name": a.title, "id": a.id, "level": a.level, "children": _tokens(a.children)}
        for a in items
    ]


class _Warned(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


@contextmanager
def _watching() -> Iterator[_Warned]:
    """Whether MkDocs logs a warning (a link that lands nowhere…) meanwhile."""
    handler = _Warned()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


class Conversions:
    """The kept conversions of one docs folder, a file a page."""

    def __init__(self, cache: Path, config: MkDocsConfig, files: Files) -> None:
        docs = str(Path(config["docs_dir"]).resolve())
        self.root = cache / "mkdocs"
        self.folder = self.root / hashlib.sha256(docs.encode()).hexdigest()[:16]
        self.files = files
        self.present = sorted(f.src_uri for f in files)
        self.generation = self._generation()
        settings = [
            [f"{name} {_version(name)}" for name in LIBRARIES],
            repr(config["markdown_extensions"]),
            repr(sorted((config["mdx_configs"] or {}).items())),
            repr(config["validation"]),
            config["use_directory_urls"],
            self.generation,
        ]
        self.settings = hashlib.sha256(json.dumps(settings).encode()).hexdigest()
        self.used = {self._name(f.src_uri) for f in files.documentation_pages()}
        """Every page's, converted this time or not (``--dirty`` converts only some)."""

    def _generation(self) -> str:
        """The last build's generation of conversions, or a new one, never used before,
        if a file is gone (or nothing says which files the last build had)."""
        try:
            last = json.loads((self.folder / FILES).read_text("utf-8"))
            generation = str(last["generation"])
            if set(last["files"]) <= set(self.present):
                return generation
        except (OSError, ValueError, KeyError, TypeError):
            generation = uuid.uuid4().hex
        return hashlib.sha256("\0".join([generation, *self.present]).encode()).hexdigest()

    @staticmethod
    def _name(src_uri: str) -> str:
        return f"{hashlib.sha256(src_uri.encode()).hexdigest()[:24]}.json"

    def _path(self, page: Page) -> Path:
        return self.folder / self._name(page.file.src_uri)

    def _key(self, page: Page) -> str:
        source = f"{self.settings}\0{page.file.src_uri}\0{page.markdown}"
        return hashlib.sha256(source.encode()).hexdigest()

    def attach(self, page: Page) -> None:
        """Have MkDocs' conversion of the page go through the kept one."""

        def render(config: MkDocsConfig, files: Files) -> None:
            path, key = self._path(page), self._key(page)
            if not self._restore(page, path, key):
                with _watching() as warned:
                    Page.render(page, config, files)
                if not warned.seen and page.links_to_anchors is not None:
                    self._keep(page, path, key)

        page.render = render  # type: ignore[method-assign]

    def _restore(self, page: Page, path: Path, key: str) -> bool:
        try:
            kept = json.loads(path.read_text("utf-8"))
            if kept["key"] != key:
                return False
            found = [
                (self.files.get_file_from_path(uri), anchors)
                for uri, anchors in kept["links"].items()
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False
        if any(file is None for file, _ in found):
            return False
        links = {file: anchors for file, anchors in found if file is not None}
        page.content = kept["content"]
        page.toc = get_toc(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links
        return True

    def _keep(self, page: Page, path: Path, key: str) -> None:
        kept = {
            "key": key,
            "content": page.content,
            "toc": _tokens(list(page.toc)),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()},
        }
        write_atomic(path, json.dumps(kept, ensure_ascii=False))

    def prune(self) -> None:
        """Drop the conversions of pages not built this time, and the folders of docs
        folders no build has used for a month."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.name not in self.used and path.name != FILES:
                    path.unlink(missing_ok=True)
            files = {"files": self.present, "generation": self.generation}
            write_atomic(self.folder / FILES, json.dumps(files, ensure_ascii=False))
            self.folder.touch()
        drop_stale(self.root)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"
