"""Find reported counts (killed, injured, hostages...) with their bounds, group and source.

A number is a figure only when a cue of a category from ``data/figures.yml`` stands
next to it: "a father of seven" or "a six-storey building" count nothing reported.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from text_to_num import text2num

from generator.model import DateMention, Figure, PlaceMention, Scope, Sentence
from generator.text import work
from generator.text.attribution import SAY, Sources, attribution, subject_source
from generator.text.figure_words import FigureWords

_UNITS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million",
}  # fmt: skip
_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_WORDS})(?:(?:[\s-]+|\s+and\s+)(?:{_WORDS}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3}
_NUMBER = re.compile(
    rf"(?<![\w.,/-])(?:(?P<digits>{_DIGITS})(?:\s*(?P<scale>million|billion|thousand|bn|m|k)\b)?"
    rf"|(?P<words>\b{_WORD_NUMBER}\b))(?!\.\d|\d)",
    re.I,
)
# What follows a number that counts something other than a reported figure.
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:-|\s)*(?:years?[\s-]old|year|storey|story|floor|day|week|month|hour|minute|second|night|mile"
    r"|kilomet|km|met(?:er|re)|percent|per\s+cent|%|a\.m\.|p\.m\.|am\b|pm\b|:\d|times\b|phase|stage"
    r"|points?\b|degrees?|o'clock|decades?|centur)",
    re.I,
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"[$£€¥]\s*$"
    r"|(?:father|mother|parent|grandfather|grandmother)\s+of\s+$|\b(?:age|ages)\s+of\s+$|\baged\s+$"
    r"|\bNo\.\s*$|\bnumber\s+$|\bphase\s+$|#\s*$|\bone\s+of\s+$|\bpage\s+$|\bTop\s+$",
    re.I,
)
_ADJECTIVE = re.compile(r"-(?!year|month|week|day)[a-z]")
"""A number joined to the word after it describes ("a one-man campaign", "his 50-date
residency"); "-year-old" and the like are ages, which _NOT_A_COUNT_AFTER rules out."""
_NAMED_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
"""A number between commas after a name is an age: "Dr Murray, 57, denies…"."""
# "Flight 103", "Resolution 425": a capitalized word just before digits names something.
_NAMED_BY_NUMBER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\s+$")
# "1.9 million people, about 85 percent of the population, have been displaced": the
# words between the commas describe the count; the cue comes after them.
# Possessive: a long word tried as up to three would cost the cube of its length.
_APPOSITION = re.compile(r"^(?P<head>\s*+(?:[A-Za-z][\w'’-]*+\s*+){0,3}+),[^,;]{1,60},")
_SUBCOUNT_AFTER = re.compile(r"\s+(?:of\s+them|of\s+whom|among\s+them)\b", re.I)
_SUBCOUNT = re.compile(r"(?:\bincluding|\bwith|\bamong\s+them|\bof\s+whom|\bamong)\s+$", re.I)
_RANGE = re.compile(r"\s*(?:to|-|–|or)\s*", re.I)
_GROUP_STOP = {
    "have", "has", "had", "were", "was", "are", "is", "been", "be", "who", "that", "which", "in",
    "since", "from", "at", "on", "across", "during", "for", "as", "after", "by", "to", "with",
    "including", "into", "while", "when", "and", "or", "but", "amid", "among", "over", "near",
    "the", "a", "an", "their", "its", "his", "her", "according", "under", "taken", "held",
}  # fmt: skip
_SAID_ON = re.compile(rf"\b(?:{SAY})\s+(?:on\s+|late\s+|early\s+)?$")
# A place is where a count happened when a preposition of place introduces it.
_LOCATIVE = re.compile(
    r"(?:\b(?:in|on|at|from|across|near|inside|throughout|around|into"
    r"|fled|fleeing|left|leaving|evacuated|evacuating)"
    r"|\b(?:suburbs?|outskirts|edge|area|parts?|north|south|east|west|centre|center)\s+of)"
    r"\s+(?:the\s+)?$",
    re.I,
)
# A date inside a relative clause ("which began on Oct. 7") dates something else.
_RELATIVE_CLAUSE = re.compile(r"\b(?:which|that|who|when)\b[^,;]*$")

_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;]{0,40}$", re.I)
# "have been killed", "has risen to", "had now killed": a running total, when the verb is
# one of the count's own cues or says that a toll grew (not "who had fled", which
# describes the group).
_PERFECT = re.compile(
    r"(?<!\bwho\s)(?<!\bwhich\s)(?<!\bthat\s)\b(?:have|has|had)\s+"
    r"(?:now\s+|so\s+far\s+|already\s+|since\s+)?(?:been\s+)?(?P<verb>\w+)\b",
    re.I,
)
_POSSESSIVE = re.compile(r"['’]s\b")
# Only a window around a number is searched, never its whole sentence, so that a number
# costs the same in a sentence of any length.
_REACH = 250
"""Characters the words that say what a number counts may span: "the death toll in the
Gaza Strip has now risen to", "the time of writing"."""
_NEAR = 60
"""Characters the words just before a number that rule it out, qualify it or make it a
part of another may span: "grandmother of", "more than", "among them", "Flight"; they
have fewer than ``_NEAR_SPACES`` spaces as well."""
_NEAR_SPACES = 6


