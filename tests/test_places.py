"""Place matching against the compiled gazetteer."""

from __future__ import annotations

import pytest

from generator import places, sentences
from generator.project import Project, find_root


@pytest.fixture(scope="module")
def gazetteer() -> places.Gazetteer:
    return Project(find_root()).gazetteer()


def names(text: str, gazetteer: places.Gazetteer) -> list[tuple[str, str]]:
    return [(m.text, m.place) for m in places.extract(text, sentences.split(text), gazetteer)]


def test_longest_name_first(gazetteer) -> None:
    result = names("A dawn airstrike hit a suburb of Gaza City, across Gaza.", gazetteer)
    assert result == [("Gaza City", "gaza-city"), ("Gaza", "gaza-strip")]


def test_spelling_variants(gazetteer) -> None:
    for spelling in ("Khan Younis", "Khan Yunis"):
        assert names(f"Families fled to {spelling}.", gazetteer) == [(spelling, "khan-younis")]


def test_demonyms_and_compounds_are_not_places(gazetteer) -> None:
    assert names("Israeli troops and Iran-backed rebels met Palestinian families.", gazetteer) == []


def test_organization_names_are_not_places(gazetteer) -> None:
    assert names("Gaza's Civil Defense Agency confirmed the toll.", gazetteer) == []


def test_person_names_are_not_places(gazetteer) -> None:
    assert ("Nasr", "al-nasr") not in names("Alaa Abu Nasr mourned the loss.", gazetteer)


def test_places_from_geonames_and_ancestors(gazetteer) -> None:
    [(text, _)] = names("Rockets were fired at Tel Aviv.", gazetteer)
    assert text == "Tel Aviv"
    [(_, rafah)] = names("Troops entered Rafah.", gazetteer)
    assert "gaza-strip" in gazetteer.ancestors(rafah)


def test_compiled_index_is_cached(tmp_path) -> None:
    project = Project(find_root())
    settings = project.settings()["gazetteer"]
    first = places.load(project.data / "places.yml", settings, tmp_path)
    assert len(list(tmp_path.glob("gazetteer-*.json"))) == 1
    second = places.load(project.data / "places.yml", settings, tmp_path)
    assert first.places == second.places and first.aliases == second.aliases
