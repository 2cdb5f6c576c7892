"""How important an entry is, and which of its reports heads it.

Salience follows what news timeline summarization found to matter (news-tls, Gholipour
Ghalandari & Ifrim 2020, after DATEWISE): how many articles tell the happening, how often
its date is referred to across the articles, whether it leads its articles, and whether
it carries figures. An entry's status and how it is dated weigh it down: a plan, a thing
recalled as context, a report with no date of its own. A mention in passing is not
weighed down: that later articles come back to a happening says it mattered.
"""

from __future__ import annotations

import math
import re

from generator.model import Event

LEAD = 3
"""A report from one of its article's first sentences is of its lead."""
_WEIGHT = {"happened": 1.0, "scheduled": 0.5, "background": 0.25}
_DANGLING = re.compile(
    r"(?i:it|he|she|they|this|that|these|those|his|her|their|its|and|but|or|so|also|then"
    r"|there|meanwhile|however|still|yet|which|who)\b"
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ /-]{2,40}(?:,\s*[A-Z][\w.]{1,20})?\s*(?:\([A-Za-z .]{2,20}\)\s*)?(?:--|—|–|-)\s+"
)


def salience(entry: Event, day_articles: int) -> float:
    """The entry's weight among entries: ``day_articles`` is how many articles give its
    date to something they report or mention (a date the story keeps coming back to)."""
    reports = entry.versions
    articles = len({r.citations[0].article for r in reports})
    lead = any(_sentence_number(r) <= LEAD for r in reports)
    score = 2 * math.log1p(articles) + math.log1p(day_articles) + 0.5 * lead
    score += 0.25 * bool(entry.figures)
    score *= _WEIGHT.get(entry.status, 1.0)
    if entry.reported_only:
        score *= 0.6
    return round(score, 3)


def _sentence_number(report: Event) -> int:
    return int(report.citations[0].sentence[1:])


def headline(entry: Event) -> tuple[str, int]:
    """The clearest words among the entry's reports to head it, and the number of the
    report they are from (1 for an entry of one report): a whole sentence that starts
    with its subject before a fragment ("…stormed across the border on October 7") or a
    sentence that leans on the one before ("It says that 1,400 people…"), a dateline
    taken off ("WASHINGTON (Reuters) -"), neither very short nor very long; of equally
    clear ones, the one most like the others."""
    best: tuple[tuple[float, float, int], str, int] | None = None
    said = [_words(r.text) for r in entry.versions]
    for number, report in enumerate(entry.versions, start=1):
        text = _DATELINE.sub("", report.text.strip())
        if report.background:  # a phrase: it heads its entry as a title would
            phrase = text.strip("… ")
            text = phrase[:1].upper() + phrase[1:]
        words = len(text.split())
        penalty = 3.0 * text.startswith("…") + 1.0 * text.endswith("…")
        penalty += 2.0 * bool(_DANGLING.match(text.lstrip("“\"'‘ ")))
        penalty += 1.0 * (not text[:1].isupper() and not text.startswith(("“", '"', "…")))
        penalty += 1.0 * (words < 6) + 1.0 * (words > 45)
        penalty += 3.5 * report.background + 0.25 * report.reported_only  # a phrase, not a clause
        key = (penalty, -_shared(said, number - 1), number)
        if best is None or key < best[0]:
            best = (key, text, number)
    assert best is not None
    return best[1], best[2]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]{3,}", text.lower()))


def _shared(said: list[frozenset[str]], index: int) -> float:
    """How much of what the other reports say one report says too (the mean share of
    words in common): of equally clear reports, the one most like the rest heads the
    entry."""
    others = [words for i, words in enumerate(said) if i != index]
    if not others or not said[index]:
        return 0.0
    return round(
        sum(len(said[index] & w) / len(said[index] | w) for w in others if w) / len(others), 6
    )


KEY_SHARE = 1 / 3
"""Key events a month shows for each article of the month: journalists' timelines of
Timeline17 give about one line for every three articles of their story."""
KEY_BOUNDS = (3, 15)


def most_salient(entries: list[Event], wanted: int = KEY_BOUNDS[1]) -> list[Event]:
    """The ``wanted`` most salient entries that happened (not planned, not recalled as
    context), the most salient first; ties go to the earlier entry."""
    happened = [e for e in entries if e.status == "happened"]
    return sorted(happened, key=lambda e: -e.salience)[:wanted]


def key_events(entries: list[Event], articles: int | None = None) -> list[Event]:
    """The most salient entries that happened, as many as a journalist's timeline would
    give for ``articles`` (by default, those the entries cite), in the entries' order."""
    if articles is None:
        articles = len({c.article for e in entries for c in e.citations})
    low, high = KEY_BOUNDS
    wanted = max(low, min(high, round(articles * KEY_SHARE)))
    if sum(e.status == "happened" for e in entries) <= low:
        return []  # so few entries are their own summary
    chosen = {e.id for e in most_salient(entries, wanted)}
    return [e for e in entries if e.id in chosen]
