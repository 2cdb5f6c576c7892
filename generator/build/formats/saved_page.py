"""A saved web page (``.html``, ``.htm``): its article's text and what the page says of
itself, read by trafilatura.

trafilatura is the maintained extractor of main text from news pages (navigation, cookie
banners, share boxes and related links left out; reader comments kept apart) and of their
title, author, site name and address from JSON-LD, Open Graph and meta tags: the heuristics
a hand-written reader would need are its whole work. What this module adds: photo captions
are kept (trafilatura drops figures whole, and captions date photos); the comments follow
the article as a part of their own; the publication date is read from the page's own
metadata only, with dateparser in the page's language, and shown with where it was found.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.build import schema
from generator.build.formats import FormatError, Found, lines, plain, written_dates
from generator.model import Metadata, Part

if TYPE_CHECKING:
    from trafilatura.settings import Document

COMMENTS_RULE = "the page's comment section"
UNLIMITED = {"extensive_search": False, "original_date": True, "max_date": "9999-12-31"}
"""htmldate's settings when trafilatura looks for a date (one this module does not use):
no search of the text, and no bound taken from the clock."""
LEFT_OUT_WORDS = 8
"""A paragraph of the page's ``<article>`` this long that the extraction leaves out is
named in a warning; shorter ones are bylines, credits and buttons."""


def read(html: str) -> Found:
    """The article of a saved page, with its comments after it; a ``FormatError`` when the
    page holds no article (a section front, menus and links only)."""
    import trafilatura  # imported when a page is read: a fifth of a second
    from trafilatura.settings import Document

    tree = trafilatura.load_html(html)
    if tree is None:
        raise FormatError("is not an HTML page: no document found in it")
    for element in tree.iter("figure", "figcaption"):
        element.tag = "div" if element.tag == "figure" else "p"
    options: dict[str, Any] = {"include_comments": True, "include_tables": True}
    found = trafilatura.bare_extraction(
        tree, with_metadata=True, date_extraction_params=UNLIMITED, **options
    )
    main = lines(plain(found.text or "")[0].splitlines()) if isinstance(found, Document) else ""
    if (
        not isinstance(found, Document)
        or not main
        or trafilatura.bare_extraction(tree, favor_precision=True, **options) is None
    ):
        raise FormatError(
            "no article text found in the page (trafilatura finds only menus, links or "
            "headings): save the article's own page, or paste its text into a .txt seed"
        )
    comments = lines(plain(found.comments or "")[0].splitlines())
    text = f"{main}\n{comments}" if comments else main
    parts = (Part(len(main) + 1, len(text), "comments", COMMENTS_RULE),) if comments else ()
    warnings: list[str] = []
    page = _metadata(tree, found, warnings)
    if left_out := _left_out(tree, text):
        shown = "; ".join(f'"{_cut(p)}"' for p in left_out[:2])
        more = f" and {len(left_out) - 2} more" if len(left_out) > 2 else ""
        warnings.append(
            f"{len(left_out)} paragraph{'s' if len(left_out) > 1 else ''} of the page's "
            f"<article> left out by the extraction as not the article's text: {shown}{more}"
        )
    return Found(text, page, parts, tuple(warnings))


def _metadata(tree: Any, found: Document, warnings: list[str]) -> Metadata:
    """What the page says of itself: trafilatura's title, address, site name and author,
    and the publication date of its JSON-LD or meta tags."""
    said: dict[str, str | None] = {}
    for name, value in (
        ("title", found.title),
        ("url", found.url),
        ("publisher", found.sitename),
        ("author", found.author),
    ):
        try:
            said[name] = schema.text(value) if value else None
        except schema.SchemaError as error:
            said[name] = None
            warnings.append(f"the page's {name} is not used: it {error}")
    published, written = _published(tree, warnings)
    return Metadata(
        title=said["title"],
        published=published,
        url=said["url"],
        publisher=said["publisher"],
        author=said["author"],
        published_as=written,
    )


def _published(tree: Any, warnings: list[str]) -> tuple[str | None, str]:
    """The day the page's metadata gives, read in the page's language, and where and how
    it is written; a warning when it gives other days too, or none that can be read."""
    language = _language(tree)
    read, unread = [], []
    for where, written in dates_written(tree, warnings):
        try:
            read.append((written_dates.day(written, language), where, written))
        except ValueError as error:
            unread.append(f"{where} {error}")
    if not read:
        if unread:
            warnings.append(f"the page's metadata gives no day it can read: {unread[0]}")
        return None, ""
    value, where, written = read[0]
    others = sorted({f"{w} {d}" for d, w, _ in read[1:] if d != value})
    if others:
        warnings.append(
            f"the page's metadata gives other days too ({', '.join(others)}); {where} is used"
        )
    return value, f"{where} {json.dumps(written, ensure_ascii=False)}"


def dates_written(tree: Any, warnings: list[str]) -> Iterator[tuple[str, str]]:
    """Where the page's metadata writes its publication date, and how, in order of
    trust: JSON-LD's ``datePublished`` nearest the top (a live blog's own, not that of an
    update), then the meta tags htmldate knows for it (``article:published_time``,
    ``date``, ``dc.date.issued``…), in the page's order."""
    from htmldate.core import DATE_ATTRIBUTES, ITEMPROP_ATTRS_ORIGINAL

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "null", strict=False)
        except ValueError:
            warnings.append("the page's JSON-LD is not valid JSON: its metadata is not read")
            continue
        queue = deque([data])
        while queue:
            item = queue.popleft()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    yield "JSON-LD datePublished", item["datePublished"]
                    break
                queue.extend(item.values())
            elif isinstance(item, list):
                queue.extend(item)
    for meta in tree.xpath("//meta[@content]"):
        for attribute, names in (
            ("property", DATE_ATTRIBUTES),
            ("name", DATE_ATTRIBUTES),
            ("itemprop", ITEMPROP_ATTRS_ORIGINAL),
        ):
            name = (meta.get(attribute) or "").lower()
            if name in names and name != "meta" and meta.get("content", "").strip():
                yield f"meta {name}", meta.get("content")


def _language(tree: Any) -> str | None:
    """The page's language: ``<html lang>``, else its Open Graph locale."""
    for value in (
        tree.get("lang"),
        *tree.xpath('//meta[@property="og:locale"]/@content'),
    ):
        if value and value.strip():
            return str(value).strip()
    return None


def _left_out(tree: Any, kept: str) -> list[str]:
    """The long paragraphs of the page's ``<article>`` that the text kept does not hold."""
    have = " ".join(kept.split())
    found = []
    for paragraph in tree.xpath("//article//p"):
        words = " ".join(
            paragraph.xpath(".//text()[not(ancestor::script or ancestor::style)]")
        ).split()
        if len(words) >= LEFT_OUT_WORDS and " ".join(words) not in have:
            found.append(" ".join(words))
    return found


def _cut(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
