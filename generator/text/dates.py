"""Find calendar-date expressions and normalize them to TimeML values.

Candidates come from our own patterns, and the longest one starting first wins; the
patterns' groups name the day, so no general date parser is needed.  Spans follow
TimeML: the preposition stays out ("on [Thursday]"), the words that say which one stay
in ("[last February]", "[early this week]", "[the third quarter of 1984]").

Relative expressions are resolved against a reference date, normally the article's
publication date, and stay unresolved when there is none: nothing is ever dated by
the machine's clock.  The tense of the clause decides between the last and the next
occurrence of a weekday or of a month without a year.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.model import DateMention, Published, Sentence
from generator.text import work
from generator.text.holidays import Calendar

NO_HOLIDAYS = Calendar()

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
REFERENCES = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_ALONE = (  # an abbreviation alone needs its full stop: "Jan Kavan" is a man
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TENS_PLURAL = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_EDGE_WORDS = r"the\s+(?:end|beginning|start|middle|close|turn)\s+of"
_EDGE = rf"(?:{_EDGE_WORDS})"
_MOD = rf"(?:(?i:early|late|mid)|{_EDGE})"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_NUM = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a\s+few"
    r"|several|\d+)"
)
_APPROX = r"(?:(?i:almost|nearly|about|around|roughly|some|approximately|more\s+than|over)\s+)"
_FISCAL = r"(?:fiscal[\s-]+)"

# What a four-digit number counts makes it a quantity, not a year ("2000 people", "1800 GMT").
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|[.,]\d|-\d|(?:GMT|EST|EDT|UTC|hours|hrs|local\s+time|a\.m\.|p\.m\.)\b)"
    r"|\s+(?:[a-z]+\s+)?(?:people|persons|troops|soldiers|civilians|refugees|children|men|women"
    r"|homes|houses|buildings|units|tons|tonnes|shares|barrels|votes|families|workers|employees"
    r"|members|fighters|militants|rockets|missiles|shells|vehicles|trucks|dollars|km|kilometres"
    r"|kilometers|miles|metres|meters|feet|calories|deaths|dead|injured|wounded|killed)\b"
)

Pattern = re.Pattern[str]


def _p(pattern: str) -> Pattern:
    return re.compile(pattern)


# Every pattern may offer a candidate; where candidates overlap, the one that starts
# first wins, then the longest.  A named group ``span`` narrows the span to part of
# the match (the context around it only decides whether it is a date).
PATTERNS: list[tuple[str, Pattern]] = [
    ("iso", _p(r"\b(?P<y>1\d\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("iso", _p(r"\b(?P<y>19\d\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("slash", _p(r"\b(?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d\d)\b")),
    (
        "full",
        _p(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<month>{_MONTH})\s+(?P<day>{_DAY})"
            rf"|(?:the\s+)?(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})),?\s+(?P<year>{_YEAR})\b"
            r"(?!\s*[-–]\s*\d)"
        ),
    ),
    (
        "day_range",
        _p(
            rf"\b(?P<d1>{_DAY})\s*(?:-|–|to|and)\s*(?P<d2>{_DAY})\s+(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?\b"
            rf"|\b(?P<month2>{_MONTH})\s+(?P<d3>{_DAY})\s*(?:-|–)\s*(?P<d4>{_DAY})\b"
            rf"(?:,?\s+(?P<year2>{_YEAR}))?(?!\d)"
        ),
    ),
    (
        "month_day",
        _p(
            rf"\b(?:(?P<approx>around|about)\s+)?(?:(?P<rel>this\s+coming|next|last|coming)\s+)?"
            rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?![,.]?\d)"
            rf"|(?:the\s+)?(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})\b)"
        ),
    ),
    (
        "month_year",
        _p(
            rf"\b(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH})(?:\s+of)?,?\s+"
            rf"(?:(?P<year>{_YEAR})\b|(?P<rel>last|this|next)\s+year\b)"
        ),
    ),
    (
        "month",
        _p(
            r"\b(?P<span>(?:(?P<rel>(?i:this\s+past|this\s+coming|last|this|next"
            rf"|coming))\s+)?(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH_ALONE}))(?!\w)(?!\s*\d)"
        ),
    ),
    (
        "week_of",
        _p(
            rf"\b(?i:the)\s+week\s+of\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    (
        "season",
        _p(
            r"\b(?P<span>(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next"
            r"|the))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
            r"(?P<season>(?i:spring|summer|autumn|fall|winter))"
            rf"(?:(?:\s+of)?\s+(?P<year>{_YEAR}))?)\b(?!\s+of\s+(?!{_YEAR}))"
        ),
    ),
    (
        # "the third quarter", "third-quarter profit": an article stays out of an adjective.
        "quarter",
        _p(
            rf"\b(?:(?i:the|this|that)\s+(?!(?:\S+\s+){{0,3}}(?i:{_ORD})-(?i:quarter)))?"
            r"(?:(?P<ago>(?i:comparable\s+)?year-(?:earlier|ago))\s+)?"
            rf"(?:(?P<yr>{_YEAR}|(?i:this|last|next)\s+year's)\s+)?{_FISCAL}?"
            rf"(?P<ord>(?i:{_ORD}))(?:-|\s+)(?:fiscal[\s-]+)?(?i:quarter)\b"
            rf"(?:\s+of\s+(?:{_FISCAL}?(?P<year>{_YEAR})\b|(?P<rel>this|last|next)\s+year\b))?"
        ),
    ),
    (
        "quarter_ref",
        _p(
            r"\b(?P<span>(?i:the|this|that)\s+(?P<which>(?:(?i:latest|current|most\s+recent|comparable"
            rf"|corresponding|same|year-earlier|year-ago|previous|prior|{_YEAR})\s+)*)"
            r"(?:fiscal\s+)?(?P<unit>quarter|period)"
            r"(?P<last>\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))?)\b"
            r"|\b(?P<span2>(?P<ago2>(?i:year-(?:earlier|ago)))(?:\s+(?P<unit2>quarter|period))?)\b"
            r"|\b(?P<span3>(?i:last|this|next)\s+year's\s+(?:quarter|period))\b"
        ),
    ),
    (
        "half",
        _p(
            rf"\b(?:the\s+)?(?P<which>first|second|last|latter)\s+half\s+of\s+"
            rf"(?:(?P<year>{_YEAR})\b|(?P<rel>this|last|next|the)\s+year\b)"
            rf"|(?P<before>\bthe\s+)?\b(?P<span>first\s+two\s+quarters\s+of\s+(?P<year2>{_YEAR}))\b"
        ),
    ),
    ("year_range", _p(rf"\b(?P<y1>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|\d\d)\b(?![-/]\d)")),
    (
        "decade",
        _p(
            r"\b(?:(?i:the)\s+(?P<mod>early|mid|late)[\s-]*|(?P<mod2>(?i:early|mid|late))[\s-]+|mid-)?"
            r"(?:(?P<decade>1\d\d0|20\d0)s|'(?P<short>\d0)s)\b"
            rf"|\b(?i:the)\s+(?:(?:early|mid|late)[\s-]+)?(?P<tens>{_TENS_PLURAL})\b"
        ),
    ),
    (
        "spelled",
        _p(
            rf"\b(?:(?i:the\s+year)\s+)?(?P<spelled>(?i:nineteen|twenty)[\s-]+(?:hundred\s+(?:and\s+)?)?"
            rf"(?P<tens>{_TENS})(?:[\s-]+(?P<unit>{_UNITS}))?|(?i:nineteen\s+hundred)"
            rf"|(?i:two\s+thousand)(?:\s+(?:and\s+)?(?P<after>{_UNITS}|ten|eleven|twelve))?)\b"
        ),
    ),
    (
        "century",
        _p(r"\b(?:(?i:the)\s+)?(?P<nth>[1-9]|1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b"),
    ),
    ("year_end", _p(r"\b(?:(?i:around|about)\s+)?(?i:year[\s-]end)\b")),
    (
        "year",
        _p(
            rf"\b(?P<span>(?:(?P<mod>{_FISCAL}|(?i:the\s+year)\s+|{_MOD}[\s-]+))?(?P<year>{_YEAR}))\b"
        ),
    ),
    (
        "weekday",
        _p(
            rf"\b(?:(?P<rel>(?i:this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following"
            rf"|the\s+next))\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?\b"
        ),
    ),
    (
        "unit",
        _p(
            rf"\b(?:(?P<mod>(?i:early|late|earlier|later|sometime|{_EDGE_WORDS}|earlier\s+in|later\s+in))\s+)?"
            r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|coming|past|previous|the\s+past"
            r"|the\s+last|the\s+previous|the\s+coming|the\s+next|the\s+current|the\s+following"
            r"|the\s+latest|the\s+full|the|that))\s+(?:fiscal\s+)?"
            r"(?P<unit>week|month|year|weekend|decade|century)\b(?!-)(?:\s+or\s+so\b)?"
        ),
    ),
    (
        "hours",
        _p(
            r"\b(?i:the\s+(?:past|last|previous))\s+(?P<n>24|48|72|twenty[\s-]four|forty[\s-]eight)\s+hours\b"
            # "overnight" as an adverb ("sirens blared overnight and…"), not "overnight stays"
            r"|\b(?P<night>(?i:overnight))(?=\s*[,.;:)]|\s*$|\s+(?:on|in|at|to|from|into|and|as"
            r"|when|after|before|who|which|that|while|with|but|near|across|along)\b)"
        ),
    ),
    (
        "ago",
        _p(
            rf"\b{_APPROX}?(?P<n>(?i:{_NUM}))\s+(?P<unit>day|week|month|year|decade|century)s?"
            r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later)\b"
        ),
    ),
    (
        "anchored",
        _p(
            r"\b(?P<span>(?:(?P<mod>(?i:earlier|later))\s+)?(?i:that)\s+(?P<unit>day|week|month|year)"
            r"|(?i:the\s+(?P<rel>next|following|previous|preceding))\s+(?P<unit2>day|week|month|year))\b"
            r"(?!\s+(?:of|after|before)\b)"
        ),
    ),
    (
        "word",
        _p(
            r"\b(?P<span>(?:(?P<mod>(?i:early|late))\s+)?(?P<word>(?i:today|yesterday|tomorrow|tonight)"
            r"|the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)))\b"
        ),
    ),
    (
        "ref",
        _p(
            r"\b(?P<ref>(?i:now|currently|nowadays|these\s+days|at\s+present)|(?i:more\s+)?(?i:recently)"
            r"|[Rr]ecent\s+(?:days|weeks|months|years)(?:\s+and\s+(?:days|weeks|months|years))?"
            r"|(?i:the\s+)?(?:coming|(?:past|last)\s+few)\s+(?:days|weeks|months|years|quarters)"
            r"|(?i:then\s+)?[Cc]urrent|the\s+(?:(?:near|foreseeable|distant|immediate)\s+)?future"
            r"|the\s+past|a\s+later\s+date|the\s+present)\b(?!\s*-)"
        ),
    ),
]

# Tense cues, lower case on purpose: "May" and "Ahmed" are not cues.
FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|(?:would|should|could|may|might|must)(?!\s+have\b)"
    r"|(?:is|are|was|were)\s+(?:going|planning|expected|scheduled|due|set|about)\s+to"
    r"|going\s+to|plans?\s+to|planning\s+to|planned|expects?|expected\s+to|is\s+to|are\s+to"
    r"|scheduled|slated|due\s+to|set\s+to|hopes?\s+to|intends?\s+to|aims?\s+to|upcoming"
    r"|payable|effective|expires?|until|deadline)\b"
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


@dataclass(frozen=True)
class _Raw:
    """A candidate span before resolution."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


