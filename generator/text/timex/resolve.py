"""What a date expression is resolved against: the reference date (normally the article's
publication date), the tense of its clause, which decides between the last and the next
occurrence of a weekday or of a month without a year, and the dates mentioned before it,
which relative expressions ("a week later") count from.

Nothing is ever dated by the machine's clock: without a reference date, a relative
expression stays unresolved.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator.model import DateMention, Precision, Role, Sentence
from generator.text.timex.words import DateWords
from generator.timeml import shape

# Tense cues, lower case on purpose: "May" and "Ahmed" are not cues.
FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|(?:would|should|could|may|might|must)(?!\s+have\b)"
    r"|(?:is|are|was|were)\s+(?:going|planning|expected|scheduled|due|set|about)\s+to"
    r"|going\s+to|plans?\s+to|planning\s+to|planned|expects?|expected\s+to|is\s+to|are\s+to"
    r"|scheduled|slated|due\s+to|set\s+to|hopes?\s+to|intends?\s+to|aims?\s+to|upcoming"
    r"|payable|effective|expires?|until|deadline|on\s+(?:schedule|track|course)\s+to"
    r"|aiming)\b"
)
PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|met|began|came|went|took|made|gave|left|held|fled|fell"
    r"|rose|sold|bought|spoke|wrote|saw|found|got|led|won|lost|shot|brought|sent|struck|broke"
    r"|ran|ago|since|(?:would|should|could|may|might|must)\s+have)\b"
)
# A word in -ed may be an adjective ("preferred shares"): it counts as if further away.
WEAK_PAST = re.compile(r"\b(?:[a-z]{2,}ed|set)\b")
WEAK = 5
NEAR_FUTURE_DAYS = 183
FUTURE_REACH_DAYS = 300
"""How far ahead a day or month without a year, in a clause about the future, may lie."""
_NOT_PAST = re.compile(
    r"scheduled|expected|planned|proposed|slated|need|feed|speed|based|red|bed|armed|hundred"
    r"|indeed|proceed|succeed|exceed|seed|shed|alleged|embed|embedded"
)
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+$")  # "must be returned by Jan. 14" is not past
_CLAUSE_END = re.compile(
    r"[;:!?]|\.\s|\s[-–—]\s"
    r"|,\s+(?:where|which|who|whom|when|while|after|before|because|but|although|though)\b"
)
_WORD_BEFORE = re.compile(r"\b(\w+)\s+$")
SINCE = re.compile(r"\bsince\s+$", re.I)

Tense = Literal["past", "future"] | None
"""Where a clause looks, or None where it shows neither."""
_TENSE_OF: dict[str, Tense] = {"last": "past", "next": "future", "coming": "future",
                               "this coming": "future"}  # fmt: skip
"""The tense a word before a month says outright."""


@dataclass(frozen=True)
class Value:
    """What a rule makes of a candidate."""

    value: str | None
    precision: Precision
    end: str | None = None
    note: str = ""
    anaphoric: bool = False
    """Counted from another mention ("a year earlier"), so never an anchor itself."""


def unresolved(note: str) -> Value:
    return Value(None, "unresolved", None, note)


Resolver = Callable[["Candidate", "Context"], Value | None]


@dataclass(frozen=True)
class Rule:
    """A pattern that finds candidates, and the resolver that makes a value of each."""

    pattern: re.Pattern[str]
    resolve: Resolver


def rule(rules: list[Rule], *patterns: str) -> Callable[[Resolver], Resolver]:
    """Add to ``rules`` the decorated resolver, for what each of ``patterns`` finds."""

    def register(resolve: Resolver) -> Resolver:
        rules.extend(Rule(re.compile(pattern), resolve) for pattern in patterns)
        return resolve

    return register


@dataclass(frozen=True)
class Candidate:
    """A span a rule found, before resolution."""

    rule: Rule
    start: int
    end: int
    groups: dict[str, str | None]

    def need(self, *names: str) -> str:
        """The first of the groups ``names`` that matched: where a rule reads them, its
        pattern makes one match."""
        for name in names:
            if found := self.groups[name]:
                return found
        raise LookupError(f"none of the groups {names} matched")


def words(group: str | None) -> str:
    """A group's words, lower case and singly spaced ("" where it did not match)."""
    return " ".join((group or "").lower().split())


def nearest_year(month: int, day: int, reference: dt.date, tense: Tense) -> int | None:
    """The year of a month (and day) given without one, seen from ``reference``."""
    found = nearest(lambda year: dt.date(year, month, min(day, 28)), reference, tense)
    return found.year if found else None


def nearest(
    on: Callable[[int], dt.date | None], reference: dt.date, tense: Tense
) -> dt.date | None:
    """The occurrence of a yearly day, ``on(year)``, that a clause of ``tense`` means.

    Past tense: the last occurrence on or before the reference date; future tense: the
    next one on or after it, unless that is most of a year ahead; no tense: the last one,
    unless the next is close ahead, for news speaks of the past.
    """
    days = [d for year in range(reference.year - 1, reference.year + 2) if (d := on(year))]
    if tense == "future":
        ahead = next((d for d in days if d >= reference), None)
        if ahead and (ahead - reference).days <= FUTURE_REACH_DAYS:
            return ahead
        # "will meet on June 16", written on June 28: a plan of a year ahead would say so.
    if tense is None:
        soon = next((d for d in days if d > reference), None)
        if soon and (soon - reference).days <= NEAR_FUTURE_DAYS:
            return soon
    past = [d for d in days if d <= reference]
    return past[-1] if past else None


