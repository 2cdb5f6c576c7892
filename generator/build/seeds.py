"""Reading seed articles and their optional metadata files from disk."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from generator.build import schema
from generator.build.formats import (
    FormatError,
    Found,
    json_lines,
    markdown_page,
    plain,
    saved_page,
)
from generator.build.storage import Passed, visible_files
from generator.model import Metadata, Seed

MARKER = re.compile(r"^\s*date[ \t]+(\S*\d\S*)[ \t]*")
PAGES = (".html", ".htm")
LINES = ".jsonl"
SEED_SUFFIXES = (".txt", ".md", *PAGES, LINES)
"""Plain text, Markdown, a saved web page, JSON lines (one article a line)."""
METADATA_SUFFIXES = (".yml", ".yaml")
MAX_BYTES = 1_000_000
"""A news article is rarely over 100 kB; a larger seed is most likely a paste gone wrong,
and extraction takes about 11 s a megabyte at worst. ``seeds.max_bytes`` in settings.yml."""
MAX_FILE_BYTES = 20_000_000
"""A saved page carries scripts, styles and pictures besides its article, a file of JSON
lines many articles: their files may be this large (``seeds.max_file_bytes``), the text
of each article still ``max_bytes``."""
MAX_METADATA_BYTES = 200_000
"""A metadata file of a thousand corrections is a tenth of this; ``seeds.max_metadata_bytes``."""


class InputError(Exception):
    """A problem in an input file, reported to the user as one line naming the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


Stat = tuple[tuple[int, ...], tuple[int, ...] | None]
"""A seed file's and its metadata file's size, modification and change times and inode."""
SETTLED_NS = 2_000_000_000
"""A file modified this recently may change again within the same tick of the clock and
keep its stat: it is read again next time (what git calls racy)."""


class Listed(NamedTuple):
    """A seed as its folder lists it: its path under the folder, its stat (None when it
    is too fresh to be trusted), and the warnings reading it gave."""

    relative: str
    stat: Stat | None
    warnings: tuple[str, ...] = ()


@dataclass
class Loaded:
    seeds: list[Seed] = field(default_factory=list)
    """The seeds read, in the order of their paths."""
    listed: dict[str, Listed] = field(default_factory=dict)
    """Every seed found and not failed, read or not, by id, in the order of their paths."""
    unread: set[str] = field(default_factory=set)
    """Ids of the seeds left unread because their files are as the caller last saw them."""
    errors: list[InputError] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    """Ids of the seeds that could not be read: their pages from an earlier build stay."""
    warnings: list[str] = field(default_factory=list)


def _utf8(data: bytes, path: Path, warnings: list[str]) -> bytes:
    """The bytes as UTF-8 when they are UTF-16 with its BOM, said aloud; a binary file
    (mostly NUL bytes) is an error."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "starts as UTF-16 text but does not decode as it") from None
        warnings.append(f"{path}: read as UTF-16; UTF-8 is preferred")
        data = text.encode("utf-8")
    if b"\x00" in data[:8192] and data.count(b"\x00") > len(data) // 10:
        raise InputError(path, "looks like a binary file, not text")
    return data


def decode(data: bytes, path: Path, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with its BOM, else
    Windows-1252, said aloud."""
    data = _utf8(data, path, warnings)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"{path}: not UTF-8; read as Windows-1252")
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append(f"{path}: NUL bytes removed")
    text, removed = plain(text)
    if removed:
        warnings.append(f"{path}: {removed} control characters removed")
    return text


