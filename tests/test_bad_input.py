"""Bad and awkward input: every seed the program cannot use is one line naming the file,
every seed it can use is built, and the others always build.

Builds are shared: each fixture builds one folder of seeds (one good seed plus several
bad ones that do not interfere), and the tests assert per file on the real output.
"""

from __future__ import annotations

import random
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Build, build, reported

GOOD = (
    " date 2024-02-06 Troops entered Rafah on Monday. At least 5 people were killed in Gaza, "
    "the health ministry said."
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# ---------------------------------------------------------------------------------------
# Reading the output.


@dataclass(frozen=True)
class Page:
    meta: dict
    body: str
    path: Path


def stderr_lines(result: Build, kind: str) -> list[str]:
    """The ``error:`` or ``warning:`` lines of the build report."""
    return reported(result.result.stderr, kind)


def naming(lines: list[str], name: str) -> list[str]:
    return [line for line in lines if name in line]


def pages(result: Build) -> dict[str, Page]:
    """Article pages of content/articles, by the file name of their seed."""
    found = {}
    for path in sorted((result.content / "articles").glob("*.md")):
        text = path.read_text("utf-8")
        assert text.startswith("---\n"), f"{path.name}: no front matter"
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        found[Path(meta["source"]).name] = Page(meta, body, path)
    return found


def site_page(result: Build, page: Page) -> Path:
    return result.site / "articles" / page.meta["slug"] / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def sentences_html(result: Build, page: Page) -> str:
    """The article text as the built page shows it: its sentences, in order."""
    document = soup(site_page(result, page))
    return " ".join(span.get_text() for span in document.select("span.sentence"))


def front_matter_lists(page: Page) -> dict:
    return {key: page.meta.get(key) or [] for key in ("sentences", "dates", "figures")}


def assert_built(result: Build, name: str) -> Page:
    """The seed ``name`` has its page in content/articles and in site/."""
    found = pages(result)
    assert name in found, f"no content page for {name}; stderr:\n{result.result.stderr}"
    page = found[name]
    assert site_page(result, page).is_file(), f"no site page for {name}"
    return page


def assert_not_an_error(result: Build, name: str) -> None:
    errors = naming(stderr_lines(result, "error"), name)
    assert not errors, errors


def one_error(result: Build, name: str) -> str:
    errors = naming(stderr_lines(result, "error"), name)
    assert len(errors) == 1, f"want one error line naming {name}, got {errors}"
    return errors[0]


def one_warning_with(result: Build, name: str, pattern: str) -> str:
    warnings = naming(stderr_lines(result, "warning"), name)
    matching = [w for w in warnings if re.search(pattern, w, re.I)]
    assert matching, f"no warning naming {name} that matches {pattern!r}; warnings: {warnings}"
    return matching[0]


# ---------------------------------------------------------------------------------------
# Seeds that cannot be used: errors, exit 1, the good seed still builds.


CONTROL = b" date 2024-02-07 Tanks reached Khan\x1b Younis on Wednesday.\x0cResidents\x03 fled."


def binary_bytes() -> bytes:
    rng = random.Random(7)
    noise = bytes(rng.choice((0, 0, 0, rng.randrange(256))) for _ in range(4096))
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise


@pytest.fixture(scope="module")
def unusable(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("unusable")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, "utf-8")
    (seeds / "zero-bytes.txt").write_bytes(b"")
    (seeds / "only-whitespace.txt").write_bytes(b"  \n\t\n   \r\n")
    (seeds / "photo.txt").write_bytes(binary_bytes())
    return build(tmp, seeds)


def test_unusable_seeds_exit_1_and_the_good_one_builds(unusable: Build) -> None:
    assert unusable.result.returncode == 1, unusable.result.stderr
    assert_built(unusable, "good.txt")
    assert set(pages(unusable)) == {"good.txt"}


def test_empty_files_are_one_error_each(unusable: Build) -> None:
    for name in ("zero-bytes.txt", "only-whitespace.txt"):
        assert "empty" in one_error(unusable, name)


def test_binary_file_is_one_error(unusable: Build) -> None:
    assert "binary" in one_error(unusable, "photo.txt")


# ---------------------------------------------------------------------------------------
# A seed far over the size limit is refused at once.

DEADLINE = 40  # seconds; the good seed alone builds in a few


def test_huge_seed_is_refused_fast(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seed_dir / "good.txt").write_text(GOOD, "utf-8")
    paragraph = (
        "Israeli strikes hit Khan Younis on Tuesday, killing at least 12 people, according to "
        "the health ministry. Residents said the bombardment continued overnight.\n"
    )
    size = 20 * 1024 * 1024
    (seed_dir / "huge.txt").write_text(
        " date 2024-02-06 " + paragraph * (size // len(paragraph) + 1), "utf-8"
    )
    real_run = subprocess.run

    def run_with_deadline(*args, **kwargs):  # without a limit the build runs for hours
        kwargs["timeout"] = DEADLINE
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run_with_deadline)
    start = time.monotonic()
    try:
        result = build(tmp_path, seed_dir)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build still running after {DEADLINE} s: the 20 MB seed was not refused")
    assert time.monotonic() - start < DEADLINE
    assert result.result.returncode == 1, result.result.stderr
    assert "too large" in one_error(result, "huge.txt")
    assert_built(result, "good.txt")
    assert "huge.txt" not in pages(result)


# ---------------------------------------------------------------------------------------
# Seeds that can be used, with a warning where something was repaired: all build, exit 0.

LINES = (
    " date 2024-02-06 Israeli strikes hit Khan Younis on Tuesday, killing at least 12 people, "
    "according to the health ministry.\nTanks entered Rafah on Monday.\n\n"
    "At least 5 people were killed in Gaza on Sunday, the health ministry said.\n"
)
CP1252 = (
    b" date 2024-02-06 Officials called it \x93a massacre\x94 \x96 a caf\xe9 in Rafah "
    b"was hit on Monday.\n"
)
LATIN1 = (
    " date 2024-02-06 J\u00fcrgen M\u00fcller met aid workers on the Hauptstra\u00dfe in "
    "Khan Younis on Tuesday, caf\u00e9 owners said.\n"
).encode("latin-1")
BOM = b"\xef\xbb\xbf date 2024-02-06 Aid trucks crossed at Kerem Shalom on Sunday.\n"
UTF16_TEXT = (
    "Hospitals in Deir al-Balah ran out of fuel on Tuesday, said Zo\u00e9 Haddad, a nurse in Gaza."
)
UTF16 = b"\xff\xfe" + f" date 2024-02-06 {UTF16_TEXT}\n".encode("utf-16-le")
NUL = b" date 2024-02-06 Tanks reached Kh\x00an Younis on Wednes\x00day.\x00 Residents fled west.\n"
PUNCTUATION = " date 2024-02-06 \u2014 \u2013 --- \u2026 !!! ???\n"
NO_DATES = " date 2024-02-06 Residents of the camp queued for water and bread.\n"
BAD_DATE = " date 2023-02-30 Militants fired rockets at Sderot on Friday.\n"
BAD_DATE_META = " date 2023-02-30 Sirens sounded in Ashkelon on Thursday.\n"


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("accepted")
    seeds = tmp / "seeds"
    seeds.mkdir()
    files = {
        "good.txt": GOOD.encode(),
        "cp1252.txt": CP1252,
        "latin1.txt": LATIN1,
        "bom.txt": BOM,
        "utf16.txt": UTF16,
        "nul.txt": NUL,
        "control.txt": CONTROL,
        "control.yml": b'title: "Tanks\\x03 in \\x07Khan Younis"\n',
        "lf.txt": LINES.encode(),
        "lf.yml": b"title: Line ends LF\n",
        "crlf.txt": LINES.replace("\n", "\r\n").encode(),
        "crlf.yml": b"title: Line ends CRLF\n",
        "bad-date.txt": BAD_DATE.encode(),
        "bad-date-meta.txt": BAD_DATE_META.encode(),
        "bad-date-meta.yml": b"published: 2023-03-01\n",
        "punctuation.txt": PUNCTUATION.encode(),
        "no-dates.txt": NO_DATES.encode(),
    }
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    return build(tmp, seeds)


def test_usable_seeds_exit_0_and_all_build(accepted: Build) -> None:
    assert stderr_lines(accepted, "error") == []
    assert accepted.result.returncode == 0, accepted.result.stderr
    built = set(pages(accepted))
    expected = {p.name for p in accepted.seeds.glob("*.txt")}
    assert built == expected, f"missing: {expected - built}"


def test_windows_1252_is_read_with_a_warning(accepted: Build) -> None:
    assert_not_an_error(accepted, "cp1252.txt")
    page = assert_built(accepted, "cp1252.txt")
    text = sentences_html(accepted, page)
    assert "Officials called it \u201ca massacre\u201d \u2013 a caf\u00e9 in Rafah" in text
    assert "\ufffd" not in page.path.read_text("utf-8")
    one_warning_with(accepted, "cp1252.txt", r"not (valid )?UTF-8")


def test_latin_1_is_read(accepted: Build) -> None:
    assert_not_an_error(accepted, "latin1.txt")
    page = assert_built(accepted, "latin1.txt")
    text = sentences_html(accepted, page)
    assert "J\u00fcrgen M\u00fcller met aid workers on the Hauptstra\u00dfe" in text
    assert "caf\u00e9 owners said" in text


def test_utf8_bom_before_the_marker(accepted: Build) -> None:
    assert_not_an_error(accepted, "bom.txt")
    page = assert_built(accepted, "bom.txt")
    assert page.meta["published"]["value"] == "2024-02-06"
    assert page.meta["published"]["how"] == "marker"
    assert "\ufeff" not in page.path.read_text("utf-8")
    assert "\ufeff" not in site_page(accepted, page).read_text("utf-8")
    assert sentences_html(accepted, page) == "Aid trucks crossed at Kerem Shalom on Sunday."


def test_utf16_le_with_bom_is_read(accepted: Build) -> None:
    assert_not_an_error(accepted, "utf16.txt")
    page = assert_built(accepted, "utf16.txt")
    assert sentences_html(accepted, page) == UTF16_TEXT
    assert page.meta["published"] == {"value": "2024-02-06", "how": "marker"}
    assert "\x00" not in page.path.read_text("utf-8")


def test_crlf_extracts_like_lf(accepted: Build) -> None:
    found = pages(accepted)
    lf, crlf = found["lf.txt"], found["crlf.txt"]
    assert (lf.meta["title"], crlf.meta["title"]) == ("Line ends LF", "Line ends CRLF")
    assert front_matter_lists(crlf) == front_matter_lists(lf)
    assert front_matter_lists(lf)["figures"], "the text has figures to compare"
    assert "\r" not in crlf.path.read_text("utf-8")
    assert "\r" not in site_page(accepted, crlf).read_text("utf-8")
    assert sentences_html(accepted, crlf) == sentences_html(accepted, lf)


def test_control_characters_are_removed_with_a_warning(accepted: Build) -> None:
    assert_not_an_error(accepted, "control.txt")
    page = assert_built(accepted, "control.txt")
    assert page.meta["title"] == "Tanks in Khan Younis"
    assert (
        sentences_html(accepted, page) == "Tanks reached Khan Younis on Wednesday. Residents fled."
    )
    assert len(page.meta["sentences"]) == 2  # the form feed is a paragraph break
    one_warning_with(accepted, "control.txt", r"2 control characters removed")
    ET.parse(accepted.site / "feed.xml")  # XML has no way to write them: the feed stays valid


def test_nul_bytes_are_removed_with_a_warning(accepted: Build) -> None:
    assert_not_an_error(accepted, "nul.txt")
    page = assert_built(accepted, "nul.txt")
    assert "\x00" not in page.path.read_text("utf-8")
    html = site_page(accepted, page).read_text("utf-8")
    assert "\x00" not in html and "&#0;" not in html and "\ufffd" not in html
    text = sentences_html(accepted, page)
    assert text == "Tanks reached Khan Younis on Wednesday. Residents fled west."
    one_warning_with(accepted, "nul.txt", r"nul")


@pytest.mark.parametrize(
    ("name", "published"),
    [("bad-date-meta.txt", {"metadata"}), ("bad-date.txt", {"inferred", "unknown"})],
)
def test_impossible_marker_date_is_a_warning(accepted: Build, name: str, published: set) -> None:
    assert_not_an_error(accepted, name)
    page = assert_built(accepted, name)
    one_warning_with(accepted, name, r"marker.*date|date.*marker")
    assert page.meta["published"]["how"] in published
    if "metadata" in published:
        assert page.meta["published"]["value"] == "2023-03-01"
    # The page may quote the bad marker in its warnings; nowhere else may it show the date.
    warnings = page.meta.get("warnings") or []
    claims = {k: v for k, v in page.meta.items() if k != "warnings"}
    assert "2023-02-30" not in yaml.safe_dump(claims)
    assert "2023-02-30" not in without(page.body, warnings)
    assert "2023-02-30" not in without(soup(site_page(accepted, page)).get_text(), warnings)
    assert "2023-02-30" not in sentences_html(accepted, page)
    for path in accepted.site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".xml", ".geojson"):
            text = path.read_text("utf-8")
            assert "30 February 2023" not in text, path
            if path.suffix != ".html" and "search" not in path.parts:
                assert "2023-02-30" not in text, path


