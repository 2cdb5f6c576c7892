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
from generator.build.storage import Passed, visible_files
from generator.model import Metadata, Seed

MARKER = re.compile(r"^\s*date[ \t]+(\S*\d\S*)[ \t]*")
SEED_SUFFIXES = (".txt",)
METADATA_SUFFIXES = (".yml", ".yaml")
MAX_BYTES = 1_000_000
"""A news article is rarely over 100 kB; a larger seed is most likely a paste gone wrong,
and extraction takes about 11 s a megabyte at worst. ``seeds.max_bytes`` in settings.yml."""
MAX_METADATA_BYTES = 200_000
"""A metadata file of a thousand corrections is a tenth of this; ``seeds.max_metadata_bytes``."""


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
    max_metadata_bytes: int = MAX_METADATA_BYTES
    follow_links_inside: bool = False
    allowed: schema.Allowed | None = None


def read_seed(
    path: Path, root: Path, warnings: list[str], rules: Rules = Rules(), meta: Path | None = None
) -> Seed:
    """The seed at ``path``, with the metadata file ``meta`` (found beside it by ``load``)."""
    try:
        size = path.stat().st_size
        if size > rules.max_bytes:
            raise InputError(
                path,
                f"too large: {size / 1e6:.1f} MB, over the limit of {rules.max_bytes / 1e6:.1f} "
                "MB (split it, or raise seeds.max_bytes in data/settings.yml)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            path, f"cannot be read: {(error.strerror or str(error)).lower()}"
        ) from None
    text = decode(data, path, warnings)
    raw_date, text = split_marker(text)
    own_warnings = []
    marker_date = None
    if raw_date:
        try:
            marker_date = schema.day(raw_date)
        except schema.SchemaError as error:
            own_warnings.append(f"the date marker {error}; the marker is ignored")
    if not text.strip():
        raise InputError(path, "is empty: no article text")
    metadata = read_metadata(meta, rules.allowed, rules.max_metadata_bytes) if meta else Metadata()
    if metadata.url and urlsplit(metadata.url).scheme not in ("http", "https"):
        own_warnings.append(
            f"url {metadata.url!r} is not an http(s) address: shown as text, not linked"
        )
    return Seed(
        id=seed_id(path, root),
        path=display_path(root, path.relative_to(root).as_posix()),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        marker_date=marker_date,
        metadata=metadata,
        warnings=tuple(own_warnings),
    )


def _stat(path: str) -> tuple[int, ...]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def display_path(folder: Path, relative: str) -> str:
    """How reports and pages name a seed: its path from the seeds folder's parent."""
    return f"{folder.name}/{relative}"


def read(folder: Path, relative: str, rules: Rules = Rules()) -> Seed:
    """The seed at ``relative`` under ``folder``, its reading warnings let go."""
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
    of a file it indexed."""
    loaded = Loaded()
    if not folder.is_dir():
        loaded.errors.append(InputError(folder, "no such folder of seeds"))
        return loaded
    beside = _Beside(folder, rules)
    listed = {entry.path for _, entry in beside.files}
    for passed in beside.passed:
        stem, suffix = os.path.splitext(passed.path)
        if suffix in METADATA_SUFFIXES and any(stem + s in listed for s in SEED_SUFFIXES):
            continue  # the seed beside it fails, naming it
        if passed.error:
            loaded.errors.append(InputError(passed.path, passed.why))
            relative = os.path.relpath(passed.path, folder).replace(os.sep, "/")
            if relative.endswith(SEED_SUFFIXES):
                loaded.failed.add(relative.rsplit(".", 1)[0])
            continue
        hidden = os.path.basename(passed.path).startswith(".")
        if not hidden or passed.path.endswith(SEED_SUFFIXES + METADATA_SUFFIXES):
            loaded.warnings.append(f"{passed.path}: {passed.why}")
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
            loaded.warnings.append(f"{path}: ignored (seeds are .txt files)")
            continue
        seed_id = stem
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
                loaded.warnings += last.warnings
                continue
            loaded.seeds.append(read_seed(Path(path), folder, warnings, rules, meta))
            loaded.listed[seed_id] = Listed(relative, stat, tuple(warnings))
        except InputError as error:
            loaded.errors.append(error)
            loaded.failed.add(seed_id)
        loaded.warnings += warnings
    return loaded
