"""The publication date a text shows of itself, for an article that gives none.

Only dates in an embedded post, a photo caption or a dateline count: a date in the body
("since Oct. 7, 2023") says when something happened, not when the article appeared.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from generator.model import DateMention, Published
from generator.text import work
from generator.text.timex.lexicon import WEEKDAYS

# Where a publication date shows itself in a text: the date line of an embedded post,
# a photo caption, or a dateline at the very start.
_EMBED = re.compile(r"\(@\w+\)\s*$")
_CAPTION = re.compile(
    r"\((?:Photo|Picture|Image)\b|\bPhoto(?:graph)?:|\bAFP\)|/ ?(?:AFP|Reuters|AP)\)"
)
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z .'-]+,\s*)?$")
_NOT_DATELINE = re.compile(r"[^A-Za-z .',\s-]")
_BLANK = re.compile(r"\s*")
_EMBED_REACH = 200
"""Characters before a date that may hold the handle of an embedded post: "(@IDF)"."""


def infer(text: str, mentions: list[DateMention]) -> Published:
    """Guess the publication date from the dates of ``text`` (found without a reference
    date), with the evidence; the guess is checked against the weekdays the text names."""
    found = _shown(text, mentions)
    if not found:
        return Published(None, "unknown")
    day, where, mention = max(found, key=lambda item: (item[0], -item[2].start))
    named = sorted({w for w in WEEKDAYS if re.search(rf"\b{w}\b", text)}, key=WEEKDAYS.index)
    evidence = f"{where}: “{mention.text}”"
    if named:
        agrees = WEEKDAYS[day.weekday()] in named
        check = "matches" if agrees else "does not match"
        evidence += (
            f"; {day.strftime('%A')} {check} the weekdays the text names ({', '.join(named)})"
        )
        if not agrees:
            # A text that speaks of "Friday" yet is dated a Tuesday is more likely wrong than right.
            later = [w for w in named if 0 < (WEEKDAYS.index(w) - day.weekday()) % 7 <= 1]
            if not later:
                return Published(None, "unknown", f"rejected {evidence}")
    return Published(day.isoformat(), "inferred", evidence)


def _shown(text: str, mentions: list[DateMention]) -> list[tuple[dt.date, str, DateMention]]:
    """The days written out in an embedded post, a caption or the dateline, with where."""
    explicit = [
        (m, m.value)
        for m in mentions
        if m.precision == "day" and m.value and not m.value.startswith("X")
    ]
    found: list[tuple[dt.date, str, DateMention]] = []
    # Each date looks at its own line through an index of the lines, not a search for them.
    newlines = [m.start() for m in re.finditer("\n", text)]
    captions: dict[int, bool] = {}
    other = _NOT_DATELINE.search(text)  # past this, no dateline can run up to a date
    dateline_end = other.start() if other else len(text)
    for mention, value in explicit:
        work.add("dates.published")
        index = bisect.bisect_left(newlines, mention.start)
        line_start = newlines[index - 1] + 1 if index else 0
        after = bisect.bisect_left(newlines, mention.end)
        line_end = newlines[after] if after < len(newlines) else len(text)
        day = dt.date.fromisoformat(value)
        if line_start not in captions:
            work.add("dates.chars", line_end - line_start)
            captions[line_start] = bool(_CAPTION.search(text, line_start, line_end))
        if _EMBED.search(
            text, max(line_start, mention.start - _EMBED_REACH), mention.start
        ) and _BLANK.fullmatch(text, mention.end, line_end):
            found.append((day, "the date line of an embedded post", mention))
        elif captions[line_start]:
            found.append((day, "a photo caption", mention))
        elif (
            line_start == 0
            and mention.start <= dateline_end
            and _DATELINE.match(text, 0, mention.start)
        ):
            found.append((day, "the dateline", mention))
    return found