def without(text: str, warnings: list[str]) -> str:
    for warning in warnings:
        text = text.replace(warning, "")
    return text


def test_article_without_sentences_builds_with_a_warning(accepted: Build) -> None:
    assert_not_an_error(accepted, "punctuation.txt")
    page = assert_built(accepted, "punctuation.txt")
    assert not page.meta.get("sentences"), f"sentences found: {page.meta.get('sentences')}"
    one_warning_with(accepted, "punctuation.txt", r"sentence")


def test_article_without_dates_builds(accepted: Build) -> None:
    assert_not_an_error(accepted, "no-dates.txt")
    page = assert_built(accepted, "no-dates.txt")
    assert not page.meta.get("dates")
    assert page.meta["published"] == {"value": "2024-02-06", "how": "marker"}
    assert sentences_html(accepted, page) == NO_DATES.removeprefix(" date 2024-02-06 ").strip()


# ---------------------------------------------------------------------------------------
# Awkward file names.

NAMES = {
    "Gaza \u201creport\u201d 'x' \u00e9.txt": (
        " date 2024-02-06 Caf\u00e9 owners in Gaza called the \u201creport\u201d false on Monday.\n"
    ),
    'said "no" & <b>left [1].txt': (
        " date 2024-02-06 Negotiators left Cairo on Tuesday without a deal.\n"
    ),
    "many   spaces here.txt": " date 2024-02-06 Fuel reached Gaza City hospitals on Sunday.\n",
}