def read_metadata(
    path: Path, allowed: schema.Allowed | None = None, max_bytes: int = MAX_METADATA_BYTES
) -> Metadata:
    """A seed's metadata file, checked by the schema ``check`` and ``build`` share."""
    try:
        if not S_ISREG(os.stat(path).st_mode):
            raise InputError(path, "is not a regular file; metadata must be one")
        size = os.stat(path).st_size
        if size > max_bytes:
            raise InputError(
                path, f"too large for a metadata file: {size:,} bytes, over {max_bytes:,}"
            )
        data, lines = schema.parse(path.read_text("utf-8"))
        return schema.metadata(data, lines, allowed)
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as error:
        raise InputError(path, f"cannot be read: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputError(path, f"not valid YAML{where}") from None
    except schema.SchemaError as error:
        where = f" (line {error.line})" if error.line else ""
        raise InputError(path, f"{error}{where}") from None


def split_marker(text: str) -> tuple[str | None, str]:
    """The date written in a leading ` date YYYY-MM-DD` marker, and the text after it."""
    match = MARKER.match(text)
    return (match.group(1), text[match.end() :]) if match else (None, text)


def seed_id(path: Path, root: Path) -> str:
    """A seed's id: its path under the seeds folder, without the suffix."""
    return path.relative_to(root).with_suffix("").as_posix()


@dataclass(frozen=True)
class Rules:
    """How seeds are read: the limits and the rule on links of ``data/settings.yml``, and
    what the curated data lets a metadata file name."""

    max_bytes: int = MAX_BYTES
    max_file_bytes: int = MAX_FILE_BYTES
    max_metadata_bytes: int = MAX_METADATA_BYTES
    follow_links_inside: bool = False
    allowed: schema.Allowed | None = None


def _read_bytes(path: Path, limit: int, setting: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                path,
                f"too large: {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.1f} "
                f"MB (split it, or raise seeds.{setting} in data/settings.yml)",
            )
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            path, f"cannot be read: {(error.strerror or str(error)).lower()}"
        ) from None


def _found(path: Path, text: str, rules: Rules) -> Found:
    """The article of a file of one article, read as its kind says."""
    try:
        if path.suffix in PAGES:
            found = saved_page.read(text)
            if len(found.text.encode("utf-8")) > rules.max_bytes:
                raise FormatError(
                    f"too large: its article text is over the limit of "
                    f"{rules.max_bytes / 1e6:.1f} MB (seeds.max_bytes in data/settings.yml)"
                )
            return found
        if path.suffix == ".md":
            return markdown_page.read(text, rules.allowed)
    except FormatError as error:
        raise InputError(path, str(error)) from None
    return Found(text)


def _unlinked(url: str | None) -> list[str]:
    if url and urlsplit(url).scheme not in ("http", "https"):
        return [f"url {url!r} is not an http(s) address: shown as text, not linked"]
    return []


def read_seed(
    path: Path, root: Path, warnings: list[str], rules: Rules = Rules(), meta: Path | None = None
) -> Seed:
    """The seed at ``path``, a file of one article, with the metadata file ``meta`` (found
    beside it by ``load``)."""
    page = path.suffix in PAGES
    data = _read_bytes(
        path,
        *((rules.max_file_bytes, "max_file_bytes") if page else (rules.max_bytes, "max_bytes")),
    )
    text = decode(data, path, warnings)
    own_warnings = []
    marker_date = None
    if path.suffix == ".txt":
        raw_date, text = split_marker(text)
        if raw_date:
            try:
                marker_date = schema.day(raw_date)
            except schema.SchemaError as error:
                own_warnings.append(f"the date marker {error}; the marker is ignored")
    found = _found(path, text, rules)
    if not found.text.strip():
        raise InputError(path, "is empty: no article text")
    metadata = read_metadata(meta, rules.allowed, rules.max_metadata_bytes) if meta else Metadata()
    own_warnings += _unlinked(metadata.url or found.page.url)
    return Seed(
        id=seed_id(path, root),
        path=display_path(root, path.relative_to(root).as_posix()),
        text=found.text,
        sha256=hashlib.sha256(data).hexdigest(),
        marker_date=marker_date,
        metadata=metadata,
        warnings=(*own_warnings, *found.warnings),
        given_parts=found.parts,
        page=found.page,
    )


def read_lines(
    path: Path, root: Path, warnings: list[str], rules: Rules = Rules()
) -> tuple[list[Seed], list[InputError]]:
    """The seeds of a file of JSON lines, one a line, and an error for each line that
    cannot be read; the file's own problems are ``warnings``."""
    data = _utf8(_read_bytes(path, rules.max_file_bytes, "max_file_bytes"), path, warnings)
    read = json_lines.read(data, rules.allowed, rules.max_bytes)
    if not read.articles and not read.errors:
        raise InputError(path, "is empty: no JSON lines")
    relative = path.relative_to(root).as_posix()
    seeds = [
        Seed(
            id=f"{relative}/{line.key}",
            path=display_path(root, relative),
            text=line.found.text,
            sha256=line.sha256,
            marker_date=None,
            metadata=Metadata(),
            warnings=(*_unlinked(line.found.page.url), *line.found.warnings),
            page=line.found.page,
        )
        for line in read.articles
    ]
    warnings += [f"{path}: {warning}" for warning in read.warnings]
    return seeds, [InputError(path, f"line {n}: {problem}") for n, problem in read.errors]


