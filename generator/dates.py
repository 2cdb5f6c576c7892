"""Find calendar-date expressions and normalize them to TimeML values.

Candidates come from our own patterns; dateparser only turns a candidate string
into a date.  Relative expressions ("on Thursday", "last month") are resolved
against a reference date, normally the article's publication date, and stay
unresolved when there is none: nothing is ever dated by the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import dateparser

from .model import DateMention, Published, Sentence
from .sentences import sentence_at

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
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MOD = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
_UNIT = r"(?:day|week|month|year)s?"
_PREP = r"(?:in|since|by|until|till|during|before|after|from|through|of|and|to|on)"

# Order matters: the first pattern to claim a span wins, so longer forms come first.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>20\d\d|1[6-9]\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    (
        "mdy",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b"
        ),
    ),
    (
        "md",
        re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?![,.]?\d)"),
    ),
    ("dm", re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH})\b")),
    (
        "my",
        re.compile(
            rf"\b(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH})(?:\s+of)?,?\s+(?P<year>{_YEAR})\b"
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<rel>this|last|next|the)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:{_PREP}|last|next|this)\s+(?P<span>(?:(?P<mod>{_MOD})[\s-]+)?(?P<month>{_MONTH}))\b"
            rf"(?!\s+\d)|\b(?P<span2>(?P<mod2>{_MOD})[\s-]+(?P<month2>{_MONTH}))\b(?!\s+\d)"
        ),
    ),
    ("year_range", re.compile(rf"\b(?P<y1>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|\d\d)\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<decade>1[6-9]\d0|20\d0)s\b")),
    (
        "year",
        re.compile(
            rf"\b(?:{_PREP}|between|early|late|mid|year|summer|spring|winter|autumn|fall)[\s-]+"
            rf"(?P<span>{_YEAR})\b(?!\s*(?:people|persons|troops|soldiers|homes|buildings|[%,.]\d))"
            rf"|\b(?P<span2>{_YEAR})(?='s\b)"
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<weekday>{_WEEKDAY})\b"),
    ),
    (
        "relative_unit",
        re.compile(
            r"\b(?P<rel>this|last|next|past|previous|coming|the\s+past|the\s+last|the\s+previous"
            r"|the\s+coming|the\s+next|earlier\s+this|later\s+this|earlier\s+in\s+the|later\s+in\s+the)"
            r"\s+(?P<unit>week|month|year|weekend)\b"
        ),
    ),
    (
        "ago",
        re.compile(rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|later|before)\b"),
    ),
    ("word", re.compile(r"\b(?P<word>today|yesterday|tomorrow|now|currently)\b", re.I)),
    (
        "ref",
        re.compile(
            r"\b(?P<ref>recently|the\s+past|the\s+future|these\s+days|nowadays|the\s+present)\b",
            re.I,
        ),
    ),
]

FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|next|upcoming|scheduled|expected\s+to|due\s+to|plans?\s+to|planned)\b",
    re.I,
)
SINCE = re.compile(r"\bsince\s+$", re.I)


@dataclass(frozen=True)
class _Raw:
    """A candidate span before resolution."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


def _candidates(text: str) -> list[_Raw]:
    taken: list[tuple[int, int]] = []
    found: list[_Raw] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = next((n for n in ("span", "span2") if match.groupdict().get(n)), None)
            start, end = match.span(span) if span else match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(_Raw(kind, start, end, match.groupdict()))
    return sorted(found, key=lambda raw: raw.start)


