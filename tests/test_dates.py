"""Date extraction rules, each on sentences of the seeds' kind and of other news."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from generator import timeml
from generator.project import Project
from generator.text import sentences
from generator.text.timex import tagger

# The curated nouns that make a number no year; the holidays are tests/test_holidays.py's.
WORDS = tagger.DateWords(Project(Path(__file__).resolve().parent.parent).date_words().counted)


def found(text: str, reference: str | None) -> list[tuple[str, str | None, str]]:
    ref = dt.date.fromisoformat(reference) if reference else None
    return [
        (m.text, m.value, m.precision)
        for m in tagger.extract(text, sentences.split(text), ref, WORDS)
    ]


# (sentence, reference date, (span, value)): one rule a case, in the seeds' register and
# in other news.  Spans follow TimeML: the preposition stays out, the words that say
# which one stay in.
RULES = [
    # weekdays: the last such day on or before the reference, unless the clause looks ahead
    (
        "Gaza's health ministry said on Thursday that 504 people had died.",
        "2025-03-20",
        ("Thursday", "2025-03-20"),
    ),
    (
        "Israel's military escalated operations on Thursday.",
        "2025-03-20",
        ("Thursday", "2025-03-20"),
    ),
    ("Gaza's agency confirmed 504 deaths since Tuesday.", "2025-03-20", ("Tuesday", "2025-03-18")),
    # a month without a year, in a clause on course for it, lies ahead
    (
        "BP said it was on schedule to kill the leak by mid-August.",
        "2010-07-02",
        ("mid-August", "2010-08"),
    ),
    ("Hamas retaliated to Wednesday’s attack.", "2021-05-13", ("Wednesday", "2021-05-12")),
    ("Air raids continued through Friday night.", "2023-10-30", ("Friday night", "2023-10-27")),
    ("Kyiv was shelled on Sunday night.", "2024-02-06", ("Sunday night", "2024-02-04")),
    ("The talks will resume next Tuesday.", "2024-02-06", ("next Tuesday", "2024-02-13")),
    ("The army will resume its offensive on Tuesday.", "2024-02-08", ("Tuesday", "2024-02-13")),
    ("Negotiators will review Wednesday's proposal.", "2024-02-08", ("Wednesday", "2024-02-07")),
    ("The talks resume next Tuesday.", "2024-02-06", ("next Tuesday", "2024-02-13")),
    ("Farmers blocked roads last Monday.", "2024-02-07", ("last Monday", "2024-02-05")),
    ("Stocks closed higher than the previous Friday.", "1989-10-30", None),
    # words and counts relative to the reference date
    ("The UN met two days ago.", "2025-04-03", ("two days ago", "2025-04-01")),
    ("Officials spoke yesterday.", "2025-04-03", ("yesterday", "2025-04-02")),
    ("The strike hit almost four years ago.", "1999-03-12", ("almost four years ago", "1995")),
    ("Rockets were fired earlier in the week.", "2025-04-03", ("earlier in the week", "2025-W14")),
    ("The ceasefire collapsed last month.", "2025-04-03", ("last month", "2025-03")),
    ("Zamir visited Gaza this week.", "2025-04-03", ("this week", "2025-W14")),
    (
        "Strikes killed 97 people over the past 24 hours.",
        "2025-04-03",
        ("the past 24 hours", "2025-04-02"),
    ),
    ("Aid trucks entered in the last week.", "2024-03-14", ("the last week", "2024-W10")),
    # a Sunday paper's "last week" is the week that just ended, Monday to Saturday
    ("Hayward toured the Gulf last week.", "2010-06-27", ("last week", "2010-W25")),
    ("Hayward toured the Gulf last week.", "2010-06-26", ("last week", "2010-W24")),
    ("The economy grew this year.", "1998-06-26", ("this year", "1998")),
    ("Rates rose earlier this month.", "1989-10-30", ("earlier this month", "1989-10")),
    ("The siege began last fall.", "1999-04-10", ("last fall", "1998-FA")),
    ("Prices fall when supply rises.", "1999-04-10", None),
    ("The deal closes over the weekend.", "1989-10-30", ("the weekend", "1989-W43-WE")),
    # a month or a day without a year takes it from the reference date and the tense
    ("Hamas stormed across the border on October 7.", "2023-10-27", ("October 7", "2023-10-07")),
    ("The truce that began on Jan. 19 had been marred.", "2025-03-20", ("Jan. 19", "2025-01-19")),
    ("The truce that began on Jan. 19 had been marred.", "2025-12-20", ("Jan. 19", "2025-01-19")),
    ("Fighting flared in Darfur in December.", "2024-03-02", ("December", "2023-12")),
    ("Elections will be held in March.", "2024-12-02", ("March", "2025-03")),
    ("The dividend is payable Dec. 15.", "1989-11-01", ("Dec. 15", "1989-12-15")),
    ("Fighting flared in Darfur in early December.", "2024-03-02", ("early December", "2023-12")),
    ("Helicopters crashed last February.", "1998-03-01", ("last February", "1998-02")),
    (
        "The Times said in an editorial on Monday, Oct. 26:",
        "1998-10-25",
        ("Monday, Oct. 26", "1998-10-26"),
    ),
    ("Czech Foreign Minister Jan Kavan spoke.", "1999-03-12", None),
    # absolute dates in their many spellings
    ("Since Hamas’ Oct. 7, 2023 incursion on Israel.", None, ("Oct. 7, 2023", "2023-10-07")),
    ("It was bombed on the night of October 27, 2023.", None, ("October 27, 2023", "2023-10-27")),
    ("Hamas attacked on 7 October 2023.", None, ("7 October 2023", "2023-10-07")),
    ("The file is dated 2023-10-07.", None, ("2023-10-07", "2023-10-07")),
    ("The memo, dated 11/02/89, was leaked.", "1989-11-03", ("11/02/89", "1989-11-02")),
    ("Elections were held in March 2024.", None, ("March 2024", "2024-03")),
    ("Pol Pot was arrested in July last year.", "1998-02-19", ("July last year", "1997-07")),
    ("The war of 2014 ended.", None, ("2014", "2014")),
    ("Sales in fiscal 1989 rose.", None, ("fiscal 1989", "1989")),
    ("The group fell apart in mid-1996.", None, ("mid-1996", "1996")),
    ("Cuts are due by the end of 1990.", None, ("the end of 1990", "1990")),
    ("Atlanta, nineteen ninety-six: a bomb blast.", None, ("nineteen ninety-six", "1996")),
    ("They promised jobs by the year two thousand.", None, ("the year two thousand", "2000")),
    ("Khartoum fell in the 1990s.", None, ("1990s", "199")),
    ("Cambodia suffered in the late 1970s.", None, ("the late 1970s", "197")),
    ("It was a 20th century idea.", None, ("20th century", "19")),
    ("Crises lasted longer in the 1930's.", "2009-02-10", ("1930's", "193")),
    ("The winter of 2014 was harsh.", None, ("The winter of 2014", "2014-WI")),
    ("The court sits the week of March 6.", "2000-02-24", ("the week of March 6", "2000-W10")),
    # quarters and halves, as business news reports them
    (
        "Losses will continue through the third quarter of 1990.",
        None,
        ("the third quarter of 1990", "1990-Q3"),
    ),
    (
        "Du Pont reported that third-quarter profit grew.",
        "1989-10-26",
        ("third-quarter", "1989-Q3"),
    ),
    ("Sales fell in the latest quarter.", "1989-11-02", ("the latest quarter", "1989-Q3")),
    ("Earnings fell in the first half of 1989.", None, ("the first half of 1989", "1989-H1")),
    # references to the present, past and future
    ("Palestinians in Gaza now face famine.", "2024-03-14", ("now", "PRESENT_REF")),
    ("The army recently expanded the zone.", "2024-03-14", ("recently", "PAST_REF")),
    (
        "Troops will stay for the foreseeable future.",
        "2024-03-14",
        ("the foreseeable future", "FUTURE_REF"),
    ),
    # four-digit numbers that count something are not years
    ("Some 2000 people fled the camp.", "2024-03-14", None),
    ("The curfew starts at 1800 GMT.", "2024-03-14", None),
]


@pytest.mark.parametrize(("text", "reference", "expected"), RULES)
def test_rule(text: str, reference: str | None, expected: tuple[str, str] | None) -> None:
    got = found(text, reference)
    if expected is None:
        assert all(not (value or "")[:1].isdigit() for _, value, _ in got), got
    else:
        span, value = expected
        precision = "ref" if value.endswith("_REF") else timeml.shape(value)
        assert (span, value, precision) in got, got


def test_anaphoric_dates_count_from_the_last_date_named() -> None:
    text = "Israel struck Rafah on Oct. 12, 2023. A week later, troops entered the city."
    assert ("A week later", "2023-10-19") in [(s, v) for s, v, _ in found(text, "2023-11-01")]
    report = "Profit rose in the third quarter. A year earlier, the company lost money."
    assert ("A year earlier", "1988-Q3") in [(s, v) for s, v, _ in found(report, "1989-10-26")]


def test_since_marks_the_start_of_a_period() -> None:
    text = "Gaza's agency confirmed 504 deaths since Tuesday."
    mention = tagger.extract(text, sentences.split(text), dt.date(2025, 3, 20), WORDS)[0]
    assert (mention.text, mention.value, mention.role) == ("Tuesday", "2025-03-18", "since")


def test_day_range_within_a_month() -> None:
    text = "Talks were held between 1 and 3 March 2024."
    mention = tagger.extract(text, sentences.split(text), None, WORDS)[0]
    assert (mention.value, mention.end_value) == ("2024-03-01", "2024-03-03")


def test_labels_never_claim_more_than_the_value() -> None:
    assert timeml.label("2023-10-27TNI") == "27 October 2023, night"
    assert timeml.label("2023-Q4") == "Q4 2023"
    assert timeml.label("199") == "the 1990s"
    assert timeml.label("PRESENT_REF") == "the present"
    assert [timeml.label(c) for c in ("19", "20", "21", "10")] == [
        "the 20th century", "the 21st century", "the 22nd century", "the 11th century"]  # fmt: skip


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
    mentions = tagger.extract(text, sentences.split(text), dt.date(2025, 4, 3), WORDS)
    assert mentions[0].value == "2025-04-02" and mentions[0].end_value == "2025-04-03"
    text = "It would recall incursions during wars in 2014 and 2008-2009."
    years = tagger.extract(text, sentences.split(text), None, WORDS)
    assert [(m.value, m.end_value) for m in years] == [("2014", None), ("2008", "2009")]


def test_may_and_other_words_are_not_dates() -> None:
    text = "They may have inhaled gas. We now know more. A second strike hit."
    values = [
        m.value for m in tagger.extract(text, sentences.split(text), dt.date(2021, 5, 13), WORDS)
    ]
    assert values == ["PRESENT_REF"]


def test_publication_inferred_from_embedded_post() -> None:
    text = (
        "Rockets were launched on Thursday.\n\n"
        "Strikes across Gaza pic.twitter.com/x — War Monitor (@WarMonitors) April 3, 2025\n"
    )
    published = tagger.infer_published(text, sentences.split(text), WORDS)
    assert published.value == "2025-04-03" and published.how == "inferred"
    assert "embedded post" in published.evidence and "Thursday matches" in published.evidence


def test_publication_not_inferred_from_a_background_date() -> None:
    text = "This toll is one of the highest since Hamas’ Oct. 7, 2023 incursion on Israel."
    assert tagger.infer_published(text, sentences.split(text), WORDS).how == "unknown"


def test_publication_rejected_when_weekdays_disagree() -> None:
    text = "Troops advanced on Monday.\n(Photo by A. B. / AFP) on October 27, 2023."
    assert tagger.infer_published(text, sentences.split(text), WORDS).value is None


JUMBLE = (
    "on in last next this the a year week month quarter third-quarter fiscal 1989 2023 "
    "Oct. 7 , 31 Feb. 30 Monday night ago earlier later that following previous 24 hours "
    "past few now early late mid- 1990s '80s nineties nineteen ninety-six two thousand "
    "winter fall of year-end 11/31/99 2023-02-30 20th century centuries between and 1 3 "
    "March from Wednesday into Thursday weekend 99999999 days ."
)


def test_any_jumble_of_date_words_gives_values_a_page_can_show() -> None:
    """Untrusted text: every value must be one the chronology can place and label."""
    words = JUMBLE.split()
    rng = random.Random(7)
    for _ in range(1500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        for ref in (None, dt.date(2024, 2, 29), dt.date(1000, 1, 5), dt.date(9999, 12, 30)):
            for mention in tagger.extract(text, sentences.split(text), ref, WORDS):
                for value in (mention.value, mention.end_value):
                    if value and value[0].isdigit():
                        assert timeml.shape(value) != "other", (text, value)
                        timeml.start_of(value)
                        timeml.label(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Swine flu outbreak reaches Europe The UN has warned of a pandemic The first cases "
         "were confirmed in Spain.",
         ["Swine flu outbreak reaches Europe", "The UN has warned of a pandemic",
          "The first cases were confirmed in Spain."]),
        ("(AP) A key safety device failed.", ["(AP)", "A key safety device failed."]),
        # "The" with a capital that is part of a name, or after a word that names it
        ("He read The Guardian and saw The Who play.",
         ["He read The Guardian and saw The Who play."]),
        ("She starred in a film called The end of days.",
         ["She starred in a film called The end of days."]),
    ],
)  # fmt: skip
def test_a_sentence_run_into_the_next_without_a_stop_is_cut(text, expected) -> None:
    """A page's title or a caption that lost its line runs into the lead: cut where "The"
    or "A" with a capital starts a sentence, not where it starts a name."""
    assert [text[s.start : s.end] for s in sentences.split(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Obama said on Thursday: “Today we begin to rebuild.”", "2010-06-17"),
        ("“We leave tomorrow,” the minister told reporters on Monday.", "2010-06-15"),
        ("“Yesterday was hard,” she said on Tuesday.", "2010-06-14"),
        # said "today": the publication's day, as anything else of today
        ("“Today we begin,” he said today.", "2010-06-19"),
        # two days of saying: which one said it is not known, so the page's day stays
        ("He said on Monday and on Tuesday: “Today we begin.”", "2010-06-19"),
        # not in quotation marks: the writer's today
        ("Obama said on Thursday that today the work begins.", "2010-06-19"),
    ],
)  # fmt: skip
def test_today_in_quoted_speech_is_the_day_it_was_said(text, expected) -> None:
    """Published on Saturday 19 June 2010: a quotation's "today", "tomorrow" or
    "yesterday" counts from the day it was said when the sentence says when that was."""
    days = [value for said, value, _ in found(text, "2010-06-19")
            if said.lower() in ("today", "tomorrow", "yesterday")]  # fmt: skip
    assert days[0] == expected
