"""The site in parts: entries by the period that lists them, articles by the month they
were published, each part with a summary of what the site's other pages need of it.

Merging reports into entries is per date, so a period's entries depend on the reports of
that period alone: a changed article remakes the parts it touched, and only the pages
built from them need making again. A whole build is the same update from an empty index.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.chronology import happenings, ranking
from generator.chronology.happenings import EntryWords, Period
from generator.model import Article, Event, Figure, Published
from generator.text import parts
from generator.text.places import Gazetteer
from generator.timeml import label, start_of

UNDATED = "undated"
LATEST = 50
"""Entries the index can give as the newest: the feed's length, and more than the home's."""
DATED = ("day", "range", "month", "week")
"""Precisions of the entries that place the chronology in time (not a year, not a decade)."""


def month_key(day: str | None) -> str:
    """The month of a dated item, by which long lists are split: ``YYYY-MM``, ``YYYY``
    for what is dated to the year only, or ``undated``."""
    return day[:7] if day else UNDATED


def period_key(period: Period) -> str:
    """The month key under which a period's entries are listed on a split list."""
    return f"{period.year}-{period.month}" if period.month else period.year


def period_order(period: Period) -> tuple[str, str]:
    """Periods in the chronology's order: a year's entries dated only by the year first."""
    return period.year, period.month or ""


def reading_order(events: Iterable[Event]) -> list[Event]:
    """A period's entries in the order its page shows them: those of the whole month, then
    day by day, then those recalled as context, apart from the story's days; "next entry"
    follows this order, so that it walks the pages as they read."""
    return sorted(
        events,
        key=lambda e: (
            e.status == "background",
            happenings.day_anchor(e) or "",
            happenings.sort_key(e),
        ),
    )


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def _event_digest(events: Iterable[object]) -> str:
    return hashlib.sha256(pickle.dumps(list(events), protocol=5)).hexdigest()[:20]


@dataclass(frozen=True)
class Card:
    """What the index keeps of an article: enough for the lists of sources, the home page
    and the build's summary, and to know which parts to remake when it changes."""

    id: str
    slug: str
    title: str
    source: str
    published: Published
    publisher: str | None
    url: str | None
    periods: tuple[Period, ...]
    places: tuple[str, ...]
    figures: int
    warnings: tuple[str, ...]
    left_out: tuple[tuple[str, int], ...] = ()
    """Lines of each kind of part that make no entries (reader comments, captions…)."""

    @property
    def pub(self) -> str:
        return month_key(self.published.value)


@dataclass(frozen=True)
class Filed:
    """An article as the part of its month of publication holds it, with the report that
    shows each of its figures in the chronology (by the figure's offset)."""

    article: Article
    entries: dict[int, Event]


@dataclass(frozen=True)
class PeriodPart:
    """A summary of a period's entries: counts, ends, places and the articles they cite."""

    period: Period
    digest: str
    count: int
    dated: int
    first: Event
    last: Event
    span: tuple[str, str] | None
    """The earliest date and the latest (end) date of its dated entries."""
    places: dict[str, tuple[int, str]]
    """Place (or a place inside it) → its entries here, and a digest of them."""
    citing: dict[str, int]
    """Article slug → the entries here that cite it."""
    key: tuple[Event, ...] = ()
    """Its most salient entries that happened: those among which the corpus's key events are."""
    recalled: tuple[Event, ...] = ()
    """Of a month's entries, those recalled as context, which its year's page lists too."""


@dataclass(frozen=True)
class PubPart:
    """A summary of the articles published in one month (or undated)."""

    key: str
    digest: str
    articles: int
    figures: dict[str, int]
    tails: dict[str, dict[tuple[str, str], tuple[str, float]]]
    """Category → running total → its last figure in the month (as of, value)."""
    mentions: dict[str, tuple[int, str]]
    """Place → the times these articles name it, and a digest of those mentions."""


@dataclass
class Index:
    """Every article's card and every part's summary: what a build keeps for the next."""

    cards: dict[str, Card] = field(default_factory=dict)
    periods: dict[Period, PeriodPart] = field(default_factory=dict)
    pubs: dict[str, PubPart] = field(default_factory=dict)

    def ordered_periods(self) -> list[Period]:
        return sorted(self.periods, key=period_order)


