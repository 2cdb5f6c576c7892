"""Dates as pages and metadata files write them, read as ISO days (dateparser), and the
metadata schema that reads them."""

from __future__ import annotations

import time

import pytest

from generator.build import schema
from generator.build.formats.written_dates import day


@pytest.mark.parametrize(
    ("written", "language", "value"),
    [
        ("2021-05-13", None, "2021-05-13"),
        ("13 May 2021", None, "2021-05-13"),
        ("May 13, 2021", "en", "2021-05-13"),
        ("13/05/2021", None, "2021-05-13"),  # no 13th month: one reading only
        ("05/13/2021", None, "2021-05-13"),
        ("13/05/2021", "en-US", "2021-05-13"),
        ("05/13/2021", "en-GB", "2021-05-13"),
        ("05/06/2021", "en", "2021-05-06"),  # month first in English and American English
        ("05/06/2021", "en-US", "2021-05-06"),
        ("05/06/2021", "en-GB", "2021-06-05"),  # day first in British English,
        ("05/06/2021", "de", "2021-06-05"),  # German,
        ("05/06/2021", "fr_FR", "2021-06-05"),  # French (a locale written with _)
        ("13. Mai 2021", "de", "2021-05-13"),
        ("13. Mai 2021", "de-DE", "2021-05-13"),  # a region dateparser has no locale for
        ("13. Mai 2021", None, "2021-05-13"),
        ("13 mai 2021", "fr", "2021-05-13"),
        ("13 de mayo de 2021", None, "2021-05-13"),
        ("Thu, 13 May 2021 08:00:00 GMT", None, "2021-05-13"),  # RFC 822, as feeds write
        ("Thu, 13 May 2021 08:00:00 GMT", "de", "2021-05-13"),  # English on a German page
        ("Thu, 13 May 2021 23:30:00 -0500", None, "2021-05-13"),  # the writer's own day
        ("2021-05-13T23:30:00-05:00", None, "2021-05-13"),
        ("2021-05-13T08:00:00Z", None, "2021-05-13"),
        ("2021-05-13 08:00 EST", None, "2021-05-13"),
        ("  13   May\n2021 ", None, "2021-05-13"),
    ],
)
def test_common_forms_and_languages_give_the_iso_day(
    written: str, language: str | None, value: str
) -> None:
    assert day(written, language) == value


@pytest.mark.parametrize(
    ("written", "language", "problem"),
    [
        ("05/06/2021", None, "could be 6 May 2021 or 5 June 2021"),
        ("05.06.2021", "xx", "could be 6 May 2021 or 5 June 2021"),  # a language unknown
        ("2023-02-30", None, "not a real date"),
        ("yesterday", None, "not a date with a day, a month and a year"),  # counts from today
        ("3 days ago", "en", "not a date with a day, a month and a year"),
        ("May 2021", None, "not a date with a day, a month and a year"),  # no day
        ("13 May", None, "not a date with a day, a month and a year"),  # no year
        ("2023-W45-3", None, "not a date with a day, a month and a year"),
        ("next week", None, "not a date"),
    ],
)
def test_dates_that_name_no_single_day_are_refused(
    written: str, language: str | None, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        day(written, language)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_the_day_does_not_depend_on_the_machines_time_zone(
    monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert day("Thu, 13 May 2021 23:30:00 -0500") == "2021-05-13"
        assert day("Thu, 13 May 2021 01:00:00 +0900") == "2021-05-13"
        assert day("13 May 2021 23:59") == "2021-05-13"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("yaml", "published", "written"),
    [
        ("published: 2021-05-13\n", "2021-05-13", ""),
        ("published: '2021-05-13'\n", "2021-05-13", ""),
        ("published: 13 May 2021\n", "2021-05-13", 'written "13 May 2021"'),
        ("published: Thu, 13 May 2021 08:00:00 GMT\n", "2021-05-13", 'written "Thu, 13 May 2021 08:00:00 GMT"'),
        ("published: 2021-05-13T08:00:00+02:00\n", "2021-05-13", ""),  # YAML's own timestamp
    ],
)  # fmt: skip
def test_metadata_files_write_dates_in_any_common_form(
    yaml: str, published: str, written: str
) -> None:
    data, lines = schema.parse(yaml)
    metadata = schema.metadata(data, lines, None)
    assert (metadata.published, metadata.published_as) == (published, written)


@pytest.mark.parametrize(
    ("yaml", "problem"),
    [
        ("published: 05/06/2021\n", "could be 6 May 2021 or 5 June 2021"),
        ("published: yesterday\n", "not a date with a day"),
        ("published: 20231108\n", "20231108 is not a date"),  # a number, not a date
        ("published: [2021]\n", "is not a date"),
    ],
)
def test_metadata_dates_that_name_no_day_are_errors_naming_the_field(
    yaml: str, problem: str
) -> None:
    data, lines = schema.parse(yaml)
    with pytest.raises(schema.SchemaError, match=problem) as raised:
        schema.metadata(data, lines, None)
    assert str(raised.value).startswith("published: ") and raised.value.line == 1
