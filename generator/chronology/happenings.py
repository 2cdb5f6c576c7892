"""Events: what the articles report happening, one entry per happening, in time order.

An event takes the date the text gives for the happening.  A sentence that carries
no date of its own, but reports a figure or opens a dated article (or a live update of
it, after its time stamp), becomes an entry "reported on" the publication date: it
never claims the day it happened.  Reports of
one happening from several articles become one entry with every citation.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from generator import timeml
from generator.model import (
    Article,
    Citation,
    DateMention,
    Event,
    Figure,
    PlaceMention,
    Precision,
    Sentence,
)
from generator.text import clauses, parts, work
from generator.text.actors import Actors
from generator.text.clauses import Words
from generator.timeml import shape, start_of

PRECISION_ORDER = {
    "century": -1,
    "decade": 0,
    "year": 1,
    "season": 2,
    "quarter": 2,
    "half": 2,
    "month": 3,
    "week": 4,
    "day": 5,
}


def is_calendar(mention: DateMention) -> bool:
    """A value that places something on the calendar (not "now", not a year-less day)."""
    value = mention.value or ""
    return bool(value) and value[:1].isdigit() and mention.role not in ("since", "range_end")


@dataclass(frozen=True)
class EntryWords:
    """The curated words that make entries: happenings and cues, and actors' names."""

    words: Words
    actors: Actors


def _event_id(date: str, article: Article, sentence: str, background: bool = False) -> str:
    key = f"{article.id}\0{sentence}\0{date}" + ("\0background" if background else "")
    return f"e-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _coarse(mention: DateMention) -> bool:
    return mention.end_value is not None or PRECISION_ORDER.get(mention.precision, 5) <= 1


class _Spans:
    """Spans, possibly overlapping, joined so that whether an offset is inside one is a
    matter of halving, not of a look at each."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        joined: list[list[int]] = []
        for start, end in sorted(spans):
            if joined and start <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], end)
            elif start < end:
                joined.append([start, end])
        self.starts = [start for start, _ in joined]
        self.ends = [end for _, end in joined]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


class _InOrder:
    """Mentions in a given order, and those within a span in that order, found by halving."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].start)
        self.starts = [items[i].start for i in self.order]

    def within(self, start: int, end: int) -> list:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        work.add("chronology.mentions", high - low)
        return [self.items[i] for i in sorted(self.order[low:high])]


def _by_sentence(mentions: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence, []).append(mention)
    return grouped


def events_of(article: Article, vocabulary: EntryWords) -> list[Event]:
    """The entries one article gives, each a span of one sentence: a clause for each date
    the sentence's own news is given, a phrase for each happening it mentions in passing,
    and a "reported on" entry for undated news that carries figures or opens the article (or
    a live update of it).
    Its mentions are sorted to their sentences once, not looked for at each sentence."""
    return [event for events in sentence_events(article, vocabulary) for event in events]


def sentence_events(article: Article, vocabulary: EntryWords) -> Iterator[list[Event]]:
    """The entries of each sentence of the article's body in turn, made as they are asked
    for: comments, captions and the page's other debris make none."""
    dates, figures = _by_sentence(article.dates), _by_sentence(article.figures)
    places = _by_sentence(article.places)
    held = parts.holding(article.sentences, article.parts)
    summing = {s.id for s, part in held if part is not None and part.kind == "headline"}
    used = [s for s, part in held if (part.kind if part else "body") in parts.USED]
    # The article's first sentence (of its body, not a bullet above it), and the first of
    # each live update after its time stamp: what they report happened on the page's date,
    # if they give no other.
    first = next((s for s in used if s.id not in summing), used[0] if used else None)
    opening = {first.id} if first else set()
    used_starts = [s.start for s in used]
    for stamp in (p for p in article.parts if p.kind == "timestamp"):
        after = bisect.bisect_left(used_starts, stamp.end)
        if after < len(used):
            opening.add(used[after].id)
    for sentence in used:
        found = _sentence_events(
            article,
            sentence.id in opening,
            sentence,
            vocabulary,
            dates.get(sentence.id, []),
            figures.get(sentence.id, []),
            places.get(sentence.id, []),
        )
        yield [replace(e, summary=True) for e in found] if sentence.id in summing else found


_Keyed = dict[tuple[str, str | None, Precision], list[tuple[int, int]]]
"""(value, end, precision) of a date → the spans of the sentence that give it."""


def _dates_by_role(
    text: str, at: int, dated: list[DateMention], vocabulary: EntryWords, layout: clauses.Layout
) -> tuple[_Keyed, _Keyed]:
    """The sentence's dates of its own news, and those of happenings it mentions in passing
    (with the phrase that mentions each), by the date they give."""
    main: _Keyed = {}
    background: _Keyed = {}
    for mention in dated:
        precision: Precision = "range" if mention.end_value else mention.precision
        key = (mention.value or "", mention.end_value, precision)
        span = (mention.start - at, mention.end - at)
        work.add("chronology.dates")
        if phrase := vocabulary.words.background(text, *span, _coarse(mention), layout):
            background.setdefault(key, []).append(phrase)
        else:
            main.setdefault(key, []).append(span)
    return main, background