@dataclass(frozen=True)
class _Value:
    value: str | None
    precision: str
    end: str | None = None
    note: str = ""
    anaphoric: bool = False
    """Counted from another mention ("a year earlier"), so never an anchor itself."""


def _unresolved(note: str) -> _Value:
    return _Value(None, "unresolved", None, note)


def _candidates(text: str, holidays: Calendar) -> list[_Raw]:
    found: list[tuple[int, int, int, _Raw]] = []
    patterns = PATTERNS + ([("holiday", holidays.pattern)] if holidays.pattern else [])
    for order, (kind, pattern) in enumerate(patterns):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            span = next((n for n in ("span", "span2", "span3") if groups.get(n)), None)
            start, end = match.span(span) if span else match.span()
            found.append((start, -(end - start), order, _Raw(kind, start, end, groups)))
    chosen: list[_Raw] = []
    reach = -1
    for start, _, _, raw in sorted(found, key=lambda item: item[:3]):
        if start >= reach:
            chosen.append(raw)
            reach = raw.end
    return chosen


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


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)  # "several": None


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _previous_quarter(value: str) -> str:
    year, number = int(value[:4]), int(value[6])
    return f"{year}-Q{number - 1}" if number > 1 else f"{year - 1}-Q4"


def _shift_value(value: str, unit: str, n: int) -> str | None:
    """A TimeML value moved by ``n`` units, at the coarser of its precision and the unit's."""
    shifted = _shift(value, unit, n)
    return shifted if shifted and 1000 <= int(shifted[:4]) <= 9999 else None


