"""Date extraction rules, each on sentences of the seeds' kind and of other news."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import dates, sentences


def found(text: str, reference: str | None) -> list[tuple[str, str | None, str]]:
    ref = dt.date.fromisoformat(reference) if reference else None
    return [(m.text, m.value, m.precision) for m in dates.extract(text, sentences.split(text), ref)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "Israel's military escalated operations on Thursday.",
            "2025-03-20",
            ("Thursday", "2025-03-20", "day"),
        ),
        (
            "Gaza's agency confirmed 504 deaths since Tuesday.",
            "2025-03-20",
            ("Tuesday", "2025-03-18", "day"),
        ),
        (
            "Hamas retaliated to Wednesday’s attack.",
            "2021-05-13",
            ("Wednesday", "2021-05-12", "day"),
        ),
        (
            "Kyiv was shelled on Sunday night.",
            "2024-02-06",
            ("Sunday night", "2024-02-04TNI", "day"),
        ),
        (
            "The talks will resume next Tuesday.",
            "2024-02-06",
            ("next Tuesday", "2024-02-13", "day"),
        ),
        (
            "Hamas stormed across the border on October 7.",
            "2023-10-27",
            ("October 7", "2023-10-07", "day"),
        ),
        (
            "The truce that began on Jan. 19 had been marred.",
            "2025-03-20",
            ("Jan. 19", "2025-01-19", "day"),
        ),
        (
            "The truce that began on Jan. 19 had been marred.",
            "2025-12-20",
            ("Jan. 19", "2025-01-19", "day"),
        ),
        ("Fighting flared in Darfur in December.", "2024-03-02", ("December", "2023-12", "month")),
        ("The ceasefire collapsed last month.", "2025-04-03", ("last month", "2025-03", "month")),
        ("Zamir visited Gaza this week.", "2025-04-03", ("this week", "2025-W14", "week")),
        ("The UN met two days ago.", "2025-04-03", ("two days ago", "2025-04-01", "day")),
        ("Officials spoke yesterday.", "2025-04-03", ("yesterday", "2025-04-02", "day")),
        (
            "Since Hamas’ Oct. 7, 2023 incursion on Israel.",
            None,
            ("Oct. 7, 2023", "2023-10-07", "day"),
        ),
        (
            "It was bombed on the night of October 27, 2023.",
            None,
            ("October 27, 2023", "2023-10-27", "day"),
        ),
        ("Elections were held in March 2024.", None, ("March 2024", "2024-03", "month")),
        ("The war of 2014 ended.", None, ("2014", "2014", "year")),
        ("Khartoum fell in the 1990s.", None, ("1990s", "199", "decade")),
    ],
)
def test_date_rules(text: str, reference: str | None, expected: tuple) -> None:
    assert expected in found(text, reference)


def test_weekday_on_the_reference_day_is_that_day() -> None:
    assert found("Rockets were launched on Thursday.", "2025-04-03") == [
        ("Thursday", "2025-04-03", "day")
    ]


def test_relative_dates_stay_unresolved_without_reference() -> None:
    result = found("Troops entered Rafah on Thursday, earlier in the week.", None)
    assert ("Thursday", None, "unresolved") in result
    assert all(value is None for _, value, _ in result)


def test_month_day_without_year_or_reference_keeps_year_unknown() -> None:
    assert found("The truce began on Jan. 19.", None) == [("Jan. 19", "XXXX-01-19", "day")]


def test_never_the_machines_clock() -> None:
    this_year = str(dt.date.today().year)
    for text in (
        "The truce began on Jan. 19.",
        "Troops entered in July.",
        "It happened on Friday.",
    ):
        for _, value, _ in found(text, None):
            assert not (value or "").startswith(this_year)


def test_ranges_give_both_ends() -> None:
    text = "At least 97 people were killed from Wednesday into Thursday."
    mentions = dates.extract(text, sentences.split(text), dt.date(2025, 4, 3))
    assert mentions[0].value == "2025-04-02" and mentions[0].end_value == "2025-04-03"
    text = "It would recall incursions during wars in 2014 and 2008-2009."
    years = dates.extract(text, sentences.split(text), None)
    assert [(m.value, m.end_value) for m in years] == [("2014", None), ("2008", "2009")]


def test_may_and_other_words_are_not_dates() -> None:
    text = "They may have inhaled gas. We now know more. A second strike hit."
    values = [m.value for m in dates.extract(text, sentences.split(text), dt.date(2021, 5, 13))]
    assert values == ["PRESENT_REF"]


def test_publication_inferred_from_embedded_post() -> None:
    text = (
        "Rockets were launched on Thursday.\n\n"
        "Strikes across Gaza pic.twitter.com/x — War Monitor (@WarMonitors) April 3, 2025\n"
    )
    published = dates.infer_published(text, sentences.split(text))
    assert published.value == "2025-04-03" and published.how == "inferred"
    assert "embedded post" in published.evidence and "Thursday matches" in published.evidence


def test_publication_not_inferred_from_a_background_date() -> None:
    text = "This toll is one of the highest since Hamas’ Oct. 7, 2023 incursion on Israel."
    assert dates.infer_published(text, sentences.split(text)).how == "unknown"


def test_publication_rejected_when_weekdays_disagree() -> None:
    text = "Troops advanced on Monday.\n(Photo by A. B. / AFP) on October 27, 2023."
    assert dates.infer_published(text, sentences.split(text)).value is None
