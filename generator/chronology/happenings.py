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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from generator import timeml
from generator.chronology import ranking, similarity
from generator.chronology.status import last_day, status_of, tells_a_happening
from generator.model import (
    Article,
    Citation,
    DateMention,
    Event,
    Figure,
    PlaceMention,
    Precision,
    Sentence,
    Status,
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


def coarse(mention: DateMention) -> bool:
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
    # The article's first sentence (of its body, not a bullet above it, nor a title run
    # into it), and the first of each live update after its time stamp: what they report
    # happened on the page's date, if they give no other.
    body = [s for s in used if s.id not in summing]
    following: list[Sentence | None] = [*body[1:], None] if body else []
    first = next(
        (
            s
            for s, after in zip(body, following, strict=True)
            if not _run_on(article.text, s, after)
        ),
        used[0] if used else None,
    )
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
            heading=sentence.id in summing,
        )
        yield [replace(e, summary=True) for e in found] if sentence.id in summing else found


_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")


def _run_on(text: str, sentence: Sentence, after: Sentence | None) -> bool:
    """Whether a sentence is a title or a caption run into the next one (it ends with no
    stop, and the next one goes on in its line): the lead is the next one."""
    return (
        after is not None
        and after.paragraph == sentence.paragraph
        and not _STOP.search(text, sentence.start, sentence.end)
    )


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
        if clauses.describes(text, *span):
            continue
        if phrase := vocabulary.words.background(text, *span, coarse(mention), layout):
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
    heading: bool = False,
) -> list[Event]:
    """The entries of one sentence; a headline's (``heading``) may tell in the present
    what happened ("Obama meets BP chiefs")."""
    found: list[Event] = []
    text = article.text[sentence.start : sentence.end]
    layout = clauses.Layout(text)
    at = sentence.start
    dated = [d for d in dates if is_calendar(d)]
    places = list({p.place: p for p in mentions}.values())

    main, background = _dates_by_role(text, at, dated, vocabulary, layout)
    leaning = leans(text, heading or bool(figures), vocabulary) is not None
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
    ) -> Event | None:
        def shown(mentions: _InOrder) -> list:
            within = mentions.within(span[0] + at, span[1] + at)
            return [m for m in within if in_passing or m.start - at not in passing]

        quoted = clauses.quote(text, span)
        clause = text[span[0] : span[1]]
        status = status_of(date, end, article.published.value, clause)
        told = in_passing or heading or (not leaning and tells_a_happening(text, vocabulary.words))
        if status is None or not told:
            return None
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
            status=status,
        )

    found += _one_per_clause(
        (span, event(value, end, precision, span))
        for (value, end, precision), spans in main.items()
        for span in [clauses.narrow(text, clauses.clause(text, spans, layout), spans[0][0])]
    )
    for (value, end, precision), spans in background.items():
        first = min(s for s, _ in spans)
        span = clauses.narrow(text, (first, max(e for _, e in spans)), first)
        if made := event(value, end, precision, span, in_passing=True):
            found.append(made)
    undated_figures = [f for f in figures if f.start - at not in passing]
    if not main and article.published.value and (undated_figures or opens):
        spans = [(f.start - at, f.end - at) for f in undated_figures] or [(0, 1)]
        span = clauses.narrow(text, clauses.clause(text, spans, layout), spans[0][0])
        reported = event(article.published.value, None, "day", span, reported_only=True)
        found += [reported] if reported else []
    return found


def leans(text: str, cited_anyway: bool, vocabulary: EntryWords) -> str | None:
    """The pronoun that stands for the sentence's subject when it does not name it ("He
    told a meeting…"): alone, a line of the chronology would tell of no one. A headline
    names its subject in its article's title; figures keep their sentence an entry, for
    the figures' source is resolved ("It says that 1,400 people…": the Israeli
    government)."""
    return None if cited_anyway else vocabulary.words.subjects.unnamed(text)


def _one_per_clause(made: Iterable[tuple[tuple[int, int], Event | None]]) -> list[Event]:
    """One clause with two dates tells one thing: its finest date dates it ("said last
    week that growth would contract in 2009" is last week's news, the first date of a
    precision before the others); the other dates stay in the article's table of dates."""
    told: dict[tuple[int, int], Event] = {}
    for span, event in made:
        if event is not None and (span not in told or _finer(event, told[span])):
            told[span] = event
    return list(told.values())


def _finer(a: Event, b: Event) -> bool:
    """Whether ``a`` is dated more finely than ``b`` (a day before a week; a range as a
    week)."""
    return PRECISION_ORDER.get(a.precision, 4) > PRECISION_ORDER.get(b.precision, 4)


def sort_key(event: Event) -> tuple:
    return (
        start_of(event.date),
        -PRECISION_ORDER.get(event.precision, 5),
        event.reported_only,
        event.citations[0].article,
        int(event.citations[0].sentence[1:]),
        event.background,
    )


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


