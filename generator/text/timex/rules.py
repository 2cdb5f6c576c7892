"""The rules of date tagging for dates written out and calendar units (months, seasons,
quarters, years, decades): each pattern beside the resolver that makes a TimeML value of
what it finds.  Dates said relative to another are ``relative``'s.

The patterns' groups name the day, so no general date parser is needed.  Spans follow
TimeML: the preposition stays out ("on [Thursday]"), the words that say which one stay in
("[last February]", "[early this week]", "[the third quarter of 1984]").  A named group
``span`` narrows the span to part of the match (the context around it only decides
whether it is a date).  Where candidates overlap, the one that starts first wins, then
the longest, then the rule defined first (here, then in ``relative``).
"""

from __future__ import annotations

import datetime as dt
import re

from generator.text.timex.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_FIGURES,
    ORDINALS,
    SEASONS,
    TEENS,
    TENS,
    UNITS,
    WEEKDAYS,
)
from generator.text.timex.resolve import Candidate, Context, Rule, Value, rule, unresolved, words
from generator.timeml import SEASON_START, shift, week_of

RULES: list[Rule] = []
"""In the order they win ties: a span two rules find is the first one's."""

_QUARTERS = {word: n for word, n in ORDINALS.items() if n <= 4} | ORDINAL_FIGURES
_MONTH_WORDS = "|".join(MONTH_NAMES)
_SHORT_MONTHS = "|".join(MONTH_ABBREVIATIONS)
_MONTH = rf"(?:{_MONTH_WORDS}|(?:{_SHORT_MONTHS})\.?)"
_MONTH_ALONE = rf"(?:{_MONTH_WORDS}|(?:{_SHORT_MONTHS})\.)"  # "Jan Kavan" is a man: "Jan." a month
_TENS = rf"(?:{'|'.join(TEENS + TENS)})"
_TENS_PLURAL = rf"(?:{'|'.join(word[:-1] + 'ies' for word in TENS)})"
_UNITS = rf"(?:{'|'.join(UNITS)})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"
_SEASON = "|".join(SEASONS)
EDGE_WORDS = r"the\s+(?:end|beginning|start|middle|close|turn)\s+of"
_EDGE = rf"(?:{EDGE_WORDS})"
_MOD = rf"(?:(?i:early|late|mid)|{_EDGE})"
_ORD = rf"(?:{'|'.join(_QUARTERS)})"
_FISCAL = r"(?:fiscal[\s-]+)"


