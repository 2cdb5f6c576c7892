"""Extraction: one article's text in, its sentences, dates, figures and places out."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from generator.chronology import happenings
from generator.model import (
    Article,
    DateMention,
    Figure,
    HowPublished,
    Metadata,
    Part,
    PlaceMention,
    Published,
    Seed,
)
from generator.slugs import slugify
from generator.text import figures, parts, places, sentences
from generator.text.figure_words import FigureWords
from generator.text.places import Gazetteer
from generator.text.timex import tagger


@dataclass(frozen=True)
class Limits:
    """How much of one seed extraction reads (``extraction`` in data/settings.yml): past
    these, what is cut is named in the article's warnings, never left out silently."""

    max_sentence_chars: int = 5000
    max_mentions: int = 200
    """Dates, figures and places, each, of one sentence."""
    max_article_mentions: int = 3000
    """Dates, figures and places, each, of one article."""
    max_entries: int = 2000
    """Entries of the chronology one article gives."""

    @classmethod
    def from_settings(cls, settings: dict) -> Limits:
        known = {f.name for f in fields(cls)}
        if unknown := sorted(set(settings) - known):
            raise ValueError(f"data/settings.yml: extraction: unknown key {unknown[0]!r}")
        return cls(**{key: int(value) for key, value in settings.items()})


@dataclass(frozen=True)
class Resources:
    """The curated data extraction needs, loaded once per run."""

    vocabulary: FigureWords
    gazetteer: Gazetteer
    dates: tagger.DateWords
    """The words date tagging reads: holidays, and nouns that make a number no year."""
    limits: Limits = Limits()
    events: happenings.EntryWords | None = None
    """The words that make entries, to count an article's against ``limits.max_entries``."""
    part_rules: parts.Rules = parts.NO_RULES
    """What tells the body of a page from its debris (``data/parts.yml``)."""


STATED = {
    "marker": "the date marker",
    "metadata": "the metadata",
    "page": "the page's own metadata",
}
WINS = {"marker": "the marker", "metadata": "the metadata", "page": "the page's own metadata"}


def publication(
    seed_marker: str | None,
    metadata_date: str | None,
    text: str,
    split: list[sentences.Sentence],
    vocabulary: tagger.DateWords,
    written: str = "",
    page: Metadata | None = None,
) -> tuple[Published, list[str]]:
    """The publication date: the marker's, else the metadata file's (``written`` is how
    it writes it, when not YYYY-MM-DD), else the one the page gives of itself, else the
    one the text shows; a warning for each date given below the one used that differs."""
    page = page or Metadata()
    stated: tuple[tuple[HowPublished, str | None, str], ...] = (
        ("marker", seed_marker, ""),
        ("metadata", metadata_date, written),
        ("page", page.published, page.published_as),
    )
    given = [(how, value, evidence) for how, value, evidence in stated if value]
    if not given:
        return tagger.infer_published(text, split, vocabulary), []
    how, value, evidence = given[0]
    warnings = [
        f"{STATED[how]} says {value} but {STATED[other]} says {day}; {WINS[how]} wins"
        for other, day, _ in given[1:]
        if day != value
    ]
    return Published(value, how, evidence), warnings


def analyse(
    text: str, split: list[sentences.Sentence], published: Published, resources: Resources
) -> tuple[list[DateMention], list[Figure], list[PlaceMention]]:
    reference = tagger.parse_iso(published.value)
    found_dates = tagger.extract(text, split, reference, resources.dates)
    found_places = places.extract(text, split, resources.gazetteer)
    found_figures = figures.extract(text, split, found_dates, found_places, resources.vocabulary)
    return found_dates, found_figures, found_places


