"""Metadata files and their corrections: every field typed and ranged by one schema, which
``chronicle check`` and ``chronicle build`` share, so a bad value is one line naming the
file, the field and the value, and never a traceback that stops the other articles."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from conftest import build, chronicle, reported

from generator.build import schema

TEXT = " date 2023-11-08 On 6 November 2023 troops entered Rafah, where at least 5 people were killed, officials said.\n"  # fmt: skip

BAD = {  # seed name → (metadata, words its error must contain)
    "week99": ('corrections: [{kind: date, text: "6 November 2023", value: 2023-W99}]', ["corrections[0]", "value", "2023-W99"]),
    "month13": ('corrections: [{kind: date, text: "6 November 2023", value: 2023-13}]', ["value", "2023-13"]),
    "feb30": ('corrections: [{kind: date, text: "6 November 2023", value: "2023-02-30"}]', ["value", "2023-02-30"]),
    "startx": ('corrections: [{kind: date, text: "6 November 2023", start: x}]', ["'start'", "cannot be corrected"]),
    "text5": ('corrections: [{kind: figure, text: "at least 5", value: "5"}]', ["value", "'5'", "number"]),
    "textx": ('corrections: [{kind: figure, text: "at least 5", value: "x"}]', ["value", "'x'"]),
    "huge": ('corrections: [{kind: figure, text: "at least 5", value: 1e400}]', ["value", "1e400"]),
    "nan": ('corrections: [{kind: figure, text: "at least 5", value: .nan}]', ["value", "nan"]),
    "inf": ('corrections: [{kind: figure, text: "at least 5", value: .inf}]', ["value", "inf"]),
    "minx": ('corrections: [{kind: figure, text: "at least 5", min: x}]', ["min", "'x'"]),
    "maxlist": ('corrections: [{kind: figure, text: "at least 5", max: [1]}]', ["max", "[1]"]),
    "category": ('corrections: [{kind: figure, text: "at least 5", category: slain}]', ["category", "'slain'"]),
    "nowhere": ('corrections: [{kind: place, text: "Rafah", place: nowhere}]', ["place", "'nowhere'"]),
    "index": ('corrections: [{kind: place, text: "Rafah", place: index}]', ["place", "'index'"]),
    "etc": ('corrections: [{kind: place, text: "Rafah", place: ../../etc/x}]', ["place", "'../../etc/x'"]),
    "namenull": ('corrections: [{kind: place, text: "Rafah", name: null}]', ["name", "None"]),
    "kindlist": ('corrections: [{kind: [date], text: "Rafah"}]', ["kind", "['date']"]),
    "url": ('url: "http://[::1/x"', ["url", "http://[::1/x"]),
    "title": ("title: [1, 2]", ["title", "[1, 2]"]),
    "slug": ("slug: ../x", ["slug", "'../x'"]),
    "published": ("published: 20231108", ["published", "20231108"]),
    "bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ncorrections: [*b, *b, *b, *b, *b, *b, *b, *b, *b]", ["anchor or alias"]),
    "twice": ("title: One\ntitle: Two", ["'title' twice", "line 2"]),
    "unquoted": ("published: 2023-02-30", ["not a real date"]),
    "second": ('title: Fine\ncorrections:\n  - {kind: date, text: "6 November 2023", value: 2023-11}\n  - {kind: figure, text: "at least 5", value: -1}', ["corrections[1]", "value", "-1", "line 4"]),
}  # fmt: skip

GOOD = (
    "corrections:\n"
    '  - {kind: place, text: "Rafah", place: gaza-city}\n'
    '  - {kind: date, text: "6 November 2023", value: 2023-11}\n'
    '  - {kind: figure, text: "at least 5", value: 7, min: 7, max: 7, source: Health Ministry}\n'
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("schema") / "seeds"
    seeds.mkdir()
    for name, (meta, _) in BAD.items():
        (seeds / f"{name}.txt").write_text(TEXT)
        (seeds / f"{name}.yml").write_text(meta + "\n")
    (seeds / "good.txt").write_text(TEXT)
    (seeds / "good.yml").write_text(GOOD)
    return seeds


def test_each_bad_value_is_one_line_naming_file_field_and_value(folder: Path) -> None:
    result = build(folder.parent, folder)
    assert result.result.returncode == 1
    assert "Traceback" not in result.result.stderr
    errors = reported(result.result.stderr, "error")
    for name, (_, words) in BAD.items():
        lines = [line for line in errors if f"/{name}.yml:" in line]
        assert len(lines) == 1, (name, errors)
        for word in words:
            assert word in lines[0], (name, word, lines[0])
    assert len(errors) == len(BAD)
    pages = list((result.content / "articles").glob("*.md"))
    assert len(pages) == 1  # the good seed, with its corrections applied
    meta = yaml.safe_load(pages[0].read_text("utf-8").split("---\n")[1])
    assert [(p["text"], p["place"]) for p in meta["places"]] == [("Rafah", "gaza-city")]
    assert meta["places"][0]["name"] == "Gaza City"
    assert next((d["value"], d["precision"]) for d in meta["dates"]) == ("2023-11", "month")
    figure = meta["figures"][0]
    assert (figure["value"], figure["min"], figure["max"], figure["source"]) == (
        7,
        7,
        7,
        "Health Ministry",
    )
    assert (result.site / "places/gaza-city/index.html").is_file()
    month = (result.site / "chronology/2023/11/index.html").read_text("utf-8")
    assert "troops entered Rafah" in month


def test_check_reports_what_build_reports(folder: Path, tmp_path: Path) -> None:
    checked = chronicle("check", "--seeds", str(folder))
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    built = build(tmp_path, folder)
    assert sorted(reported(checked.stderr, "error")) == sorted(
        reported(built.result.stderr, "error")
    )


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"kind": "date", "text": "x", "value": "2023-W52"}, {"value": "2023-W52", "precision": "week"}),
        ({"kind": "date", "text": "x", "value": 2023}, {"value": "2023", "precision": "year"}),
        ({"kind": "date", "text": "x", "value": "XXXX-02-29"}, {"value": "XXXX-02-29", "precision": "day"}),
        ({"kind": "date", "text": "x", "value": "2023-10-07", "end_value": "2023-10-09"}, {"role": "range", "end_value": "2023-10-09"}),
        ({"kind": "date", "text": "x", "value": "PRESENT_REF"}, {"precision": "ref"}),
        ({"kind": "figure", "text": "x", "value": 0, "sentence": 3}, {"value": 0, "sentence": "s3"}),
        ({"kind": "place", "text": "x", "drop": True}, {"drop": True}),
    ],
)  # fmt: skip
def test_good_corrections_are_normalised(item: dict, expected: dict) -> None:
    result = schema.correction(item, None)
    assert result.items() >= expected.items()


@pytest.mark.parametrize(
    "item",
    [
        {"kind": "date", "text": "x", "value": "2023-W53"},  # 2023 has 52 weeks
        {"kind": "date", "text": "x", "value": "2023-10-09", "end_value": "2023-10-07"},
        {"kind": "date", "text": "x", "value": True},
        {"kind": "date", "text": "x"},
        {"kind": "date", "text": "", "value": "2023"},
        {"kind": "figure", "text": "x", "value": 5, "min": 6},
        {"kind": "figure", "text": "x", "value": True},
        {"kind": "figure", "text": "x", "value": math.inf},
        {"kind": "figure", "text": "x", "min": 9, "max": 3},
        {"kind": "figure", "text": "x", "source": None},
        {"kind": "place", "text": "x", "drop": True, "name": "y"},
        {"kind": "place", "text": "x", "drop": "yes"},
        {"kind": "place", "text": "x", "sentence": "s0", "name": "y"},
        {"kind": "place", "text": "x"},
        "kind: date",
    ],
)
def test_bad_corrections_are_refused(item: object) -> None:
    with pytest.raises(schema.SchemaError):
        schema.correction(item, None)


def test_anchors_aliases_and_deep_nesting_are_refused() -> None:
    for text in ("a: &x 1\nb: *x\n", "title: &t x\n", "corrections: " + "[" * 50 + "]" * 50):
        with pytest.raises(schema.SchemaError):
            schema.parse(text)