def _before(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """A match of ``pattern``, which ends in ``$`` and spans a few words, ending at ``at``."""
    reach = max(0, at - _NEAR)
    low = at
    for _ in range(_NEAR_SPACES):
        low = text.rfind(" ", reach, low)
        if low < 0:
            low = reach
            break
    work.add("figures.chars", at - low)
    return pattern.search(text, low, at)


def _relative_clause(body: str, since: int, at: int) -> bool:
    """Whether a relative clause runs up to ``at`` in ``body[since:at]``, within reach."""
    low = max(since, at - _REACH)
    work.add("figures.chars", at - low)
    if low == since:
        return bool(_RELATIVE_CLAUSE.search(body[since:at]))
    return bool(_RELATIVE_CLAUSE.search(body, low, at))


def _overlaps(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans``, sorted and apart, whose ends are ``ends``."""
    index = bisect.bisect_right(ends, start)
    return index < len(spans) and spans[index][0] < end


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualified: bool


def _parse_number(match: re.Match[str]) -> float | None:
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        return value * _SCALE.get(scale, 1)
    words = match.group("words").lower().replace("-", " ")
    try:
        return float(text2num(" ".join(words.split()), "en"))
    except ValueError:
        return None


def _bounds(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    exact = value == int(value)
    step = 1 if exact else 0
    match qualifier:
        case None:
            return value, value
        case "min":
            return value, None
        case "above":
            return value + step, None
        case "below":
            return None, value - step
        case "max":
            return None, value
        case _:
            return None, None


def _numbers(sentence: str, vocab: FigureWords) -> list[_Number]:
    found: list[_Number] = []
    taken: list[tuple[int, int]] = []
    for match in vocab.vague_pattern.finditer(sentence):
        least, most = vocab.vague[match.group("vague").lower()]
        end = match.end("vague")
        lowest, highest = float(least or 0), None if most is None else float(most)
        found.append(_Number(match.start(), end, lowest, lowest, highest, True))
        taken.append((match.start(), match.end()))
    for match in vocab.one_person_pattern.finditer(sentence):
        start, end = match.span("one") if match.group("one") else match.span("object")
        found.append(_Number(start, end, 1.0, 1.0, 1.0, False))
        taken.append((start, end))
    taken.sort()
    taken_ends = [e for _, e in taken]
    for match in _NUMBER.finditer(sentence):
        work.add("figures.numbers")
        if _overlaps(taken, taken_ends, match.start(), match.end()):
            continue
        value = _parse_number(match)
        if value is None:
            continue
        start, end = match.span()
        high: float | None = value
        joined = _RANGE.match(sentence, end)
        if joined:
            second = _NUMBER.match(sentence, joined.end())
            if second and (other := _parse_number(second)) is not None and other > value:
                high, end = other, second.end()
        low: float | None = value
        qualified = False
        qual = vocab.qualifier_pattern.search(sentence[max(0, start - 20) : start])
        if qual:
            low, high_q = _bounds(value, vocab.qualifiers[qual.group("qual").lower()])
            high = high_q if high == value else high
            start -= len(sentence[max(0, start - 20) : start]) - qual.start()
            qualified = True
        found.append(_Number(start, end, value, low, high, qualified))
    return sorted(found, key=lambda n: n.start)


def _may_follow_cue(sentence: str, at: int, endings: tuple[str, ...]) -> bool:
    """Whether the word before ``at``, and the spaces every cue ends in, could end a cue."""
    end = at
    while end > max(0, at - _REACH) and sentence[end - 1].isspace():
        end -= 1
    longest = max(map(len, endings), default=0)
    return end < at and sentence[max(0, end - longest) : end].lower().endswith(endings)


def _category(sentence: str, number: _Number, vocab: FigureWords, next_start: int) -> str | None:
    after_cues, before_cues = vocab.cues
    low = max(0, number.start - _REACH)
    work.add("figures.chars", next_start - number.end)
    if _may_follow_cue(sentence, number.start, vocab.cue_endings):
        work.add("figures.chars", number.start - low)
        for pattern, category in before_cues:
            if pattern.search(sentence, low, number.start):
                return category
    window = _APPOSITION.sub(r"\g<head> ", sentence[number.end : next_start], count=1)
    window = re.split(r"[,;:]", window, maxsplit=1)[0]  # what follows a comma is another clause
    words = list(itertools.islice(re.finditer(r"\S+", window), 9))
    window = window[: words[-1].end()] if words else ""
    if not vocab.any_after.search(window):
        return None
    best: tuple[bool, int, str] | None = None
    for pattern, category in after_cues:
        match = pattern.search(window)
        # "73 soldiers were killed": a cue that names the counted thing yields to one that
        # says what happened to it
        rank = (
            (bool(vocab.categories[category].get("names_the_counted")), match.start())
            if match
            else None
        )
        if rank and (best is None or rank < best[:2]):
            best = (*rank, category)
    return best[2] if best else None


_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.|[A-Za-z][\w'’-]*|\S")


def _group(sentence: str, number: _Number, vocab: FigureWords) -> str | None:
    """The noun phrase a number counts ("children", "medics and emergency workers"), from
    the words that follow it (``_REACH`` characters of them)."""
    work.add("figures.chars", _REACH)
    rest = re.sub(
        r"^\s+(?:of|among)\s+(?:them|whom)\b|^\s+of\s+",
        " ",
        sentence[number.end : number.end + _REACH],
    )
    after_cues, _ = vocab.cues
    found = list(itertools.islice(_TOKEN.finditer(rest), 8))
    tokens = [t.group() for t in found]
    words: list[str] = []
    for index, word in enumerate(tokens[:7]):
        at = found[index].start()
        is_cue = any(p.match(rest, at) for p, _ in after_cues)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if word == "and" and words and following[:1].isalpha() and following not in _GROUP_STOP:
            words.append(word)
            continue
        participle = word.lower().endswith(("ed", "ing")) and len(word) > 5
        stop = word.lower() in _GROUP_STOP or word.lower() in vocab.period_words
        if not word[0].isalpha() or stop or is_cue or participle:
            break
        words.append(word)
    while words and words[-1] == "and":
        words.pop()
    group = " ".join(words)
    age = (
        re.match(rf"\s*{re.escape(group)}\s+(under\s+the\s+age\s+of\s+\d+)", rest)
        if words
        else None
    )
    if age:
        group = f"{group} {age.group(1)}"
    if not group or group.lower() in vocab.generic_groups:
        return None
    return " ".join(group.split())


def _place(
    body: str,
    number: _Number,
    places: list[PlaceMention],
    starts: list[int],
    offset: int,
    window: tuple[int, int],
    cited: tuple[int, int],
) -> str | None:
    """The place of a count: the nearest place after a preposition of place in its stretch
    of the sentence, after the number first.  A place in an organisation's name
    ("Gaza's Civil Defense Agency") or in the words of the source is not one.
    ``places`` are in text order, starting at ``starts``: only the stretch's are looked at."""
    after: list[tuple[int, str]] = []
    before: list[tuple[int, str]] = []
    first = bisect.bisect_left(starts, window[0] + offset)
    last = bisect.bisect_left(starts, window[1] + offset)
    for mention in places[first:last]:
        work.add("figures.places")
        start, end = mention.start - offset, mention.end - offset
        if cited[0] <= start < cited[1]:
            continue
        if _POSSESSIVE.match(body, end) or not _LOCATIVE.search(body[max(0, start - 30) : start]):
            continue
        (after if start >= number.end else before).append((start, mention.name))
    if after:
        return min(after)[1]
    return max(before)[1] if before else None


@dataclass(frozen=True)
class _Scope:
    period: str | None = None
    start: str | None = None
    end: str | None = None
    kind: Scope | None = None


def _scope(
    body: str,
    number: _Number,
    dates: list[DateMention],
    starts: list[int],
    offset: int,
    window: tuple[int, int],
    category: str,
    vocab: FigureWords,
) -> _Scope:
    """When a count holds: the date or words that bound it, and whether it is a running total.
    ``dates`` are in text order, starting at ``starts``: the first date after the number in
    its own clause, else the last before it, is looked for from the number outwards."""
    first = bisect.bisect_left(starts, window[0] + offset)
    middle = max(first, bisect.bisect_left(starts, number.end + offset))
    last = bisect.bisect_left(starts, window[1] + offset)

    def usable(mention: DateMention) -> bool:
        work.add("figures.dates")
        if mention.precision == "ref" or mention.role == "range_end":
            return False
        # "the ministry said on Thursday" dates the statement, not the count
        return not _before(_SAID_ON, body, mention.start - offset)

    chosen = None
    for mention in dates[middle:last]:
        if usable(mention):
            if not re.search(r"[,;:]", body[number.end : mention.start - offset]):
                chosen = mention  # in the count's own clause
            break  # a later one is further past the same stop
    if chosen is None:
        for mention in reversed(dates[first:middle]):
            if not usable(mention) or _relative_clause(body, window[0], mention.start - offset):
                continue
            between = body[mention.end - offset : number.start]
            if between.count(",") <= 1 and not re.search(r"[;:“”\"]", between):
                chosen = mention
            break  # an earlier one has the same stops between it and the number, and more
    if chosen is not None:
        start = chosen.start - offset
        if chosen.role == "range":  # with the word that opens it: "from Wednesday into Thursday"
            opening = body.rfind(" ", 0, max(0, start - 1)) + 1
            if body[opening:start].strip().lower() not in ("from", "between"):
                opening = start  # "overnight" needs no opening word
            closing = next(
                (d for d in dates if d.role == "range_end" and d.start >= chosen.end), chosen
            )
            words = body[opening : closing.end - offset]
            return _Scope(" ".join(words.split()), chosen.value, chosen.end_value, "period")
        if chosen.role == "since" or _SINCE_CLAUSE.search(body[max(0, start - 50) : start]):
            return _Scope(f"since {chosen.text}", chosen.value, None, "total")
        return _Scope(chosen.text, chosen.value, chosen.value, "period")
    stretch = body[window[0] : window[1]]
    for pattern, words, kind in vocab.period_patterns:
        if pattern.search(stretch):
            return _Scope(words, None, None, kind)
    leading = body[window[0] : number.start]
    if any(pattern.search(leading) for pattern in vocab.toll_patterns[category]):
        return _Scope(kind="total")  # "the toll rose to 300"
    verbs = vocab.running_verbs[category]
    for match in _PERFECT.finditer(body[max(window[0], number.start - 60) : window[1]]):
        if match.group("verb").lower() in verbs:
            return _Scope(kind="total")
    return _Scope()


def _by_sentence(mentions: list) -> dict[str, list]:
    """Mentions by the id of their sentence, in the order given."""
    grouped: dict[str, list] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence, []).append(mention)
    return grouped


def _counts(
    body: str, vocab: FigureWords, in_dates: list[tuple[int, int]], date_ends: list[int]
) -> list[_Number]:
    """The numbers of a sentence that may count something: not part of a date, not ruled
    out by the words around them, not a name ("Flight 17") unless qualified."""
    return [
        n
        for n in _numbers(body, vocab)
        if not _overlaps(in_dates, date_ends, n.start, n.end)
        and not _NOT_A_COUNT_AFTER.match(body, n.end)
        and not vocab.things_pattern.match(body, n.end)
        and not _ADJECTIVE.match(body, n.end)
        and not _before(_NOT_A_COUNT_BEFORE, body, n.start)
        and not (_before(_NAMED_AGE, body, n.start) and body[n.end : n.end + 1] == ",")
        and not (
            body[n.start].isdigit()
            and _before(_NAMED_BY_NUMBER, body, n.start)
            and not _before(vocab.qualifier_pattern, body, n.start)
        )
    ]


def extract(
    text: str,
    sentences: list[Sentence],
    dates: list[DateMention],
    places: list[PlaceMention],
    vocab: FigureWords,
) -> list[Figure]:
    figures: list[Figure] = []
    previous_source: str | None = None
    dates_of = _by_sentence(dates)
    places_of = _by_sentence(places)
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        dates_here = sorted(dates_of.get(sentence.id, ()), key=lambda d: d.start)
        date_starts = [d.start for d in dates_here]
        in_dates = [(d.start - sentence.start, d.end - sentence.start) for d in dates_here]
        date_ends = [e for _, e in in_dates]
        here = places_of.get(sentence.id, [])
        in_order = sorted(here, key=lambda p: p.start)
        place_starts = [p.start for p in in_order]
        numbers = _counts(body, vocab, in_dates, date_ends)
        sources: Sources | None = None
        sentence_figures: list[Figure] = []
        for index, number in enumerate(numbers):
            next_start = numbers[index + 1].start if index + 1 < len(numbers) else len(body)
            category = _category(body, number, vocab, next_start)
            parent = sentence_figures[-1] if sentence_figures else None
            marked = bool(
                _before(_SUBCOUNT, body, number.start) or _SUBCOUNT_AFTER.match(body, number.end)
            )
            if category is None and parent and marked:
                category = parent.category
            if category is None:
                continue
            sources = sources or Sources.of(body)
            source, source_text, source_at = attribution(
                sources, number.start, vocab, here, previous_source
            )
            sub = bool(parent and marked and parent.category == category)
            window = (
                sentence_figures[-1].end - sentence.start if sentence_figures else 0,
                next_start,
            )
            cited = (source_at, source_at + len(source_text)) if source_text else (0, 0)
            place = _place(body, number, in_order, place_starts, sentence.start, window, cited)
            scope = _scope(
                body, number, dates_here, date_starts, sentence.start, window, category, vocab
            )
            if sub and parent:
                place = place or parent.place
                if scope.period is None:
                    scope = _Scope(
                        parent.period, parent.period_start, parent.period_end, parent.scope
                    )
            figure = Figure(
                start=sentence.start + number.start,
                end=sentence.start + number.end,
                text=body[number.start : number.end],
                value=number.value,
                min=number.low,
                max=number.high,
                category=category,
                group=_group(body, number, vocab),
                source=source,
                sentence=sentence.id,
                source_text=source_text,
                place=place,
                period=scope.period,
                period_start=scope.start,
                period_end=scope.end,
                scope=scope.kind,
                part_of=parent.start if sub and parent else None,
            )
            sentence_figures.append(figure)
        figures.extend(sentence_figures)
        if sentence_figures and sentence_figures[-1].source != "unattributed":
            previous_source = sentence_figures[-1].source
        else:
            previous_source = subject_source(body, vocab) or previous_source
    return figures
