"""What a seed's metadata file may say: every field typed and ranged.

``chronicle check`` and ``chronicle build`` read metadata through this one module, so that
a file ``check`` passes never stops a build. A value out of its range is an error naming
the file, the line, the field and the value; nothing is guessed or passed on half-checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

import yaml

from generator.build.formats import written_dates
from generator.model import Metadata, PartKind
from generator.slugs import slugify
from generator.text.places import Place
from generator.timeml import REFERENCES, shape, start_of

KEYS = ("title", "published", "url", "publisher", "author", "slug", "corrections")
CorrectionKind = Literal["date", "figure", "place", "part"]
FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("value", "end_value", "note"),
    "figure": ("value", "min", "max", "category", "group", "source", "place", "period"),
    "place": ("place", "name"),
    "part": ("is",),
}
"""The fields a correction of each kind may set; the rest of an item is where the text
put it (offsets, sentence), which a correction never moves."""
COMMON = ("kind", "text", "sentence", "drop")
MAX_TEXT = 2_000
"""Longer than any title, publisher or address a page should show."""
MAX_CORRECTIONS = 1_000
MAX_COUNT = 10_000_000_000
"""A figure above this (more people than live on Earth) is a typing error."""
MAX_DEPTH = 8
"""Metadata nests three levels at most (corrections, a correction, its fields)."""


class SchemaError(ValueError):
    """A value the schema refuses: ``where`` is the field's path, ``line`` its line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Allowed:
    """What the curated data allows a correction to name: figure categories and places."""

    categories: frozenset[str]
    place: Callable[[str], Place | None]
    """The gazetteer's place of an id (loaded only when a correction names one)."""