class _ActorsOf:
    """The actors a span of a sentence names, remembered: the clauses of many dates are
    often one span. A place's name inside the span is the place, not an actor."""

    def __init__(self, text: str, places: list[tuple[int, int]], vocabulary: EntryWords) -> None:
        self.text = text
        self.places = places
        self.starts = [start for start, _ in places]
        self.vocabulary = vocabulary
        self.found: dict[tuple[int, int], list[str]] = {}

    def __call__(self, span: tuple[int, int]) -> list[str]:
        if span not in self.found:
            work.add("chronology.chars", span[1] - span[0])
            low = bisect.bisect_left(self.starts, span[0])
            high = bisect.bisect_left(self.starts, span[1])
            inside = [(s - span[0], e - span[0]) for s, e in self.places[low:high]]
            self.found[span] = self.vocabulary.actors.find(self.text[span[0] : span[1]], inside)
        return self.found[span]


def _sentence_events(
    article: Article,
    opens: bool,
    sentence: Sentence,
    vocabulary: EntryWords,
    dates: list[DateMention],
    figures: list[Figure],
    mentions: list[PlaceMention],
) -> list[Event]:
    found: list[Event] = []
    text = article.text[sentence.start : sentence.end]
    layout = clauses.Layout(text)
    at = sentence.start
    dated = [d for d in dates if is_calendar(d)]
    places = list({p.place: p for p in mentions}.values())

    main, background = _dates_by_role(text, at, dated, vocabulary, layout)
    passing = _Spans([span for spans in background.values() for span in spans])
    shown_places = _InOrder(places)
    shown_figures = _InOrder(figures)
    actors_of = _ActorsOf(text, [(p.start - at, p.end - at) for p in mentions], vocabulary)

    def event(
        date: str,
        end: str | None,
        precision: Precision,
        span: tuple[int, int],
        reported_only: bool = False,
        in_passing: bool = False,
    ) -> Event:
        def shown(mentions: _InOrder) -> list:
            within = mentions.within(span[0] + at, span[1] + at)
            return [m for m in within if in_passing or m.start - at not in passing]

        quoted = clauses.quote(text, span)
        return Event(
            id=_event_id(date, article, sentence.id, in_passing),
            date=date,
            precision=precision,
            end=end,
            reported_only=reported_only,
            text=quoted,
            places=shown(shown_places),
            figures=shown(shown_figures),
            citations=[
                Citation(article.slug, sentence.id, article.title, article.published.value, quoted)
            ],
            actors=actors_of(span),
            background=in_passing,
        )

    for (value, end, precision), spans in main.items():
        span = clauses.narrow(text, clauses.clause(text, spans, layout), spans[0][0])
        found.append(event(value, end, precision, span))
    for (value, end, precision), spans in background.items():
        first = min(s for s, _ in spans)
        span = clauses.narrow(text, (first, max(e for _, e in spans)), first)
        found.append(event(value, end, precision, span, in_passing=True))
    undated_figures = [f for f in figures if f.start - at not in passing]
    if not main and article.published.value and (undated_figures or opens):
        spans = [(f.start - at, f.end - at) for f in undated_figures] or [(0, 1)]
        found.append(
            event(
                article.published.value,
                None,
                "day",
                clauses.narrow(text, clauses.clause(text, spans, layout), spans[0][0]),
                reported_only=True,
            )
        )
    return found


def sort_key(event: Event) -> tuple:
    return (
        start_of(event.date),
        -PRECISION_ORDER.get(event.precision, 5),
        event.reported_only,
        event.citations[0].article,
        int(event.citations[0].sentence[1:]),
        event.background,
    )


SIMILAR = 0.4
"""Share of content words two reports need in common to be called alike, when their
words name no kind of happening in common."""

