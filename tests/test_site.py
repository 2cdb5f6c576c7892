"""End to end: the five seeds built into a temporary folder, checked on the real output."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from conftest import ROOT, Build, build, chronicle


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_one_page_per_seed(built: Build) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    pages = sorted((built.content / "articles").glob("*.md"))
    assert len(pages) == len(seeds) == 5
    sources = {re.search(r"^source: (.+)$", p.read_text(), re.M).group(1) for p in pages}
    assert sources == {f"seeds/{s.name}" for s in seeds}
    for page in pages:
        assert (built.site / "articles" / page.stem / "index.html").is_file()


def test_every_dated_seed_has_chronology_entries(built: Build) -> None:
    months = list((built.content / "chronology").rglob("*.md"))
    text = "\n".join(p.read_text() for p in months)
    for page in sorted((built.content / "articles").glob("*.md")):
        article = page.read_text()
        if "how: unknown" in article:
            continue
        assert f"articles/{page.stem}.md#s" in text, f"no entry cites {page.name}"


def test_every_citation_lands_on_an_element(built: Build) -> None:
    checked = 0
    for page in html_pages(built.site):
        document = soup(page)
        for anchor in document.select("article a[href]"):
            href = anchor["href"]
            if href.startswith(("http:", "https:", "mailto:")) or href.startswith("#__"):
                continue
            target, fragment = resolve(built.site, page, href)
            assert target.is_file(), f"{page}: {href} leads nowhere"
            if fragment:
                ids = {el.get("id") for el in soup(target).select("[id]")}
                assert fragment in ids, f"{page}: {href} has no element #{fragment}"
            if "/articles/" in str(target) and fragment.startswith("s"):
                checked += 1
    assert checked >= 30


def test_cited_sentence_is_the_article_text(built: Build) -> None:
    page = (
        built.site
        / "articles"
        / "hamas-has-retaliated-to-wednesdays-attack-from-israel"
        / "index.html"
    )
    sentence = soup(page).find(id="s6")
    assert sentence.get_text().startswith("At least 67 people have been killed in Gaza")


def test_place_pages(built: Build) -> None:
    for place in ("rafah", "khan-younis", "tel-aviv", "gaza-strip"):
        page = built.site / "places" / place / "index.html"
        assert page.is_file(), place
    rafah = (built.content / "places" / "rafah.md").read_text()
    assert "## Events" in rafah and "../articles/" in rafah


def test_place_page_shows_kind_parents_children_and_map(built: Build) -> None:
    page = soup(built.site / "places" / "rafah" / "index.html")
    facts = page.find("h1").find_next("p").get_text(" ", strip=True)
    assert facts.startswith("City in southern Gaza , Gaza Strip , Palestine")
    assert "31.2972, 34.2436" in facts
    svg = page.find("svg", class_="chronicle-map")
    assert svg is not None and svg.find("title").get_text() == "Map of Rafah"
    labels = [t.get_text() for t in svg.find_all("text")]
    assert "Rafah" in labels and "Egypt" in labels
    strip = soup(built.site / "places" / "gaza-strip" / "index.html")
    inside = strip.find(string=re.compile("Places inside")).find_parent("p")
    assert {"Rafah", "Gaza City", "Khan Younis"} <= {a.get_text() for a in inside.find_all("a")}


def test_events_inside_a_place_show_on_its_page(built: Build) -> None:
    def entries(place: str) -> set[str]:
        page = soup(built.site / "places" / place / "index.html")
        events = page.find(id="events").find_next("ul")
        return {a["href"] for a in events.find_all("a")}

    assert entries("rafah")
    assert entries("rafah") <= entries("southern-gaza") <= entries("gaza-strip")
    assert entries("gaza-strip") <= entries("palestine")


def test_map_markers_link_to_place_pages(built: Build) -> None:
    checked = 0
    for page in [built.site / "places" / "index.html", *built.site.glob("places/*/index.html")]:
        for svg in soup(page).find_all("svg", class_="chronicle-map"):
            for link in svg.find_all("a"):
                target, _ = resolve(built.site, page, link["href"])
                assert target.is_file(), (page, link["href"])
                checked += 1
    assert checked > 20


def test_places_index_groups_by_country_and_kind_with_a_map(built: Build) -> None:
    page = soup(built.site / "places" / "index.html")
    assert [h.get_text(strip=True).rstrip("¶") for h in page.find_all("h2")] == [
        "Iran", "Israel", "Palestine", "United States", "Yemen",
    ]  # fmt: skip
    palestine = page.find("h2", id="palestine")
    kinds = []
    for sibling in palestine.find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "p" and sibling.find("strong"):
            kinds.append(sibling.find("strong").get_text())
    assert kinds[:3] == ["Countries", "Regions", "Cities"]
    assert "Camps" in kinds and "Hospitals" in kinds
    row = page.find("a", string="Rafah").find_parent("tr")
    assert [td.get_text() for td in row.find_all("td")][1] == "southern Gaza"
    titles = [svg.find("title").get_text() for svg in page.find_all("svg", class_="chronicle-map")]
    assert titles == ["Places in the region", "Places in the world"]


def test_geonames_is_credited_on_every_page(built: Build) -> None:
    for page in html_pages(built.site):
        footer = soup(page).find("footer")
        if footer is None:
            continue  # MkDocs' own 404 page and redirects
        assert footer.find("a", href="https://www.geonames.org/"), page


def test_undated_article_is_shown_undated(built: Build) -> None:
    home = (built.content / "index.md").read_text()
    assert "## Articles needing a date" in home
    assert "israels-military-escalated-ground-operations-across-gaza-on.md" in home
    article = (
        built.content
        / "articles"
        / "israels-military-escalated-ground-operations-across-gaza-on.md"
    ).read_text()
    assert "Undated" in article
    assert "how: unknown" in article
    assert "stderr" and "undated" in built.result.stderr


def test_no_date_from_the_build_clock(built: Build) -> None:
    import datetime as dt

    today = dt.date.today()
    for page in (built.content / "chronology").rglob("*.md"):
        assert today.isoformat() not in page.read_text()
        assert str(today.year) not in page.name


def test_no_third_party_requests(built: Build) -> None:
    for page in html_pages(built.site):
        text = page.read_text("utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text


def test_navigation_does_not_list_articles(built: Build) -> None:
    home = soup(built.site / "index.html")
    nav_links = [a["href"] for a in home.select("nav.md-nav--primary a[href]")]
    assert nav_links and not any("articles/" in href for href in nav_links)


def test_second_build_is_byte_identical(built: Build, tmp_path: Path) -> None:
    again = build(tmp_path)
    assert again.result.returncode == 0, again.result.stderr
    comparison = filecmp.dircmp(built.content, again.content)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    for path in built.content.rglob("*"):
        if path.is_file():
            assert (
                path.read_bytes() == (again.content / path.relative_to(built.content)).read_bytes()
            )


def test_assemble_alone_gives_the_same_pages(built: Build, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(built.content / "articles", copy / "articles")
    shutil.copy(built.content / ".chronicle-content", copy)  # a content folder of a build's
    result = chronicle("assemble", "--content", str(copy))
    assert result.returncode == 0, result.stderr
    for path in built.content.rglob("*.md"):
        assert (copy / path.relative_to(built.content)).read_bytes() == path.read_bytes(), path


def test_build_report(built: Build) -> None:
    report = built.result.stderr
    for line in ("articles: 5", "events:", "figures:", "places:", "undated articles"):
        assert line in report


def test_removed_seed_loses_its_pages_and_unchanged_files_stay(
    seed_dir: Path, tmp_path: Path
) -> None:
    (seed_dir / "a.txt").write_text(" date 2024-02-06 Troops entered Rafah on Monday.")
    (seed_dir / "b.txt").write_text(" date 2024-02-07 Strikes hit Khan Younis on Tuesday.")
    first = build(tmp_path, seed_dir)
    assert first.result.returncode == 0, first.result.stderr
    kept = first.content / "articles" / "troops-entered-rafah-on-monday.md"
    mtime = kept.stat().st_mtime_ns
    (seed_dir / "b.txt").unlink()
    second = build(tmp_path, seed_dir)
    assert second.result.returncode == 0, second.result.stderr
    assert not (second.content / "articles" / "strikes-hit-khan-younis-on-tuesday.md").exists()
    assert not (second.content / "places" / "khan-younis.md").exists()
    assert not (second.site / "articles" / "strikes-hit-khan-younis-on-tuesday").exists()
    assert kept.stat().st_mtime_ns == mtime


def test_no_page_lists_every_article_by_place(built: Build) -> None:
    """Material's tags page would list every article under every place: 2.3 MB at 1,000
    articles. Place pages list the articles that name them, a place at a time."""
    assert not (built.site / "tags").exists()
    page = soup(built.site / "places" / "rafah" / "index.html")
    mentions = page.find(id="mentions").find_next("ul").select("a[href*='articles/']")
    assert mentions and all("#s" in a["href"] for a in mentions)


def test_figures_page(built: Build) -> None:
    page = soup(built.site / "figures" / "index.html")
    killed = page.find(id="killed")
    assert killed is not None
    chart = page.select_one("figure.chronicle-figure svg[role=img]")
    assert chart is not None and chart.find("title").get_text().startswith("Killed")
    assert chart.select("circle title"), "each point says its value on hover"
    rows = [[c.get_text(" ", strip=True) for c in tr.select("td")] for tr in page.select("tr")]
    by_figure = {r[0]: r for r in rows if len(r) == 10}
    assert by_figure["over 190"][2:5] == [
        "at least 191",
        "victims under the age of 18, part of 504",
        "",
    ]
    assert (
        by_figure["at least 97"][5] == "from Wednesday into Thursday (2 April 2025 – 3 April 2025)"
    )
    assert by_figure["at least 20"][4] == "Gaza City"
    assert by_figure["7,326"][5] == "running total"
    assert by_figure["49,617"][7] == "United Nations; Gaza Health Ministry"
    assert by_figure["49,617"][6] == "undated"
    assert by_figure["49,617"][9] == "none: undated article"
    assert by_figure["7,326"][9] == "27 October 2023"
    entry = page.find("a", string="27 October 2023", href=lambda h: h and "#e-" in h)
    assert entry is not None and "chronology/2023/10/" in entry["href"]
    # the running totals of a place, sources side by side, each figure cited
    totals = page.find(id="running-totals-gaza-strip")
    table = totals.find_next("table")
    assert [th.get_text(strip=True) for th in table.select("th")] == [
        "As of",
        "Gaza Health Ministry",
    ]
    assert table.select_one("td a")["href"].endswith("#s10")


def test_figure_text_cannot_inject_markup(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "a.txt").write_text(
        " date 2024-01-02 At least 12 <img src=x onerror=alert(1)> people were killed in "
        "Rafah, the <script>alert(2)</script> ministry said.\n",
        "utf-8",
    )
    result = build(tmp_path, seed_dir)
    assert result.result.returncode == 0, result.result.stderr
    html = (result.site / "figures" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("article img[onerror], article script")
    assert "At least 12" in page.get_text()


def test_data_for_reuse(built: Build) -> None:
    import csv
    import json
    import xml.etree.ElementTree as ET

    data = built.site / "data"
    years = sorted(p.stem for p in (data / "events").glob("*.json"))
    assert years and years == sorted(p.stem for p in (data / "events").glob("*.csv"))
    events = []
    for year in years:
        found = json.loads((data / "events" / f"{year}.json").read_text("utf-8"))["events"]
        assert found and all(e["page"].startswith(f"chronology/{year}/") for e in found)
        events += found
    pages: dict[Path, BeautifulSoup] = {}

    def lands(url: str) -> bool:
        path, _, anchor = url.partition("#")
        page = built.site / path / "index.html"
        if page not in pages:
            pages[page] = soup(page)
        return pages[page].find(id=anchor) is not None

    for event in events:
        assert event["citations"] and all(lands(c["url"]) for c in event["citations"]), event
        assert lands(event["page"]), event["page"]
    rafah = [e for e in events if any(p["id"] == "rafah" for p in e["places"])]
    assert rafah and all(p["latitude"] for e in rafah for p in e["places"])

    rows = []
    for year in years:
        with (data / "events" / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    assert len(rows) == len(events)
    assert {"event_id", "event_date", "time_precision", "country", "location", "latitude",
            "longitude", "notes", "fatalities", "sources"} <= set(rows[0])  # fmt: skip
    assert {r["event_id"] for r in rows} == {e["id"] for e in events}

    figures = []
    for path in sorted((data / "figures").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            found = list(csv.DictReader(handle))
        as_of = {f["as_of"][:4] or "undated" for f in found}
        assert found and as_of == {path.stem}, path
        figures += found
    toll = [f for f in figures if f["value"] == "49617"]
    assert toll and all(lands(f["citation"]) for f in toll)

    places = json.loads((data / "places.geojson").read_text("utf-8"))
    names = {f["properties"]["name"]: f for f in places["features"]}
    assert names["Rafah"]["geometry"]["coordinates"] == [34.2436, 31.2972]
    assert lands(names["Rafah"]["properties"]["page"] + "#events")

    feed = ET.parse(built.site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert 0 < len(entries) <= 50
    assert all(lands(e.find("a:link", ns).get("href")) for e in entries)
    updated = [e.find("a:updated", ns).text for e in entries]
    assert feed.find("a:updated", ns).text == max(updated)


def test_spreadsheet_formulas_in_text_stay_text() -> None:
    from generator.site.exports import _cell

    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("-5") == "-5" and _cell("@cmd") == "'@cmd"


def test_chronology_chart_of_entries_per_month(built: Build) -> None:
    page = built.site / "chronology" / "index.html"
    svg = soup(page).find("svg", class_="chronicle-chart")
    assert svg is not None and svg.find("title").get_text() == "Entries per month"
    assert svg["role"] == "group"  # it holds links, which an image may not
    links = [a["href"] for a in svg.find_all("a")]
    assert "2023/10/" in links
    assert all(a["tabindex"] == "-1" for a in svg.find_all("a"))  # the list has them too
    axes = [g for g in svg.find_all("g") if "axis" in g["class"][0]]
    assert axes and all(g["aria-hidden"] == "true" for g in axes)  # a group's text is read
    assert all(resolve(built.site, page, href)[0].is_file() for href in links)


def test_a_figure_nobody_gives_says_so(built: Build) -> None:
    """A figure no one is said to give reads "no source given" on every page (the data
    files keep the value ``unattributed``), never "per unattributed"."""
    pages = [*built.content.rglob("*.md")]
    text = "\n".join(p.read_text("utf-8") for p in pages)
    assert "no source given" in text
    assert "per unattributed" not in text
    shown = [line for line in text.splitlines() if line.startswith(("|", "    - Figures"))]
    assert not [line for line in shown if "unattributed" in line]