def _parse_day(day: str, month: str, year: str) -> dt.date | None:
    """Hand a candidate our patterns found to dateparser, which knows the spellings."""
    parsed = dateparser.parse(
        f"{month} {day} {year}",
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _year_for(month: int, day: int | None, reference: dt.date, future: bool) -> int:
    """The year a month (and day) without one most likely means, seen from ``reference``.

    News mostly reports the past: take the most recent occurrence on or before the
    reference date, unless the sentence speaks of the future and the date is near.
    """
    candidate = dt.date(reference.year, month, min(day or 1, 28))
    if candidate > reference:
        ahead = (candidate - reference).days
        if not (future and ahead < 183):
            return reference.year - 1
    return reference.year


def _context_year(month: int, before: Iterable[DateMention]) -> int | None:
    """The year of an earlier explicit date in the same month, when there is no reference."""
    for mention in reversed(list(before)):
        value = mention.value or ""
        if re.match(r"\d{4}-\d\d", value) and int(value[5:7]) == month:
            return int(value[:4])
    return None


class _Resolver:
    def __init__(self, text: str, reference: dt.date | None) -> None:
        self.text = text
        self.reference = reference

    def resolve(self, raw: _Raw, sentence: str, earlier: list[DateMention]) -> DateMention | None:
        method = getattr(self, f"_{raw.kind}")
        result = method(raw, earlier)
        if result is None:
            return None
        value, precision, *rest = result
        end_value = rest[0] if rest else None
        note = rest[1] if len(rest) > 1 else ""
        before = self.text[max(0, raw.start - 12) : raw.start]
        role = "since" if SINCE.search(before) else "point"
        if end_value:
            role = "range"
        return DateMention(
            start=raw.start,
            end=raw.end,
            text=self.text[raw.start : raw.end],
            value=value,
            precision=precision if value else "unresolved",
            sentence=sentence,
            end_value=end_value,
            role=role,
            note=note,
        )

    def _future(self, raw: _Raw) -> bool:
        line_start = self.text.rfind("\n", 0, raw.start) + 1
        return bool(FUTURE_CUES.search(self.text[max(line_start, raw.start - 80) : raw.end + 40]))

    def _iso(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        try:
            day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return day.isoformat(), "day"

    def _mdy(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        day = _parse_day(g["day"], g["month"].rstrip("."), g["year"])
        return (day.isoformat(), "day") if day else None

    _dmy = _mdy

    def _md(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        month, day = _month_number(g["month"]), _day_number(g["day"])
        if g["month"].lower() == "may" and not self.text[raw.start].isupper():
            return None
        year = _context_year(month, earlier)
        if year is None and self.reference:
            year = _year_for(month, day, self.reference, self._future(raw))
        if year is None:
            if day > 31:
                return None
            return f"XXXX-{month:02d}-{day:02d}", "day", None, "year unknown: no reference date"
        parsed = _parse_day(str(day), g["month"].rstrip("."), str(year))
        return (parsed.isoformat(), "day") if parsed else None

    _dm = _md

    def _my(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        return f"{g['year']}-{_month_number(g['month']):02d}", "month"

    def _month(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        word = g["month"] or g["month2"]
        before = self.text[max(0, raw.start - 6) : raw.start].lower()
        may_as_month = r"\b(?:in|since|until|by|of|last|next|this|early|late)\s$"
        if word == "May" and not (g["mod"] or g["mod2"]) and not re.search(may_as_month, before):
            return None
        month = _month_number(word)
        year = _context_year(month, earlier)
        if "last " in before and self.reference:
            year = self.reference.year - (1 if month >= self.reference.month else 0)
        elif "next " in before and self.reference:
            year = self.reference.year + (1 if month <= self.reference.month else 0)
        elif "this " in before and self.reference:
            year = self.reference.year
        elif year is None and self.reference:
            year = _year_for(month, None, self.reference, self._future(raw))
        if year is None:
            return f"XXXX-{month:02d}", "month", None, "year unknown: no reference date"
        return f"{year}-{month:02d}", "month"

    def _season(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        code = SEASONS[g["season"]]
        if g["year"]:
            return f"{g['year']}-{code}", "season"
        if not g["rel"] or g["rel"] == "the" or not self.reference:
            return None
        year = self.reference.year + {"this": 0, "last": -1, "next": 1}[g["rel"]]
        return f"{year}-{code}", "season"

    def _year_range(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        first, second = raw.groups["y1"], raw.groups["y2"]
        if len(second) == 2:
            second = first[:2] + second
        if int(second) <= int(first):
            return None
        return first, "year", second

    def _decade(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        return raw.groups["decade"][:3], "decade"

    def _year(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        return self.text[raw.start : raw.end], "year"

    def _weekday(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        target = WEEKDAYS.index(g["weekday"])
        if not self.reference:
            return None, "unresolved", None, "weekday without a reference date"
        ref = self.reference
        back = (ref.weekday() - target) % 7
        rel = g["rel"]
        if rel == "next" or rel == "coming" or (rel is None and self._future(raw) and back):
            ahead = (target - ref.weekday()) % 7 or 7
            day = ref + dt.timedelta(days=ahead)
        elif rel in ("last", "past"):
            day = ref - dt.timedelta(days=back or 7)
        else:
            day = ref - dt.timedelta(days=back)
        return day.isoformat(), "day"

    def _relative_unit(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        if not self.reference:
            return None, "unresolved", None, "relative to an unknown date"
        if re.search(
            r"\b(?:for|over)\s+(?:more\s+than\s+|less\s+than\s+)?$",
            self.text[max(0, raw.start - 30) : raw.start],
        ):
            return None  # "for the last year" is a duration, not a date
        rel = " ".join(g["rel"].split()).replace("the ", "")
        unit = g["unit"]
        step = 0
        if rel in ("last", "past", "previous"):
            step = -1
        elif rel in ("next", "coming"):
            step = 1
        if rel in ("past", "last") and g["rel"].startswith("the"):
            step = 0  # "the past week" is the period up to now, valued as the current unit
        ref = self.reference
        if unit == "week":
            return _iso_week(ref + dt.timedelta(weeks=step)), "week"
        if unit == "weekend":
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            if step > 0:
                saturday += dt.timedelta(weeks=1)
            return f"{_iso_week(saturday)}-WE", "week"
        if unit == "month":
            year, month = _shift_month(ref, step)
            return f"{year}-{month:02d}", "month"
        return str(ref.year + step), "year"

    def _ago(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        g = raw.groups
        n = NUMBER_WORDS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if n is None:
            return None
        unit = g["unit"].rstrip("s")
        if g["dir"] in ("later", "before", "earlier"):
            return None, "unresolved", None, "relative to another event"
        if not self.reference:
            return None, "unresolved", None, "relative to an unknown date"
        ref = self.reference
        if unit == "day":
            return (ref - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return _iso_week(ref - dt.timedelta(weeks=n)), "week"
        if unit == "month":
            year, month = _shift_month(ref, -n)
            return f"{year}-{month:02d}", "month"
        return str(ref.year - n), "year"

    def _word(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        word = raw.groups["word"].lower()
        if word in ("now", "currently"):
            return "PRESENT_REF", "ref"
        if not self.reference:
            return None, "unresolved", None, "relative to an unknown date"
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[word]
        return (self.reference + dt.timedelta(days=offset)).isoformat(), "day"

    def _ref(self, raw: _Raw, earlier: list[DateMention]) -> tuple | None:
        word = " ".join(raw.groups["ref"].lower().split())
        value = {"the future": "FUTURE_REF", "the present": "PRESENT_REF", "nowadays": "PRESENT_REF",
                 "these days": "PRESENT_REF"}.get(word, "PAST_REF")  # fmt: skip
        return value, "ref"


def extract(text: str, sentences: list[Sentence], reference: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``reference`` where one is needed."""
    resolver = _Resolver(text, reference)
    mentions: list[DateMention] = []
    for raw in _candidates(text):
        sentence = sentence_at(sentences, raw.start)
        if sentence is None:
            continue
        mention = resolver.resolve(raw, sentence.id, mentions)
        if mention is not None:
            mentions.append(mention)
    return _join_ranges(text, mentions)


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


def infer_published(text: str, sentences: list[Sentence]) -> Published:
    """Guess the publication date from what the text itself shows, with the evidence.

    Only dates in an embedded post, a photo caption or a dateline count: a date in
    the body ("since Oct. 7, 2023") says when something happened, not when the
    article appeared.  The guess is checked against the weekdays the text names.
    """
    explicit = [m for m in extract(text, sentences, None) if m.precision == "day" and m.value
                and not m.value.startswith("X")]  # fmt: skip
    found: list[tuple[dt.date, str, DateMention]] = []
    for mention in explicit:
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        before = text[line_start : mention.start]
        day = dt.date.fromisoformat(mention.value)
        if (
            _EMBED.search(before)
            and not text[mention.end : line_end if line_end >= 0 else None].strip()
        ):
            found.append((day, "the date line of an embedded post", mention))
        elif _CAPTION.search(line):
            found.append((day, "a photo caption", mention))
        elif line_start == 0 and _DATELINE.match(before):
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


def shape(value: str) -> str:
    """The precision a TimeML value has by its form alone."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    return "other"


def start_of(value: str) -> dt.date:
    """The first day a TimeML value covers, for putting values of any precision in order."""
    match shape(value):
        case "day":
            return dt.date.fromisoformat(value)
        case "month":
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        case "week":
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        case "season":
            return dt.date(int(value[:4]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[value[5:7]], 1)
        case "year":
            return dt.date(int(value), 1, 1)
        case "decade":
            return dt.date(int(value) * 10, 1, 1)
    return dt.date.min


def label(value: str | None, precision: str | None = None) -> str:
    """A date as a reader should see it, never more precise than it is."""
    if not value:
        return "undated"
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
            day = dt.date.fromisoformat(value)
            return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
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