_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "from", "by", "for", "with", "and", "or",
     "but", "as", "is", "was", "were", "has", "have", "had", "been", "be", "it", "its", "their",
     "his", "her", "they", "he", "she", "that", "which", "who", "this", "these", "those", "said",
     "says", "since", "after", "before", "during", "into", "over", "than", "also"]
)  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    """Remembered: merging compares each report's words with those of many others."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS)


def same_happening(a: Event, b: Event, words: Words, related: Callable[[str, str], bool]) -> bool:
    """Whether two single-source reports tell of one happening: the same date at the same
    precision, alike in wording (a kind of happening in common, or most words), and not
    at odds on who or where. One article's own news on one day is several happenings;
    what it mentions in passing twice is one."""
    if (a.date, a.end, a.precision) != (b.date, b.end, b.precision):
        return False
    if a.reported_only or b.reported_only:
        return False
    if a.citations[0].article == b.citations[0].article and not (a.background and b.background):
        return False
    if not words.kinds(a.text) & words.kinds(b.text):
        wa, wb = _content_words(a.text), _content_words(b.text)
        if not wa or not wb or len(wa & wb) / len(wa | wb) < SIMILAR:
            return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    places_a, places_b = {p.place for p in a.places}, {p.place for p in b.places}
    return not (places_a and places_b) or any(related(x, y) for x in places_a for y in places_b)


def merge(
    events: list[Event], words: Words, related: Callable[[str, str], bool] = lambda x, y: x == y
) -> list[Event]:
    """One entry per happening: reports alike with every report of an entry are merged,
    each keeping its words, figures and citation, so that where sources differ the entry
    shows each version. An entry is a candidate only for reports of its date, end and
    precision, and is passed over at once for a report of an article it holds one of (one
    article's news on one day is several happenings): an article of a thousand entries on
    one day compared each with all the others."""
    groups: list[list[Event]] = []
    of_key: dict[tuple[str, str | None, Precision], list[_Group]] = {}
    own: dict[tuple[str, str, str | None, Precision, bool], list[_Group]] = {}
    # Bullets last: the body sentence a bullet sums up has its entry by then.
    for event in sorted(events, key=lambda e: (e.summary, sort_key(e))):
        article = event.citations[0].article
        key = (article, event.date, event.end, event.precision, event.reported_only)
        if event.summary and (summed := _summed_up(event, own.get(key, []))):
            summed.reports.append(event)
            continue
        if event.reported_only:  # never the same happening as another report
            groups.append([event])
            own.setdefault(key, []).append(_Group(groups[-1]))
            continue
        candidates = of_key.setdefault((event.date, event.end, event.precision), [])
        home = next(
            (
                c
                for c in candidates
                if article not in (c.told if event.background else c.articles)
                and all(same_happening(member, event, words, related) for member in c.reports)
            ),
            None,
        )
        if home is None:
            groups.append([event])
            home = _Group(groups[-1])
            candidates.append(home)
            own.setdefault(key, []).append(home)
        else:
            home.reports.append(event)
        home.articles.add(article)
        if not event.background:
            home.told.add(article)
    return sorted((_entry(group) for group in groups), key=sort_key)


SUMS_UP = 0.5
"""Share of a bullet's content words that the entry of a body sentence of its article
must hold to be what the bullet sums up ("* BP to pay $20bn" and "BP agreed on Wednesday
to set aside $20bn…")."""


def _summed_up(bullet: Event, groups: list[_Group]) -> _Group | None:
    """The entry of the bullet's article, of its date, whose first report (a body
    sentence's, told not in passing) holds most of the bullet's words: the best one."""
    words = _content_words(bullet.text)
    if len(words) < 2 or bullet.background:
        return None
    best, share = None, SUMS_UP
    for group in groups:
        first = group.reports[0]
        if first.summary or first.background:
            continue
        held = len(words & _content_words(first.text)) / len(words)
        if held >= share:
            best, share = group, held + 1e-9
    return best


@dataclass
class _Group:
    """The reports merged so far into one entry, and the articles they come from: all of
    them, and those whose report tells the news rather than mentioning it in passing."""

    reports: list[Event]
    articles: set[str] = field(default_factory=set)
    told: set[str] = field(default_factory=set)


def _entry(reports: list[Event]) -> Event:
    if len(reports) == 1:
        return reports[0]
    first = next((r for r in reports if not r.background), reports[0])
    return replace(
        first,
        places=list({p.place: p for r in reports for p in r.places}.values()),
        figures=[f for r in reports for f in r.figures],
        citations=[c for r in reports for c in r.citations],
        actors=list(dict.fromkeys(a for r in reports for a in r.actors)),
        background=all(r.background for r in reports),
        reports=reports,
    )


def build(
    articles: list[Article],
    vocabulary: EntryWords,
    related: Callable[[str, str], bool] = lambda x, y: x == y,
) -> list[Event]:
    events = [event for article in articles for event in events_of(article, vocabulary)]
    return merge(events, vocabulary.words, related)


Neighbours = dict[str, tuple[Event | None, Event | None]]


def neighbours(
    events: list[Event], before: Event | None = None, after: Event | None = None
) -> Neighbours:
    """The entry before and after each one, in the order given; ``before`` and ``after``
    are those beyond the ends (the last entry of the page before, the first of the next)."""
    row = [before, *events, after]
    return {event.id: (row[i], row[i + 2]) for i, event in enumerate(events)}


@dataclass(frozen=True)
class Period:
    """Where an event is listed: a month page, or the year page for coarser dates
    (``generator.site.urls.period_page`` gives the page's path)."""

    year: str
    month: str | None


def period_of(event: Event) -> Period:
    value = event.date
    kind = shape(value)
    if kind in ("day", "month"):
        return Period(value[:4], value[5:7])
    if kind == "week":
        thursday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 4)
        return Period(f"{thursday.year}", f"{thursday.month:02d}")
    return Period(value[:4].ljust(4, "0"), None)


def day_anchor(event: Event) -> str | None:
    return event.date[:10] if shape(event.date) == "day" else None


def label(event: Event) -> str:
    """The entry's date as a reader should see it, never more precise than the text."""
    text = timeml.label(event.date)
    return f"{text} – {timeml.label(event.end)}" if event.end else text
