"""A page a person edited by hand, whose seed then changed or went: the build names it
with what to do and builds the rest of the site without it (its old anchors once aborted
every later build); ``--force`` names every file of a person's it replaces or deletes."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build, reported

A = " date 2023-11-08 On 6 November 2023 troops entered Rafah, where at least 5 people were killed.\n"
B = " date 2023-11-09 On 7 November 2023 troops entered Gaza City.\n"
C = " date 2023-11-10 On 8 November 2023 troops entered Khan Younis.\n"


def _links_to(site: Path, slug: str) -> list[str]:
    found = []
    for page in site.rglob("*.html"):
        for link in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("a[href]"):
            if f"articles/{slug}/" in link["href"]:
                found.append(f"{page}: {link['href']}")
    return found


def test_stale_hand_edited_pages_are_named_and_left_out(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in {"a": A, "b": B, "c": C}.items():
        (seeds / f"{name}.txt").write_text(text)
        (seeds / f"{name}.yml").write_text(f"title: Article {name}\n")
    first = build(tmp_path, seeds, cache=tmp_path / "cache")
    assert first.result.returncode == 0, first.result.stderr
    for name in "ab":
        page = first.content / f"articles/article-{name}.md"
        page.write_text(page.read_text("utf-8").replace("troops entered", "soldiers entered"))
    # a's seed changes under its page (its sentences move); b's seed goes
    (seeds / "a.txt").write_text(A.replace(" On 6", " Rafah was quiet on Sunday. On 6"))
    (seeds / "b.txt").unlink()
    (seeds / "b.yml").unlink()
    for _ in range(2):  # and every later build alike
        again = build(tmp_path, seeds, cache=tmp_path / "cache")
        stderr = again.result.stderr
        assert again.result.returncode == 1, stderr
        assert "Traceback" not in stderr and "mkdocs build failed" not in stderr, stderr
        (error,) = reported(stderr, "error")
        assert "articles/article-a.md: edited by hand" in error
        assert "left out of the site" in error and "seeds/a.yml" in error and "--force" in error
        (warning,) = [w for w in reported(stderr, "warning") if "article-b.md" in w]
        assert "left out of the site" in warning and "--force" in warning
        site = again.site
        assert (site / "articles/article-c/index.html").is_file()
        assert not (site / "articles/article-a").exists()
        assert not (site / "articles/article-b").exists()
        assert _links_to(site, "article-a") == [] and _links_to(site, "article-b") == []
        month = (site / "chronology/2023/11/index.html").read_text("utf-8")
        assert "Khan Younis" in month and "Rafah" not in month and "Gaza City" not in month
        assert "soldiers entered" in (again.content / "articles/article-a.md").read_text()
    forced = build(tmp_path, seeds, "--force", cache=tmp_path / "cache")
    assert forced.result.returncode == 0, forced.result.stderr
    warnings = reported(forced.result.stderr, "warning")
    assert any("article-a.md: edited by hand" in w and "replaced because of --force" in w
               for w in warnings)  # fmt: skip
    assert any("article-b.md: edited by hand" in w and "deleted because of --force" in w
               for w in warnings)  # fmt: skip
    month = (forced.site / "chronology/2023/11/index.html").read_text("utf-8")
    assert "Rafah" in month and "Gaza City" not in month


def test_force_names_each_page_of_a_person_it_deletes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "c.txt").write_text(C)
    first = build(tmp_path, seeds)
    assert first.result.returncode == 0, first.result.stderr
    own = first.content / "articles/my-notes.md"
    own.write_text("# My notes\n\nWritten by a person.\n")
    kept = build(tmp_path, seeds)
    assert own.exists()
    assert any("my-notes.md: not written by chronicle" in w and "left in place" in w
               for w in reported(kept.result.stderr, "warning"))  # fmt: skip
    forced = build(tmp_path, seeds, "--force")
    assert not own.exists()
    assert any("my-notes.md: not written by chronicle" in w and "deleted because of --force" in w
               for w in reported(forced.result.stderr, "warning"))  # fmt: skip
