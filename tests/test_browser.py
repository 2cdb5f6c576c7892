"""What readers see: the built site in Debian's Chromium, driven by Playwright, served on
127.0.0.1 by a server these tests start and stop.

Every visit fails on a console error or on a request that leaves 127.0.0.1, so the site
is checked to work offline and on hosts that block third parties. Without Chromium (the
test set-up installs it with apt where it can), the tests are skipped and say why.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from browsing import CHROMIUM, FLAGS, served
from conftest import ROOT, Build

AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
    pytest.skip(
        f"{CHROMIUM} is not installed: `make test` installs Debian's chromium with apt-get "
        "where it runs as root; elsewhere install it to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")


@pytest.fixture(scope="module")
def site(built: Build) -> Iterator[str]:
    """The address of the site built from the seeds, served on 127.0.0.1."""
    with served(built.site) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, timeout=60_000
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page in a fresh browser context, with what it logged and asked for."""

    page: object
    site: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.site + path)

    def check(self) -> None:
        assert not self.errors, self.errors
        assert not self.outside, self.outside


def _visit(browser: object, site: str, viewport: dict) -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)  # a loaded 2-core machine runs MkDocs builds meanwhile
    visit = Visit(page, site)
    page.on("console", lambda m: m.type == "error" and visit.errors.append(m.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("request", lambda r: r.url.startswith(site) or r.url.startswith("data:")
            or visit.outside.append(r.url))  # fmt: skip
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield visit
    context.close()
    visit.check()


@pytest.fixture
def visit(browser: object, site: str) -> Iterator[Visit]:
    yield from _visit(browser, site, DESKTOP)


@pytest.fixture
def phone(browser: object, site: str) -> Iterator[Visit]:
    yield from _visit(browser, site, PHONE)


def _in_view(page: object, selector: str) -> bool:
    return page.eval_on_selector(selector, """element => {
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }""")  # fmt: skip


def _heading(page: object) -> str:
    """The page's title as it reads, without the link sign of its anchor."""
    return page.locator("h1").inner_text().removesuffix("¶").strip()


def test_the_home_page_leads_to_the_newest_month(visit: Visit) -> None:
    visit.go("")
    visit.page.get_by_role("link", name="Chronology", exact=True).first.click()
    visit.page.wait_for_url(re.compile(r"/chronology/$"))
    months = visit.page.locator("article a[href*='/']", has_text=re.compile(r"^\w+ \d{4}$"))
    months.first.click()
    visit.page.wait_for_url(re.compile(r"/chronology/\d{4}/\d\d/$"))
    assert _heading(visit.page) == "April 2025"  # the seeds' newest month


def test_a_citation_lands_on_its_sentence_highlighted_and_in_view(visit: Visit) -> None:
    visit.go("chronology/2025/04/")
    citation = visit.page.locator("a[title][href*='/articles/']", has_text="[1]").nth(3)
    target = citation.get_attribute("href").rsplit("#", 1)[1]
    citation.click()
    visit.page.wait_for_url(re.compile(rf"/articles/[^/]+/#{target}$"))
    sentence = f"[id='{target}']"
    visit.page.wait_for_function(f"document.querySelector(\"{sentence}\").matches(':target')")
    assert "sentence" in visit.page.get_attribute(sentence, "class")
    assert _in_view(visit.page, sentence)
    marked = visit.page.eval_on_selector(sentence, """element => {
        const style = getComputedStyle(element);
        return [style.outlineStyle, style.backgroundColor];
    }""")  # fmt: skip
    assert marked[0] != "none" and marked[1] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_an_entry_leads_to_its_place_with_map_and_entries(visit: Visit) -> None:
    visit.go("chronology/2025/04/")
    place = visit.page.locator("article a", has_text="Rafah").first
    entry = place.evaluate(
        "a => a.closest('li').parentElement.closest('li').querySelector('.entry').id"
    )
    place.click()
    visit.page.wait_for_url(re.compile(r"/places/rafah/$"))
    assert _heading(visit.page) == "Rafah"
    assert visit.page.locator("article svg.chronicle-map[aria-labelledby]").is_visible()
    assert visit.page.locator(f"article a[href$='#{entry}']").count() == 1


def test_next_entry_walks_to_the_next_entry(visit: Visit) -> None:
    visit.go("chronology/2025/04/")
    second = visit.page.locator("article .entry").nth(1).get_attribute("id")
    following = visit.page.locator("article a[title='Next entry']").first
    later = following.get_attribute("href").rsplit("#", 1)[1]
    assert later == second
    following.click()
    visit.page.wait_for_url(re.compile(rf"#{later}$"))
    assert _in_view(visit.page, f"[id='{later}']")


@pytest.mark.parametrize(("query", "page"), [
    ("Khan Younis", "places/khan-younis/"),
    ("49,617", "articles/israels-military-escalated-ground-operations-across-gaza-on/"),
])  # fmt: skip
def test_search_finds_a_place_and_a_figure(visit: Visit, query: str, page: str) -> None:
    """Material's search, typed into as a reader does, lists the place's page, and the
    article that reports the figure; the result leads there."""
    visit.go("")
    visit.page.locator("input.md-search__input").click()
    visit.page.locator("input.md-search__input").press_sequentially(query)
    found = visit.page.locator(f".md-search-result__link[href^='{visit.site}{page}?h=']")
    found.first.click()
    visit.page.wait_for_url(re.compile(re.escape(page)))
    assert visit.page.locator("h1").count() == 1


def test_the_palette_switches_between_light_and_dark(visit: Visit) -> None:
    visit.go("")
    scheme = visit.page.get_attribute("body", "data-md-color-scheme")
    visit.page.locator("form[data-md-component='palette'] label:visible").first.click()
    sync_api.expect(visit.page.locator("body")).not_to_have_attribute(
        "data-md-color-scheme", scheme
    )
    other = visit.page.get_attribute("body", "data-md-color-scheme")
    assert {scheme, other} == {"default", "slate"}
    visit.go("chronology/")  # the choice is kept from page to page
    assert visit.page.get_attribute("body", "data-md-color-scheme") == other


@pytest.mark.parametrize("path", ["", "chronology/", "chronology/2025/04/",
                                  "articles/the-israeli-military-idf-has-expanded-its-gaza-operations/",
                                  "places/gaza-strip/", "figures/", "sources/"])  # fmt: skip
def test_a_phone_reads_every_kind_of_page_without_scrolling_sideways(
    phone: Visit, path: str
) -> None:
    phone.go(path)
    wide = phone.page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{path}: {wide} px wide"


@pytest.mark.parametrize("path", ["", "chronology/2025/04/",
                                  "articles/the-israeli-military-idf-has-expanded-its-gaza-operations/",
                                  "places/gaza-strip/"])  # fmt: skip
def test_axe_finds_nothing_serious(visit: Visit, path: str) -> None:
    _axe(visit, path)


@pytest.mark.parametrize("path", ["", "chronology/", "chronology/2025/04/", "figures/",
                                  "places/gaza-strip/"])  # fmt: skip
def test_axe_finds_nothing_serious_on_a_phone(phone: Visit, path: str) -> None:
    _axe(phone, path)


def _axe(visit: Visit, path: str) -> None:
    assert AXE.exists(), f"{AXE} is missing: `make test` installs axe-core from the npm registry"
    visit.go(path)
    visit.page.add_script_tag(path=str(AXE))
    found = visit.page.evaluate("async () => (await axe.run()).violations")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in found if v["impact"] in ("serious", "critical")]  # fmt: skip
    assert not serious, json.dumps(serious, indent=1)


@pytest.mark.parametrize(("path", "mark", "explained"), [
    ("chronology/2025/04/", ".approx", "The text gives only the week."),
    ("chronology/2025/04/", ".reported", "it was reported on this day"),
    ("", ".reported", "it was reported on this day"),
    ("chronology/2025/03/", ".approx", "The text gives only the month."),
    ("chronology/2014/", ".approx", "The text gives only the year."),
    ("articles/a-dense-cloud-of-smoke-from-the-bombing-of-the-gaza-strip/", ".inferred",
     "read from the text"),
    ("articles/israels-military-escalated-ground-operations-across-gaza-on/", ".undated",
     "no date marker, no metadata date"),
])  # fmt: skip
def test_uncertain_dates_look_uncertain(visit: Visit, path: str, mark: str, explained: str) -> None:
    """An approximate or reported-on date, an inferred publication date and an undated
    article each carry a visible mark (a dashed box), explained on hover or beside it."""
    visit.go(path)
    found = visit.page.locator(f"article {mark}").first
    assert found.is_visible()
    assert found.evaluate("element => getComputedStyle(element).borderTopStyle") == "dashed"
    beside = found.evaluate("element => element.parentElement.textContent")
    assert explained in (found.get_attribute("title") or "") + beside


@pytest.mark.parametrize("path", ["chronology/2025/04/", "places/rafah/"])
def test_the_keyboard_reaches_every_link_and_shows_where_it_is(visit: Visit, path: str) -> None:
    """Tab alone reaches every link a reader can see (those of a chart or map are
    duplicates of its list, out of the tab order), and the focused one is outlined."""
    visit.go(path)
    skipped = visit.page.eval_on_selector_all(
        "a[href]", "links => links.filter(a => a.tabIndex < 0 && !a.closest('svg.chronicle-chart')).length"
    )  # fmt: skip
    assert skipped == 0  # only the links of charts and maps, duplicated in their lists
    visible = set(visit.page.eval_on_selector_all("a[href]", """links => links
        .map((a, i) => { a.dataset.k = i; return a; })
        .filter(a => !a.closest('svg.chronicle-chart') && a.checkVisibility({visibilityProperty: true}))
        .filter(a => { const box = a.getBoundingClientRect(); return box.width && box.height; })
        .map(a => a.dataset.k)"""))  # fmt: skip
    reached: set[str] = set()
    unmarked: list[str] = []
    for _ in range(len(visible) * 2 + 40):
        visit.page.keyboard.press("Tab")
        key, marked = visit.page.evaluate("""() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
                            && style.outlineColor !== "rgba(0, 0, 0, 0)";
            return [element.dataset.k || "", outline || style.boxShadow !== "none"];
        }""")  # fmt: skip
        if key:
            reached.add(key)
            if not marked:
                unmarked.append(key)
        if reached >= visible:
            break
    assert visible and visible <= reached, f"{len(visible - reached)} of {len(visible)} not reached"
    assert not unmarked, unmarked[:5]


@pytest.mark.parametrize("path", ["chronology/", "figures/", "places/", "places/gaza-strip/"])
def test_every_chart_and_map_has_its_data_in_text(visit: Visit, path: str) -> None:
    """Each chart and map is named and described, and a table or list near it gives the
    same data in text."""
    visit.go(path)
    figures = visit.page.locator("article figure.chronicle-figure")
    assert figures.count() >= 1
    assert visit.page.locator("svg.chronicle-chart").count() == figures.count()
    for i in range(figures.count()):
        figure = figures.nth(i)
        svg = figure.locator("svg.chronicle-chart")
        label = svg.get_attribute("aria-labelledby").split()
        assert all(visit.page.locator(f"[id='{part}']").text_content().strip() for part in label)
        text = figure.evaluate("""figure => {
            let next = figure.nextElementSibling;
            while (next && !/^(TABLE|UL|OL|P|DIV|H2|H3)$/.test(next.tagName)) next = next.nextElementSibling;
            for (let n = next, hops = 0; n && hops < 4; n = n.nextElementSibling, hops++) {
                if (n.matches('table, ul, ol, div.md-typeset__scrollwrap') || n.querySelector('table, ul, ol'))
                    return n.textContent.trim().length;
            }
            return 0;
        }""")  # fmt: skip
        assert text > 0, f"{path}: figure {i} has no table or list after it"