def analyse_bounded(
    text: str, split: list[sentences.Sentence], published: Published, resources: Resources
) -> tuple[list[DateMention], list[Figure], list[PlaceMention], list[str]]:
    """As ``analyse``, reading a sentence only as far as its first ``limits.max_mentions``
    dates, places or figures, and the article as far as its first
    ``limits.max_article_mentions``; past there, no date, place or figure is kept (a number
    in a date left unread is no figure), and the warnings say so."""
    limits = resources.limits
    limit, whole = limits.max_mentions, limits.max_article_mentions
    reference = tagger.parse_iso(published.value)
    found_dates, stops = tagger.extract_bounded(
        text, split, reference, resources.dates, limit, whole
    )
    stop = _Stops(split, limit, whole)
    for sentence, offset in stops.items():
        stop.at(sentence, offset, "possible dates")
    found_places = places.extract(text, split, resources.gazetteer)
    stop.past(found_places, "places")
    found_dates, found_places = stop.cut(found_dates), stop.cut(found_places)
    read = [s for s in split if not stop.article or s.start < stop.article[0]]
    found_figures = figures.extract(text, read, found_dates, found_places, resources.vocabulary)
    stop.past(found_figures, "figures")
    return (stop.cut(found_dates), stop.cut(found_figures), stop.cut(found_places), stop.warnings())


class _Stops:
    """Where the reading of each sentence, and of the article, stops, and why."""

    def __init__(self, split: list[sentences.Sentence], limit: int, whole: int) -> None:
        self.split, self.limit, self.whole = split, limit, whole
        self.sentences: dict[str, tuple[int, str]] = {}
        self.article: tuple[int, str] | None = None

    def at(self, sentence: str, offset: int, what: str) -> None:
        """Reading stops at ``offset``, in ``sentence``, or in the article for ""."""
        if sentence == "":
            if self.article is None or offset < self.article[0]:
                self.article = (offset, what)
        elif sentence not in self.sentences or offset < self.sentences[sentence][0]:
            self.sentences[sentence] = (offset, what)

    def past(self, mentions: list, what: str) -> None:
        """Reading stops at the first of ``mentions`` past the limits."""
        seen: Counter[str] = Counter()
        for mention in self.cut(mentions):
            seen[mention.sentence] += 1
            if seen[mention.sentence] == self.limit + 1:
                self.at(mention.sentence, mention.start, what)
        kept = self.cut(mentions)
        if len(kept) > self.whole:
            self.at("", kept[self.whole].start, what)

    def cut(self, mentions: list) -> list:
        """The mentions before the stops."""
        end = self.article[0] if self.article else None
        return [
            m
            for m in mentions
            if (end is None or m.start < end)
            and (m.sentence not in self.sentences or m.start < self.sentences[m.sentence][0])
        ]

    def warnings(self) -> list[str]:
        ends = {s.id: s.end for s in self.split}
        said = _few(
            [
                f"sentence {sentence} has more than {self.limit:,} {what}: it is read only as far "
                f"as its first {self.limit:,}, and its last {ends[sentence] - offset:,} characters "
                "give no dates, places or figures (extraction.max_mentions)"
                for sentence, (offset, what) in self.sentences.items()
                if self.article is None or offset < self.article[0]
            ]
        )
        if self.article:
            offset, what = self.article
            first = next(s.id for s in self.split if s.end > offset)
            said.append(
                f"the article has more than {self.whole:,} {what}: it is read only as far as "
                f"its first {self.whole:,}, in sentence {first}, and nothing from there to "
                f"sentence {self.split[-1].id} gives a date, place or figure "
                "(extraction.max_article_mentions)"
            )
        return said


def _few(warnings: list[str], shown: int = 5) -> list[str]:
    """The first warnings of a kind, and how many more there are, not a line for each."""
    if len(warnings) <= shown:
        return warnings
    more = len(warnings) - shown
    return [*warnings[:shown], f"… and {more:,} more sentence{'s' if more > 1 else ''} cut so"]


def headline(text: str, split: list[sentences.Sentence], words: int = 12) -> str:
    """A title for an article that has none: its first sentence, cut to a dozen words."""
    parts = (text[split[0].start : split[0].end] if split else text).split()
    if len(parts) <= words:
        return " ".join(parts).rstrip(".")
    return " ".join(parts[:words]).rstrip(",;:") + "…"


def corrected_parts(text: str, corrections: Iterable[dict]) -> tuple[list[Part], list[str]]:
    """The parts editors set in the metadata file (``kind: part``, ``text``, ``is``): each
    line holding the words is of the kind given, whatever the rules say; a correction that
    matches no line is reported."""
    found: list[Part] = []
    warnings: list[str] = []
    for correction in corrections:
        if correction["kind"] != "part":
            continue
        words, kind = correction["text"], correction["is"]
        at = text.find(words)
        if at < 0:
            warnings.append(f"correction of part {words!r} matches nothing")
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.append(Part(start, end, kind, "corrected in the seed's metadata"))
            at = text.find(words, end)
    return found, warnings