def test_awkward_file_names(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "good.txt").write_text(GOOD, "utf-8")
    for name, text in NAMES.items():
        (seed_dir / name).write_text(text, "utf-8")
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    assert_built(result, "good.txt")
    sources_page = result.site / "sources" / "index.html"
    targets = set()
    for anchor in soup(sources_page).select("article a[href]"):
        href = urlsplit(anchor["href"])
        if "articles/" not in href.path:
            continue
        target = (sources_page.parent / unquote(href.path)).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), f"sources page link {anchor['href']} leads nowhere"
        targets.add(target)
    for name in NAMES:
        page = assert_built(result, name)
        assert SLUG.match(page.meta["slug"]), page.meta["slug"]
        assert page.path.name == f"{page.meta['slug']}.md"
        html = site_page(result, page)
        shown = " ".join(soup(html).get_text().split())  # HTML collapses runs of spaces
        assert " ".join(name.split()) in shown, f"{name!r} not shown literally on its page"
        assert html.resolve() in targets, f"sources page does not link {name!r}"


# ---------------------------------------------------------------------------------------
# Two seeds whose titles make the same slug.

TWIN = " date 2024-02-06 Aid trucks crossed at Kerem Shalom on Sunday. "


def test_same_title_gives_distinct_stable_slugs(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "good.txt").write_text(GOOD, "utf-8")
    (seed_dir / "twin-a.txt").write_text(TWIN + "Forty trucks carried flour.\n", "utf-8")
    (seed_dir / "twin-b.txt").write_text(TWIN + "The crossing closed on Monday.\n", "utf-8")
    first = build(tmp_path, seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    assert_built(first, "good.txt")
    a, b = assert_built(first, "twin-a.txt"), assert_built(first, "twin-b.txt")
    assert a.meta["slug"] != b.meta["slug"]
    assert SLUG.match(a.meta["slug"]) and SLUG.match(b.meta["slug"])
    assert "Forty trucks" in sentences_html(first, a)
    assert "crossing closed" in sentences_html(first, b)
    links = {
        anchor["href"] for anchor in soup(first.site / "sources" / "index.html").select("a[href]")
    }
    for page in (a, b):
        assert f"../articles/{page.meta['slug']}/" in links, page.meta["slug"]
    slugs = {name: page.meta["slug"] for name, page in pages(first).items()}
    again = build(tmp_path, seed_dir)
    assert again.result.returncode == 0, again.result.stderr
    assert {name: page.meta["slug"] for name, page in pages(again).items()} == slugs


# ---------------------------------------------------------------------------------------
# Bad metadata files.

BAD_METADATA = {
    "bad-yaml": ("title: [unclosed\n", r"YAML"),
    "title-list": ("title: [a, b]\n", r"title"),
    "published-word": ("published: yesterday\n", r"published"),
    "corrections-number": ("corrections: 5\n", r"correction"),
    "unknown-key": ("titel: x\n", r"titel"),
}


@pytest.fixture(scope="module")
def bad_metadata(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Page]:
    """Built once with good metadata for kept.txt, then again with it and others broken."""
    tmp = tmp_path_factory.mktemp("metadata")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, "utf-8")
    (seeds / "kept.txt").write_text(" date 2024-02-06 Talks resumed in Doha on Monday.\n", "utf-8")
    (seeds / "kept.yml").write_text("title: Kept article\npublished: 2024-02-06\n", "utf-8")
    first = build(tmp, seeds)
    assert first.result.returncode == 0, first.result.stderr
    earlier = assert_built(first, "kept.txt")
    (seeds / "kept.yml").write_text("title: [unclosed\n", "utf-8")
    for number, (stem, (metadata, _)) in enumerate(sorted(BAD_METADATA.items())):
        (seeds / f"{stem}.txt").write_text(
            f" date 2024-02-06 Seed number {number} of the bad metadata files.\n", "utf-8"
        )
        (seeds / f"{stem}.yml").write_text(metadata, "utf-8")
    return build(tmp, seeds), earlier


