"""What a report's clause tells: whether something happened (or will), and what its date
is to the article that reports it: a happening, a plan, or context recalled from long ago."""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Status
from generator.text.clauses import Words
from generator.text.timex.resolve import FUTURE, PAST, WEAK_PAST
from generator.timeml import shape, shift, start_of

_TIMELINE_LINE = re.compile(
    r"\W*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}|\d{4})(?:,?\s+\d{4})?"
    r"(?:/\d{1,2})?\s*[-–—:]\s"
)
"""A timeline's line, "Nov. 2 - BP raises its estimate…": its present tells the past."""
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:been|\w+(?:ed|en|t))\b", re.I)


def tells_a_happening(clause: str, words: Words) -> bool:
    """Whether a clause reports that something happened, or will: not a question, and a
    timeline's line, a verb of the past (``past_verbs`` of ``data/events.yml``) or present
    perfect, words of the future, or a word that names a kind of happening. "The SA-7 is a 1960s-era missile" tells
    none; its date stays in the article's table of dates."""
    if clause.rstrip(" ”\"’'…)").endswith("?"):
        return False
    return bool(
        _TIMELINE_LINE.match(clause)
        or PAST.search(clause)
        or words.past.search(clause)
        or WEAK_PAST.search(clause)
        or _PERFECT.search(clause)
        or FUTURE.search(clause)
        or words.kinds(clause)
    )


BACKGROUND_DAYS = 365
"""An entry that ended more than this long before its article was published is recalled
as context (status ``background``), not told as the story's news."""


SPECULATION = re.compile(
    r"\b(?:could|might|may|expects?|hopes?|forecasts?|predicts?|likely|possibly|perhaps)\b"
    r"(?!\s+have\b)"
)
"""Words of what may come, not of what is planned: "the spill could continue into August"
and "the Fed expects inflation to moderate later this year" date no happening."""


def status_of(value: str, end: str | None, published: str | None, clause: str) -> Status | None:
    """What a report's date is to its article: after the article, a plan when its clause
    speaks of the future (None when it only speculates, or does not speak of the future:
    a happened thing cannot be dated after the article that reports it); a span that
    holds the article's day, a plan when its clause speaks only of the future ("due to
    be taken up today") and nothing when it speculates ("could be done by the end of
    this month"); long before the article, background; otherwise what happened."""
    if not published or shape(value) == "other":
        return "happened"
    day = dt.date.fromisoformat(published)
    last = last_day(end or value)
    ahead = FUTURE.search(clause)
    if start_of(value) > day:
        return "scheduled" if ahead and _planned(clause) else None
    if ahead and last is not None and last >= day:
        past = PAST.search(clause)
        if not _planned(clause) and (shape(value) != "day" or not past):
            return None
        if not past and not WEAK_PAST.search(clause):
            return "scheduled"
    if last is not None and (day - last).days > BACKGROUND_DAYS:
        return "background"
    return "happened"


def _planned(clause: str) -> bool:
    """Whether the clause speaks of the future with other words than speculation's."""
    return any(not SPECULATION.fullmatch(m.group()) for m in FUTURE.finditer(clause))


def last_day(value: str) -> dt.date | None:
    """The last day a TimeML value covers (None for one that has no calendar day)."""
    try:
        following = {
            "day": lambda: shift(value, "day", 1),
            "week": lambda: shift(value, "week", 1),
            "month": lambda: shift(value, "month", 1),
            "year": lambda: shift(value, "year", 1),
            "decade": lambda: str(int(value) + 1),
            "century": lambda: f"{int(value) + 1:02d}",
        }[shape(value)]()
    except KeyError:  # a season, quarter or half: its year's end is near enough
        return dt.date(int(value[:4]), 12, 31)
    return start_of(following) - dt.timedelta(days=1) if following else None
