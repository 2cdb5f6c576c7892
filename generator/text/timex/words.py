"""The curated words the date tagger reads: the holidays of ``data/holidays.yml`` and the
nouns of ``data/figures.yml`` that make a four-digit number a count, not a year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from generator.text.holidays import Calendar

# What else, after a four-digit number, makes it a quantity or a name: a time of day, a
# fraction, a range, a plural count, a street number ("1800 GMT", "1998.5", "2000-3000",
# "1000's of", "1600 Pennsylvania Avenue").
_NOT_YEAR_AFTER = (
    r"\s*(?:%|[.,]\d|-\d|(?:GMT|EST|EDT|UTC|hours|hrs|local\s+time|a\.m\.|p\.m\.)\b)"
    r"|['’]?s\s+of\b"
    r"|\s+(?:[A-Z][a-z]+\s+){1,2}(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Lane|Drive"
    r"|Way|Place|Court|Square)\b"
)


NO_HOLIDAYS = Calendar()


@dataclass(frozen=True)
class DateWords:
    """One project's curated words, as date tagging reads them."""

    counted: tuple[str, ...] = ()
    """Nouns a number counts ("2000 people"): after one, maybe past a word, it is no year."""
    holidays: Calendar = NO_HOLIDAYS

    @classmethod
    def from_data(cls, figures: dict, holidays: Calendar, source: str = "figures.yml") -> DateWords:
        """``counted_nouns`` of the figures' file, with the holidays; a word that is not one
        is an error naming it."""
        counted = figures.get("counted_nouns") or []
        for word in counted:
            if not (isinstance(word, str) and re.fullmatch(r"[a-z]+", word)):
                raise ValueError(f"{source}: counted_nouns: {word!r} is not a word in lower case")
        return cls(tuple(counted), holidays)

    @cached_property
    def not_year_after(self) -> re.Pattern[str]:
        """What, after a four-digit number, makes it a quantity, not a year ("2000 people",
        "1800 GMT")."""
        if not self.counted:
            return re.compile(_NOT_YEAR_AFTER)
        nouns = "|".join(self.counted)
        return re.compile(rf"{_NOT_YEAR_AFTER}|\s+(?:[a-z]+\s+)?(?:{nouns})\b")
