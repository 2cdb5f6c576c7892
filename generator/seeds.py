"""Reading seed articles and their optional metadata files from disk."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .model import Metadata, Seed
from .slugs import slugify
from .storage import visible_files

MARKER = re.compile(r"^\s*date[ \t]+(\S*\d\S*)[ \t]*")
SEED_SUFFIXES = (".txt",)
METADATA_SUFFIXES = (".yml", ".yaml")
METADATA_KEYS = {"title", "published", "url", "publisher", "slug", "corrections"}
MAX_BYTES = 1_000_000
"""A news article is rarely over 100 kB; a larger seed is most likely a paste gone wrong,
and extraction time grows faster than its length. ``seeds.max_bytes`` in settings.yml."""
CORRECTION_KINDS = {"date", "figure", "place"}


_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\u2028": "\n", "\u2029": "\n"})
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


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


def decode(data: bytes, path: Path, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with its BOM, else
    Windows-1252, said aloud."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "starts as UTF-16 text but does not decode as it") from None
        warnings.append(f"{path}: read as UTF-16; UTF-8 is preferred")
        data = text.encode("utf-8")
    if b"\x00" in data[:8192] and data.count(b"\x00") > len(data) // 10:
        raise InputError(path, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"{path}: not UTF-8; read as Windows-1252")
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append(f"{path}: NUL bytes removed")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    text, removed = _CONTROL.subn("", text)
    if removed:
        warnings.append(f"{path}: {removed} control characters removed")
    return text


def _iso_date(value: object, path: Path, what: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
                raise InputError(path, f"{what} {value!r} is not a real date") from None
    raise InputError(path, f"{what} {value!r} is not a date of the form YYYY-MM-DD")


def read_metadata(path: Path) -> Metadata:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f" (line {line + 1})" if line is not None else ""
        raise InputError(path, f"not valid YAML{where}") from None
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        raise InputError(path, "must be a mapping of keys such as title, published, url")
    unknown = sorted(set(map(str, data)) - METADATA_KEYS)
    if unknown:
        raise InputError(
            path, f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(METADATA_KEYS))}"
        )
    for key in ("title", "url", "publisher", "slug"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InputError(path, f"{key} must be text")
        if isinstance(data.get(key), str):
            data[key] = " ".join(_CONTROL.sub("", data[key]).split()) or None
    slug = data.get("slug")
    if slug is not None and slug != slugify(slug):
        raise InputError(
            path,
            f"slug {slug!r} must be lowercase ASCII words joined by hyphens, like "
            f"{slugify(slug) or 'troops-enter-rafah'!r}",
        )
    published = data.get("published")
    corrections = data.get("corrections") or []
    if not isinstance(corrections, list) or not all(isinstance(c, dict) for c in corrections):
        raise InputError(path, "corrections must be a list of mappings")
    for correction in corrections:
        if correction.get("kind") not in CORRECTION_KINDS:
            raise InputError(
                path, f"each correction needs kind: {', '.join(sorted(CORRECTION_KINDS))}"
            )
        if not isinstance(correction.get("text"), str):
            raise InputError(path, "each correction needs the text it corrects, as written")
    return Metadata(
        title=data.get("title"),
        published=_iso_date(published, path, "published") if published is not None else None,
        url=data.get("url"),
        publisher=data.get("publisher"),
        slug=data.get("slug"),
        corrections=tuple(corrections),
    )


def metadata_path(seed: Path) -> Path | None:
    for suffix in METADATA_SUFFIXES:
        candidate = seed.with_suffix(suffix)
        if candidate.exists():
            return candidate
    return None


def split_marker(text: str) -> tuple[str | None, str]:
    """The date written in a leading ` date YYYY-MM-DD` marker, and the text after it."""
    match = MARKER.match(text)
    return (match.group(1), text[match.end() :]) if match else (None, text)


def seed_id(path: Path, root: Path) -> str:
    """A seed's id: its path under the seeds folder, without the suffix."""
    return path.relative_to(root).with_suffix("").as_posix()


def read_seed(path: Path, root: Path, warnings: list[str], max_bytes: int = MAX_BYTES) -> Seed:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            path,
            f"too large: {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB "
            "(split it, or raise seeds.max_bytes in data/settings.yml)",
        )
    data = path.read_bytes()
    text = decode(data, path, warnings)
    raw_date, text = split_marker(text)
    own_warnings = []
    marker_date = None
    if raw_date:
        try:
            marker_date = _iso_date(raw_date, path, "the date marker")
        except InputError as error:
            own_warnings.append(f"{error.problem}; the marker is ignored")
    if not text.strip():
        raise InputError(path, "is empty: no article text")
    meta_file = metadata_path(path)
    metadata = read_metadata(meta_file) if meta_file else Metadata()
    return Seed(
        id=seed_id(path, root),
        path=display_path(root, path.relative_to(root).as_posix()),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        marker_date=marker_date,
        metadata=metadata,
        warnings=tuple(own_warnings),
    )


def _stat(entry: os.DirEntry) -> tuple[int, ...]:
    stat = entry.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def display_path(folder: Path, relative: str) -> str:
    """How reports and pages name a seed: its path from the seeds folder's parent."""
    return f"{folder.name}/{relative}"


def read(folder: Path, relative: str, max_bytes: int = MAX_BYTES) -> Seed:
    """The seed at ``relative`` under ``folder``, its reading warnings let go."""
    return read_seed(folder / relative, folder, [], max_bytes)


def load(folder: Path, max_bytes: int = MAX_BYTES, known: Mapping[str, Listed] = {}) -> Loaded:
    """Every seed under ``folder``; a bad file is reported and skipped, never fatal to others.

    A seed listed in ``known`` whose files still have the stat recorded there is not read
    (it is in ``unread``, and its recorded warnings are repeated), as git trusts the stat
    of a file it indexed."""
    loaded = Loaded()
    if not folder.is_dir():
        loaded.errors.append(InputError(folder, "no such folder of seeds"))
        return loaded
    files = visible_files(folder)
    names = {parts: entry for parts, entry in files}
    now = time.time_ns()
    for parts, entry in files:
        path = entry.path
        stem, suffix = os.path.splitext(parts[-1])
        if suffix in METADATA_SUFFIXES:
            if not any((*parts[:-1], stem + s) in names for s in SEED_SUFFIXES):
                loaded.warnings.append(f"{path}: metadata file without a seed next to it")
            continue
        if suffix not in SEED_SUFFIXES:
            loaded.warnings.append(f"{path}: ignored (seeds are .txt files)")
            continue
        relative = "/".join(parts)
        seed_id = relative[: -len(suffix)]
        beside = [(*parts[:-1], stem + s) for s in METADATA_SUFFIXES]
        meta = next((names[m] for m in beside if m in names), None)
        try:
            stat: Stat | None = (_stat(entry), _stat(meta) if meta else None)
        except OSError:
            stat = None
        if stat and max(s[1] for s in stat if s) > now - SETTLED_NS:
            stat = None
        last = known.get(seed_id)
        if stat is not None and last is not None and last.stat == stat:
            loaded.listed[seed_id] = last
            loaded.unread.add(seed_id)
            loaded.warnings += last.warnings
            continue
        warnings: list[str] = []
        try:
            loaded.seeds.append(read_seed(Path(path), folder, warnings, max_bytes))
            loaded.listed[seed_id] = Listed(relative, stat, tuple(warnings))
        except InputError as error:
            loaded.errors.append(error)
            loaded.failed.add(seed_id)
        loaded.warnings += warnings
    return loaded
