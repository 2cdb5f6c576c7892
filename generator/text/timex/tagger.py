"""Find calendar-date expressions and normalize them to TimeML values.

Candidates come from the patterns of ``rules`` and ``relative``, and of the holidays, and
the longest one starting first wins.  Relative expressions are resolved against a
reference date, normally the article's publication date, and stay unresolved when there
is none: nothing is ever dated by the machine's clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from generator.model import DateMention, Published, Sentence
from generator.text import work
from generator.text.timex import published, relative, rules, speech
from generator.text.timex.resolve import Candidate, Context, Rule
from generator.text.timex.words import DateWords

__all__ = ["DateWords", "extract", "extract_bounded", "infer_published", "parse_iso"]

RULES = (*rules.RULES, *relative.RULES)
"""Every rule but the holidays', in the order they win ties."""


def extract(
    text: str, sentences: list[Sentence], reference: dt.date | None, vocabulary: DateWords
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``reference`` where one is needed."""
    return extract_bounded(text, sentences, reference, vocabulary)[0]


def extract_bounded(
    text: str,
    sentences: list[Sentence],
    reference: dt.date | None,
    vocabulary: DateWords,
    per_sentence: int | None = None,
    per_text: int | None = None,
) -> tuple[list[DateMention], dict[str, int]]:
    """The dates of ``text`` (as ``extract``), the first ``per_sentence`` of each sentence
    and ``per_text`` of the text at most, and where reading stopped: the offset of the
    first candidate left unread, by sentence id ("" for the text). Unread, a candidate is
    not counted from either ("a week later")."""
    context = Context(text, reference, vocabulary)
    starts = [s.start for s in sentences]
    mentions: list[DateMention] = []
    kept: Counter[str] = Counter()
    stops: dict[str, int] = {}
    for candidate in _candidates(text, vocabulary):
        work.add("dates.candidates")
        index = bisect.bisect_right(starts, candidate.start) - 1
        if index < 0 or candidate.start >= sentences[index].end:
            continue
        sentence = sentences[index]
        if per_text is not None and len(mentions) >= per_text:
            stops[""] = candidate.start
            break
        if per_sentence is not None and kept[sentence.id] >= per_sentence:
            stops.setdefault(sentence.id, candidate.start)
            continue
        mention = context.mention(candidate, sentence)
        if mention is not None:
            mentions.append(mention)
            kept[sentence.id] += 1
    return speech.said_on(text, _join_ranges(text, mentions)), stops


def _candidates(text: str, vocabulary: DateWords) -> list[Candidate]:
    """What the rules find, where they overlap the one starting first, then the longest."""
    found: list[tuple[int, int, int, Candidate]] = []
    holidays = vocabulary.holidays.pattern
    every = RULES + ((Rule(holidays, relative.holiday),) if holidays else ())
    for order, rule in enumerate(every):
        for match in rule.pattern.finditer(text):
            groups = match.groupdict()
            span = next((n for n in ("span", "span2", "span3") if groups.get(n)), None)
            start, end = match.span(span) if span else match.span()
            found.append((start, -(end - start), order, Candidate(rule, start, end, groups)))
    chosen: list[Candidate] = []
    reach = -1
    for start, _, _, candidate in sorted(found, key=lambda item: item[:3]):
        if start >= reach:
            chosen.append(candidate)
            reach = candidate.end
    return chosen


_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:into|to|through|until|till|and|-|–)\s*$", re.I)


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "from Wednesday into Thursday": the first mention carries the range, the second ends it."""
    joined = list(mentions)
    for index in range(len(joined) - 1):
        first, second = joined[index], joined[index + 1]
        if first.sentence != second.sentence or not (first.value and second.value):
            continue
        if first.precision != second.precision or first.role != "point":
            continue
        opening = text[max(0, first.start - 10) : first.start]
        if _RANGE_OPEN.search(opening) and _RANGE_JOIN.match(text[first.end : second.start]):
            joined[index] = replace(first, role="range", end_value=second.value)
            joined[index + 1] = replace(second, role="range_end")
    return joined


def infer_published(text: str, sentences: list[Sentence], vocabulary: DateWords) -> Published:
    """Guess the publication date from what the text itself shows, with the evidence
    (``published.infer``): dates written out, read without the holidays."""
    written = DateWords(vocabulary.counted)
    return published.infer(text, extract(text, sentences, None, written))


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