def test_bad_metadata_is_one_error_naming_the_yml(bad_metadata: tuple[Build, Page]) -> None:
    result, _ = bad_metadata
    assert result.result.returncode == 1, result.result.stderr
    assert_built(result, "good.txt")
    errors, built, problems = stderr_lines(result, "error"), pages(result), []
    for stem, (_, wanted) in sorted(BAD_METADATA.items()):
        mine = naming(errors, f"{stem}.yml")
        if len(mine) != 1 or not re.search(wanted, mine[0], re.I):
            problems.append(f"{stem}.yml: want one error line matching {wanted!r}, got {mine}")
        if f"{stem}.txt" in built:
            problems.append(f"{stem}.txt was built despite its bad metadata")
    assert not problems, "\n".join(problems)


def test_bad_metadata_keeps_the_earlier_page(bad_metadata: tuple[Build, Page]) -> None:
    result, earlier = bad_metadata
    assert "YAML" in one_error(result, "kept.yml")
    assert earlier.path.is_file(), "the page of the earlier build was deleted"
    kept = pages(result)["kept.txt"]
    assert kept.meta["title"] == "Kept article"
    assert kept.meta["slug"] == earlier.meta["slug"]
    assert_built(result, "good.txt")
    # It stays in the site with its entries, so its links still land: the build succeeds.
    assert "mkdocs build failed" not in result.result.stderr
    assert_built(result, "kept.txt")
    month = (result.site / "chronology" / "2024" / "02" / "index.html").read_text("utf-8")
    assert "Talks resumed in Doha" in month
    one_warning_with(result, kept.path.name, r"last good build is kept")