def _parse_day(day: int, month: int, year: int) -> dt.date | None:
    """The day the numbers name, or None when there is none ("Feb. 30")."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


# --- dates written out ---------------------------------------------------------------------


@rule(
    RULES,
    r"\b(?P<y>1\d\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b",
    r"\b(?P<y>19\d\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\b",
)
def iso(c: Candidate, at: Context) -> Value | None:
    day = _parse_day(int(c.need("d")), int(c.need("m")), int(c.need("y")))
    return Value(day.isoformat(), "day") if day else None


@rule(RULES, r"\b(?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d\d)\b")
def slash(c: Candidate, at: Context) -> Value | None:
    month, day = int(c.need("a")), int(c.need("b"))
    if month > 12:
        month, day = day, month
    year = int(c.need("y"))
    if year < 100:  # the year ending so that lies nearest the reference
        around = at.reference.year if at.reference else 1950
        century = around // 100 * 100
        year = min((century - 100 + year, century + year), key=lambda y: abs(y - around))
    parsed = _parse_day(day, month, year)
    return Value(parsed.isoformat(), "day") if parsed else None


@rule(
    RULES,
    rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<month>{_MONTH})\s+(?P<day>{_DAY})"
    rf"|(?:the\s+)?(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})),?\s+(?P<year>{_YEAR})\b"
    r"(?!\s*[-–]\s*\d)",
)
def full(c: Candidate, at: Context) -> Value | None:
    month = _month_number(c.need("month", "month2"))
    day = _parse_day(_day_number(c.need("day", "day2")), month, int(c.need("year")))
    return Value(day.isoformat(), "day") if day else None


@rule(
    RULES,
    rf"\b(?P<d1>{_DAY})\s*(?:-|–|to|and)\s*(?P<d2>{_DAY})\s+(?P<month>{_MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?\b"
    rf"|\b(?P<month2>{_MONTH})\s+(?P<d3>{_DAY})\s*(?:-|–)\s*(?P<d4>{_DAY})\b"
    rf"(?:,?\s+(?P<year2>{_YEAR}))?(?!\d)",
)
def day_range(c: Candidate, at: Context) -> Value | None:
    month = _month_number(c.need("month", "month2"))
    first, last = (
        _day_number(c.need(k)) for k in (("d1", "d2") if c.groups["d1"] else ("d3", "d4"))
    )
    if first >= last:
        return None
    explicit = c.groups["year"] or c.groups["year2"]
    year = int(explicit) if explicit else at.year_of(c, month, first)
    if year is None:
        return Value(
            f"XXXX-{month:02d}-{first:02d}",
            "day",
            f"XXXX-{month:02d}-{last:02d}",
            "year unknown: no reference date",
        )
    start, end = _parse_day(first, month, year), _parse_day(last, month, year)
    if not (start and end):
        return None
    return Value(start.isoformat(), "day", end.isoformat())


@rule(
    RULES,
    rf"\b(?:(?P<approx>around|about)\s+)?(?:(?P<rel>this\s+coming|next|last|coming)\s+)?"
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?![,.]?\d)"
    rf"|(?:the\s+)?(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})\b)",
)
def month_day(c: Candidate, at: Context) -> Value | None:
    month = _month_number(c.need("month", "month2"))
    day = _day_number(c.need("day", "day2"))
    if day > 31:
        return None
    year = at.year_of(c, month, day, c.groups["rel"])
    weekday_name = c.groups["wd"]
    if weekday_name and year is not None:
        # "Monday, Oct. 26": the year near the chosen one in which that day is a Monday
        weekday = WEEKDAYS.index(weekday_name)
        fits = [
            y
            for y in (year, year - 1, year + 1)
            if (d := _parse_day(day, month, y)) and d.weekday() == weekday
        ]
        year = fits[0] if fits else year
    if year is None:
        return Value(f"XXXX-{month:02d}-{day:02d}", "day", None, "year unknown: no reference date")
    parsed = _parse_day(day, month, year)
    return Value(parsed.isoformat(), "day") if parsed else None


# --- months, seasons, quarters, years and longer --------------------------------------------


@rule(
    RULES,
    rf"\b(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH})(?:\s+of)?,?\s+"
    rf"(?:(?P<year>{_YEAR})\b|(?P<rel>last|this|next)\s+year\b)",
)
def month_year(c: Candidate, at: Context) -> Value | None:
    month = _month_number(c.need("month"))
    if year := c.groups["year"]:
        return Value(f"{year}-{month:02d}", "month")
    if not at.reference:
        return unresolved("relative to an unknown date")
    step = {"last": -1, "this": 0, "next": 1}[c.need("rel")]
    return Value(f"{at.reference.year + step}-{month:02d}", "month")


_MONTH_OR_WORD = ("May", "March")
"""Words as well as months: only the words around them make them months."""
_BEFORE_A_MONTH = ("in", "since", "until", "by", "of", "through", "during", "from", "before",
                   "after", "till", "to", "and", "or", "early", "late", "mid")  # fmt: skip


@rule(
    RULES,
    r"\b(?P<span>(?:(?P<rel>(?i:this\s+past|this\s+coming|last|this|next"
    rf"|coming))\s+)?(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH_ALONE}))(?!\w)(?!\s*\d)",
)
def month(c: Candidate, at: Context) -> Value | None:
    word = c.need("month")
    if (
        word in _MONTH_OR_WORD
        and not (c.groups["rel"] or c.groups["mod"])
        and at.word_before(c) not in _BEFORE_A_MONTH
    ):
        return None
    number = _month_number(word)
    rel = words(c.groups["rel"])
    ref = at.reference
    if ref and rel in ("last", "this past"):
        return Value(f"{ref.year - (1 if number >= ref.month else 0)}-{number:02d}", "month")
    if ref and rel in ("next", "this coming", "coming"):
        return Value(f"{ref.year + (1 if number <= ref.month else 0)}-{number:02d}", "month")
    if ref and rel == "this":
        return Value(f"{ref.year}-{number:02d}", "month")
    year = at.year_of(c, number, 15)
    if year is None:
        return Value(f"XXXX-{number:02d}", "month", None, "year unknown: no reference date")
    if ref and (year, number) == (ref.year + 1, ref.month):
        year = ref.year
    return Value(f"{year}-{number:02d}", "month")


@rule(
    RULES,
    rf"\b(?i:the)\s+week\s+of\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?",
)
def week_of_day(c: Candidate, at: Context) -> Value | None:
    month, day = _month_number(c.need("month")), _day_number(c.need("day"))
    written = c.groups["year"]
    year = int(written) if written else at.year_of(c, month, day)
    parsed = _parse_day(day, month, year) if year else None
    if parsed is None:
        return unresolved("relative to an unknown date")
    return Value(week_of(parsed), "week")


_BEFORE_A_SEASON = ("in", "since", "until", "by", "during", "this", "last", "next", "through")


@rule(
    RULES,
    r"\b(?P<span>(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next"
    r"|the))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
    rf"(?P<season>(?i:{_SEASON}))"
    rf"(?:(?:\s+of)?\s+(?P<year>{_YEAR}))?)\b(?!\s+of\s+(?!{_YEAR}))",
)
def season(c: Candidate, at: Context) -> Value | None:
    code = SEASONS[c.need("season").lower()]
    if written := c.groups["year"]:
        return Value(f"{written}-{code}", "season")
    rel = words(c.groups["rel"])
    if not (rel or c.groups["mod"]) and at.word_before(c) not in _BEFORE_A_SEASON:
        return None  # "prices fall", "spring into action"
    if not at.reference:
        return unresolved("relative to an unknown date")
    ref = at.reference
    start = SEASON_START[code]
    begun = ref.year if ref.month >= start else ref.year - 1  # the last one to start
    if rel == "last":
        current = (ref.year * 12 + ref.month) - (begun * 12 + start) < 3
        year = begun - 1 if current else begun
    elif rel in ("next", "this coming"):
        year = begun + 1
    elif rel == "this":
        year = ref.year
    elif rel == "this past":
        year = begun
    else:
        year = begun + 1 if at.tense(c) == "future" else begun
    return Value(f"{year}-{code}", "season")


@rule(
    RULES,
    # "the third quarter", "third-quarter profit": an article stays out of an adjective.
    rf"\b(?:(?i:the|this|that)\s+(?!(?:\S+\s+){{0,3}}(?i:{_ORD})-(?i:quarter)))?"
    r"(?:(?P<ago>(?i:comparable\s+)?year-(?:earlier|ago))\s+)?"
    rf"(?:(?P<yr>{_YEAR}|(?i:this|last|next)\s+year's)\s+)?{_FISCAL}?"
    rf"(?P<ord>(?i:{_ORD}))(?:-|\s+)(?:fiscal[\s-]+)?(?i:quarter)\b"
    rf"(?:\s+of\s+(?:{_FISCAL}?(?P<year>{_YEAR})\b|(?P<rel>this|last|next)\s+year\b))?",
)
def quarter(c: Candidate, at: Context) -> Value | None:
    number = _QUARTERS[c.need("ord").lower()]
    written, before = c.groups["year"], c.groups["yr"]
    if written:
        year = int(written)
    elif before and before[0].isdigit():
        year = int(before)
    else:
        if not at.reference:
            return unresolved("relative to an unknown date")
        rel = (c.groups["rel"] or before or "").lower()
        year = at.reference.year + (
            -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
        )
    if c.groups["ago"]:
        return Value(f"{year - 1}-Q{number}", "quarter", anaphoric=True)
    return Value(f"{year}-Q{number}", "quarter")


def _quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _previous_quarter(value: str) -> str:
    year, number = int(value[:4]), int(value[6])
    return f"{year}-Q{number - 1}" if number > 1 else f"{year - 1}-Q4"


def _topic_quarter(at: Context) -> str | None:
    """The quarter a report is about: the last one named, else the last one completed."""
    if at.topics:
        return at.topics[-1]
    return _previous_quarter(_quarter_of(at.reference)) if at.reference else None


@rule(
    RULES,
    r"\b(?P<span>(?i:the|this|that)\s+(?P<which>(?:(?i:latest|current|most\s+recent|comparable"
    rf"|corresponding|same|year-earlier|year-ago|previous|prior|{_YEAR})\s+)*)"
    r"(?:fiscal\s+)?(?P<unit>quarter|period)"
    r"(?P<last>\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))?)\b"
    r"|\b(?P<span2>(?P<ago2>(?i:year-(?:earlier|ago)))(?:\s+(?P<unit2>quarter|period))?)\b"
    r"|\b(?P<span3>(?i:last|this|next)\s+year's\s+(?:quarter|period))\b",
)
def quarter_ref(c: Candidate, at: Context) -> Value | None:
    g = c.groups
    which = words(g["which"])
    if span3 := g["span3"]:
        which = span3.lower()
    explicit = re.search(r"\d{4}", which)
    ago = bool(g["ago2"] or g["last"] or "year-" in which or "last year" in which)
    if g["span"] and not (which or g["unit"] == "quarter"):
        return None  # "the period" alone names no time
    if "current" in which and at.reference:
        return Value(_quarter_of(at.reference), "quarter")
    topic = _topic_quarter(at)
    if topic is None:
        return unresolved("relative to an unknown date")
    value: str | None
    if explicit:
        value = f"{explicit.group()}{topic[4:]}"
    elif "previous" in which or "prior" in which:
        value = _previous_quarter(topic)
    else:
        value = shift(topic, "year", -1) if ago else topic
    return Value(value, "quarter", anaphoric=True)


@rule(
    RULES,
    rf"\b(?:the\s+)?(?P<which>first|second|last|latter)\s+half\s+of\s+"
    rf"(?:(?P<year>{_YEAR})\b|(?P<rel>this|last|next|the)\s+year\b)"
    rf"|(?P<before>\bthe\s+)?\b(?P<span>first\s+two\s+quarters\s+of\s+(?P<year2>{_YEAR}))\b",
)
def half(c: Candidate, at: Context) -> Value | None:
    if first_two := c.groups["year2"]:
        return Value(f"{first_two}-H1", "half")
    number = 1 if c.groups["which"] == "first" else 2
    if written := c.groups["year"]:
        return Value(f"{written}-H{number}", "half")
    if not at.reference:
        return unresolved("relative to an unknown date")
    year = at.reference.year + {"last": -1, "next": 1}.get(c.groups["rel"] or "", 0)
    return Value(f"{year}-H{number}", "half")


@rule(RULES, rf"\b(?P<y1>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|\d\d)\b(?![-/]\d)")
def year_range(c: Candidate, at: Context) -> Value | None:
    first, second = c.need("y1"), c.need("y2")
    if len(second) == 2:
        second = first[:2] + second
    if not 0 < int(second) - int(first) < 100:
        return None
    return Value(first, "year", second)


@rule(
    RULES,
    r"\b(?:(?i:the)\s+(?P<mod>early|mid|late)[\s-]*|(?P<mod2>(?i:early|mid|late))[\s-]+|mid-)?"
    r"(?:(?P<decade>(?:1\d\d0|20\d0)(?=s)|(?:1[6-9]\d0|20\d0)(?=['’]s\b(?!\s+of\b)))['’]?s"
    r"|'(?P<short>\d0)s)\b"
    rf"|\b(?i:the)\s+(?:(?:early|mid|late)[\s-]+)?(?P<tens>{_TENS_PLURAL})\b",
)
def decade(c: Candidate, at: Context) -> Value | None:
    if written := c.groups["decade"]:
        return Value(written[:3], "decade")
    century = (at.reference.year // 100) if at.reference else 19
    if tens_word := c.groups["tens"]:
        number = century * 10 + NUMBER_WORDS[tens_word.lower().replace("ies", "y")] // 10
    else:
        number = century * 10 + int(c.need("short")[0])
    if at.reference and number * 10 > at.reference.year:
        number -= 10
    return Value(str(number), "decade")


@rule(
    RULES,
    rf"\b(?:(?i:the\s+year)\s+)?(?P<spelled>(?i:nineteen|twenty)[\s-]+(?:hundred\s+(?:and\s+)?)?"
    rf"(?P<tens>{_TENS})(?:[\s-]+(?P<unit>{_UNITS}))?|(?i:nineteen\s+hundred)"
    rf"|(?i:two\s+thousand)(?:\s+(?:and\s+)?(?P<after>{_UNITS}|{'|'.join(TEENS[:3])}))?)\b",
)
def spelled(c: Candidate, at: Context) -> Value | None:
    """Years in words, as transcripts write them: "nineteen ninety-six", "two thousand"."""
    words = c.need("spelled").lower().split()
    if words[0] == "two":
        after = NUMBER_WORDS.get((c.groups["after"] or "").lower(), 0)
        return Value(str(2000 + after), "year")
    tens, unit = c.groups["tens"], c.groups["unit"]
    if tens is None:
        return Value("1900", "year")
    hundreds = 1900 if words[0] == "nineteen" else 2000
    units = NUMBER_WORDS[unit.lower()] if unit else 0
    return Value(str(hundreds + NUMBER_WORDS[tens.lower()] + units), "year")


@rule(RULES, r"\b(?:(?i:the)\s+)?(?P<nth>[1-9]|1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b")
def century(c: Candidate, at: Context) -> Value | None:
    return Value(f"{int(c.need('nth')) - 1:02d}", "century")


@rule(RULES, r"\b(?:(?i:around|about)\s+)?(?i:year[\s-]end)\b")
def year_end(c: Candidate, at: Context) -> Value | None:
    """ "By year-end": the December ahead, "since year-end": the one past."""
    if not at.reference:
        return unresolved("relative to an unknown date")
    before = at.text[max(0, c.start - 8) : c.start].lower()
    past = "since" in before or at.tense(c) == "past"
    year = at.reference.year - (1 if past and at.reference.month < 12 else 0)
    return Value(f"{year}-12", "month")


_NUMBERED = re.compile(r"(?:No\.|number|Nos?|page|p\.|Flight|Route|Resolution)\s*$")
_TIME_BEFORE = re.compile(r"\d[:.]\d\d\s*[+-]?$")
"""A time of day just before: "10:00 +1100" is a time zone, not a year."""
FAR_YEARS = 30
"""A bare year this far from the reference date is read only after a word that governs a
year ("in 1842", "since 1948", "the 1600 census"): a far four-digit number is more often a
count or a name."""
_YEAR_CUE = re.compile(
    r"(?i:\b(?:in|since|of|by|until|till|from|to|and|or|between|before|after|during|around"
    r"|about|circa|c\.|year|the|early|late|mid|born|died|d\.|b\.)\s+|[(,–-]\s*)$"
)


@rule(
    RULES,
    rf"\b(?P<span>(?:(?P<mod>{_FISCAL}|(?i:the\s+year)\s+|{_MOD}[\s-]+))?(?P<year>{_YEAR}))\b",
)
def year(c: Candidate, at: Context) -> Value | None:
    if at.text[max(0, c.start - 1) : c.start] in ("$", "#", "£", "€", "№", "+"):
        return None
    if at.vocabulary.not_year_after.match(at.text, c.end):
        return None
    before = at.text[max(0, c.start - 12) : c.start]
    if _NUMBERED.search(before) or _TIME_BEFORE.search(before):
        return None
    written = c.need("year")
    far = at.reference and abs(int(written) - at.reference.year) > FAR_YEARS
    if far and not c.groups["mod"] and not _YEAR_CUE.search(before):
        return None  # "the blog 1600 said": a far year needs a word that governs a year
    return Value(written, "year")
