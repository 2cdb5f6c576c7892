"""Place matching against the compiled gazetteer."""

from __future__ import annotations

import pytest

from generator.project import Project, find_root
from generator.text import places, sentences


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
    assert names("Alaa Abu Nasr mourned the loss.", gazetteer) == []
    assert names("Milton Roy recently fended off an offer.", gazetteer) == []


def test_gaza_alone_is_the_strip(gazetteer) -> None:
    assert names("Strikes hit Gaza, Gaza City and the Gaza Strip.", gazetteer) == [
        ("Gaza", "gaza-strip"), ("Gaza City", "gaza-city"), ("Gaza Strip", "gaza-strip"),
    ]  # fmt: skip


def test_stoplist_words_are_never_places(gazetteer) -> None:
    text = "May brought rain. Sir Keir spoke. Adam Smith wrote. Most agreed."
    assert names(text, gazetteer) == []


def test_homonyms_follow_the_article(gazetteer) -> None:
    beirut = names("Strikes hit Beirut and Tripoli overnight.", gazetteer)
    libya = names("Fighting spread from Benghazi to Tripoli.", gazetteer)
    tripoli = {gazetteer.places[p].country for t, p in beirut + libya if t == "Tripoli"}
    assert tripoli == {"LB", "LY"}


def test_demonyms_set_the_context_but_are_not_places(gazetteer) -> None:
    [(text, place)] = names("Lebanese officials said Tripoli was calm.", gazetteer)
    assert text == "Tripoli" and gazetteer.places[place].country == "LB"


def test_region_is_preferred_for_homonyms(gazetteer) -> None:
    for text in ("Lebanon", "Jenin", "Hebron"):
        [(_, place)] = names(f"Troops moved into {text} on Monday.", gazetteer)
        assert gazetteer.places[place].country in {"LB", "PS"}, text


def test_small_towns_need_a_place_cue(gazetteer) -> None:
    assert names("Amir said he regretted nothing.", gazetteer) == []
    [(text, _)] = names("Settlers attacked homes in Yatta overnight.", gazetteer)
    assert text == "Yatta"


def test_organisation_names_are_not_places(gazetteer) -> None:
    for text in (
        "the Times of Israel reported",
        "Gaza's health ministry said",
        "the Kyiv Independent reported",
        "Tehran University students marched",
    ):
        assert names(text, gazetteer) == [], text


def test_world_coverage(gazetteer) -> None:
    text = "Officials in Kharkiv, Khartoum, Lima and Texas met in Europe."
    assert [gazetteer.places[p].kind for _, p in names(text, gazetteer)] == [
        "city", "city", "city", "state", "continent",
    ]  # fmt: skip


def test_region_towns_have_alternate_spellings(gazetteer) -> None:
    assert gazetteer.aliases["Yatta"] == gazetteer.aliases["Yattah"]
    [town] = gazetteer.aliases["Yatta"]
    assert gazetteer.places[town].parent == "west-bank"


def test_places_from_geonames_and_ancestors(gazetteer) -> None:
    [(text, _)] = names("Rockets were fired at Tel Aviv.", gazetteer)
    assert text == "Tel Aviv"
    [(_, rafah)] = names("Troops entered Rafah.", gazetteer)
    assert "gaza-strip" in gazetteer.ancestors(rafah)


def test_compiled_index_is_rebuilt_when_the_curated_file_changes(tmp_path) -> None:
    project = Project(find_root())
    settings = project.settings()["gazetteer"]
    curated = tmp_path / "places.yml"
    curated.write_text((project.data / "places.yml").read_text("utf-8"), "utf-8")
    assert "Kibbutz Testville" not in places.load(curated, settings, tmp_path).aliases
    with curated.open("a", encoding="utf-8") as extra:
        extra.write("\nnot_places: [Kibbutz Testville]\n")
    assert places.load(curated, settings, tmp_path).aliases["Kibbutz Testville"] == []
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1


def test_compiled_index_is_cached(tmp_path) -> None:
    project = Project(find_root())
    settings = project.settings()["gazetteer"]
    first = places.load(project.data / "places.yml", settings, tmp_path)
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1
    places._LOADED.clear()  # read from the file this time
    second = places.load(project.data / "places.yml", settings, tmp_path)
    assert second is not first
    assert first.places == second.places and first.aliases == second.aliases
    assert first.by_first_word == second.by_first_word and first.rules == second.rules
    assert "cue_pattern" not in vars(second.rules)  # patterns are compiled when first used
    assert second.rules.cue_pattern.search("Residents of ")
