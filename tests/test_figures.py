"""Figure extraction: values, bounds, categories, groups and sources."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.project import Project, find_root
from generator.text import figures, places, sentences
from generator.text.figure_words import FigureWords
from generator.text.timex import tagger


@pytest.fixture(scope="module")
def resources():
    return Project(find_root()).resources()


def extract(text: str, resources) -> list[figures.Figure]:
    split = sentences.split(text)
    found_dates = tagger.extract(text, split, None, tagger.DateWords(resources.dates.counted))
    found_places = places.extract(text, split, resources.gazetteer)
    return figures.extract(text, split, found_dates, found_places, resources.vocabulary)


def test_at_least_killed_with_source(resources) -> None:
    text = ("At least 67 people have been killed in Gaza since violence escalated on Monday, "
            "according to the enclave’s health ministry.")  # fmt: skip
    [figure] = extract(text, resources)
    assert (figure.value, figure.min, figure.max) == (67, 67, None)
    assert figure.category == "killed" and figure.source == "Gaza Health Ministry"


def test_number_words_and_possessive_source(resources) -> None:
    [figure] = extract("Seven people have been killed in Israel, its military said.", resources)
    assert figure.value == 7 and figure.category == "killed" and figure.source == "Israeli military"


def test_subcount_takes_the_category_and_group(resources) -> None:
    text = "Gaza's Civil Defense Agency confirmed 504 deaths since Tuesday, with over 190 victims under the age of 18."
    total, part = extract(text, resources)
    assert (total.value, total.category) == (504, "killed")
    assert (part.min, part.category, part.group) == (191, "killed", "victims under the age of 18")
    assert total.source == part.source == "Gaza Civil Defence"
    assert all(f.value != 18 for f in (total, part))


def test_scaled_and_vague_amounts(resources) -> None:
    text = "The United Nations warned of disaster in the enclave of 2.4 million people."
    [figure] = extract(text, resources)
    assert figure.value == 2_400_000 and figure.category == "population"
    [fled] = extract("Hundreds of thousands fled the city of Rafah.", resources)
    assert (fled.min, fled.max, fled.category) == (200_000, None, "displaced")


def test_hostages_and_pronoun_source(resources) -> None:
    text = ("Israel has been building up to a ground invasion. It says that 1,400 people, nearly all "
            "civilians, were killed and more than 220 taken hostage.")  # fmt: skip
    killed, hostages = extract(text, resources)
    assert (killed.value, killed.category) == (1400, "killed")
    assert (hostages.min, hostages.category) == (221, "hostages")
    assert killed.source == hostages.source == "Israeli government"


@pytest.mark.parametrize(
    "text",
    [
        "a father of seven told Reuters",
        "destroying a six-storey residential building",
        "in three weeks of war",
        "It had been around seven to eight days since the medics were executed.",
        "the second phase of the war",
        "a division headquarters and three maneuver brigades",
    ],
)
def test_numbers_that_count_nothing_reported(text: str, resources) -> None:
    assert extract(text, resources) == []


def test_other_news(resources) -> None:
    text = "Ukraine's air force said it shot down 31 of 35 drones launched by Russia overnight."
    result = extract(text, resources)
    assert any(f.value == 35 and f.category == "rockets" for f in result)


def extract_at(text: str, reference: str, resources) -> list[figures.Figure]:
    split = sentences.split(text)
    ref = dt.date.fromisoformat(reference)
    found_dates = tagger.extract(text, split, ref, resources.dates)
    found_places = places.extract(text, split, resources.gazetteer)
    return figures.extract(text, split, found_dates, found_places, resources.vocabulary)


def _facts(figure: figures.Figure) -> tuple:
    return (figure.value, figure.min, figure.max, figure.category, figure.place,
            figure.period_start, figure.scope, figure.source)  # fmt: skip


# The same facts as other newsrooms write them: other verbs, word order, the passive,
# numbers in words, the source before or after.  Each group must give the same figures.
PARAPHRASES = [
    (
        [
            "Gaza's Civil Defense Agency confirmed 504 deaths since Tuesday, with over 190 "
            "victims under the age of 18.",
            "The civil defence agency in Gaza said 504 people had been killed since Tuesday, "
            "more than 190 of them children.",
            "Since Tuesday, 504 Palestinians have died, among them over 190 minors, Gaza's "
            "civil defence said.",
        ],
        [
            (504, 504, 504, "killed", None, "2025-03-18", "total", "Gaza Civil Defence"),
            (190, 191, None, "killed", None, "2025-03-18", "total", "Gaza Civil Defence"),
        ],
    ),
    (
        [
            "Israel retaliated by killing 49,617 people in Gaza so far, according to the "
            "Health Ministry.",
            "The death toll in Gaza has risen to 49,617, the Hamas-run health ministry said on "
            "Thursday.",
            "According to the health ministry, Israeli strikes have killed 49,617 people in Gaza.",
        ],
        [(49617, 49617, 49617, "killed", "Gaza Strip", None, "total", "Gaza Health Ministry")],
    ),
    (
        [
            "Gaza's Hamas-run health ministry has announced at least 97 people killed in "
            "Israeli strikes from Wednesday into Thursday, including at least 20 killed in a "
            "dawn airstrike on a suburb of Gaza City.",
            "Gaza's health ministry says at least 97 people were killed between Wednesday and "
            "Thursday, at least 20 of them in a single strike on Gaza City.",
        ],
        [
            (97, 97, None, "killed", None, "2025-03-19", "period", "Gaza Health Ministry"),
            (20, 20, None, "killed", "Gaza City", "2025-03-19", "period", "Gaza Health Ministry"),
        ],
    ),
    (
        [
            "Seven people have been killed in Israel, its military said.",
            "The Israeli military said seven people had been killed in Israel.",
            "In Israel, seven people have been killed, according to the military.",
        ],
        [(7, 7, 7, "killed", "Israel", None, "total", "Israeli military")],
    ),
    (
        [
            "Israel says that 1,400 people, nearly all civilians, were killed and more than "
            "220 taken hostage.",
            "More than 220 people were taken hostage and 1,400 were killed, Israel says.",
        ],
        [
            (1400, 1400, 1400, "killed", None, None, None, "Israeli government"),
            (220, 221, None, "hostages", None, None, None, "Israeli government"),
        ],
    ),
    (
        [
            "Hundreds of thousands have fled Khan Younis in recent days, the U.N. said.",
            "According to the United Nations, hundreds of thousands of people have fled from "
            "Khan Younis.",
        ],
        [(200000, 200000, None, "displaced", "Khan Younis", None, "total", "United Nations")],
    ),
]


@pytest.mark.parametrize(("versions", "expected"), PARAPHRASES)
def test_paraphrases_give_the_same_figures(versions: list[str], expected, resources) -> None:
    for text in versions:
        found = sorted((_facts(f) for f in extract_at(text, "2025-03-20", resources)),
                       key=lambda facts: -facts[0])  # fmt: skip
        assert found == sorted(expected, key=lambda facts: -facts[0]), text


def test_sub_count_points_to_its_total(resources) -> None:
    text = "The ministry said 504 people had been killed, more than 190 of them children."
    total, part = extract_at(text, "2025-03-20", resources)
    assert part.part_of == total.start and part.group == "children" and total.part_of is None


def test_the_day_a_figure_was_said_is_not_its_period(resources) -> None:
    [figure] = extract_at("The toll rose to 300, the ministry said on Friday.", "2025-03-20",
                          resources)  # fmt: skip
    assert (figure.value, figure.period, figure.scope) == (300, None, "total")


def test_place_in_an_organisation_or_a_source_is_not_the_place_of_the_count(resources) -> None:
    text = "Health authorities in Gaza said 12 people were injured."
    [figure] = extract_at(text, "2025-03-20", resources)
    assert figure.place is None and figure.source == "Gaza Health Ministry"
    [figure] = extract_at("Gaza's Civil Defense Agency said 12 people died.", "2025-03-20",
                          resources)  # fmt: skip
    assert figure.place is None


def test_date_in_a_relative_clause_does_not_bound_the_count(resources) -> None:
    text = ("The war, which began on Oct. 7, 2023, has killed 40,000 people in Gaza, the "
            "ministry said.")  # fmt: skip
    [figure] = extract_at(text, "2024-08-15", resources)
    assert (figure.period, figure.scope, figure.place) == (None, "total", "Gaza Strip")


# Other news, other wars: the rules, not the seeds.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In addition, 73 soldiers were killed en route to Lebanon when two helicopters "
            "crashed.",
            [(73, "killed")],
        ),
        (
            "The army said 12 missiles launched from Yemen were intercepted overnight.",
            [(12, "intercepted")],
        ),
        ("The 1988 bombing of Pan Am Flight 103 killed 259 people.", [(259, "killed")]),
        (
            "He is charged in three Atlanta attacks, including a bombing that killed one person.",
            [(1, "killed")],
        ),
        (
            "The car bomb killed 253 people and injured 5,000 others.",
            [(253, "killed"), (5000, "injured")],
        ),
    ],
)
def test_other_news_categories(text: str, expected: list, resources) -> None:
    assert [(f.value, f.category) for f in extract(text, resources)] == expected


def test_a_source_never_starts_with_a_preposition(resources) -> None:
    text = "Amid reports that thousands of soldiers had been killed, aides were upbeat."
    assert [f.source for f in extract(text, resources)] == ["unattributed"]


def test_date_of_another_clause_does_not_bound_the_count(resources) -> None:
    text = ("At least 82 were killed and more than 1,700 injured, officials said as dawn broke "
            "Saturday.")  # fmt: skip
    assert [(f.value, f.period) for f in extract_at(text, "1998-08-08", resources)] == [
        (82, None), (1700, None)]  # fmt: skip


def test_group_with_an_abbreviation(resources) -> None:
    [figure] = extract("Officials said 38,000 U.S. troops were deployed to the Gulf.", resources)
    assert (figure.category, figure.group) == ("deployed", "U.S.")


def test_a_period_word_must_have_a_scope_there_is():
    """figures.yml's period words carry a scope; a misspelt one fails on loading, by name,
    rather than reaching the pages as a scope no template knows."""
    data = {"categories": {}, "period_words": {"so far": "total", "last week": "perod"}}
    with pytest.raises(ValueError, match="'last week' is 'perod'"):
        FigureWords.from_data(data, {})
    loaded = FigureWords.from_data({**data, "period_words": {"so far": "total"}}, {})
    assert loaded.period_words == {"so far": "total"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Swine flu has spread to more than 70 countries and killed 167 people.",
        "He swallowed several pills on the morning of his death.",
        "The release of an estimated eight million barrels of oil killed wildlife.",
        "The firm lost $67 billion (46 billion pounds) since the blast that killed 11 workers.",
        "Jackson made more than $1bn since his death.",
        "Dr Murray, 57, denies causing the death of Jackson.",
        "The 7.0 magnitude quake killed as many as 200,000 people.",
        "He has launched a one-man campaign against the company that killed his son.",
        "Jackson was rehearsing for his 50-date London residency when he died.",
    ],
)
def test_a_number_of_things_money_or_an_age_is_no_figure(resources, sentence) -> None:
    """Counts of things, money, ages and adjectives are not counts of people, whatever a
    word of harm later in the sentence says (data/figures.yml's ``things``)."""
    found = extract(sentence, resources)
    wrong = {"167", "11", "as many as 200,000"}
    assert all(f.text in wrong for f in found), [f.text for f in found]


def test_a_vague_amount_has_no_upper_bound(resources) -> None:
    [found] = extract("Hundreds of thousands of people fled the city.", resources)
    assert (found.value, found.min, found.max) == (200_000, 200_000, None)
    [few] = extract("Several people were killed overnight.", resources)
    assert (few.value, few.min, few.max, few.category) == (2, 2, None, "killed")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A paramedic was killed in the strike.", [("A paramedic", 1, "killed")]),
        ("A 23-month-old child has died in Texas.", [("A 23-month-old child", 1, "killed")]),
        ("Israeli forces killed a senior Hamas commander on Wednesday.",
         [("a senior Hamas commander", 1, "killed")]),
        ("A Red Arrows pilot is seriously injured at the base.",
         [("A Red Arrows pilot", 1, "injured")]),
        ("A spokesman said people died.", []),  # the harm is not the spokesman's
        ("It was a sign that the man who died was ill.", []),
    ],
)  # fmt: skip
def test_one_person_harmed_is_a_figure_of_one(resources, sentence, expected) -> None:
    """One person harmed, "a paramedic was killed", counts one (data/figures.yml's ``persons``),
    when the word of harm is the person's own verb."""
    found = extract(sentence, resources)
    assert [(f.text, f.value, f.category) for f in found] == expected