ALIKE = 0.3
"""The cosine of TF-IDF vectors (``similarity``) two reports need to tell of one
happening. Chosen on the hand-labelled pairs of ``tests/gold/pairs`` (``bench/merges.py``):
between articles 0.3 merges 5 of 58 different pairs and misses 39 of 88 same ones, 0.35
merges 4 and misses 46; within an article, 1 of 67 and 28 of 55. A kind of happening
in common (``data/events.yml``) did not tell them apart better: it is not used."""
BLOCK = 1500
"""Reports of one date compared at once, at most (memory grows with its square): beyond,
the reports are compared in blocks of this many, in chronology order."""


def _alike(a: Event, b: Event, cosine: float, words: Words) -> float:
    """How alike two reports of one date are: the cosine of their TF-IDF vectors, or
    fully alike for a happening mentioned in passing and a report that names a kind of
    happening in common ("since the Oct. 7 attack" names the attack, it does not tell it)."""
    passing = (a.background or b.background) and words.kinds(a.text) & words.kinds(b.text)
    return 1.0 if passing and cosine < ALIKE else cosine


def _at_odds(a: Event, b: Event, related: Callable[[str, str], bool]) -> bool:
    """Whether two reports disagree on who (no actor in common) or where (no place the
    same as, or inside, one of the other's)."""
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return True
    places_a, places_b = {p.place for p in a.places}, {p.place for p in b.places}
    return bool(places_a and places_b) and not any(
        related(x, y) for x in places_a for y in places_b
    )


def merge(
    events: list[Event], words: Words, related: Callable[[str, str], bool] = lambda x, y: x == y
) -> list[Event]:
    """One entry per happening: reports of one date (and end, and precision) alike with
    every report of an entry are merged into it, each keeping its words, figures and
    citation, so that where sources differ the entry shows each version. A headline
    bullet joins the entry of the body sentence of its article that it sums up. The
    words' weights are those of the reports given (a period's, as the build merges), so a
    full build and an incremental one merge alike."""
    ordered = sorted(events, key=lambda e: (e.summary, sort_key(e)))
    ordered, copies = _copies(ordered)
    likeness = similarity.Likeness([e.text for e in ordered])
    by_key: dict[tuple[str, str | None, Precision], list[int]] = {}
    for index, event in enumerate(ordered):
        by_key.setdefault((event.date, event.end, event.precision), []).append(index)
    found: list[list[int]] = []
    for indices in by_key.values():
        for first in range(0, len(indices), BLOCK):
            rows = indices[first : first + BLOCK]
            made = _grouped([ordered[i] for i in rows], likeness.among(rows), words, related)
            found += [[rows[q] for q in group] for group in made]
    found = _nested(found, ordered, likeness, words, related)
    groups = [[ordered[i] for i in group] for group in found]
    for group in groups:
        group += [copy for report in list(group) for copy in copies.get(report.id, ())]
    day_articles = Counter(date for date, _ in {(e.date, e.citations[0].article) for e in events})
    return sorted((_ranked(_entry(group), day_articles) for group in groups), key=sort_key)


def _ranked(entry: Event, day_articles: Counter[str]) -> Event:
    words, number = ranking.headline(entry)
    return replace(
        entry,
        salience=ranking.salience(entry, day_articles[entry.date]),
        headline=words,
        headline_from=number,
    )


COPY_WORDS = 6
"""Words a sentence needs for its copies in other articles to be known as copies."""


def _copies(ordered: list[Event]) -> tuple[list[Event], dict[str, list[Event]]]:
    """The reports without the copies of a sentence that another article published
    first, and those copies by the id of the first one's report. An updated page or a
    wire story printed again repeats a sentence word for word, and its "yesterday" or
    "reported on" date is then the later page's, not the happening's: the copy joins the
    entry of the first report, whatever date it was given."""
    first: dict[str, Event] = {}
    copies: dict[str, list[Event]] = {}
    by_publication = sorted(
        range(len(ordered)), key=lambda i: (ordered[i].citations[0].published or "9999", i)
    )
    copied: set[int] = set()
    for i in by_publication:
        report = ordered[i]
        words = report.text.replace("…", " ").casefold().split()
        if report.summary or report.background or len(words) < COPY_WORDS:
            continue
        key = " ".join(words)
        earlier = first.setdefault(key, report)
        if earlier is not report and earlier.citations[0].article != report.citations[0].article:
            copies.setdefault(earlier.id, []).append(report)
            copied.add(i)
    kept = [report for i, report in enumerate(ordered) if i not in copied]
    return kept, copies


NESTS = ("month", "week")
"""Precisions whose reports may join the entry of a day inside their span."""