def _shift(value: str, unit: str, n: int) -> str | None:
    kind = shape(value)
    if kind == "day":
        day = dt.date.fromisoformat(value[:10])
        if unit == "day":
            return (day + dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (day + dt.timedelta(weeks=n)).isoformat()
        if unit in ("month", "year"):
            year, month = _shift_month(day.year, day.month, n * (12 if unit == "year" else 1))
            last = calendar.monthrange(year, month)[1]
            return f"{year}-{month:02d}-{min(day.day, last):02d}"
    if kind == "month" and unit in ("month", "year"):
        year, month = _shift_month(
            int(value[:4]), int(value[5:7]), n * (12 if unit == "year" else 1)
        )
        return f"{year}-{month:02d}"
    if kind in ("quarter", "half", "season") and unit == "year":
        return f"{int(value[:4]) + n}{value[4:]}"
    if kind == "week" and unit == "week":
        monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        return _iso_week(monday + dt.timedelta(weeks=n))
    if kind == "year" and unit == "year":
        return str(int(value) + n)
    return None


def _coarsen(value: str | None, unit: str) -> str | None:
    """``value`` at the precision of ``unit`` ("that month" of a day is its month), if it is as fine."""
    if value is None:
        return None
    kind = shape(value)
    if unit == "day":
        return value[:10] if kind == "day" else None
    if unit == "week":
        if kind == "day":
            return _iso_week(dt.date.fromisoformat(value[:10]))
        return value if kind == "week" else None
    if unit == "month":
        return value[:7] if kind in ("day", "month") else None
    if unit == "year":
        return value[:4] if kind not in ("decade", "century", "other") else None
    return None


def _nearest_year(month: int, day: int, reference: dt.date, tense: str | None) -> int:
    """The year of a month (and day) given without one, seen from ``reference``."""
    return _nearest(lambda year: dt.date(year, month, min(day, 28)), reference, tense).year


def _nearest(
    on: Callable[[int], dt.date | None], reference: dt.date, tense: str | None
) -> dt.date | None:
    """The occurrence of a yearly day, ``on(year)``, that a clause of ``tense`` means.

    Past tense: the last occurrence on or before the reference date; future tense: the
    next one on or after it; no tense: the last one, unless the next is close ahead,
    for news speaks of the past.
    """
    days = [d for year in range(reference.year - 1, reference.year + 2) if (d := on(year))]
    if tense == "future":
        return next((d for d in days if d >= reference), None)
    if tense is None:
        soon = next((d for d in days if d > reference), None)
        if soon and (soon - reference).days <= NEAR_FUTURE_DAYS:
            return soon
    past = [d for d in days if d <= reference]
    return past[-1] if past else None


class _Resolver:
    def __init__(self, text: str, reference: dt.date | None, holidays: Calendar) -> None:
        self.text = text
        self.reference = reference
        self.holidays = holidays
        self.anchors: list[tuple[int, str]] = []  # (end offset, value) of dates others count from
        self.topics: list[str] = []  # quarters named outright
        self.written: tuple[int, int] | None = None  # (end, year) of the last date with its year

    @functools.cached_property
    def newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def resolve(
        self, raw: _Raw, sentence: Sentence, earlier: list[DateMention]
    ) -> DateMention | None:
        try:
            result = getattr(self, f"_{raw.kind}")(raw, earlier)
        except (ValueError, OverflowError):
            return None  # date arithmetic past the calendar's ends (year 1 or 9999)
        if result is None:
            return None
        before = self.text[max(0, raw.start - 12) : raw.start]
        role = "since" if SINCE.search(before) else "point"
        if result.end:
            role = "range"
        value = result.value
        text = self.text[raw.start : raw.end]
        if value and value[:1].isdigit():
            if shape(value) == "other":
                return None  # outside the years a TimeML value can write
            if not result.anaphoric:
                self.anchors.append((raw.end, value))
                if result.precision == "quarter":
                    self.topics.append(value)
            if re.search(rf"\b{value[:4]}\b", text):
                self.written = (raw.end, int(value[:4]))
        return DateMention(
            start=raw.start,
            end=raw.end,
            text=text,
            value=value,
            precision=result.precision if value else "unresolved",
            sentence=sentence.id,
            end_value=result.end,
            role=role,
            note=result.note,
        )

    def _tense(self, raw: _Raw) -> str | None:
        """The tense of the clause around a mention: the nearest tense cue decides."""
        left_edge = max(0, raw.start - 70)
        left = self.text[left_edge : raw.start]
        cut = [m.end() for m in _CLAUSE_END.finditer(left)]
        if cut:
            left_edge += cut[-1]
            left = left[cut[-1] :]
        right = self.text[raw.end : raw.end + 50]
        stop = _CLAUSE_END.search(right)
        if stop:
            right = right[: stop.start()]
        if re.match(r"['’]s\b", right):
            return "past"  # "Wednesday's ruling": an event already named
        best: tuple[int, str] | None = None
        for side, part in (("left", left), ("right", right)):
            for pattern, tense, weight in ((FUTURE, "future", 1), (PAST, "past", 1),
                                           (WEAK_PAST, "past", WEAK)):  # fmt: skip
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

    def _word_before(self, raw: _Raw) -> str:
        """The word just before a mention, where only spaces part them ("in May")."""
        found = _WORD_BEFORE.search(self.text, max(0, raw.start - 30), raw.start)
        return found.group(1).lower() if found else ""

    def _anchor(self, raw: _Raw) -> str | None:
        """The date an anaphoric expression ("a week later") counts from: the last one mentioned."""
        if self.anchors and raw.start - self.anchors[-1][0] < 600:
            return self.anchors[-1][1]
        return None

    # Absolute dates

    def _iso(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        day = _parse_day(int(g["d"]), int(g["m"]), int(g["y"]))
        return _Value(day.isoformat(), "day") if day else None

    def _slash(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month, day = int(g["a"]), int(g["b"])
        if month > 12:
            month, day = day, month
        year = int(g["y"])
        if year < 100:  # the year ending so that lies nearest the reference
            around = self.reference.year if self.reference else 1950
            century = around // 100 * 100
            year = min((century - 100 + year, century + year), key=lambda y: abs(y - around))
        parsed = _parse_day(day, month, year)
        return _Value(parsed.isoformat(), "day") if parsed else None

    def _full(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month = _month_number(g["month"] or g["month2"])
        day = _parse_day(_day_number(g["day"] or g["day2"]), month, int(g["year"]))
        return _Value(day.isoformat(), "day") if day else None

    def _paragraph_year(self, raw: _Raw, earlier: list[DateMention]) -> int | None:
        """The year of the last date written with its year in the paragraph, before ``raw``
        (kept as mentions are resolved: looking back through them made a paragraph of
        dates without years quadratic)."""
        before = bisect.bisect_left(self.newlines, raw.start)
        since = self.newlines[before - 1] if before else -1
        if self.written and self.written[0] > since:
            return self.written[1]
        return None

    def _year_of(
        self, raw: _Raw, month: int, day: int, earlier: list[DateMention], rel: str | None = None
    ) -> int | None:
        """The year of a month (and day) written without one.

        The reference date and the tense give it; without a reference date, the last
        year written in the paragraph does.
        """
        if not self.reference:
            return self._paragraph_year(raw, earlier)
        tense = {"last": "past", "next": "future", "coming": "future", "this coming": "future"}.get(
            " ".join((rel or "").lower().split())
        ) or self._tense(raw)
        return _nearest_year(month, day, self.reference, tense)

    def _month_day(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month = _month_number(g["month"] or g["month2"])
        day = _day_number(g["day"] or g["day2"])
        if day > 31:
            return None
        year = self._year_of(raw, month, day, earlier, g["rel"])
        if g["wd"] and year is not None:
            # "Monday, Oct. 26": the year near the chosen one in which that day is a Monday
            weekday = WEEKDAYS.index(g["wd"])
            fits = [y for y in (year, year - 1, year + 1)
                    if (d := _parse_day(day, month, y)) and d.weekday() == weekday]  # fmt: skip
            year = fits[0] if fits else year
        if year is None:
            return _Value(
                f"XXXX-{month:02d}-{day:02d}", "day", None, "year unknown: no reference date"
            )
        parsed = _parse_day(day, month, year)
        return _Value(parsed.isoformat(), "day") if parsed else None

    def _day_range(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month = _month_number(g["month"] or g["month2"])
        first, last = (_day_number(g[k]) for k in (("d1", "d2") if g["d1"] else ("d3", "d4")))
        if first >= last:
            return None
        explicit = g["year"] or g["year2"]
        year = int(explicit) if explicit else self._year_of(raw, month, first, earlier)
        if year is None:
            return _Value(f"XXXX-{month:02d}-{first:02d}", "day", f"XXXX-{month:02d}-{last:02d}",
                          "year unknown: no reference date")  # fmt: skip
        start, end = _parse_day(first, month, year), _parse_day(last, month, year)
        if not (start and end):
            return None
        return _Value(start.isoformat(), "day", end.isoformat())

    def _month_year(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month = _month_number(g["month"])
        if g["year"]:
            return _Value(f"{g['year']}-{month:02d}", "month")
        if not self.reference:
            return _unresolved("relative to an unknown date")
        year = self.reference.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return _Value(f"{year}-{month:02d}", "month")

    def _month(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        word = g["month"]
        before = self._word_before(raw)
        if word in ("May", "March") and not (g["rel"] or g["mod"]) and before not in (
            "in", "since", "until", "by", "of", "through", "during", "from", "before", "after",
            "till", "to", "and", "or", "early", "late", "mid",
        ):  # fmt: skip
            return None  # "May" and "March" are words as well as months
        month = _month_number(word)
        rel = " ".join((g["rel"] or "").lower().split())
        if self.reference and rel in ("last", "this past"):
            return _Value(
                f"{self.reference.year - (1 if month >= self.reference.month else 0)}-{month:02d}",
                "month",
            )
        if self.reference and rel in ("next", "this coming", "coming"):
            return _Value(
                f"{self.reference.year + (1 if month <= self.reference.month else 0)}-{month:02d}",
                "month",
            )
        if self.reference and rel == "this":
            return _Value(f"{self.reference.year}-{month:02d}", "month")
        year = self._year_of(raw, month, 15, earlier)
        if year is None:
            return _Value(f"XXXX-{month:02d}", "month", None, "year unknown: no reference date")
        if self.reference and (year, month) == (self.reference.year + 1, self.reference.month):
            year = self.reference.year
        return _Value(f"{year}-{month:02d}", "month")

    def _season(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        code = SEASONS[g["season"].lower()]
        if g["year"]:
            return _Value(f"{g['year']}-{code}", "season")
        rel = " ".join((g["rel"] or "").lower().split())
        before = self._word_before(raw)
        if not (rel or g["mod"]) and before not in (
            "in",
            "since",
            "until",
            "by",
            "during",
            "this",
            "last",
            "next",
            "through",
        ):
            return None  # "prices fall", "spring into action"
        if not self.reference:
            return _unresolved("relative to an unknown date")
        ref = self.reference
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
            year = begun + 1 if self._tense(raw) == "future" else begun
        return _Value(f"{year}-{code}", "season")

    def _quarter(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        number = ORDINALS[g["ord"].lower()]
        if g["year"]:
            year = int(g["year"])
        elif g["yr"] and g["yr"][0].isdigit():
            year = int(g["yr"])
        else:
            if not self.reference:
                return _unresolved("relative to an unknown date")
            rel = (g["rel"] or g["yr"] or "").lower()
            year = self.reference.year + (
                -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
            )
        if g["ago"]:
            return _Value(f"{year - 1}-Q{number}", "quarter", anaphoric=True)
        return _Value(f"{year}-Q{number}", "quarter")

    def _topic_quarter(self) -> str | None:
        """The quarter a report is about: the last one named, else the last one completed."""
        if self.topics:
            return self.topics[-1]
        return _previous_quarter(_quarter_of(self.reference)) if self.reference else None

    def _quarter_ref(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        which = " ".join((g["which"] or "").lower().split())
        if g["span3"]:
            which = g["span3"].lower()
        explicit = re.search(r"\d{4}", which)
        ago = bool(g["ago2"] or g["last"] or "year-" in which or "last year" in which)
        if g["span"] and not (which or g["unit"] == "quarter"):
            return None  # "the period" alone names no time
        if "current" in which and self.reference:
            return _Value(_quarter_of(self.reference), "quarter")
        topic = self._topic_quarter()
        if topic is None:
            return _unresolved("relative to an unknown date")
        if explicit:
            value = f"{explicit.group()}{topic[4:]}"
        elif "previous" in which or "prior" in which:
            value = _previous_quarter(topic)
        else:
            value = _shift_value(topic, "year", -1) if ago else topic
        return _Value(value, "quarter", anaphoric=True)

    def _half(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        if g["year2"]:
            return _Value(f"{g['year2']}-H1", "half")
        number = 1 if g["which"] == "first" else 2
        if g["year"]:
            return _Value(f"{g['year']}-H{number}", "half")
        if not self.reference:
            return _unresolved("relative to an unknown date")
        year = self.reference.year + {"last": -1, "next": 1}.get(g["rel"], 0)
        return _Value(f"{year}-H{number}", "half")

    def _year_range(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        first, second = raw.groups["y1"], raw.groups["y2"]
        if len(second) == 2:
            second = first[:2] + second
        if not 0 < int(second) - int(first) < 100:
            return None
        return _Value(first, "year", second)

    def _decade(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        if g["decade"]:
            return _Value(g["decade"][:3], "decade")
        if g["tens"]:
            tens = NUMBER_WORDS[g["tens"].lower().replace("ies", "y")] // 10
            century = (self.reference.year // 100) if self.reference else 19
            decade = century * 10 + tens
            if self.reference and decade * 10 > self.reference.year:
                decade -= 10
            return _Value(str(decade), "decade")
        century = (self.reference.year // 100) if self.reference else 19
        decade = century * 10 + int(g["short"][0])
        if self.reference and decade * 10 > self.reference.year:
            decade -= 10
        return _Value(str(decade), "decade")

    def _week_of(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        month, day = _month_number(g["month"]), _day_number(g["day"])
        year = int(g["year"]) if g["year"] else self._year_of(raw, month, day, earlier)
        parsed = _parse_day(day, month, year) if year else None
        if parsed is None:
            return _unresolved("relative to an unknown date")
        return _Value(_iso_week(parsed), "week")

    def _spelled(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        """Years in words, as transcripts write them: "nineteen ninety-six", "two thousand"."""
        g = raw.groups
        words = g["spelled"].lower().split()
        if words[0] == "two":
            after = NUMBER_WORDS.get((g["after"] or "").lower(), 0)
            return _Value(str(2000 + after), "year")
        if g["tens"] is None:
            return _Value("1900", "year")
        century = 1900 if words[0] == "nineteen" else 2000
        units = NUMBER_WORDS[g["unit"].lower()] if g["unit"] else 0
        return _Value(str(century + NUMBER_WORDS[g["tens"].lower()] + units), "year")

    def _century(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        return _Value(f"{int(raw.groups['nth']) - 1:02d}", "century")

    def _year_end(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        """ "By year-end": the December ahead, "since year-end": the one past."""
        if not self.reference:
            return _unresolved("relative to an unknown date")
        before = self.text[max(0, raw.start - 8) : raw.start].lower()
        past = "since" in before or self._tense(raw) == "past"
        year = self.reference.year - (1 if past and self.reference.month < 12 else 0)
        return _Value(f"{year}-12", "month")

    def _year(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        if self.text[max(0, raw.start - 1) : raw.start] in ("$", "#", "£", "€", "№"):
            return None
        if _NOT_YEAR_AFTER.match(self.text, raw.end):
            return None
        if re.search(
            r"(?:No\.|number|Nos?|page|p\.|Flight|Route|Resolution)\s*$",
            self.text[max(0, raw.start - 12) : raw.start],
        ):
            return None
        return _Value(raw.groups["year"], "year")

    def _weekday(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        if not self.reference:
            return _unresolved("weekday without a reference date")
        target = WEEKDAYS.index(g["weekday"])
        ref = self.reference
        back = (ref.weekday() - target) % 7
        rel = " ".join((g["rel"] or "").lower().split())
        if rel in ("the previous", "the following", "the next"):
            anchor = self._anchor(raw)
            if not anchor or shape(anchor) != "day":
                return _unresolved("relative to another date")
            base = dt.date.fromisoformat(anchor[:10])
            step = 1 if rel != "the previous" else -1
            offset = (target - base.weekday()) % 7 if step > 0 else -((base.weekday() - target) % 7)
            day = base + dt.timedelta(days=offset or 7 * step)
        elif rel in ("next", "coming", "this coming") or (
            not rel and back and self._tense(raw) == "future"
        ):
            day = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
        elif rel in ("last", "past"):
            day = ref - dt.timedelta(days=back or 7)
        else:
            day = ref - dt.timedelta(days=back)
        # "Friday night" is dated to the day, as the news corpora annotate it; the span
        # keeps the part of the day for the reader.
        return _Value(day.isoformat(), "day")

    def _holiday(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        holiday = self.holidays.by_name[" ".join(g["holiday"].lower().split())]

        def on(year: int) -> dt.date | None:
            day = holiday.on(year)
            if day and g["week"]:  # "Easter week" has begun once its Monday has come
                return day - dt.timedelta(days=day.weekday())
            return day

        rel = " ".join((g["rel"] or "").lower().split())
        if g["year"]:
            day = on(int(g["year"]))
        elif not self.reference:
            year = self._paragraph_year(raw, earlier)
            if year is None:
                return _unresolved("year unknown: no reference date")
            day = on(year)
        elif rel == "this":
            day = on(self.reference.year)
        else:
            step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
            tense = {-1: "past", 1: "future"}.get(step) or self._tense(raw)
            # "last Christmas", said on Christmas Day, is the one a year before
            day = _nearest(on, self.reference + dt.timedelta(days=step), tense)
        if day is None:
            return _unresolved(f"no day known for {holiday.names[0]} in that year")
        if g["week"]:
            return _Value(_iso_week(day), "week")
        return _Value(day.isoformat(), "day")

    def _unit(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        rel = " ".join(g["rel"].lower().split())
        unit = g["unit"]
        mod = (g["mod"] or "").lower()
        if rel in ("the", "that") and not (unit in ("year", "weekend") or mod):
            return None  # "the week" names no particular week
        if rel == "that":
            return self._anchored(raw, earlier)
        if re.search(r"\b(?:for|during|throughout|within)\s+(?:more\s+than\s+|less\s+than\s+|all\s+)?$",
                     self.text[max(0, raw.start - 30) : raw.start], re.I) and rel.startswith(("the past", "the last", "past")):  # fmt: skip
            return None  # "for the past week" is a duration
        if not self.reference:
            return _unresolved("relative to an unknown date")
        step = {"last": -1, "past": -1, "the latest": -1, "previous": -1, "the past": -1, "the last": -1,
                "the previous": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
                "the next": 1, "the following": 1, "this coming": 1}.get(rel, 0)  # fmt: skip
        if rel in ("the previous", "the following"):
            anchor = self._anchor(raw)
            if not anchor:
                return _unresolved("relative to another date")
            shifted = _coarsen(_shift_value(anchor, unit, step), unit)
            if not shifted:
                return _unresolved("relative to another date")
            return _Value(shifted, shape(shifted), anaphoric=True)
        ref = self.reference
        if unit == "week":
            return _Value(_iso_week(ref + dt.timedelta(weeks=step)), "week")
        if unit == "weekend":
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            if step > 0 or (
                step == 0 and rel == "this" and ref.weekday() < 5 and self._tense(raw) == "future"
            ):
                saturday += dt.timedelta(weeks=1)
            elif step < 0 and ref.weekday() >= 5:
                saturday -= dt.timedelta(weeks=1)
            return _Value(f"{_iso_week(saturday)}-WE", "week")
        if unit == "month":
            year, month = _shift_month(ref.year, ref.month, step)
            return _Value(f"{year}-{month:02d}", "month")
        if unit == "decade":
            return _Value(str(ref.year // 10 + step), "decade")
        if unit == "century":
            return _Value(str(ref.year // 100 + step), "century")
        return _Value(str(ref.year + step), "year")

    def _hours(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        """ "Over the past 24 hours": the days those hours touch, up to the reference date;
        "overnight", the night before it."""
        if not self.reference:
            return _unresolved("relative to an unknown date")
        if raw.groups.get("night"):
            start = self.reference - dt.timedelta(days=1)
            return _Value(start.isoformat(), "day", self.reference.isoformat())
        n = raw.groups["n"].lower()
        days = int(n) // 24 if n.isdigit() else (1 if n.startswith("twenty") else 2)
        start = self.reference - dt.timedelta(days=days)
        return _Value(start.isoformat(), "day", self.reference.isoformat())

    def _ago(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        n = _count(g["n"])
        unit = g["unit"]
        if unit == "decade":
            unit, n = "year", None if n is None else n * 10
        elif unit == "century":
            unit, n = "year", None if n is None else n * 100
        if n is None or n > 5000:
            return _Value("PAST_REF", "ref") if g["dir"] == "ago" else None
        if unit == "year" and self.topics and g["dir"] != "later":
            # In a report on a quarter, "a year ago" is that quarter a year before.
            return _Value(_shift_value(self.topics[-1], "year", -n), "quarter", anaphoric=True)
        if g["dir"] == "ago":
            if not self.reference:
                return _unresolved("relative to an unknown date")
            base = self.reference.isoformat()
            if unit == "year":
                year = self.reference.year - n
                return _Value(str(year), "year") if year >= 1000 else _Value("PAST_REF", "ref")
        else:
            base = self._anchor(raw) or (self.reference.isoformat() if self.reference else None)
            if base is None:
                return _unresolved("relative to another date")
        step = -n if g["dir"] in ("ago", "earlier") else n
        if unit == "week" and shape(base) == "day" and g["dir"] == "ago":
            return _Value(
                _iso_week(dt.date.fromisoformat(base[:10]) + dt.timedelta(weeks=step)), "week"
            )
        if unit == "month" and shape(base) == "day" and g["dir"] == "ago":
            year, month = _shift_month(int(base[:4]), int(base[5:7]), step)
            return _Value(f"{year}-{month:02d}", "month")
        shifted = _shift_value(base, unit, step)
        if shifted is None:
            return _unresolved("relative to another date")
        return _Value(shifted, shape(shifted), anaphoric=g["dir"] != "ago")

    def _anchored(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        g = raw.groups
        unit = g["unit"] or g["unit2"]
        anchor = self._anchor(raw)
        if anchor is None:
            return _unresolved("relative to another date")
        step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(
            (g["rel"] or "").lower(), 0
        )
        value = _coarsen(_shift_value(anchor, unit, step) if step else anchor, unit)
        if not value:
            return _unresolved("relative to another date")
        return _Value(value, shape(value), anaphoric=True)

    def _word(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        word = " ".join(raw.groups["word"].lower().split())
        if not self.reference:
            return _unresolved("relative to an unknown date")
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[word]  # fmt: skip
        value = (self.reference + dt.timedelta(days=offset)).isoformat()
        return _Value(value, "day")

    def _ref(self, raw: _Raw, earlier: list[DateMention]) -> _Value | None:
        word = " ".join(raw.groups["ref"].lower().split())
        if "future" in word or "coming" in word or word == "a later date":
            return _Value("FUTURE_REF", "ref")
        if word in (
            "now",
            "currently",
            "nowadays",
            "these days",
            "at present",
            "current",
            "the present",
        ):
            return _Value("PRESENT_REF", "ref")
        return _Value("PAST_REF", "ref")


def extract(
    text: str,
    sentences: list[Sentence],
    reference: dt.date | None,
    holidays: Calendar = NO_HOLIDAYS,
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``reference`` where one is needed."""
    return extract_bounded(text, sentences, reference, holidays)[0]


def extract_bounded(
    text: str,
    sentences: list[Sentence],
    reference: dt.date | None,
    holidays: Calendar = NO_HOLIDAYS,
    per_sentence: int | None = None,
    per_text: int | None = None,
) -> tuple[list[DateMention], dict[str, int]]:
    """The dates of ``text`` (as ``extract``), the first ``per_sentence`` of each sentence
    and ``per_text`` of the text at most, and where reading stopped: the offset of the
    first candidate left unread, by sentence id ("" for the text). Unread, a candidate is
    not counted from either ("a week later")."""
    resolver = _Resolver(text, reference, holidays)
    starts = [s.start for s in sentences]
    mentions: list[DateMention] = []
    kept: Counter[str] = Counter()
    stops: dict[str, int] = {}
    for raw in _candidates(text, holidays):
        work.add("dates.candidates")
        index = bisect.bisect_right(starts, raw.start) - 1
        if index < 0 or raw.start >= sentences[index].end:
            continue
        sentence = sentences[index]
        if per_text is not None and len(mentions) >= per_text:
            stops[""] = raw.start
            break
        if per_sentence is not None and kept[sentence.id] >= per_sentence:
            stops.setdefault(sentence.id, raw.start)
            continue
        mention = resolver.resolve(raw, sentence, mentions)
        if mention is not None:
            mentions.append(mention)
            kept[sentence.id] += 1
    return _join_ranges(text, mentions), stops


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


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


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


def infer_published(text: str, sentences: list[Sentence]) -> Published:
    """Guess the publication date from what the text itself shows, with the evidence.

    Only dates in an embedded post, a photo caption or a dateline count: a date in
    the body ("since Oct. 7, 2023") says when something happened, not when the
    article appeared.  The guess is checked against the weekdays the text names.
    """
    explicit = [m for m in extract(text, sentences, None) if m.precision == "day" and m.value
                and not m.value.startswith("X")]  # fmt: skip
    found: list[tuple[dt.date, str, DateMention]] = []
    # Each date looks at its own line through an index of the lines, not a search for them.
    newlines = [m.start() for m in re.finditer("\n", text)]
    captions: dict[int, bool] = {}
    other = _NOT_DATELINE.search(text)  # past this, no dateline can run up to a date
    dateline_end = other.start() if other else len(text)
    for mention in explicit:
        work.add("dates.published")
        index = bisect.bisect_left(newlines, mention.start)
        line_start = newlines[index - 1] + 1 if index else 0
        after = bisect.bisect_left(newlines, mention.end)
        line_end = newlines[after] if after < len(newlines) else len(text)
        day = dt.date.fromisoformat(mention.value)
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


@functools.lru_cache(maxsize=1 << 14)
def shape(value: str) -> str:
    """The precision a TimeML value has by its form alone (remembered: pages ask it of
    the same few thousand values again and again)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T(?:MO|AF|EV|NI))?", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-H[12]", value):
        return "half"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    return "other"


def start_of(value: str) -> dt.date:
    """The first day a TimeML value covers, for putting values of any precision in order."""
    match shape(value):
        case "day":
            return dt.date.fromisoformat(value[:10])
        case "month":
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        case "quarter":
            return dt.date(int(value[:4]), int(value[6]) * 3 - 2, 1)
        case "half":
            return dt.date(int(value[:4]), int(value[6]) * 6 - 5, 1)
        case "week":
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        case "season":
            return dt.date(int(value[:4]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[value[5:7]], 1)
        case "year":
            return dt.date(int(value), 1, 1)
        case "decade":
            return dt.date(int(value) * 10, 1, 1)
        case "century":
            return dt.date(max(1, int(value) * 100), 1, 1)
    return dt.date.min


@functools.lru_cache(maxsize=1 << 14)
def label(value: str | None, precision: str | None = None) -> str:
    """A date as a reader should see it, never more precise than it is."""
    if not value:
        return "undated"
    if value in REFERENCES:
        return REFERENCES[value]
    if value.startswith("XXXX"):
        part = value[5:]
        month = MONTH_NAMES[int(part[:2]) - 1]
        return (
            f"{int(part[3:])} {month} (year unknown)"
            if len(part) == 5
            else f"{month} (year unknown)"
        )
    match shape(value):
        case "day":
            day = dt.date.fromisoformat(value[:10])
            part = {v: k for k, v in PARTS_OF_DAY.items()}.get(value[11:])
            return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" + (
                f", {part}" if part else ""
            )
        case "quarter":
            return f"Q{value[6]} {value[:4]}"
        case "half":
            return f"{'first' if value[6] == '1' else 'second'} half of {value[:4]}"
        case "century":
            return f"the {int(value) + 1}th century"
        case "month":
            return f"{MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
        case "week":
            suffix = " (weekend)" if value.endswith("WE") else ""
            return f"week {int(value[6:8])} of {value[:4]}{suffix}"
        case "decade":
            return f"the {value}0s"
        case "season":
            names = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
            return f"{names[value[5:]]} {value[:4]}"
    return value