def failed_id(relative: str) -> str:
    """What ``Loaded.failed`` holds for a seed file that could not be read: its seed's id;
    for a file of JSON lines, the start of its seeds' ids (which article a line that cannot
    be read was is not known then)."""
    return f"{relative}/" if relative.endswith(LINES) else os.path.splitext(relative)[0]


def kept_page(seed_id: str, failed: set[str]) -> bool:
    """Whether the article of ``seed_id`` keeps the page of the last good build: its seed,
    or a line of its file of JSON lines, could not be read this time."""
    return seed_id in failed or any(f.endswith("/") and seed_id.startswith(f) for f in failed)


def _stat(path: str) -> tuple[int, ...]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def display_path(folder: Path, relative: str) -> str:
    """How reports and pages name a seed: its path from the seeds folder's parent."""
    return f"{folder.name}/{relative}"


def read(folder: Path, relative: str, rules: Rules = Rules(), seed_id: str = "") -> Seed:
    """The seed at ``relative`` under ``folder`` (for a file of JSON lines, the one of
    ``seed_id``), its reading warnings let go."""
    if relative.endswith(LINES):
        found, _ = read_lines(folder / relative, folder, [], rules)
        return next(seed for seed in found if seed.id == seed_id)
    beside = _Beside(folder, rules)
    return read_seed(folder / relative, folder, [], rules, beside.metadata(relative, []))


class _Beside:
    """The files of a seeds folder, for finding the one metadata file beside each seed."""

    def __init__(self, folder: Path, rules: Rules) -> None:
        self.passed: list[Passed] = []
        self.files = visible_files(folder, self.passed, rules.follow_links_inside)
        self.names = {"/".join(parts) for parts, _ in self.files}
        self.refused = {
            os.path.relpath(p.path, folder).replace(os.sep, "/"): p for p in self.passed
        }
        self.folder = folder

    def metadata(self, relative: str, warnings: list[str]) -> Path | None:
        """The metadata file of the seed at ``relative``: ``.yml`` before ``.yaml``, the
        other named in ``warnings``; one that was refused is an error of the seed's."""
        stem = os.path.splitext(relative)[0]
        found = [stem + s for s in METADATA_SUFFIXES if stem + s in self.names]
        for name in (stem + s for s in METADATA_SUFFIXES):
            if name in self.refused:
                raise InputError(self.refused[name].path, self.refused[name].why)
        for extra in found[1:]:
            warnings.append(
                f"{self.folder / extra}: ignored: {self.folder / found[0]} beside it is read instead"
            )
        return self.folder / found[0] if found else None


