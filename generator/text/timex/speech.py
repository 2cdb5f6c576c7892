"""Days named in quoted speech: "today" in the words of a speech is the day of the speech.

A sentence that says when its quoted words were said, by a day next to a verb of saying
outside the quotation ("Obama said on Thursday: “Today we begin…”", "“We leave
tomorrow,” he told reporters on Monday"), gives that day to the quotation's "today",
"tonight", "yesterday" and "tomorrow", which otherwise count from the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.model import DateMention
from generator.text import clauses
from generator.text.timex.relative import DAYS_AWAY
from generator.timeml import label, shape

_SAYING = re.compile(
    r"\b(?:said|says|told|tells|announced|declared|added|wrote|stated|insisted|warned"
    r"|remarked|proclaimed|vowed|promised|pledged|explained|replied|tweeted|posted)\b"
)
NEAR = 40
"""Characters, at most, between a verb of saying and the day it was said."""
_DEICTIC = re.compile(r"(?:(?:early|late)\s+)?(?P<word>.+)", re.I)


def said_on(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions, with those of a day counted from "now" in quoted words counted from
    the day the sentence says they were said, where it says one day only."""
    by_sentence: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_sentence.setdefault(mention.sentence, []).append(index)
    found = list(mentions)
    for indices in by_sentence.values():
        if len(indices) < 2:
            continue
        low = min(mentions[i].start for i in indices)
        high = max(mentions[i].end for i in indices)
        quotes = _quotes(text, low, high)
        if not quotes:
            continue
        inside = [
            i for i in indices if _offset(mentions[i]) is not None and _within(mentions[i], quotes)
        ]
        days = {
            mentions[i].value
            for i in indices
            if i not in inside and _speech_day(text, mentions[i], quotes)
        }
        if not inside or len(days) != 1:
            continue
        day = dt.date.fromisoformat(str(next(iter(days))))
        for i in inside:
            offset = _offset(mentions[i])
            assert offset is not None
            value = (day + dt.timedelta(days=offset)).isoformat()
            if value != mentions[i].value:
                found[i] = replace(
                    mentions[i],
                    value=value,
                    note=f"in words quoted as said on {label(day.isoformat())}, counted from that day",
                )
    return found


def _quotes(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """The quotations of the text around ``low:high`` (its line, where quotes open)."""
    start = text.rfind("\n", 0, low) + 1
    end = text.find("\n", high)
    end = len(text) if end < 0 else end
    return [(start + a, start + b) for a, b in clauses.quotations(text[start:end])]


def _within(mention: DateMention, quotes: list[tuple[int, int]]) -> bool:
    return any(a < mention.start and mention.end <= b for a, b in quotes)


def _offset(mention: DateMention) -> int | None:
    """Days from now that a mention counts ("yesterday": -1), if it is one of those."""
    match = _DEICTIC.fullmatch(" ".join(mention.text.lower().split()))
    return DAYS_AWAY.get(match.group("word")) if match else None


def _speech_day(text: str, mention: DateMention, quotes: list[tuple[int, int]]) -> bool:
    """Whether a day outside the quotation is the day a verb of saying next to it says
    the words were said."""
    if not mention.value or shape(mention.value) != "day" or _within(mention, quotes):
        return False
    if _offset(mention) is not None:
        return False  # "said today" names the publication's own day: nothing to move
    before = text[max(0, mention.start - NEAR) : mention.start]
    after = text[mention.end : mention.end + NEAR]
    cut = max(before.rfind(q) for q in '“”"')
    before = before[cut + 1 :]
    after = re.split(r"[“”\"]", after, maxsplit=1)[0]
    return bool(_SAYING.search(before) or _SAYING.search(after))