def parse(text: str) -> tuple[Any, dict[tuple, int]]:
    """The YAML document, and the line (from 1) of each top-level value and each item of a
    top-level list. Anchors and aliases are refused: metadata never needs them, and an
    alias bomb expands a kilobyte into gigabytes."""
    depth = 0
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        line = event.start_mark.line + 1 if event.start_mark else 0  # a parsed event has one
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise SchemaError("uses a YAML anchor or alias (& or *), which metadata may not", line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SchemaError(f"nests deeper than {MAX_DEPTH} levels", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    _no_key_twice(node)
    lines: dict[tuple, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(key.value,)] = value.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    lines[(key.value, i)] = item.start_mark.line + 1
    try:
        return yaml.safe_load(text), lines
    except ValueError as error:  # a timestamp out of the calendar: published: 2023-02-30
        raise SchemaError(f"holds a date that is not a real date ({error})") from None


def _no_key_twice(node: yaml.Node | None) -> None:
    """YAML keeps the last of two equal keys without a word; a file that gives a field
    twice is refused, naming the line of the second."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise SchemaError(f"gives {key.value!r} twice", key.start_mark.line + 1)
                seen.add(key.value)
            _no_key_twice(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _no_key_twice(item)


def metadata(data: object, lines: dict[tuple, int], allowed: Allowed | None) -> Metadata:
    """The metadata a parsed file gives, every field checked; ``allowed`` None checks the
    form of categories and place ids but not that the curated data knows them."""
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        raise SchemaError("must be a mapping of keys such as title, published, url", 1)
    for key in data:
        if key not in KEYS:
            raise SchemaError(
                f"unknown key {key!r}; allowed: {', '.join(sorted(KEYS))}", lines.get((key,))
            )

    def field(key: str, check: Callable[[object], object]) -> Any:
        value = data.get(key)
        if value is None:
            return None
        try:
            return check(value)
        except SchemaError as error:
            raise SchemaError(f"{key}: {error}", lines.get((key,))) from None

    corrections = data.get("corrections") or []
    if not isinstance(corrections, list):
        raise SchemaError("corrections must be a list of mappings", lines.get(("corrections",)))
    if len(corrections) > MAX_CORRECTIONS:
        raise SchemaError(f"more than {MAX_CORRECTIONS} corrections", lines.get(("corrections",)))
    checked = []
    for i, item in enumerate(corrections):
        try:
            checked.append(correction(item, allowed))
        except SchemaError as error:
            raise SchemaError(f"corrections[{i}]: {error}", lines.get(("corrections", i))) from None
    published = field("published", published_day)
    written = data.get("published")
    return Metadata(
        title=field("title", text),
        published=published,
        url=field("url", address),
        publisher=field("publisher", text),
        slug=field("slug", slug),
        corrections=tuple(checked),
        author=field("author", text),
        published_as=(
            f'written "{" ".join(written.split())}"'
            if isinstance(written, str) and not written_dates.ISO_DAY.fullmatch(written.strip())
            else ""
        ),
    )


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def text(value: object) -> str | None:
    """One line of text, control characters removed and spaces squeezed."""
    if not isinstance(value, str):
        raise SchemaError(f"{shown(value)} must be text")
    if len(value) > MAX_TEXT:
        raise SchemaError(f"is {len(value):,} characters long; at most {MAX_TEXT:,}")
    return " ".join(_CONTROL.sub("", value).split()) or None


def day(value: object) -> str:
    """A publication date: a real day, YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise SchemaError(f"{value!r} is not a real date") from None
    raise SchemaError(f"{shown(value)} is not a date of the form YYYY-MM-DD")


def published_day(value: object) -> str:
    """A publication date as YAML reads it, or as people write it ("13 May 2021",
    "13/05/2021", "Thu, 13 May 2021 08:00:00 GMT"), read by ``written_dates``."""
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, str):
        try:
            return written_dates.day(value)
        except ValueError as error:
            raise SchemaError(str(error)) from None
    raise SchemaError(f"{shown(value)} is not a date such as 2021-05-13 or 13 May 2021")


def address(value: object) -> str | None:
    """A web address; one that is not http(s) is kept, to be shown as text, never linked."""
    shown = text(value)
    try:
        urlsplit(shown or "")
    except ValueError as error:
        raise SchemaError(f"{shown!r} is not a web address ({error})") from None
    return shown


def slug(value: object) -> str:
    if not isinstance(value, str) or value != slugify(value) or not value:
        example = slugify(value) if isinstance(value, str) else ""
        raise SchemaError(
            f"{shown(value)} must be lowercase ASCII words joined by hyphens, like "
            f"{example or 'troops-enter-rafah'!r}"
        )
    return value


def correction(item: object, allowed: Allowed | None) -> dict:
    """A correction with its values normalised: a date's precision and role follow its
    value, a place's name and coordinates come from the gazetteer."""
    if not isinstance(item, dict):
        raise SchemaError("must be a mapping with kind, text and the fields to change")
    kind = item.get("kind")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise SchemaError(f"kind {shown(kind)} must be one of {', '.join(FIELDS)}")
    for key in item:
        if key not in COMMON and key not in FIELDS[kind]:
            raise SchemaError(
                f"{key!r} cannot be corrected in a {kind}; allowed: "
                f"{', '.join(FIELDS[kind])}, or drop: true"
            )
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        raise SchemaError("needs text: the words it corrects, as the article writes them")
    result: dict = {"kind": kind, "text": item["text"]}
    if item.get("sentence") is not None:
        result["sentence"] = _sentence(item["sentence"])
    drop = item.get("drop", False)
    if not isinstance(drop, bool):
        raise SchemaError(f"drop: {shown(drop)} must be true or false")
    changes = {k: v for k, v in item.items() if k not in COMMON}
    if drop and kind == "part":
        raise SchemaError("a part cannot be dropped: say what it is (is: body, comments, …)")
    if drop:
        if changes:
            raise SchemaError(
                f"drop: true drops the item; it cannot also set {next(iter(changes))}"
            )
        return result | {"drop": True}
    if not changes:
        raise SchemaError(f"sets nothing: give {' or '.join(FIELDS[kind])}, or drop: true")
    match kind:
        case "date":
            return result | _date_changes(changes)
        case "figure":
            return result | _figure_changes(changes, allowed)
        case "part":
            if changes.get("is") not in get_args(PartKind):
                kinds = ", ".join(get_args(PartKind))
                raise SchemaError(f"is: {shown(changes.get('is'))} must be one of {kinds}")
            return result | {"is": changes["is"]}
        case _:
            return result | _place_changes(changes, allowed)


def _sentence(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return f"s{value}"
    if isinstance(value, str) and re.fullmatch(r"s?[1-9]\d{0,5}", value):
        return value if value.startswith("s") else f"s{value}"
    raise SchemaError(f"sentence: {shown(value)} must be a sentence id such as s7 or 7")


def date_value(value: object) -> str:
    """A TimeML value a page can show and place in time: ``2023-10-27``, ``2023-10``,
    ``2023-W43``, ``2023-Q4``, ``2023``, ``XXXX-10-27``, ``PRESENT_REF``…"""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise SchemaError(f"{shown(value)} is not a date value")
    if value in REFERENCES:
        return value
    unknown_year = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", value)
    try:
        if unknown_year:  # checked in a leap year, so that XXXX-02-29 passes
            month, day_ = int(unknown_year[1]), int(unknown_year[2] or 1)
            dt.date(2024, month, day_)
            return value
        if shape(value) == "other":
            raise ValueError("not a TimeML value such as 2023-10-27, 2023-10, 2023-W43 or 2023")
        start_of(value)
    except (ValueError, KeyError, IndexError) as error:
        raise SchemaError(f"{value!r} is not a real date ({error})") from None
    if shape(value) == "month" and not 1 <= int(value[5:7]) <= 12:
        raise SchemaError(f"{value!r} is not a real date (month {value[5:7]})")
    return value


def _date_changes(changes: dict) -> dict:
    out: dict = {}
    if "value" not in changes:
        raise SchemaError("a date correction needs value (the date it should be)")
    try:
        out["value"] = date_value(changes["value"])
        if changes.get("end_value") is not None:
            out["end_value"] = date_value(changes["end_value"])
    except SchemaError as error:
        name = "end_value" if "value" in out else "value"
        raise SchemaError(f"{name}: {error}") from None
    value = out["value"]
    out["precision"] = "ref" if value in REFERENCES else shape(value.replace("XXXX", "2024"))
    if "end_value" in out:
        end = out["end_value"]
        if value in REFERENCES or end in REFERENCES or "XXXX" in value + end:
            raise SchemaError("a range needs two dates with their years")
        if start_of(end) < start_of(value):
            raise SchemaError(f"end_value {end!r} comes before value {value!r}")
        out["role"] = "range"
    out["note"] = text(changes["note"]) if changes.get("note") else "corrected by an editor"
    return out


def _count(name: str, value: object, optional: bool) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"{name}: {shown(value)} must be a number")
    if not math.isfinite(value) or not 0 <= value <= MAX_COUNT:
        raise SchemaError(f"{name}: {value!r} must be a number from 0 to {MAX_COUNT:,}")
    return value


def _figure_changes(changes: dict, allowed: Allowed | None) -> dict:
    out: dict = {}
    for name in ("value", "min", "max"):
        if name in changes:
            out[name] = _count(name, changes[name], optional=name != "value")
    low, high, value = out.get("min"), out.get("max"), out.get("value")
    if low is not None and high is not None and low > high:
        raise SchemaError(f"min {low:g} is above max {high:g}")
    if value is not None and not (low or 0) <= value <= (math.inf if high is None else high):
        raise SchemaError(f"value {value:g} lies outside min and max")
    if "category" in changes:
        category = changes["category"]
        known = allowed.categories if allowed else None
        if not isinstance(category, str) or (known is not None and category not in known):
            choices = f"; one of {', '.join(sorted(known))} (data/figures.yml)" if known else ""
            raise SchemaError(f"category {shown(category)} is not a known category{choices}")
        out["category"] = category
    for name in ("source", "group", "place", "period"):
        if name in changes:
            try:
                out[name] = (
                    None if changes[name] is None and name != "source" else text(changes[name])
                )
            except SchemaError as error:
                raise SchemaError(f"{name}: {error}") from None
    if "source" in out and not out["source"]:
        raise SchemaError("source must name who gives the figure")
    return out


def _place_changes(changes: dict, allowed: Allowed | None) -> dict:
    out: dict = {}
    if "place" in changes:
        place_id = changes["place"]
        if not isinstance(place_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", place_id):
            raise SchemaError(f"place {shown(place_id)} is not a place id such as gaza-city")
        if allowed is not None:
            place = allowed.place(place_id)
            if place is None:
                raise SchemaError(
                    f"place {place_id!r} is not in the gazetteer (add it to data/places.yml)"
                )
            out |= {
                "place": place.id,
                "name": place.name,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
            }
        else:
            out["place"] = place_id
    if "name" in changes:
        try:
            name = text(changes["name"])
        except SchemaError as error:
            raise SchemaError(f"name: {error}") from None
        if not name:
            raise SchemaError("name must be the place's name as pages should show it")
        out["name"] = name
    return out


def shown(value: object) -> str:
    """A value as an error message quotes it, cut short."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…"
