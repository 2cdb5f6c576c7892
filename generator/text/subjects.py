"""Whether a sentence names who it tells of, or leans on the sentence before it.

A line of the chronology is read alone, away from its article: "He told a meeting of young
Democrats…", "It was promised for the first quarter of 2009…" or "“…,” she said" tell a
reader of no one. Such a sentence is cited where another report names its subject, and
makes no entry of its own. "It" that stands for no one ("It is understood that BP…",
"It was not clear whether…") leans on nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.text.attribution import SAY

_OPENER = r"(?i:(?:but|and|so|yet|still|now|then|instead|meanwhile|however|indeed|also)\b,?\s+)?"
_LEAD_IN = (
    r"(?:(?:[^,;:“”\"‘’()]|,\s*(?=\d)){1,60},\s+"
    r"|(?i:on|in|at|by|during)\s+(?:[^,;:“”\"]|,\s*(?=\d)){0,30}?"
    r"(?:\d{1,4}|day|morning|afternoon|evening|night|week|month|year)\s+"
    r"|(?i:today|yesterday|tonight|earlier|later|(?:last|this)\s+(?:night|morning|week))\s+)?"
)
"""An adverbial before the subject: "At yesterday's lunch,", "On August 24, 1935",
"Today"."""
_EXPLETIVE = (
    r"(?!(?i:it)(?:['’]s|\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|seems|seemed"
    r"|appears|appeared|remains|remained))\s+(?:\w+\s+){0,3}?"
    r"(?:that|whether|if|to|how|why|when|what|who|unclear|clear)\b)"
)


class Subjects:
    """The pronouns of ``data/events.yml``, and what they tell of a sentence."""

    def __init__(self, pronouns: Iterable[str]) -> None:
        words = sorted({p.lower() for p in pronouns}, key=lambda p: (-len(p), p))
        if not words:
            self._opening = self._speaker = re.compile("(?!)")
            return
        pronoun = "(?i:" + "|".join(map(re.escape, words)) + ")"
        self._opening = re.compile(
            rf"^\s*{_OPENER}{_LEAD_IN}{_EXPLETIVE}(?P<pronoun>{pronoun})\b(?!-)"
        )
        self._speaker = re.compile(
            rf"[,.!?…-]\s*[”\"’']\s*,?\s*(?P<pronoun>{pronoun})\s+(?:\w+\s+)?(?:{SAY})\b"
        )

    def unnamed(self, sentence: str) -> str | None:
        """The pronoun that stands for the sentence's subject, when the sentence names it
        no other way: at the start of the sentence (after an adverbial and a comma), or the
        speaker of a quotation it opens with; None when the sentence names its subject."""
        if sentence.lstrip()[:1] not in "“\"‘'":
            found = self._opening.match(sentence)
        else:  # a quotation's "we" is its speaker's: who said it names them
            found = self._speaker.search(sentence)
        return found.group("pronoun") if found else None