@dataclass(frozen=True)
class Update:
    """The index after a change, and the parts it changed (an empty list: the part is gone)."""

    index: Index
    periods: dict[Period, list[Event]]
    pubs: dict[str, list[Filed]]


Series = tuple[str, str]


def series_key(figure: Figure, as_of: str | None) -> Series | None:
    """The running total a figure belongs to: same category, place, source and start.

    "504 deaths since Tuesday" runs from Tuesday: a series of its own, never mixed with
    a total since the war began. A vague amount with no upper bound ("millions") is in no
    series: its least would be plotted as if exact, and flatten every other line."""
    if figure.scope != "total" or figure.part_of is not None or figure.group or not as_of:
        return None
    if figure.max is None and not any(c.isdigit() for c in figure.text):
        return None  # "hundreds of thousands" has no number to plot: it would read as 200,000
    place = figure.place or "place not given"
    if figure.period_start:
        place += f", since {label(figure.period_start)}"
    elif figure.period and figure.period.startswith("since "):
        place += f", {figure.period}"
    return (place, figure.source)


def figure_order(article: Article, figure: Figure) -> tuple[str, str, int, int]:
    """Figures in the order the lists give them: by day reported, article, sentence."""
    return (article.published.value or "9999", article.slug, int(figure.sentence[1:]), figure.start)


def card_of(article: Article, reports: list[Event]) -> Card:
    return Card(
        id=article.id,
        slug=article.slug,
        title=article.title,
        source=article.source,
        published=article.published,
        publisher=article.publisher,
        url=article.url,
        periods=tuple(sorted({happenings.period_of(r) for r in reports}, key=period_order)),
        places=tuple(sorted({p.place for p in article.places})),
        figures=len(article.figures),
        warnings=tuple(article.warnings),
        left_out=tuple(sorted(parts.lines_by_kind(article.text, article.parts).items())),
    )


def place_ids(event: Event, gazetteer: Gazetteer) -> set[str]:
    """The places of an entry, and every place they lie inside."""
    ids: set[str] = set()
    for mention in event.places:
        if mention.place in gazetteer.places:
            ids.add(mention.place)
            ids.update(gazetteer.ancestors(mention.place))
    return ids


def _summarise_period(period: Period, events: list[Event], gazetteer: Gazetteer) -> PeriodPart:
    at: dict[str, list[Event]] = {}
    for event in events:
        for place in sorted(place_ids(event, gazetteer)):
            at.setdefault(place, []).append(event)
    dated = [e for e in events if e.precision in DATED]
    span = None
    if dated:
        first = min((e.date for e in dated), key=start_of)
        last = max((e.end or e.date for e in dated), key=start_of)
        span = (first, last)
    return PeriodPart(
        period=period,
        digest=_event_digest(events),
        count=len(events),
        dated=len(dated),
        first=events[0],
        last=events[-1],
        span=span,
        places={p: (len(found), _event_digest(found)) for p, found in sorted(at.items())},
        citing=dict(
            sorted(Counter(s for e in events for s in {c.article for c in e.citations}).items())
        ),
        key=tuple(ranking.most_salient(events)),
        recalled=tuple(e for e in events if period.month and e.status == "background"),
    )


def _summarise_pub(key: str, filed: list[Filed]) -> PubPart:
    figures: Counter[str] = Counter()
    rows = []
    mentions: dict[str, list[tuple]] = {}
    for item in filed:
        article = item.article
        for figure in article.figures:
            figures[figure.category] += 1
            rows.append((figure_order(article, figure), figure))
        for mention in article.places:
            text = article.sentence_text(mention.sentence)
            mentions.setdefault(mention.place, []).append(
                (article.slug, article.title, mention.sentence, text)
            )
    tails: dict[str, dict[Series, tuple[str, float]]] = {}
    for (as_of, *_), figure in sorted(rows, key=lambda row: row[0]):
        if series := series_key(figure, None if key == UNDATED else as_of):
            tails.setdefault(figure.category, {})[series] = (as_of, figure.value)
    return PubPart(
        key=key,
        digest=_event_digest([(f.article, sorted(f.entries.items())) for f in filed]),
        articles=len(filed),
        figures=dict(sorted(figures.items())),
        tails={c: dict(sorted(s.items())) for c, s in sorted(tails.items())},
        mentions={p: (len(found), digest(found)) for p, found in sorted(mentions.items())},
    )