def _nested(
    groups: list[list[int]],
    ordered: list[Event],
    likeness: similarity.Likeness,
    words: Words,
    related: Callable[[str, str], bool],
) -> list[list[int]]:
    """Precisions nest: "in April" and "on April 20" may tell one happening. The reports
    of a month or a week join the entry of a day inside it that they are most alike with
    (``_most_alike``), which keeps its day; what they said stays in their own words among
    its reports."""
    days: dict[str, list[list[int]]] = {}
    for group in groups:
        head = ordered[group[0]]
        if head.precision == "day" and head.end is None:
            days.setdefault(head.date[:10], []).append(group)
    kept: list[list[int]] = []
    for group in groups:
        head = ordered[group[0]]
        home = None
        if head.precision in NESTS and head.end is None and not head.summary:
            inside = [g for day in _days_in(head.date) for g in days.get(day, ())]
            home = _most_alike(group, inside, ordered, likeness, words, related)
        if home is None:
            kept.append(group)
        else:
            home += group
    return kept


def _days_in(value: str) -> list[str]:
    """The days a month's or a week's value covers, as TimeML values."""
    first, last = start_of(value), last_day(value)
    if last is None:
        return []
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _most_alike(
    group: list[int],
    homes: list[list[int]],
    ordered: list[Event],
    likeness: similarity.Likeness,
    words: Words,
    related: Callable[[str, str], bool],
) -> list[int] | None:
    """The entry among ``homes`` that ``group``'s reports are most alike with on average
    (at least ``ALIKE``: words, not a kind in common, for a month holds many days), none
    of their reports at odds on who or where, nor two of one sentence (which told them
    apart). The average, not every pair: an entry many articles tell has reports in
    words of every kind."""
    best, score = None, ALIKE - 1e-9
    for home in homes:
        rows = [*group, *home]
        alike = likeness.among(rows)
        pairs = [(p, len(group) + q) for p in range(len(group)) for q in range(len(home))]
        if any(
            _cited(ordered[rows[p]]) == _cited(ordered[rows[q]])
            or _at_odds(ordered[rows[p]], ordered[rows[q]], related)
            for p, q in pairs
        ):
            continue
        mean = sum(alike[p, q] for p, q in pairs) / len(pairs)
        if mean > score:
            best, score = home, mean
    return best


def _cited(report: Event) -> tuple[str, str]:
    return report.citations[0].article, report.citations[0].sentence


def _grouped(
    reports: list[Event], alike: np.ndarray, words: Words, related: Callable[[str, str], bool]
) -> list[list[int]]:
    """Reports of one date in groups of one happening each (by their place in
    ``reports``): a report joins the group it is most alike with on average, at least
    ``ALIKE`` (a report mentioned in passing counting as alike with one it names a kind
    of happening in common with), and none of whose members it is at odds with on who
    or where; a bullet, the group it sums up. The average, not every member: a
    happening many articles tell is told in words of every kind (on the gold pairs,
    4 fewer missed merges of 127, no more false ones)."""
    made: list[list[int]] = []
    for p, report in enumerate(reports):
        if report.summary:
            home = _summed_up(report, [g for g in made if _of_article(reports[g[0]], report)],
                              reports)  # fmt: skip
        else:
            home, best = None, ALIKE - 1e-9
            for g in made:
                if any(_at_odds(reports[q], report, related) for q in g):
                    continue
                mean = sum(_alike(reports[q], report, alike[p, q], words) for q in g) / len(g)
                if mean > best:
                    home, best = g, mean
        if home is None:
            made.append([p])
        else:
            home.append(p)
    return made


def _of_article(a: Event, b: Event) -> bool:
    return a.citations[0].article == b.citations[0].article and a.reported_only == b.reported_only


SUMS_UP = 0.5
"""Share of a bullet's content words that the entry of a body sentence of its article
must hold to be what the bullet sums up ("* BP to pay $20bn" and "BP agreed on Wednesday
to set aside $20bn…")."""


def _summed_up(bullet: Event, groups: list[list[int]], reports: list[Event]) -> list[int] | None:
    """The group of the bullet's article and date whose first report (a body sentence's,
    told not in passing) holds most of the bullet's words: the best one."""
    words = _content_words(bullet.text)
    if len(words) < 2 or bullet.background:
        return None
    best, share = None, SUMS_UP
    for group in groups:
        first = reports[group[0]]
        if first.summary or first.background:
            continue
        held = len(words & _content_words(first.text)) / len(words)
        if held >= share:
            best, share = group, held + 1e-9
    return best


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
        status=min((r.status for r in reports), key=STATUS_ORDER.index),
    )


STATUS_ORDER: tuple[Status, ...] = ("happened", "scheduled", "background")
"""The most certain first: an entry one report tells as happened has happened."""


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