def load(folder: Path, rules: Rules = Rules(), known: Mapping[str, Listed] = {}) -> Loaded:
    """Every seed under ``folder``; a bad file is reported and skipped, never fatal to others,
    and every file passed over is named with why.

    A seed listed in ``known`` whose files still have the stat recorded there is not read
    (it is in ``unread``, and its recorded warnings are repeated), as git trusts the stat
    of a file it indexed. A file of JSON lines is always read: it is quick to read, and a
    line that failed must be named again."""
    loaded = Loaded()
    if not folder.is_dir():
        loaded.errors.append(InputError(folder, "no such folder of seeds"))
        return loaded
    beside = _Beside(folder, rules)
    _passed_over(folder, beside, loaded)
    named: dict[str, list[str]] = {}
    for parts, entry in beside.files:
        stem, suffix = os.path.splitext("/".join(parts))
        if suffix in SEED_SUFFIXES and suffix != LINES:
            named.setdefault(stem, []).append(entry.path)
    now = time.time_ns()
    for parts, entry in beside.files:
        path = entry.path
        relative = "/".join(parts)
        stem, suffix = os.path.splitext(relative)
        if suffix in METADATA_SUFFIXES:
            if not any(stem + s in beside.names for s in SEED_SUFFIXES):
                loaded.warnings.append(f"{path}: metadata file without a seed next to it")
            continue
        if suffix not in SEED_SUFFIXES:
            kinds = ", ".join(SEED_SUFFIXES[:-1]) + f" or {SEED_SUFFIXES[-1]}"
            loaded.warnings.append(f"{path}: ignored (seeds are {kinds} files)")
            continue
        warnings: list[str] = []
        try:
            if (
                not relative.isprintable()
                or relative != relative.encode("utf-8", "replace").decode()
            ):
                shown = str(folder / ascii(relative)[1:-1])  # the report stays one line
                raise InputError(
                    shown, "its name is not UTF-8 text, or holds control characters: rename it"
                )
            if suffix == LINES:
                _load_lines(folder, relative, beside, rules, loaded, warnings)
                continue
            if len(named.get(stem, ())) > 1:
                others = " and ".join(p for p in named[stem] if p != path)
                raise InputError(
                    path,
                    f"{others} has the same name: two seeds of one name would be one article, "
                    "with one metadata file; rename one",
                )
            _load_one(folder, relative, beside, rules, known, now, loaded, warnings)
        except InputError as error:
            loaded.errors.append(error)
            loaded.failed.add(failed_id(relative))
        finally:
            loaded.warnings += warnings
    return loaded


def _passed_over(folder: Path, beside: _Beside, loaded: Loaded) -> None:
    """The files the walk of the folder did not take: an error for those meant as input,
    a warning for the others (but hidden files that are not seeds, such as .gitkeep)."""
    listed = {entry.path for _, entry in beside.files}
    for passed in beside.passed:
        stem, suffix = os.path.splitext(passed.path)
        if suffix in METADATA_SUFFIXES and any(stem + s in listed for s in SEED_SUFFIXES):
            continue  # the seed beside it fails, naming it
        if passed.error:
            loaded.errors.append(InputError(passed.path, passed.why))
            relative = os.path.relpath(passed.path, folder).replace(os.sep, "/")
            if relative.endswith(SEED_SUFFIXES):
                loaded.failed.add(failed_id(relative))
            continue
        hidden = os.path.basename(passed.path).startswith(".")
        if not hidden or passed.path.endswith(SEED_SUFFIXES + METADATA_SUFFIXES):
            loaded.warnings.append(f"{passed.path}: {passed.why}")


def _load_one(
    folder: Path,
    relative: str,
    beside: _Beside,
    rules: Rules,
    known: Mapping[str, Listed],
    now: int,
    loaded: Loaded,
    warnings: list[str],
) -> None:
    """A file of one article: read, or trusted by its stat to be as ``known`` lists it."""
    path = str(folder / relative)
    seed_id = os.path.splitext(relative)[0]
    meta = beside.metadata(relative, warnings)
    try:
        stat: Stat | None = (_stat(path), _stat(str(meta)) if meta else None)
    except OSError:
        stat = None
    if stat and max(s[1] for s in stat if s) > now - SETTLED_NS:
        stat = None
    last = known.get(seed_id)
    if stat is not None and last is not None and last.stat == stat:
        loaded.listed[seed_id] = last
        loaded.unread.add(seed_id)
        warnings += last.warnings
        return
    loaded.seeds.append(read_seed(Path(path), folder, warnings, rules, meta))
    loaded.listed[seed_id] = Listed(relative, stat, tuple(warnings))


def _load_lines(
    folder: Path,
    relative: str,
    beside: _Beside,
    rules: Rules,
    loaded: Loaded,
    warnings: list[str],
) -> None:
    """A file of JSON lines: a seed a line, an error a line that cannot be read."""
    path = folder / relative
    try:
        if meta := beside.metadata(relative, warnings):
            warnings.append(
                f"{meta}: not read: each line of {path} gives its own title, published, url…"
            )
    except InputError as error:
        loaded.errors.append(error)
    found, errors = read_lines(path, folder, warnings, rules)
    for seed in found:
        loaded.seeds.append(seed)
        loaded.listed[seed.id] = Listed(relative, None)
    loaded.errors += errors
    if errors:
        loaded.failed.add(failed_id(relative))
