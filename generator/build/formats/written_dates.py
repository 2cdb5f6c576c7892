"""Publication dates as pages and metadata files write them, read as ISO days.

"13 May 2021", "13/05/2021", "13. Mai 2021", an RFC 822 feed date ("Thu, 13 May 2021
08:00:00 GMT") and ISO with a time and a zone all give ``2021-05-13``: dateparser reads
every common form in some two hundred languages, where a hand-written reader would know
a few. A day is the one the writer's own time zone gives (never converted to the build
machine's), a date must name its day, month and year (dateparser would fill a missing
part from the clock), and words that count from today ("yesterday") are refused: the same
file always gives the same day.

Day or month first: the page's language decides, as dateparser's locale data writes
dates there ("05/06/2021" is 6 May on an ``en`` or ``en-US`` page, 5 June on an ``en-GB``,
``de`` or ``fr`` one). Without a language, a date that reads both ways is refused; one
that reads only one way ("13/05/2021", "05/13/2021") is read so.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from generator.timeml import label

ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")
SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],  # never "2 days ago"
    "REQUIRE_PARTS": ["day", "month", "year"],  # never a part taken from the clock
    "PREFER_LOCALE_DATE_ORDER": True,
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never the clock, should any part need one
}


def day(written: str, language: str | None = None) -> str:
    """The ISO day ``written`` names, read in ``language`` (``de``, ``en-GB``) when known;
    a ``ValueError`` that says why otherwise."""
    text = " ".join(written.split())
    if ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"{written!r} is not a real date") from None
    if _ISO_TIME.match(text):
        try:
            return dt.datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            pass  # a zone written as a name ("2021-05-13 08:00 EST"): dateparser's
    parser = _parser(language) if language else None
    found = parser.get_date_data(text).date_obj if parser else None
    if found is None:
        found = _parser(None).get_date_data(text).date_obj
    if found is None:
        raise ValueError(
            f"{written!r} is not a date with a day, a month and a year"
            f"{f' (read as {language})' if language else ''}: write it as YYYY-MM-DD"
        )
    both = _NUMERIC.fullmatch(text)
    if parser is None and both and int(both[1]) != int(both[2]) <= 12 and int(both[1]) <= 12:
        first, second = (_label(found, swap) for swap in (False, True))
        raise ValueError(
            f"{written!r} could be {first} or {second}, and no language says which: "
            "write it as YYYY-MM-DD"
        )
    return found.date().isoformat()


def _label(found: dt.datetime, swap: bool) -> str:
    day_, month = (found.month, found.day) if swap else (found.day, found.month)
    return label(dt.date(found.year, month, day_).isoformat())


@functools.cache
def _parser(language: str | None) -> Any:
    """dateparser's reader for a language tag (``en-GB``, ``de_DE``, ``de``): its locale if
    dateparser knows it, else its language, else None; for None, a reader of every
    language."""
    from dateparser.date import DateDataParser  # loading its languages takes a second

    if language is None:
        return DateDataParser(settings=SETTINGS)
    tag = language.strip().replace("_", "-")
    base, _, region = tag.partition("-")
    for kind, code in (
        ("locales", f"{base.lower()}-{region.upper()}"),
        ("languages", base.lower()),
    ):
        if code.endswith("-"):
            continue
        parser = DateDataParser(settings=SETTINGS, **{kind: [code]})
        try:
            parser.get_date_data("2000-01-01")
        except ValueError:  # a locale or language dateparser does not know
            continue
        return parser
    return None
