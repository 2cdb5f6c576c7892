"""A file of JSON lines (``.jsonl``): one article a line, as news APIs and scrapers export
them: ``{"title": …, "url": …, "published": …, "publisher": …, "text": …}``.

Each line is an article of its own, with an id of its own: the file's path and a hash of
what names the article (its ``url``, else its title, else its text), so that adding,
removing or moving other lines moves no article's id, and so none of its entries'
anchors. Only a line that names the same article as an earlier one adds its line number.
A line that cannot be read is an error naming its number; the other lines are read.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from generator.build import schema
from generator.build.formats import FormatError, Found, plain

TEXT = "text"
IDENTITY = ("url", "title", TEXT)
"""What names an article, in order: its address is the surest."""


@dataclass(frozen=True)
class Line:
    number: int
    key: str
    """The article's part of its seed id: a hash of what names it."""
    found: Found
    sha256: str
    """The hash of the line's bytes: the article's own input."""


@dataclass
class Lines:
    """What a file of JSON lines gives: its articles, the lines that could not be read
    (number and problem) and what the file as a whole should be told."""

    articles: list[Line]
    errors: list[tuple[int, str]]
    warnings: list[str]


def read(data: bytes, allowed: schema.Allowed | None = None, max_bytes: int = 1_000_000) -> Lines:
    """Every line of the file; a blank line is passed over."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    result = Lines([], [], [])
    keys: dict[str, int] = {}
    ignored: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            record = _record(raw, max_bytes)
            found = _found(record, allowed)
        except FormatError as error:
            result.errors.append((number, str(error)))
            continue
        for key in sorted(set(record) - {TEXT, *schema.KEYS}):
            ignored.setdefault(key, number)
        key = hashlib.sha256(_identity(record).encode()).hexdigest()[:12]
        if key in keys:
            result.warnings.append(
                f"line {number} names the same article as line {keys[key]} (the same "
                f"{next(k for k in IDENTITY if record.get(k))}): both are built"
            )
            key = f"{key}-{number}"
        keys.setdefault(key, number)
        result.articles.append(Line(number, key, found, hashlib.sha256(raw).hexdigest()))
    if ignored:
        first = ", ".join(f"{k} (line {n})" for k, n in ignored.items())
        result.warnings.append(
            f"fields not read: {first}; a line gives text, {', '.join(schema.KEYS)}"
        )
    return result


def _record(raw: bytes, max_bytes: int) -> dict[str, Any]:
    """The line's object, its keys each given once."""
    if len(raw) > max_bytes:
        raise FormatError(
            f"too large: {len(raw) / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.1f} MB "
            "(seeds.max_bytes in data/settings.yml)"
        )
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(f"not UTF-8 text (byte {error.start + 1} of the line)") from None
    try:
        record = json.loads(line, object_pairs_hook=_once, parse_constant=_no_constant)
    except RecursionError:
        raise FormatError("not valid JSON: nested too deep") from None
    except ValueError as error:
        raise FormatError(f"not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise FormatError(f"not a JSON object but {type(record).__name__}: one article a line")
    return record


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise ValueError(f"gives {key!r} twice")
        record[key] = value
    return record


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _found(record: dict[str, Any], allowed: schema.Allowed | None) -> Found:
    text = record.get(TEXT)
    if text is None or (isinstance(text, str) and not text.strip()):
        raise FormatError('has no text: each line needs the article\'s text in "text"')
    if not isinstance(text, str):
        raise FormatError(f"text: {schema.shown(text)} must be text")
    given = {k: v for k, v in record.items() if k in schema.KEYS}
    try:
        page = schema.metadata(given, {}, allowed)
    except schema.SchemaError as error:
        raise FormatError(str(error)) from None
    if page.published:
        written = json.dumps(given["published"], ensure_ascii=False)
        page = replace(page, published_as=f'"published": {written}')
    text, _ = plain(text.replace("\x00", ""))
    return Found(text, page)


def _identity(record: dict[str, Any]) -> str:
    return next(str(record[k]).strip() for k in IDENTITY if record.get(k))
