"""Figure extraction: values, bounds, categories, groups and sources."""

from __future__ import annotations

import pytest

from generator import dates, figures, places, sentences
from generator.project import Project, find_root


@pytest.fixture(scope="module")
def resources():
    return Project(find_root()).resources()


def extract(text: str, resources) -> list[figures.Figure]:
    split = sentences.split(text)
    found_dates = dates.extract(text, split, None)
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
    assert (fled.min, fled.max, fled.category) == (200_000, 999_999, "displaced")


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
