"""An article's address never changes because another article arrives: the newcomer that
asks for a taken address gets the suffix, and every article not at the address it asks
for is named in the report."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build, reported

A = " date 2023-11-08 On 6 November 2023 troops entered Rafah.\n"
B = " date 2023-11-09 On 7 November 2023 troops entered Gaza City.\n"


def _pages(content: Path) -> dict[str, str]:
    """Article page name → the seed it was made from."""
    return {
        page.name: next(line[8:] for line in page.read_text().splitlines() if line.startswith("source: "))
        for page in (content / "articles").glob("*.md")
    }  # fmt: skip


def test_a_newcomer_never_moves_an_existing_address(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(A)
    (seeds / "a.yml").write_text("title: Same title\n")
    first = build(tmp_path, seeds, cache=tmp_path / "cache")
    assert _pages(first.content) == {"same-title.md": "seeds/a.txt"}
    (seeds / "b.txt").write_text(B)
    (seeds / "b.yml").write_text("title: Another title\nslug: same-title\n")
    for state in ("kept", "forgotten"):  # the last build's state, or content/ alone
        if state == "forgotten":
            shutil.rmtree(tmp_path / "cache" / "assemble")
            shutil.rmtree(tmp_path / "cache" / "extract")
        again = build(tmp_path, seeds, cache=tmp_path / "cache")
        assert again.result.returncode == 0, again.result.stderr
        pages = _pages(again.content)
        assert pages["same-title.md"] == "seeds/a.txt"
        (other,) = [name for name, seed in pages.items() if seed == "seeds/b.txt"]
        assert other.startswith("same-title-")
        (warning,) = [w for w in reported(again.result.stderr, "warning") if "address" in w]
        assert warning.startswith("warning: seeds/b.txt: its address articles/same-title.md")
        assert "seeds/a.txt" in warning and f"articles/{other}" in warning


def test_a_clash_in_a_first_build_names_both(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("a", A), ("b", B)):
        (seeds / f"{name}.txt").write_text(text)
        (seeds / f"{name}.yml").write_text("title: Same title\n")
    result = build(tmp_path, seeds)
    assert result.result.returncode == 0, result.result.stderr
    assert all(name.startswith("same-title-") for name in _pages(result.content))
    warnings = [w for w in reported(result.result.stderr, "warning") if "address" in w]
    assert [w.split(":")[1].strip() for w in warnings] == ["seeds/a.txt", "seeds/b.txt"]