def _apply_corrections(article: Article, corrections: Iterable[dict]) -> None:
    """Editors' corrections from the metadata file; one that matches nothing is reported."""
    lists = {"date": "dates", "figure": "figures", "place": "places"}
    for correction in corrections:
        if correction["kind"] not in lists:
            continue
        name = lists[correction["kind"]]
        items = getattr(article, name)
        wanted_sentence = correction.get("sentence")
        if isinstance(wanted_sentence, int):
            wanted_sentence = f"s{wanted_sentence}"
        matches = [
            i
            for i, item in enumerate(items)
            if item.text == correction["text"] and wanted_sentence in (None, item.sentence)
        ]
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
    limits = resources.limits
    given, page = seed.metadata, seed.page  # the metadata file first, then the page's own
    corrections = given.corrections or page.corrections
    corrected, warnings = corrected_parts(seed.text, corrections)
    found_parts = parts.segment(
        seed.text, resources.part_rules, (*corrected, *seed.given_parts), seed.repeated
    )
    edges = [edge for p in found_parts for edge in (p.start, p.end)]
    split = sentences.cut_at(seed.text, sentences.split(seed.text), edges)
    split, cut = sentences.bound(seed.text, split, limits.max_sentence_chars)
    published, dating = publication(
        seed.marker_date,
        given.published,
        seed.text,
        parts.of_kinds(split, found_parts, parts.DATING),
        resources.dates,
        given.published_as,
        page,
    )
    warnings += dating
    used = parts.of_kinds(split, found_parts, parts.USED)
    found_dates, found_figures, found_places, cut_mentions = analyse_bounded(
        seed.text, used, published, resources
    )
    warnings += [*_few(cut), *cut_mentions]
    title = given.title or page.title or headline(seed.text, used) or seed.id.rsplit("/", 1)[-1]
    article = Article(
        id=seed.id,
        slug=given.slug or page.slug or slugify(title) or slugify(seed.id),
        title=title,
        text=seed.text,
        source=seed.path,
        sha256=seed.sha256,
        published=published,
        url=given.url or page.url,
        publisher=given.publisher or page.publisher,
        author=given.author or page.author,
        sentences=split,
        dates=found_dates,
        figures=found_figures,
        places=found_places,
        warnings=[*seed.warnings, *warnings],
        parts=found_parts,
        dateline=parts.filed_from(seed.text, found_parts),
    )
    _apply_corrections(article, corrections)
    if resources.events is not None:
        _bound_entries(article, resources.events, limits.max_entries)
    if not split:
        article.warnings.append("no sentences found")
    if published.value is None:
        article.warnings.append("undated: no date marker, no metadata date, none shown in the text")
    return article


def _bound_entries(article: Article, vocabulary: happenings.EntryWords, limit: int) -> None:
    """Keep the dates and figures of the sentences whose entries, counted from the first,
    stay within ``limit``; those of the sentences after are dropped, with a warning."""
    calendar = sum(1 for d in article.dates if happenings.is_calendar(d))
    if calendar + len({f.sentence for f in article.figures}) + 1 <= limit:
        return  # each entry needs a date, a figure, or the first sentence
    running = itertools.accumulate(map(len, happenings.sentence_events(article, vocabulary)))
    index = next((i for i, total in enumerate(running) if total > limit), None)
    if index is None:
        return
    cut = {s.id for s in article.sentences[index:]}
    article.dates = [d for d in article.dates if d.sentence not in cut]
    article.figures = [f for f in article.figures if f.sentence not in cut]
    article.warnings.append(
        f"the article gives more than {limit:,} entries (extraction.max_entries): sentences "
        f"{article.sentences[index].id} to {article.sentences[-1].id} give none (their dates "
        "and figures were not kept)"
    )


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
        if slug == "index" or (count[slug] > 1 and holders.get(slug) != article_id)
        else slug
        for article_id, slug in slugs.items()
    }
