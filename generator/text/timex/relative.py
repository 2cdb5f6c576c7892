"""The rules of dates said relative to another: to the reference date ("last Tuesday", "this
week", "two days ago", "yesterday"), to the last date mentioned ("a week later", "that
month"), or to no date at all ("now", "in the future"); and holidays by their names.

Each pattern stands beside its resolver, as in ``rules``; these rules come after those
when candidates of the same span tie.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.text.timex.lexicon import NUMBER_WORDS, PARTS_OF_DAY, WEEKDAYS
from generator.text.timex.resolve import (
    Candidate,
    Context,
    Rule,
    Tense,
    Value,
    nearest,
    rule,
    unresolved,
    words,
)
from generator.text.timex.rules import EDGE_WORDS, WEEKDAY
from generator.timeml import add_months, coarsen, shape, shift, start_of, week_of

RULES: list[Rule] = []
"""In the order they win ties, after those of ``rules``."""

_PART = rf"(?:{'|'.join(PARTS_OF_DAY)})"
_NUM = rf"(?:{'|'.join(w for w, n in NUMBER_WORDS.items() if n <= 60)}|a\s+few|several|\d+)"
_APPROX = r"(?:(?i:almost|nearly|about|around|roughly|some|approximately|more\s+than|over)\s+)"

_RELATIVE_STEP = {
    "last": -1,
    "past": -1,
    "the latest": -1,
    "previous": -1,
    "the past": -1,
    "the last": -1,
    "the previous": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the next": 1,
    "the following": 1,
    "this coming": 1,
}
"""Which way a word before a unit points: back, ahead, or (absent) neither."""


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)  # "several": None


def _counted(value: str, anaphoric: bool) -> Value | None:
    """``value`` at the precision its form shows, or None for a form no value has."""
    precision = shape(value)
    if precision == "other":
        return None  # past the years a value can write
    return Value(value, precision, anaphoric=anaphoric)


@rule(
    RULES,
    rf"\b(?:(?P<rel>(?i:this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following"
    rf"|the\s+next))\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{_PART}))?\b",
)
def weekday(c: Candidate, at: Context) -> Value | None:
    if not at.reference:
        return unresolved("weekday without a reference date")
    target = WEEKDAYS.index(c.need("weekday"))
    ref = at.reference
    back = (ref.weekday() - target) % 7
    rel = words(c.groups["rel"])
    if rel in ("the previous", "the following", "the next"):
        anchor = at.anchor(c)
        if not anchor or shape(anchor) != "day":
            return unresolved("relative to another date")
        base = dt.date.fromisoformat(anchor[:10])
        step = 1 if rel != "the previous" else -1
        offset = (target - base.weekday()) % 7 if step > 0 else -((base.weekday() - target) % 7)
        day = base + dt.timedelta(days=offset or 7 * step)
    elif rel in ("next", "coming", "this coming") or (not rel and back and at.tense(c) == "future"):
        day = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    elif rel in ("last", "past"):
        day = ref - dt.timedelta(days=back or 7)
    else:
        day = ref - dt.timedelta(days=back)
    # "Friday night" is dated to the day, as the news corpora annotate it; the span
    # keeps the part of the day for the reader.
    return Value(day.isoformat(), "day")


_DURATION = re.compile(
    r"\b(?:for|during|throughout|within)\s+(?:more\s+than\s+|less\s+than\s+|all\s+)?$", re.I
)


@rule(
    RULES,
    rf"\b(?:(?P<mod>(?i:early|late|earlier|later|sometime|{EDGE_WORDS}|earlier\s+in|later\s+in))\s+)?"
    r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|coming|past|previous|the\s+past"
    r"|the\s+last|the\s+previous|the\s+coming|the\s+next|the\s+current|the\s+following"
    r"|the\s+latest|the\s+full|the|that))\s+(?:fiscal\s+)?"
    r"(?P<unit>week|month|year|weekend|decade|century)\b(?!-)(?:\s+or\s+so\b)?",
)
def unit(c: Candidate, at: Context) -> Value | None:
    rel = words(c.need("rel"))
    name = c.need("unit")
    mod = (c.groups["mod"] or "").lower()
    if rel in ("the", "that") and not (name in ("year", "weekend") or mod):
        return None  # "the week" names no particular week
    if rel == "that":
        return anchored(c, at)
    if _DURATION.search(at.text[max(0, c.start - 30) : c.start]) and rel.startswith(
        ("the past", "the last", "past")
    ):
        return None  # "for the past week" is a duration
    if not at.reference:
        return unresolved("relative to an unknown date")
    step = _RELATIVE_STEP.get(rel, 0)
    if rel in ("the previous", "the following"):
        anchor = at.anchor(c)
        if not anchor:
            return unresolved("relative to another date")
        shifted = coarsen(shift(anchor, name, step), name)
        if not shifted:
            return unresolved("relative to another date")
        return _counted(shifted, anaphoric=True)
    return _unit_of_reference(c, at, at.reference, name, step, rel)


def _unit_of_reference(
    c: Candidate, at: Context, ref: dt.date, name: str, step: int, rel: str
) -> Value:
    """The week, weekend, month, year, decade or century ``step`` from the reference date's."""
    if name == "week":
        if step < 0 and ref.weekday() == 6:
            step += 1  # a Sunday paper's "last week" is the week just ended: its own
        return Value(week_of(ref + dt.timedelta(weeks=step)), "week")
    if name == "weekend":
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        if step > 0 or (
            step == 0 and rel == "this" and ref.weekday() < 5 and at.tense(c) == "future"
        ):
            saturday += dt.timedelta(weeks=1)
        elif step < 0 and ref.weekday() >= 5:
            saturday -= dt.timedelta(weeks=1)
        return Value(f"{week_of(saturday)}-WE", "week")
    if name == "month":
        year, month = add_months(ref.year, ref.month, step)
        return Value(f"{year}-{month:02d}", "month")
    if name == "decade":
        return Value(str(ref.year // 10 + step), "decade")
    if name == "century":
        return Value(str(ref.year // 100 + step), "century")
    return Value(str(ref.year + step), "year")


@rule(
    RULES,
    r"\b(?i:the\s+(?:past|last|previous))\s+(?P<n>24|48|72|twenty[\s-]four|forty[\s-]eight)\s+hours\b"
    # "overnight" as an adverb ("sirens blared overnight and…"), not "overnight stays"
    r"|\b(?P<night>(?i:overnight))(?=\s*[,.;:)]|\s*$|\s+(?:on|in|at|to|from|into|and|as"
    r"|when|after|before|who|which|that|while|with|but|near|across|along)\b)",
)
def hours(c: Candidate, at: Context) -> Value | None:
    """ "Over the past 24 hours": the days those hours touch, up to the reference date;
    "overnight", the night before it."""
    if not at.reference:
        return unresolved("relative to an unknown date")
    if c.groups["night"]:
        start = at.reference - dt.timedelta(days=1)
        return Value(start.isoformat(), "day", at.reference.isoformat())
    n = c.need("n").lower()
    days = int(n) // 24 if n.isdigit() else (1 if n.startswith("twenty") else 2)
    start = at.reference - dt.timedelta(days=days)
    return Value(start.isoformat(), "day", at.reference.isoformat())


@rule(
    RULES,
    rf"\b{_APPROX}?(?P<n>(?i:{_NUM}))\s+(?P<unit>day|week|month|year|decade|century)s?"
    r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later)\b(?!\s+than\b)",
)
def ago(c: Candidate, at: Context) -> Value | None:
    n = _count(c.need("n"))
    name, direction = c.need("unit"), c.need("dir")
    if name == "decade":
        name, n = "year", None if n is None else n * 10
    elif name == "century":
        name, n = "year", None if n is None else n * 100
    if n is None or n > 5000:
        return Value("PAST_REF", "ref") if direction == "ago" else None
    if name == "year" and at.topics and direction != "later":
        # In a report on a quarter, "a year ago" is that quarter a year before.
        return Value(shift(at.topics[-1], "year", -n), "quarter", anaphoric=True)
    if direction == "ago":
        if not at.reference:
            return unresolved("relative to an unknown date")
        base = at.reference.isoformat()
        if name == "year":
            year = at.reference.year - n
            return Value(str(year), "year") if year >= 1000 else Value("PAST_REF", "ref")
    else:
        # "Two days later" counts from a date the text gave before it; without one (or
        # from the publication date) "20 years later" would be a date of the future.
        anchor = at.anchor(c)
        if anchor is None:
            return unresolved("counted from a date the text does not give")
        base = anchor
    step = -n if direction in ("ago", "earlier") else n
    if name == "week" and shape(base) == "day" and direction == "ago":
        return Value(week_of(dt.date.fromisoformat(base[:10]) + dt.timedelta(weeks=step)), "week")
    if name == "month" and shape(base) == "day" and direction == "ago":
        year, month = add_months(int(base[:4]), int(base[5:7]), step)
        return Value(f"{year}-{month:02d}", "month")
    shifted = shift(base, name, step)
    if shifted is None:
        return unresolved("relative to another date")
    if direction == "later" and at.reference and start_of(shifted) > at.reference:
        # "20 years later" after Friday: the text counts from something it does not date.
        return unresolved(
            "counted from a date the text does not give: it would be after the article"
        )
    return _counted(shifted, anaphoric=direction != "ago")


@rule(
    RULES,
    r"\b(?P<span>(?:(?P<mod>(?i:earlier|later))\s+)?(?i:that)\s+(?P<unit>day|week|month|year)"
    r"|(?i:the\s+(?P<rel>next|following|previous|preceding))\s+(?P<unit2>day|week|month|year))\b"
    r"(?!\s+(?:of|after|before)\b)",
)
def anchored(c: Candidate, at: Context) -> Value | None:
    name = c.need("unit", "unit2")
    anchor = at.anchor(c)
    if anchor is None:
        return unresolved("relative to another date")
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(
        (c.groups["rel"] or "").lower(), 0
    )
    value = coarsen(shift(anchor, name, step) if step else anchor, name)
    if not value:
        return unresolved("relative to another date")
    return _counted(value, anaphoric=True)


DAYS_AWAY = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


@rule(
    RULES,
    r"\b(?P<span>(?:(?P<mod>(?i:early|late))\s+)?(?P<word>(?i:today|yesterday|tomorrow|tonight)"
    r"|the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)))\b",
)
def word(c: Candidate, at: Context) -> Value | None:
    if not at.reference:
        return unresolved("relative to an unknown date")
    offset = DAYS_AWAY[words(c.need("word"))]
    return Value((at.reference + dt.timedelta(days=offset)).isoformat(), "day")


_PRESENT = ("now", "currently", "nowadays", "these days", "at present", "current", "the present")


@rule(
    RULES,
    r"\b(?P<ref>(?i:now|currently|nowadays|these\s+days|at\s+present)|(?i:more\s+)?(?i:recently)"
    r"|[Rr]ecent\s+(?:days|weeks|months|years)(?:\s+and\s+(?:days|weeks|months|years))?"
    r"|(?i:the\s+)?(?:coming|(?:past|last)\s+few)\s+(?:days|weeks|months|years|quarters)"
    r"|(?i:then\s+)?[Cc]urrent|the\s+(?:(?:near|foreseeable|distant|immediate)\s+)?future"
    r"|the\s+past|a\s+later\s+date|the\s+present)\b(?!\s*-)",
)
def ref(c: Candidate, at: Context) -> Value | None:
    said = words(c.need("ref"))
    if "future" in said or "coming" in said or said == "a later date":
        return Value("FUTURE_REF", "ref")
    if said in _PRESENT:
        return Value("PRESENT_REF", "ref")
    return Value("PAST_REF", "ref")


def holiday(c: Candidate, at: Context) -> Value | None:
    """The resolver of the holidays' pattern, which the curated calendar makes."""
    named = at.vocabulary.holidays.by_name[words(c.need("holiday"))]
    week = c.groups["week"]

    def on(year: int) -> dt.date | None:
        day = named.on(year)
        if day and week:  # "Easter week" has begun once its Monday has come
            return day - dt.timedelta(days=day.weekday())
        return day

    rel = words(c.groups["rel"])
    written = c.groups["year"]
    if written:
        day = on(int(written))
    elif not at.reference:
        year = at.paragraph_year(c)
        if year is None:
            return unresolved("year unknown: no reference date")
        day = on(year)
    elif rel == "this":
        day = on(at.reference.year)
    else:
        step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
        tense: Tense = "past" if step < 0 else "future" if step > 0 else at.tense(c)
        # "last Christmas", said on Christmas Day, is the one a year before
        day = nearest(on, at.reference + dt.timedelta(days=step), tense)
    if day is None:
        return unresolved(f"no day known for {named.names[0]} in that year")
    if week:
        return Value(week_of(day), "week")
    return Value(day.isoformat(), "day")
