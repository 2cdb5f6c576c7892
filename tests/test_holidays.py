"""Holidays named instead of dates, from the project's curated ``data/holidays.yml``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.project import Project
from generator.text import sentences
from generator.text.holidays import Calendar, easter
from generator.text.timex import tagger

VOCABULARY = Project(Path(__file__).resolve().parent.parent).date_words()


def found(text: str, reference: str | None) -> list[tuple[str, str | None]]:
    ref = dt.date.fromisoformat(reference) if reference else None
    split = sentences.split(text)
    return [(m.text, m.value) for m in tagger.extract(text, split, ref, VOCABULARY)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # the last occurrence in past-tense news, the next one where the clause looks ahead
        (
            "Elian was found Thanksgiving Day clinging to an inner tube.",
            "2000-01-07",
            ("Thanksgiving Day", "1999-11-25"),
        ),
        (
            "He was rescued last Thanksgiving off Florida.",
            "2000-02-10",
            ("last Thanksgiving", "1999-11-25"),
        ),
        (
            "The campaign will run from now to Election Day.",
            "1998-10-26",
            ("Election Day", "1998-11-03"),
        ),
        ("Protesters prayed as Easter week began.", "2000-04-17", ("Easter week", "2000-W16")),
        (
            "Hamas attacked on Simchat Torah, a day of celebration.",
            "2023-10-20",
            ("Simchat Torah", "2023-10-07"),
        ),
        (
            "The ceasefire collapsed on Christmas Eve.",
            "2024-01-03",
            ("Christmas Eve", "2023-12-24"),
        ),
        (
            "Pilgrims gathered in Bethlehem for Christmas 2019.",
            "2024-01-03",
            ("Christmas 2019", "2019-12-25"),
        ),
        ("Shops will close on Good Friday.", "2024-03-20", ("Good Friday", "2024-03-29")),
        ("Talks resume after Memorial Day.", "2024-05-01", ("Memorial Day", "2024-05-27")),
        # "last Christmas", said on Christmas Day, is a year before
        ("Last Christmas the church was full.", "2023-12-25", ("Last Christmas", "2022-12-25")),
    ],
)
def test_holiday(text: str, reference: str, expected: tuple[str, str]) -> None:
    assert expected in found(text, reference)


def test_holiday_of_a_year_the_data_does_not_list_stays_unresolved() -> None:
    text = "Sirens sounded on Yom Kippur."
    (mention,) = tagger.extract(text, sentences.split(text), dt.date(2031, 10, 20), VOCABULARY)
    assert (mention.value, mention.precision) == (None, "unresolved")
    assert "Yom Kippur" in mention.note


def test_holiday_without_reference_takes_the_year_written_nearby() -> None:
    assert ("Christmas", "2016-12-25") in found("In 2016, a truck hit a market at Christmas.", None)
    assert found("A truck hit a market at Christmas.", None) == [("Christmas", None)]


def test_holiday_names_are_matched_as_written() -> None:
    assert found("He said the easter egg hunt went ahead.", "2024-05-01") == []


def test_easter_by_the_computus() -> None:
    assert [easter(y).isoformat() for y in (1998, 2000, 2019, 2024, 2038)] == [
        "1998-04-12", "2000-04-23", "2019-04-21", "2024-03-31", "2038-04-25"]  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"rule": "12-25"}, "every holiday needs a list of names"),
        ({"names": ["Feast"], "rule": "second Blursday of May"}, "Feast: cannot read the rule"),
        ({"names": ["Feast"], "rule": "13-40"}, "Feast: cannot read the rule"),
        ({"names": ["Feast"]}, "Feast: give either a rule or a list of days"),
        ({"names": ["Feast"], "days": ["soon"]}, "Feast: days must be YYYY-MM-DD dates"),
    ],
)
def test_a_holiday_the_code_cannot_use_is_an_error_naming_it(entry: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=f"^data/holidays.yml: {problem}"):
        Calendar.from_data({"holidays": [entry]}, "data/holidays.yml")
