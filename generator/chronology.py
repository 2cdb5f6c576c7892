"""Events: dated sentences of the articles, in the order they happened.

An event takes the date the text gives for the happening.  A sentence that carries
no date of its own, but reports a figure or opens a dated article, becomes an entry
"reported on" the publication date: it never claims the day it happened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace

from .dates import label as date_label
from .dates import shape, start_of
from .model import Article, Citation, DateMention, Event

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


def _event_id(date: str, article: Article, sentence: str) -> str:
    digest = hashlib.sha256(f"{article.id}\0{sentence}\0{date}".encode()).hexdigest()[:8]
    return f"e-{digest}"


def _citation(article: Article, sentence: str) -> Citation:
    return Citation(article.slug, sentence, article.title, article.published.value)


def events_of(article: Article) -> list[Event]:
    found: list[Event] = []
    for index, sentence in enumerate(article.sentences):
        text = article.sentence_text(sentence.id)
        dated = [d for d in article.dates if d.sentence == sentence.id and is_calendar(d)]
        figures = [f for f in article.figures if f.sentence == sentence.id]
        places = list({p.place: p for p in article.places if p.sentence == sentence.id}.values())

        base = Event(
            id="",
            date="",
            precision="day",
            end=None,
            reported_only=False,
            text=text,
            places=places,
            figures=figures,
            citations=[_citation(article, sentence.id)],
        )
        seen: set[tuple[str, str | None]] = set()
        for mention in dated:
            key = (mention.value or "", mention.end_value)
            if key not in seen:
                seen.add(key)
                precision = "range" if mention.end_value else mention.precision
                found.append(
                    replace(base, id=_event_id(key[0], article, sentence.id), date=key[0],
                            precision=precision, end=mention.end_value)
                )  # fmt: skip
        if not dated and article.published.value and (figures or index == 0):
            date = article.published.value
            found.append(
                replace(
                    base, id=_event_id(date, article, sentence.id), date=date, reported_only=True
                )
            )
    return found


def sort_key(event: Event) -> tuple:
    return (start_of(event.date), -PRECISION_ORDER.get(event.precision, 5), event.reported_only,
            event.citations[0].article, int(event.citations[0].sentence[1:]))  # fmt: skip


def build(articles: list[Article]) -> list[Event]:
    events = [event for article in articles for event in events_of(article)]
    return sorted(events, key=sort_key)


@dataclass(frozen=True)
class Period:
    """Where an event is listed: a month page, or the year page for coarser dates."""

    year: str
    month: str | None

    @property
    def path(self) -> str:
        return (
            f"chronology/{self.year}/{self.month}.md"
            if self.month
            else f"chronology/{self.year}/index.md"
        )


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
    text = date_label(event.date)
    return f"{text} – {date_label(event.end)}" if event.end else text