def _digest_of(part: PeriodPart | PubPart | None) -> str | None:
    return part.digest if part else None


def update(
    index: Index,
    changed: list[Article],
    removed: Iterable[str],
    vocabulary: EntryWords,
    gazetteer: Gazetteer,
    period_of: Callable[[Period], list[Event]],
    pub_of: Callable[[str], list[Filed]],
) -> Update:
    """The index once ``changed`` articles (new or not) are in and ``removed`` ids are out,
    with the parts they changed: ``period_of`` and ``pub_of`` give a part as the last build
    left it (and still give those a change touched but left as they were)."""
    cards = dict(index.cards)
    leaving = [cards.pop(i) for i in [*removed, *(a.id for a in changed)] if i in cards]
    gone = {card.slug for card in leaving}
    touched_periods = {p for card in leaving for p in card.periods}
    touched_pubs = {card.pub for card in leaving}
    arriving: dict[Period, list[Event]] = {}
    filing: dict[str, list[Filed]] = {}
    for article in changed:
        reports = happenings.events_of(article, vocabulary)
        card = cards[article.id] = card_of(article, reports)
        entries: dict[int, Event] = {}
        for report in reports:
            arriving.setdefault(happenings.period_of(report), []).append(report)
            for figure in report.figures:
                entries.setdefault(figure.start, report)
        filing.setdefault(card.pub, []).append(Filed(article, entries))
    touched_periods |= set(arriving)
    touched_pubs |= set(filing)

    periods = dict(index.periods)
    made_periods: dict[Period, list[Event]] = {}
    for period in sorted(touched_periods, key=period_order):
        old = period_of(period) if period in index.periods else []
        reports = [r for e in old for r in e.versions if r.citations[0].article not in gone]
        reports += arriving.get(period, [])
        events = reading_order(happenings.merge(reports, vocabulary.words, gazetteer.related))
        if events:
            periods[period] = _summarise_period(period, events, gazetteer)
        else:
            periods.pop(period, None)
        if not events or _digest_of(index.periods.get(period)) != periods[period].digest:
            made_periods[period] = events

    pubs = dict(index.pubs)
    made_pubs: dict[str, list[Filed]] = {}
    leaving_ids = {card.id for card in leaving}
    for key in sorted(touched_pubs):
        old_filed = pub_of(key) if key in index.pubs else []
        kept = [f for f in old_filed if f.article.id not in leaving_ids]
        filed = sorted([*kept, *filing.get(key, [])], key=lambda f: f.article.slug)
        if filed:
            pubs[key] = _summarise_pub(key, filed)
        else:
            pubs.pop(key, None)
        if not filed or _digest_of(index.pubs.get(key)) != pubs[key].digest:
            made_pubs[key] = filed
    ordered = Index(
        dict(sorted(cards.items())),
        {p: periods[p] for p in sorted(periods, key=period_order)},
        dict(sorted(pubs.items())),
    )
    return Update(ordered, made_periods, made_pubs)


def layout(counts: dict[str, int], limit: int) -> dict[str, list[str]]:
    """Month keys by the page that lists them: a page a year, or a page a month in a year
    of more than ``limit`` items, so that no page grows with the corpus and a quiet year is
    not scattered over many small pages; the undated on a page of their own. Pages and
    their months go oldest first, the undated last."""
    years: Counter[str] = Counter()
    for key, count in counts.items():
        years[key[:4]] += count
    pages: dict[str, list[str]] = {}
    for key in sorted(counts, key=lambda k: (k == UNDATED, k)):
        page = key if key == UNDATED or years[key[:4]] > limit else key[:4]
        pages.setdefault(page, []).append(key)
    return pages
