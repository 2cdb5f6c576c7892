"""TimeML values (``2023-10-27``, ``2023-W43``, ``1990-Q3``, ``199``, ``PRESENT_REF``…): the
precision a value's form gives it, the first day it covers, how a reader sees it, and the
value a number of days, weeks, months or years away.

Extraction writes these values; the chronology orders and files entries by them, and the
pages show them, so that all read a value the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Literal

from generator.text.timex.lexicon import MONTH_NAMES, PARTS_OF_DAY, SEASONS

Shape = Literal[
    "day", "month", "week", "season", "quarter", "half", "year", "decade", "century", "other"
]
"""A value's precision by its form; ``other`` for no value of a calendar unit."""

REFERENCES = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
"""The month a season's code starts in."""
_SEASON_NAMES = {code: name for name, code in reversed(SEASONS.items())}  # FA: autumn, not fall
_PARTS_OF_DAY = {code: name for name, code in PARTS_OF_DAY.items()}


@functools.lru_cache(maxsize=1 << 14)
def shape(value: str) -> Shape:
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
            return dt.date(int(value[:4]), SEASON_START[value[5:7]], 1)
        case "year":
            return dt.date(int(value), 1, 1)
        case "decade":
            return dt.date(int(value) * 10, 1, 1)
        case "century":
            return dt.date(max(1, int(value) * 100), 1, 1)
    return dt.date.min


@functools.lru_cache(maxsize=1 << 14)
def label(value: str | None) -> str:
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
            of_day = _PARTS_OF_DAY.get(value[11:])
            return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" + (
                f", {of_day}" if of_day else ""
            )
        case "quarter":
            return f"Q{value[6]} {value[:4]}"
        case "half":
            return f"{'first' if value[6] == '1' else 'second'} half of {value[:4]}"
        case "century":
            return f"the {_ordinal(int(value) + 1)} century"
        case "month":
            return f"{MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
        case "week":
            suffix = " (weekend)" if value.endswith("WE") else ""
            return f"week {int(value[6:8])} of {value[:4]}{suffix}"
        case "decade":
            return f"the {value}0s"
        case "season":
            return f"{_SEASON_NAMES[value[5:]]} {value[:4]}"
    return value


def week_of(day: dt.date) -> str:
    """The ISO week holding ``day``, as a value: ``2023-W41``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or, negative, before) ``month`` of ``year``."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def shift(value: str, unit: str, n: int) -> str | None:
    """A TimeML value moved by ``n`` units, at the coarser of its precision and the unit's."""
    shifted = _moved(value, unit, n)
    return shifted if shifted and 1000 <= int(shifted[:4]) <= 9999 else None


def _moved(value: str, unit: str, n: int) -> str | None:
    kind = shape(value)
    if kind == "day":
        day = dt.date.fromisoformat(value[:10])
        if unit == "day":
            return (day + dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (day + dt.timedelta(weeks=n)).isoformat()
        if unit in ("month", "year"):
            year, month = add_months(day.year, day.month, n * (12 if unit == "year" else 1))
            last = calendar.monthrange(year, month)[1]
            return f"{year}-{month:02d}-{min(day.day, last):02d}"
    if kind == "month" and unit in ("month", "year"):
        year, month = add_months(int(value[:4]), int(value[5:7]), n * (12 if unit == "year" else 1))
        return f"{year}-{month:02d}"
    if kind in ("quarter", "half", "season") and unit == "year":
        return f"{int(value[:4]) + n}{value[4:]}"
    if kind == "week" and unit == "week":
        monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        return week_of(monday + dt.timedelta(weeks=n))
    if kind == "year" and unit == "year":
        return str(int(value) + n)
    return None


def coarsen(value: str | None, unit: str) -> str | None:
    """``value`` at the precision of ``unit`` ("that month" of a day is its month), if it is as fine."""
    if value is None:
        return None
    kind = shape(value)
    if unit == "day":
        return value[:10] if kind == "day" else None
    if unit == "week":
        if kind == "day":
            return week_of(dt.date.fromisoformat(value[:10]))
        return value if kind == "week" else None
    if unit == "month":
        return value[:7] if kind in ("day", "month") else None
    if unit == "year":
        return value[:4] if kind not in ("decade", "century", "other") else None
    return None


def _ordinal(number: int) -> str:
    """21 → "21st", 12 → "12th", 23 → "23rd"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
