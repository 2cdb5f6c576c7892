"""Extraction: one article's text in, its sentences, dates, figures and places out."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from . import dates, figures, places, sentences
from .figures import Vocabulary
from .holidays import Calendar
from .model import Article, DateMention, Figure, PlaceMention, Published, Seed
from .places import Gazetteer
from .slugs import slugify


@dataclass(frozen=True)
class Resources:
    """The curated data extraction needs, loaded once per run."""

    vocabulary: Vocabulary
    gazetteer: Gazetteer
    holidays: Calendar


def publication(seed_marker: str | None, metadata_date: str | None, text: str,
                split: list[sentences.Sentence]) -> tuple[Published, list[str]]:  # fmt: skip
    warnings: list[str] = []
    if seed_marker:
        if metadata_date and metadata_date != seed_marker:
            warnings.append(
                f"the date marker says {seed_marker} but the metadata says {metadata_date}; "
                "the marker wins"
            )
        return Published(seed_marker, "marker"), warnings
    if metadata_date:
        return Published(metadata_date, "metadata"), warnings
    return dates.infer_published(text, split), warnings


def analyse(
    text: str, split: list[sentences.Sentence], published: Published, resources: Resources
) -> tuple[list[DateMention], list[Figure], list[PlaceMention]]:
    reference = dates.parse_iso(published.value)
    found_dates = dates.extract(text, split, reference, resources.holidays)
    found_places = places.extract(text, split, resources.gazetteer)
    found_figures = figures.extract(text, split, found_dates, found_places, resources.vocabulary)
    return found_dates, found_figures, found_places


def headline(text: str, split: list[sentences.Sentence], words: int = 12) -> str:
    """A title for an article that has none: its first sentence, cut to a dozen words."""
    parts = (text[split[0].start : split[0].end] if split else text).split()
    if len(parts) <= words:
        return " ".join(parts).rstrip(".")
    return " ".join(parts[:words]).rstrip(",;:") + "…"


def _apply_corrections(article: Article, corrections: Iterable[dict]) -> None:
    """Editors' corrections from the metadata file; one that matches nothing is reported."""
    lists = {"date": "dates", "figure": "figures", "place": "places"}
    for correction in corrections:
        name = lists[correction["kind"]]
        items = getattr(article, name)
        wanted_sentence = correction.get("sentence")
        if isinstance(wanted_sentence, int):
            wanted_sentence = f"s{wanted_sentence}"
        matches = [
            i for i, item in enumerate(items)
            if item.text == correction["text"] and wanted_sentence in (None, item.sentence)
        ]  # fmt: skip
        if not matches:
            article.warnings.append(
                f"correction of {correction['kind']} {correction['text']!r} matches nothing"
            )
            continue
        changes = {
            k: v for k, v in correction.items() if k not in ("kind", "text", "sentence", "drop")
        }
        if "value" in changes and name == "dates":
            changes["value"] = str(changes["value"])
            changes.setdefault("note", "corrected by an editor")
        for index in reversed(matches):
            if correction.get("drop"):
                del items[index]
            else:
                try:
                    items[index] = replace(items[index], **changes)
                except TypeError:
                    article.warnings.append(
                        f"correction of {correction['kind']} {correction['text']!r} "
                        f"names a field that does not exist"
                    )
                    break


def extract_seed(seed: Seed, resources: Resources) -> Article:
    split = sentences.split(seed.text)
    published, warnings = publication(seed.marker_date, seed.metadata.published, seed.text, split)
    found_dates, found_figures, found_places = analyse(seed.text, split, published, resources)
    title = seed.metadata.title or headline(seed.text, split) or seed.id.rsplit("/", 1)[-1]
    article = Article(
        id=seed.id,
        slug=seed.metadata.slug or slugify(title) or slugify(seed.id),
        title=title,
        text=seed.text,
        source=seed.path,
        sha256=seed.sha256,
        published=published,
        url=seed.metadata.url,
        publisher=seed.metadata.publisher,
        sentences=split,
        dates=found_dates,
        figures=found_figures,
        places=found_places,
        warnings=[*seed.warnings, *warnings],
    )
    _apply_corrections(article, seed.metadata.corrections)
    if not split:
        article.warnings.append("no sentences found")
    if published.value is None:
        article.warnings.append("undated: no date marker, no metadata date, none shown in the text")
    return article


def unique_slugs(articles: list[Article]) -> None:
    """Give articles whose titles make the same slug distinct ones, stable under reordering."""
    slugs = unique({a.id: a.slug for a in articles})
    for article in articles:
        article.slug = slugs[article.id]


def unique(slugs: dict[str, str], holders: Mapping[str, str] = {}) -> dict[str, str]:
    """Article id → a slug of its own: those whose titles make the same slug (or "index")
    get the start of their id's hash appended, whatever order they come in, except the
    article that ``holders`` says holds the slug already: a newcomer never moves an
    existing page's address."""
    count = Counter(slugs.values())
    return {
        article_id: f"{slug}-{hashlib.sha256(article_id.encode()).hexdigest()[:6]}"
        if slug == "index" or (count[slug] > 1 and holders.get(slug) != article_id) else slug
        for article_id, slug in slugs.items()
    }  # fmt: skip
