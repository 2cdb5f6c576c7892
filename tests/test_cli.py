"""The command-line program: help, exit codes, messages, and the JSON-lines interface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import chronicle, reported


@pytest.mark.parametrize("command", ["", "build", "extract", "assemble", "serve", "check", "dates"])
def test_help_everywhere(command: str) -> None:
    result = chronicle(*([command] if command else []), "--help")
    assert result.returncode == 0 and "Usage:" in result.stdout


def test_usage_error_exits_2() -> None:
    assert chronicle("build", "--no-such-option").returncode == 2
    assert chronicle("no-such-command").returncode == 2


def test_bad_seed_is_one_line_naming_the_file(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "good.txt").write_text(" date 2024-02-06 Troops entered Rafah on Monday.")
    (seed_dir / "empty.txt").write_text("   \n")
    result = chronicle("build", "--seeds", str(seed_dir), "--content", str(tmp_path / "c"),
                       "--site", str(tmp_path / "s"))  # fmt: skip
    assert result.returncode == 1
    errors = reported(result.stderr, "error")
    assert len(errors) == 1 and "empty.txt" in errors[0] and "empty" in errors[0]
    assert (tmp_path / "s" / "index.html").is_file()  # the other article still builds
    assert (tmp_path / "c" / "articles" / "troops-entered-rafah-on-monday.md").is_file()


def test_check_reports_bad_metadata(seed_dir: Path) -> None:
    (seed_dir / "a.txt").write_text("Troops entered Rafah on Monday.")
    (seed_dir / "a.yml").write_text("title: [unclosed\n")
    result = chronicle("check", "--seeds", str(seed_dir))
    assert result.returncode == 1
    assert "a.yml: not valid YAML" in result.stderr
    (seed_dir / "a.yml").write_text("titel: Typo\n")
    result = chronicle("check", "--seeds", str(seed_dir))
    assert result.returncode == 1 and "unknown key 'titel'" in result.stderr
    (seed_dir / "a.yml").write_text("title: Fine\npublished: 2024-02-06\n")
    assert chronicle("check", "--seeds", str(seed_dir)).returncode == 0


def test_metadata_gives_title_date_and_corrections(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "a.txt").write_text("Troops entered Rafah on Monday. The truce began on Jan. 19.")
    (seed_dir / "a.yml").write_text(
        "title: Troops enter Rafah\npublished: 2024-02-07\nurl: https://example.org/a\n"
        "publisher: Example News\ncorrections:\n"
        "  - {kind: date, text: Jan. 19, value: 2023-01-19}\n"
    )
    result = chronicle("extract", "--seeds", str(seed_dir), "--content", str(tmp_path / "c"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "c" / "articles" / "troops-enter-rafah.md").read_text()
    assert "value: '2024-02-07'\n  how: metadata" in page
    assert "value: '2024-02-05'" in page  # Monday before the metadata date
    assert "value: '2023-01-19'" in page and "corrected by an editor" in page


def test_extract_jsonl() -> None:
    lines = [
        {"id": "a", "text": "At least 67 people have been killed in Gaza since Monday, "
                            "according to the enclave's health ministry.", "published": "2021-05-13"},
        {"id": "b", "text": "Troops entered Khan Younis on Thursday.", "published": None},
    ]  # fmt: skip
    result = chronicle("extract", "--jsonl", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == ["a", "b"]
    first = outputs[0]
    assert first["published"] == {"value": "2021-05-13", "how": "given"}
    assert set(first) == {"id", "published", "sentences", "dates", "figures", "places"}
    text = lines[0]["text"]
    for kind in ("dates", "figures", "places"):
        for item in first[kind]:
            assert text[item["start"] : item["end"]] == item["text"]
            assert item["sentence"] == "s1"
    [monday] = first["dates"]
    assert set(monday) >= {"start", "end", "text", "value", "precision", "sentence"}
    assert monday["value"] == "2021-05-10"
    [figure] = first["figures"]
    assert set(figure) == {
        "start",
        "end",
        "text",
        "value",
        "min",
        "max",
        "category",
        "group",
        "source",
        "sentence",
        "place",
        "period",
        "period_start",
        "period_end",
        "scope",
        "part_of",
    }
    assert (figure["value"], figure["min"], figure["max"], figure["category"]) == (
        67,
        67,
        None,
        "killed",
    )
    assert (figure["place"], figure["period"], figure["period_start"], figure["scope"]) == (
        "Gaza Strip",
        "since Monday",
        "2021-05-10",
        "total",
    )
    assert set(first["places"][0]) == {
        "start",
        "end",
        "text",
        "place",
        "name",
        "lat",
        "lon",
        "country",
        "sentence",
    }
    second = outputs[1]
    assert second["published"] == {"value": None, "how": "unknown"}
    assert second["dates"][0]["value"] is None


def test_extract_jsonl_bad_line_names_the_line() -> None:
    result = chronicle("extract", "--jsonl", stdin='{"id": 1, "text": "ok"}\nnot json\n')
    assert result.returncode == 1
    assert "stdin line 2" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_extract_jsonl_every_bad_line_is_named_and_later_lines_still_come_out() -> None:
    good = '{"id": "ok", "text": "Troops entered Rafah on Monday.", "published": "2023-11-08"}'
    bad = [
        "[" * 100_000,  # raised RecursionError and stopped the stream
        '{"id": "w", "text": "x", "published": "20231108"}',  # echoed as if a date
        '{"id": "v", "text": "x", "published": "2023-W45-3"}',
        '{"id": "f", "text": "x", "published": "2023-02-30"}',
        '"a string"',
        "[1, 2]",
        '{"id": "n"}',
        '{"id": "t", "text": 5}',
    ]
    result = chronicle("extract", "--jsonl", stdin="".join(f"{line}\n{good}\n" for line in bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert [line.split(":")[0] for line in errors] == ["error"] * len(bad)
    assert [int(line.split()[3].rstrip(":")) for line in errors] == list(range(1, 2 * len(bad), 2))
    assert "published" in errors[1] and "20231108" in errors[1]
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == ["ok"] * len(bad)
    assert outputs[-1]["dates"][0]["value"] == "2023-11-06"


def test_dates_command(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Troops entered Rafah on Thursday.")
    result = chronicle("dates", "--reference", "2025-04-05", str(path))
    assert result.returncode == 0 and "2025-04-03" in result.stdout


def test_check_strict_fails_on_warnings(seed_dir: Path) -> None:
    (seed_dir / "a.txt").write_text(" date 2023-02-30 Troops entered Rafah on Monday.")
    (seed_dir / "b.txt").write_text("Strikes hit Khan Younis.")
    (seed_dir / "c.txt").write_text("Strikes hit Rafah.")
    for name in ("b", "c"):
        (seed_dir / f"{name}.yml").write_text("slug: strikes\n")
    result = chronicle("check", "--seeds", str(seed_dir))
    assert result.returncode == 0, result.stderr
    warnings = reported(result.stderr, "warning")
    assert len(warnings) == 2
    assert "a.txt: the date marker '2023-02-30' is not a real date" in warnings[0]
    assert "c.txt: slug 'strikes' is also given by seeds/b.txt" in warnings[1]
    assert "3 seeds ok, 0 with errors, 2 warnings" in result.stderr
    assert chronicle("check", "--strict", "--seeds", str(seed_dir)).returncode == 1
