"""Holidays that news names instead of a date ("last Thanksgiving", "Easter week").

The calendar is curated data (``data/holidays.yml``): each holiday has its names and
one rule that gives its day in a year.  Holidays of lunar calendars have no rule the
Gregorian calendar can state, so editors list their days year by year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from generator.text.timex.lexicon import MONTH_NAMES, ORDINALS, WEEKDAYS

_MONTHS = tuple(name.lower() for name in MONTH_NAMES)
_WEEKDAYS = tuple(name.lower() for name in WEEKDAYS)
_NTH = {**ORDINALS, "last": -1}

_FIXED = re.compile(r"(?P<month>\d\d)-(?P<day>\d\d)")
_NTH_OF = re.compile(r"(?P<nth>\w+) (?P<weekday>\w+) of (?P<month>\w+)")
_AFTER = re.compile(r"(?P<weekday>\w+) after (?P<month>\w+) (?P<day>\d{1,2})")


def easter(year: int) -> dt.date:
    """Western Easter Sunday, by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@dataclass(frozen=True)
class Holiday:
    names: tuple[str, ...]
    rule: str  # "12-25", "fourth Thursday of November", "Tuesday after November 1", "Easter -2"
    days: tuple[dt.date, ...] = ()  # listed days, for holidays no rule can state

    def on(self, year: int) -> dt.date | None:
        """The holiday's day in ``year``, or None where the data does not say."""
        if self.days:
            return next((day for day in self.days if day.year == year), None)
        if not 1583 <= year <= 9999:
            return None  # before the Gregorian calendar, or past the end of dates
        rule = self.rule.lower()
        if match := _FIXED.fullmatch(rule):
            return dt.date(year, int(match["month"]), int(match["day"]))
        if rule.startswith("easter"):
            return easter(year) + dt.timedelta(days=int(rule[6:].replace(" ", "") or 0))
        if match := _NTH_OF.fullmatch(rule):
            month = _MONTHS.index(match["month"]) + 1
            weekday = _WEEKDAYS.index(match["weekday"])
            nth = _NTH[match["nth"]]
            if nth > 0:
                first = dt.date(year, month, 1)
                return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        if match := _AFTER.fullmatch(rule):
            after = dt.date(year, _MONTHS.index(match["month"]) + 1, int(match["day"]))
            weekday = _WEEKDAYS.index(match["weekday"])
            return after + dt.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
        return None


@dataclass(frozen=True)
class Calendar:
    holidays: tuple[Holiday, ...] = ()

    @classmethod
    def from_data(cls, data: dict, source: str = "holidays.yml") -> Calendar:
        """Read the curated list; a holiday the code cannot use is an error naming it."""
        holidays = []
        for entry in data.get("holidays") or []:
            names = entry.get("names") if isinstance(entry, dict) else None
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                raise ValueError(f"{source}: every holiday needs a list of names: {entry!r}")
            rule, days = entry.get("rule"), entry.get("days")
            if (rule is None) == (days is None):
                raise ValueError(f"{source}: {names[0]}: give either a rule or a list of days")
            if days is not None:
                if not isinstance(days, list) or not all(isinstance(d, dt.date) for d in days):
                    raise ValueError(f"{source}: {names[0]}: days must be YYYY-MM-DD dates")
                holidays.append(Holiday(tuple(names), "", tuple(sorted(days))))
                continue
            holiday = Holiday(tuple(names), str(rule))
            try:
                readable = holiday.on(2000) is not None
            except (ValueError, KeyError):
                readable = False
            if not readable:
                raise ValueError(
                    f"{source}: {names[0]}: cannot read the rule {rule!r} (write '12-25', "
                    "'fourth Thursday of November', 'Tuesday after November 1' or 'Easter -2')"
                ) from None
            holidays.append(holiday)
        return cls(tuple(holidays))

    @cached_property
    def by_name(self) -> dict[str, Holiday]:
        return {name.lower(): h for h in self.holidays for name in h.names}

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Any name as written, longest first, optionally "last"/"next"/"this" before and a year after."""
        if not self.holidays:
            return None
        names = sorted({n for h in self.holidays for n in h.names}, key=lambda n: (-len(n), n))
        alternation = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
        return re.compile(
            r"\b(?:(?P<rel>(?i:last|next|this(?:\s+coming)?|this\s+past))\s+)?"
            rf"(?P<holiday>{alternation})(?P<week>\s+week)?"
            r"(?:,?\s+(?P<year>1[6-9]\d\d|20\d\d))?\b(?!\s*-)"
        )