class Context:
    """One text being read: its reference date, its curated words, and what the dates
    resolved so far leave for the next ones."""

    def __init__(self, text: str, reference: dt.date | None, vocabulary: DateWords) -> None:
        self.text = text
        self.reference = reference
        self.vocabulary = vocabulary
        self.anchors: list[tuple[int, str]] = []  # (end offset, value) of dates others count from
        self.topics: list[str] = []  # quarters named outright
        self.written: tuple[int, int] | None = None  # (end, year) of the last date with its year

    @functools.cached_property
    def newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def mention(self, candidate: Candidate, sentence: Sentence) -> DateMention | None:
        """The candidate resolved by its rule, and remembered for those after it."""
        try:
            result = candidate.rule.resolve(candidate, self)
        except (ValueError, OverflowError):
            return None  # date arithmetic past the calendar's ends (year 1 or 9999)
        if result is None:
            return None
        before = self.text[max(0, candidate.start - 12) : candidate.start]
        role: Role = "since" if SINCE.search(before) else "point"
        if result.end:
            role = "range"
        value = result.value
        text = self.text[candidate.start : candidate.end]
        if value and value[:1].isdigit():
            if shape(value) == "other":
                return None  # outside the years a TimeML value can write
            if not result.anaphoric:
                self.anchors.append((candidate.end, value))
                if result.precision == "quarter":
                    self.topics.append(value)
            if re.search(rf"\b{value[:4]}\b", text):
                self.written = (candidate.end, int(value[:4]))
        return DateMention(
            start=candidate.start,
            end=candidate.end,
            text=text,
            value=value,
            precision=result.precision if value else "unresolved",
            sentence=sentence.id,
            end_value=result.end,
            role=role,
            note=result.note,
        )

    def tense(self, candidate: Candidate) -> Tense:
        """The tense of the clause around a mention: the nearest tense cue decides."""
        left_edge = max(0, candidate.start - 70)
        left = self.text[left_edge : candidate.start]
        cut = [m.end() for m in _CLAUSE_END.finditer(left)]
        if cut:
            left_edge += cut[-1]
            left = left[cut[-1] :]
        right = self.text[candidate.end : candidate.end + 50]
        stop = _CLAUSE_END.search(right)
        if stop:
            right = right[: stop.start()]
        if re.match(r"['’]s\b", right):
            return "past"  # "Wednesday's ruling": an event already named
        best: tuple[int, Tense] | None = None
        cues: tuple[tuple[re.Pattern[str], Tense, int], ...] = (
            (FUTURE, "future", 1),
            (PAST, "past", 1),
            (WEAK_PAST, "past", WEAK),
        )
        for side, part in (("left", left), ("right", right)):
            for pattern, tense, weight in cues:
                for match in pattern.finditer(part):
                    if tense == "past" and (
                        _NOT_PAST.fullmatch(match.group())
                        or _PASSIVE.search(part, 0, match.start())
                    ):
                        continue
                    # A cue before the date is the likelier governor of it.
                    distance = len(part) - match.end() if side == "left" else match.start() + 8
                    if best is None or (distance + 1) * weight < best[0]:
                        best = ((distance + 1) * weight, tense)
        return best[1] if best else None

    def word_before(self, candidate: Candidate) -> str:
        """The word just before a mention, where only spaces part them ("in May")."""
        found = _WORD_BEFORE.search(self.text, max(0, candidate.start - 30), candidate.start)
        return found.group(1).lower() if found else ""

    def anchor(self, candidate: Candidate) -> str | None:
        """The date an anaphoric expression ("a week later") counts from: the last one mentioned."""
        if self.anchors and candidate.start - self.anchors[-1][0] < 600:
            return self.anchors[-1][1]
        return None

    def paragraph_year(self, candidate: Candidate) -> int | None:
        """The year of the last date written with its year in the paragraph, before the
        candidate (kept as mentions are resolved: looking back through them made a
        paragraph of dates without years quadratic)."""
        before = bisect.bisect_left(self.newlines, candidate.start)
        since = self.newlines[before - 1] if before else -1
        if self.written and self.written[0] > since:
            return self.written[1]
        return None

    def year_of(
        self, candidate: Candidate, month: int, day: int, rel: str | None = None
    ) -> int | None:
        """The year of a month (and day) written without one.

        The reference date and the tense give it; without a reference date, the last
        year written in the paragraph does.
        """
        if not self.reference:
            return self.paragraph_year(candidate)
        tense = _TENSE_OF.get(" ".join((rel or "").lower().split())) or self.tense(candidate)
        return nearest_year(month, day, self.reference, tense)