# ---------------------------------------------------------------------------------------
# A slug in the metadata never writes outside the content folder.


def test_metadata_slug_cannot_escape(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "good.txt").write_text(GOOD, "utf-8")
    slugs = {
        "relative": "../../escape",
        "absolute": f"{tmp_path}/outside/x",  # an absolute path, kept inside tmp_path
    }
    for number, (stem, slug) in enumerate(slugs.items()):
        (seed_dir / f"{stem}.txt").write_text(
            f" date 2024-02-06 Seed number {number} tries to leave its folder.\n", "utf-8"
        )
        (seed_dir / f"{stem}.yml").write_text(f"slug: {slug!r}\n", "utf-8")
    result = build(tmp_path, seed_dir)
    allowed = {"seeds", "content", "site"}
    outside = [
        path for path in tmp_path.rglob("*") if path.relative_to(tmp_path).parts[0] not in allowed
    ]
    assert outside == [], f"written outside content/ and site/: {outside}"
    assert_built(result, "good.txt")
    found = pages(result)
    for stem in slugs:
        errors = naming(stderr_lines(result, "error"), f"{stem}.yml")
        if errors:
            assert len(errors) == 1 and "slug" in errors[0], errors
            assert f"{stem}.txt" not in found
        else:
            page = assert_built(result, f"{stem}.txt")
            assert SLUG.match(page.meta["slug"]), page.meta["slug"]
            assert page.path.parent == result.content / "articles"
