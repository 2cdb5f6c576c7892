"""Clauses: the words of a sentence that report one happening.

An entry quotes its source, never rewrites it: its text is a span of the cited sentence,
with "…" where it was cut. A long sentence is cut to the clause that holds the date; a
date that belongs to a happening mentioned in passing ("since Hamas' Oct. 7, 2023
incursion on Israel") dates that phrase, which becomes an entry of its own, and not the
sentence around it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.text import work
from generator.text.subjects import Subjects

LONG = 35
"""Words: a sentence longer than this is cut to the clause that holds the date."""

SHORT = 5
"""Words: a piece shorter than this is not a clause of its own ("and Gaza City")."""

QUOTE = 1500
"""Characters: a clause longer than this (a list of dates, a table, with no stop to cut
it at) is quoted around the date it is given for, so that each of its entries does not
copy all of it. The longest an entry of 2,583 real news pages quotes is 1,292."""

# Words that open a clause after a comma; those in DROPPED only join it to the last one.
CONNECTIVES = ("while", "whereas", "as", "after", "which", "but", "and", "where", "although",
               "though", "given", "amid", "before", "following", "when")  # fmt: skip
DROPPED = frozenset({"while", "whereas", "as", "but", "and", "although", "though", "given"})

_BOUNDARY = re.compile(
    r";\s*|\s[—–]\s+|:\s+(?=[A-Z“\"])|,\s+(?=(?:" + "|".join(CONNECTIVES) + r")\b)"
)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_DETERMINER = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ll]ast|[Ii]ts|[Tt]heir)\s+"
    r"|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*(?:['’]s?)\s+)$"
)
_PLACE_PHRASE = re.compile(
    r"\s+(?:on|against|from|in|into|across|near|at|of)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
)
_COORDINATED = re.compile(r"(?:,?\s+(?:and|or|to)\s+\d[\d–-]*)+")
_FUNCTION = r"(?:and|or|but|the|an?|to|in|on|at|of|after|as|when|with|by|for|from|that|which)"
_END = re.compile(r"[,;:.!?”\"]|\s[—–]\s")
_OPENING = re.compile(r"(\w+)\s+")
_BLANK = re.compile(r"\s*")
_SHOWN = re.compile(r"[^ .!?]")
_WORD = re.compile(r"\S+")
_NAMED = re.compile(
    rf"\s+(?!{_FUNCTION}\b|(?:year|years|quarter|season|period|fiscal|financial|half|term"
    r"|session|month|spring|summer|autumn|fall|winter|budget|and|was|were|is|are|had|has"
    r"|will|would)\b)((?:[A-Za-z][\w'’.-]*\s+){0,3}?[A-Za-z][\w'’-]*)(?=[,;:.!?)”\"]|\s+(?:"
    rf"{_FUNCTION}|was|were|is|are|had|has|have|will|would|when|where|who|that)\b|$)"
)
"""The words a year names as an adjective ("the 2005 Texas City disaster", "the 1986 World
Series", "the 2001-03 tax cuts"): up to four, to the next word of grammar or stop; not
a period of time ("the 2009 fiscal year" dates what happened in it)."""
_GOVERNED = re.compile(r"\b[a-z]+\s+$")
"""A word before a noun phrase that makes it a verb's or a preposition's, not a subject."""
_ERA = re.compile(r"(?i)centur|\d0['’]?s\b")
"""A century or a decade as an adjective describes ("a 17th-century playhouse", "a
1960s-era missile"); it names no happening."""
_REACH = 250
"""Characters before a date in which the words that make it date a phrase are looked for
("the October 7 attack", "the truce that began on"), not the whole sentence before it."""


class Layout:
    """What the clauses of one sentence are and where its stops and cues stand, found once
    for all the dates of the sentence: looked for again at each date, they made a
    sentence of many dates cost the square of its length."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._spans: dict[re.Pattern[str], tuple[list[int], list[int]]] = {}

    def spans(self, pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
        """The starts and the ends of the matches of ``pattern`` in the sentence."""
        if pattern not in self._spans:
            work.add("clauses.chars", len(self.sentence))
            found = [m.span() for m in pattern.finditer(self.sentence)]
            self._spans[pattern] = ([a for a, _ in found], [b for _, b in found])
        return self._spans[pattern]

    def next_stop(self, offset: int) -> tuple[int, int] | None:
        """The first stop (``_END``) at or after ``offset``."""
        starts, ends = self.spans(_END)
        index = bisect.bisect_left(starts, offset)
        return (starts[index], ends[index]) if index < len(starts) else None

    @cached_property
    def long(self) -> bool:
        return _more_words(self.sentence, (0, len(self.sentence)), LONG)

    @cached_property
    def pieces(self) -> list[tuple[int, int]]:
        return pieces(self.sentence)

    def piece_of(self, offset: int) -> int | None:
        """The index of the piece holding ``offset``, if one does."""
        index = bisect.bisect_right(self._piece_starts, offset) - 1
        return index if index >= 0 and offset < self.pieces[index][1] else None

    @cached_property
    def _piece_starts(self) -> list[int]:
        return [start for start, _ in self.pieces]

    @cached_property
    def stripped(self) -> int:
        return len(self.sentence.rstrip())


@dataclass(frozen=True)
class Words:
    """The curated words of ``data/events.yml``."""

    happenings: dict[str, str]
    """A happening word ("incursion") → its kind ("attack")."""
    cues: tuple[str, ...]
    relative_verbs: tuple[str, ...]
    past_verbs: tuple[str, ...] = ()
    """Verbs of the past that do not end in -ed ("spent", "sank")."""
    subject_pronouns: tuple[str, ...] = ()
    """Pronouns that stand for a subject named elsewhere ("he", "it")."""

    @classmethod
    def from_data(cls, data: dict) -> Words:
        happenings: dict[str, str] = {}
        for kind, words in (data.get("happenings") or {}).items():
            for word in words:
                happenings.setdefault(str(word).lower(), str(kind))
        return cls(
            happenings,
            tuple(str(c).lower() for c in data.get("cues") or ()),
            tuple(str(v).lower() for v in data.get("relative_verbs") or ()),
            tuple(str(v).lower() for v in data.get("past_verbs") or ()),
            tuple(str(p).lower() for p in data.get("subject_pronouns") or ()),
        )

    @cached_property
    def subjects(self) -> Subjects:
        return Subjects(self.subject_pronouns)

    @cached_property
    def past(self) -> re.Pattern[str]:
        """A verb of the past that does not end in -ed."""
        return re.compile(
            rf"\b(?:{alternatives(self.past_verbs)})\b" if self.past_verbs else "(?!)"
        )

    @cached_property
    def happening(self) -> str:
        return alternatives(self.happenings)

    @cached_property
    def _modifier(self) -> re.Pattern[str]:
        # "Wednesday's attack", "Oct. 7, 2023, incursion", "the October 7 deadly attacks"
        return re.compile(
            rf"(?:['’]s|(?<=\d{{4}}),)?\s+(?:(?!{_FUNCTION}\b)[a-z-]+\s+)?"
            rf"{self.happening}\b"
        )

    @cached_property
    def _relative(self) -> re.Pattern[str]:
        verbs = alternatives(self.relative_verbs)
        return re.compile(
            rf"\b{self.happening}\s+(?P<relative>that|which)\s+{verbs}\s+(?:on|in|with)\s+$"
            rf"|\b{self.happening}\s+(?:in|of|during)\s+(?:\S+\s+(?:and|or)\s+)?$",
            re.I,
        )

    @cached_property
    def _on_day(self) -> re.Pattern[str]:
        return re.compile(rf"\b{self.happening}\s+on\s+$", re.I)

    @cached_property
    def _cue(self) -> re.Pattern[str]:
        return re.compile(rf"\b{alternatives(self.cues)}\s+", re.I)

    @cached_property
    def _kind(self) -> re.Pattern[str]:
        return re.compile(rf"\b{self.happening}\b", re.I)

    @cached_property
    def _kinds_of(self) -> dict[str, frozenset[str]]:
        return {}

    def kinds(self, text: str) -> frozenset[str]:
        """The kinds of happening the words name: what two reports must share to merge.
        Remembered by text: merging compares each report with many others."""
        if (known := self._kinds_of.get(text)) is not None:
            return known
        found = self._kind.finditer(text)
        kinds = frozenset(self.happenings[" ".join(m.group().lower().split())] for m in found)
        self._kinds_of[text] = kinds
        return kinds

    def background(
        self, sentence: str, start: int, end: int, coarse: bool, layout: Layout | None = None
    ) -> tuple[int, int] | None:
        """The phrase of a happening mentioned in passing that the date at ``start:end`` dates.

        ``coarse`` says the date is a year or longer: only then does "wars in 2014" date
        the wars rather than the sentence ("air strikes on Friday night" is the news).
        ``layout`` is the sentence's, when the caller keeps one for its many dates."""
        layout = layout or Layout(sentence)
        low = max(0, start - _REACH)
        work.add("clauses.chars", start - low)
        if modifier := self._modifier.match(sentence, end):
            owner = _DETERMINER.search(sentence, low, start)
            first = owner.start() if owner else start
            if coarse and not _GOVERNED.search(sentence, low, first):
                return None  # the subject: "The 2008 war left Gaza in ruins" tells of it
            last = modifier.end()
            if place := _PLACE_PHRASE.match(sentence, last):
                last = place.end()
                if sentence[last - 1] == "." and _BLANK.fullmatch(sentence, last):
                    last -= 1  # the full stop of the sentence, not of an abbreviation
            return first, last
        relative = _may_close_relative(sentence, low, start) and self._relative.search(
            sentence, low, start
        )
        if relative and (coarse or relative.group("relative")):
            first = _noun_phrase_start(sentence, relative.start())
            last = m.end() if (m := _COORDINATED.match(sentence, end)) else end
            return first, last
        # "anger over the accident on 20 April": a happening named, not the subject
        on_day = None if coarse else self._on_day.search(sentence, low, start)
        named = _DETERMINER.search(sentence, low, on_day.start()) if on_day else None
        if named and _GOVERNED.search(sentence, low, named.start()):
            return named.start(), end
        if (
            coarse
            and not _ERA.search(sentence, start, end)
            and (owner := _DETERMINER.search(sentence, low, start))
        ):
            # not the clause's subject ("The 2008 war killed…" dates the killing), but a
            # thing a verb or preposition names ("a report into the 2005 disaster")
            governed = _GOVERNED.search(sentence, low, owner.start())
            if governed and (named := _NAMED.match(sentence, end)):
                return owner.start(), named.end()
        _, ends = layout.spans(self._cue)
        cue = bisect.bisect_right(ends, start) - 1  # the last cue that ends before the date
        if cue >= 0 and ends[cue] < start:
            between = layout.next_stop(ends[cue])
            if between is None or between[1] > start:
                stop = layout.next_stop(end)
                return ends[cue], stop[0] if stop else layout.stripped
        return None


_DESCRIBES = re.compile(r"(?i)(?:centur(?:y|ies)|\d0['’]?s)$")


def describes(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is a century or a decade joined to the noun it
    describes ("a classic 19th-century bank panic", "a 1960s-era missile"): it dates no
    happening, neither the sentence's nor one in passing."""
    return bool(_DESCRIBES.search(sentence, start, end)) and (
        "-" in sentence[start:end] or sentence[end : end + 1] == "-"
    )


def alternatives(words: Iterable[str]) -> str:
    """A regex group of the words, longest first, spaces matching any space; one that
    never matches when there are none, so that an emptied list in the YAML turns its
    rule off."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


_RELATIVE_END = re.compile(r"\s(?:on|in|with|of|during|and|or)", re.I)


def _may_close_relative(sentence: str, low: int, start: int) -> bool:
    """Whether the word before ``start`` is one that ``Words._relative`` ends in ("the truce
    that began on", "wars in"): where it is not, its long pattern need not be tried."""
    end = start
    while end > low and sentence[end - 1].isspace():
        end -= 1
    return end < start and any(
        _RELATIVE_END.fullmatch(sentence, end - n, end) for n in (3, 4, 5, 7) if end - n >= low
    )


def _noun_phrase_start(sentence: str, noun: int) -> int:
    """Where the phrase ending in the noun at ``noun`` begins: its determiner or the
    capitalised words before it ("The truce", "Israel-Gaza wars"), within reach."""
    low = max(0, noun - _REACH)
    if owner := _DETERMINER.search(sentence, low, noun):
        return owner.start()
    start = noun
    for word in reversed(list(re.finditer(r"\S+\s+", sentence[low:noun]))[-2:]):
        if low + word.end() != start or not word.group()[0].isupper():
            break
        start = low + word.start()
    return start


def _more_words(sentence: str, span: tuple[int, int], words: int) -> bool:
    """Whether ``sentence[span]`` has more than ``words`` words (counted no further)."""
    found = itertools.islice(_WORD.finditer(sentence, *span), words + 1)
    return sum(1 for _ in found) > words


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans of the text's quotations, in double quotation marks (one left open runs
    to the end)."""
    return [m.span() for m in _QUOTED.finditer(text)]


def pieces(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence as spans, split at semicolons, dashes, colons and commas
    before a connective, never inside a quotation; short pieces stay with the one before."""
    quoted = quotations(sentence)
    quote_starts = [a for a, _ in quoted]

    def inside_quote(offset: int) -> bool:
        index = bisect.bisect_left(quote_starts, offset) - 1  # the last quote opened before
        return index >= 0 and offset < quoted[index][1]

    cuts = [m for m in _BOUNDARY.finditer(sentence) if not inside_quote(m.start())]
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(sentence)))
    merged: list[tuple[int, int]] = []
    for span in spans:
        work.add("clauses.pieces")
        short = not _more_words(sentence, span, SHORT - 1) or (
            merged and not _more_words(sentence, merged[-1], SHORT - 1)
        )
        if merged and short:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def clause(
    sentence: str, spans: list[tuple[int, int]], layout: Layout | None = None
) -> tuple[int, int]:
    """The span to show for what ``spans`` (dates, figures) report: the whole sentence if
    it is short, else the clauses that hold them. ``layout`` is the sentence's, when the
    caller keeps one for its many dates."""
    layout = layout or Layout(sentence)
    if not spans or not layout.long:
        return 0, len(sentence)
    holding = {index for s, _ in spans if (index := layout.piece_of(s)) is not None}
    if not holding:
        return 0, len(sentence)
    start, end = layout.pieces[min(holding)][0], layout.pieces[max(holding)][1]
    opening = _OPENING.match(sentence, start, end)
    if start and opening and opening.group(1).lower() in DROPPED:
        start = opening.end()
    return start, end


def narrow(sentence: str, span: tuple[int, int], at: int) -> tuple[int, int]:
    """``span``, or where it is longer than ``QUOTE``, the words of it around ``at``."""
    start, end = span
    if end - start <= QUOTE:
        return span
    low = max(start, min(at - QUOTE // 3, end - QUOTE))
    high = min(end, low + QUOTE)
    if low > start and (space := sentence.find(" ", low, at)) >= 0:
        low = space + 1
    if high < end and (space := sentence.rfind(" ", at, high)) > at:
        high = space
    return low, high


def quote(sentence: str, span: tuple[int, int]) -> str:
    """The words of ``span``, with "…" where the sentence goes on."""
    start, end = span
    text = sentence[start:end].strip()
    if start > 0 and not _BLANK.fullmatch(sentence, 0, start):
        text = "…" + text
    if _SHOWN.search(sentence, end):
        text = text + " …" if text.endswith((".", "!", "?")) else text.rstrip(" ,;:–—") + "…"
    return text
