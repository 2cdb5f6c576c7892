"""The calendar's words, in English: one table of each, for the date tagger, the rules of
``data/holidays.yml`` and the sentence splitter alike."""

from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                       "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
"""Those written with a full stop ("Oct. 7"): May is never shortened."""
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)} | {
    short.lower(): number for short, number in MONTH_ABBREVIATIONS.items()
}
"""A month's number by its name or abbreviation, lower case."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
"""A season's TimeML code by its name."""
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
"""A part of the day's TimeML code by its name."""

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
"""As holiday rules spell them ("fourth Thursday of November")."""
ORDINAL_FIGURES = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
"""As quarters are written in figures ("2nd quarter"): there are four."""

UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{word: number for number, word in enumerate(UNITS, start=1)},
    **{word: number for number, word in enumerate(TEENS, start=10)},
    **{word: 10 * number for number, word in enumerate(TENS, start=2)},
    "hundred": 100,
}
"""The numbers counts and years are spelled with ("two days ago", "nineteen ninety-six")."""
