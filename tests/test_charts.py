"""Charts: inline SVG that parses, scales, labels without overlaps, escapes and is stable."""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import markdown
import pytest
from conftest import NS, group, parse, view_box

from generator.site import charts
from generator.site.charts import Series, bar_chart, line_chart
from generator.site.svg import CHAR_WIDTH, PALETTE, format_tick, format_value

D = datetime.date
# Independent estimate of a label's width at font-size 12: 0.6 em per character, wider than
# the average glyph of the sans-serif fonts a browser would use.
EM_CHAR = 0.6 * 12
HOSTILE = ['<script>alert(1)</script>', '" onload="x', "</title><script>alert(2)</script>",
           "a & b 'quoted'"]  # fmt: skip


def y_labels(root: ET.Element) -> dict[str, float]:
    """Axis label → y of its gridline (labels sit 4 below the line they name)."""
    return {t.text or "": float(t.get("y", "")) - 4 for t in group(root, "y-axis")}


def x_labels(root: ET.Element) -> list[tuple[float, str]]:
    return [(float(t.get("x", "")), t.text or "") for t in group(root, "x-axis")]


def assert_no_overlap(labels: list[tuple[float, str]], width: float) -> None:
    """Centred labels keep apart and inside the chart, by the independent width estimate."""
    boxes = [(x - len(text) * EM_CHAR / 2, x + len(text) * EM_CHAR / 2) for x, text in labels]
    for (_, right), (left, _) in itertools.pairwise(boxes):
        assert left - right >= 2, labels
    assert all(left >= 0 and right <= width for left, right in boxes), labels


def polyline_points(element: ET.Element) -> list[tuple[float, float]]:
    pairs = (pair.split(",") for pair in element.get("points", "").split())
    return [(float(x), float(y)) for x, y in pairs]


DEATHS = Series("Killed in Gaza — Gaza Health Ministry",
                ((D(2024, 5, 1), 49_617), (D(2023, 10, 7), 0), (D(2023, 12, 1), 15_000),
                 (D(2024, 1, 31), 26_900)))  # fmt: skip


# --- line chart ----------------------------------------------------------------------------


def test_root_is_responsive_and_labelled_by_title_and_desc() -> None:
    svg = line_chart([DEATHS], title="Deaths in Gaza", description="Running total.")
    root = parse(svg)
    assert root.get("role") == "img" and "chronicle-chart" in root.get("class", "").split()
    assert root.get("width") is None and root.get("height") is None
    assert "max-width" in root.get("style", "") and "height:auto" in root.get("style", "")
    title, desc = list(root)[:2]
    assert (title.tag, title.text) == (f"{NS}title", "Deaths in Gaza")
    assert (desc.tag, desc.text) == (f"{NS}desc", "Running total.")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id", "").startswith("chart-deaths-in-gaza-")
    assert view_box(root) == (640, float(svg.split('viewBox="0 0 640 ')[1].split('"')[0]))


def test_empty_description_is_generated_from_the_data() -> None:
    desc = parse(line_chart([DEATHS], title="Deaths")).find(f"{NS}desc")
    assert desc is not None and desc.text is not None
    assert "2023-10-07 to 2024-05-01" in desc.text and "49,617 on 2024-05-01" in desc.text


def test_polyline_runs_by_date_from_zero_at_the_bottom_to_the_max_near_the_top() -> None:
    root = parse(line_chart([DEATHS], title="Deaths"))
    [polyline] = root.iter(f"{NS}polyline")
    points = polyline_points(polyline)
    days = sorted(day for day, _ in DEATHS.points)
    assert len(points) == len(days)
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # Linear in time: horizontal distances are proportional to days elapsed.
    scale = (xs[-1] - xs[0]) / (days[-1] - days[0]).days
    for x, day in zip(xs, days, strict=True):
        assert x == pytest.approx(xs[0] + (day - days[0]).days * scale, abs=0.2)
    gridlines = y_labels(root)
    bottom, top = gridlines["0"], gridlines["50,000"]
    assert top < bottom
    baseline = next(line for line in root.iter(f"{NS}line") if line.get("class") == "baseline")
    assert float(baseline.get("y1", "")) == bottom
    assert points[0][1] == bottom  # 0 on 2023-10-07
    assert points[-1][1] == pytest.approx(top + (1 - 49_617 / 50_000) * (bottom - top), abs=0.1)
    assert points[-1][1] - top < 0.01 * (bottom - top)
    assert points[1][1] == pytest.approx(bottom - 15_000 / 50_000 * (bottom - top), abs=0.1)


def test_markers_carry_hover_text() -> None:
    root = parse(line_chart([DEATHS], title="Deaths"))
    hover = [c.findtext(f"{NS}title") for c in root.iter(f"{NS}circle") if len(c)]
    assert hover == [
        "Killed in Gaza — Gaza Health Ministry: 0 on 2023-10-07",
        "Killed in Gaza — Gaza Health Ministry: 15,000 on 2023-12-01",
        "Killed in Gaza — Gaza Health Ministry: 26,900 on 2024-01-31",
        "Killed in Gaza — Gaza Health Ministry: 49,617 on 2024-05-01",
    ]


def test_series_of_one_point_is_a_dot_without_line() -> None:
    single = Series("Israel — Israeli officials", ((D(2023, 10, 8), 1_200),))
    root = parse(line_chart([DEATHS, single], title="Deaths"))
    first, second = (g for g in root.iter(f"{NS}g") if g.get("class") == "series")
    assert len(first.findall(f"{NS}polyline")) == 1 and len(first.findall(f"{NS}circle")) == 4
    assert second.findall(f"{NS}polyline") == []
    [dot] = second.findall(f"{NS}circle")
    assert dot.findtext(f"{NS}title") == "Israel — Israeli officials: 1,200 on 2023-10-08"


def test_all_dates_equal_are_padded_and_centred() -> None:
    day = D(2023, 10, 7)
    root = parse(line_chart([Series("a", ((day, 5),)), Series("b", ((day, 9),))], title="One"))
    xs = [float(c.get("cx", "")) for g in root.iter(f"{NS}g") if g.get("class") == "series"
          for c in g.findall(f"{NS}circle")]  # fmt: skip
    assert xs[0] == xs[1]
    grid = next(iter(group(root, "grid")))
    left, right = float(grid.get("x1", "")), float(grid.get("x2", ""))
    assert xs[0] == pytest.approx((left + right) / 2, abs=0.1)
    assert "7 Oct 2023" in [text for _, text in x_labels(root)]


@pytest.mark.parametrize("width", [640, 320])
@pytest.mark.parametrize(
    ("first", "last", "pattern"),
    [
        (D(2023, 10, 7), D(2023, 10, 10), r"\d{1,2} [A-Z][a-z]{2} \d{4}"),  # 3 days: days
        (D(2023, 10, 7), D(2024, 2, 7), r"[A-Z][a-z]{2} \d{4}"),  # 4 months: months
        (D(2018, 3, 1), D(2024, 3, 1), r"\d{4}"),  # 6 years: years
    ],
)
def test_time_ticks_fit_the_span_and_never_overlap(
    first: D, last: D, pattern: str, width: int
) -> None:
    middle = first + (last - first) / 2
    points = ((last, 300), (first, 10), (middle, 100))
    root = parse(line_chart([Series("s", points)], title="Ticks", width=width))
    labels = x_labels(root)
    assert len(labels) >= 2
    assert all(re.fullmatch(pattern, text) for _, text in labels), labels
    assert_no_overlap(labels, view_box(root)[0])
    ticks = [float(line.get("x1", "")) for line in group(root, "x-ticks")]
    assert len(ticks) == len(labels) and ticks == sorted(ticks)
    # Each tick sits where its date falls on the axis defined by the data points.
    circles = sorted((float(c.get("cx", "")), c.findtext(f"{NS}title", "")[-10:])
                     for c in root.iter(f"{NS}circle") if c.find(f"{NS}title") is not None)  # fmt: skip
    (x0, d0), (x1, d1) = circles[0], circles[-1]
    per_day = (x1 - x0) / (D.fromisoformat(d1) - D.fromisoformat(d0)).days
    for tick, (_, text) in zip(ticks, labels, strict=True):
        day = _label_date(text)
        assert first - datetime.timedelta(days=400) < day < last + datetime.timedelta(days=400)
        assert tick == pytest.approx(x0 + (day - D.fromisoformat(d0)).days * per_day, abs=0.2)


def test_tick_count_is_capped_by_the_width() -> None:
    points = ((D(1994, 1, 1), 1), (D(2024, 1, 1), 2))
    for width, most in ((640, 10), (320, 5)):
        labels = x_labels(parse(line_chart([Series("s", points)], title="30 years", width=width)))
        assert 2 <= len(labels) <= most, labels
        assert all(int(text) % 5 == 0 for _, text in labels)  # round steps: 5, 10 or 20 years


def _label_date(text: str) -> D:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    parts = text.split()
    if len(parts) == 3:
        return D(int(parts[2]), months.index(parts[1]) + 1, int(parts[0]))
    if len(parts) == 2:
        return D(int(parts[1]), months.index(parts[0]) + 1, 1)
    return D(int(parts[0]), 1, 1)


@pytest.mark.parametrize(
    ("largest", "top"),
    [(49_617, 50_000), (7, 10), (1, 1), (0, 1), (2.1, 2.5), (101, 200), (250, 250),
     (50_001, 100_000), (0.3, 0.5), (1_200_000, 2_000_000), (0.0004, 0.0005)],
)  # fmt: skip
def test_nice_max_is_the_smallest_1_2_2_5_or_5_times_a_power_of_ten(
    largest: float, top: float
) -> None:
    assert charts.nice_max(largest) == pytest.approx(top)


def test_y_axis_has_four_to_six_gridlines_and_thousands_separators() -> None:
    root = parse(line_chart([DEATHS], title="Deaths"))
    assert list(y_labels(root)) == ["0", "10,000", "20,000", "30,000", "40,000", "50,000"]
    assert len(group(root, "grid")) + 1 == 6  # gridlines plus the baseline
    big = Series("Displaced", ((D(2023, 10, 7), 423_000), (D(2023, 12, 20), 1_200_000)))
    assert list(y_labels(parse(line_chart([big], title="Displaced")))) == [
        "0", "500,000", "1M", "1.5M", "2M"]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "tick", "full"),
    [(50_000, "50,000", "50,000"), (999_999, "999,999", "999,999"), (1_500_000, "1.5M", "1,500,000"),
     (2_000_000, "2M", "2,000,000"), (12.5, "12.5", "12.5"), (0, "0", "0")],
)  # fmt: skip
def test_number_formats(value: float, tick: str, full: str) -> None:
    assert format_tick(value) == tick
    assert format_value(value) == full


def test_whole_counts_get_whole_gridlines() -> None:
    for largest in (1, 2, 3, 7, 13):
        root = parse(bar_chart([("a", largest), ("b", 0)], title="Counts"))
        labels = list(y_labels(root))
        assert all("." not in label for label in labels), labels
        assert labels[0] == "0" and int(labels[-1]) >= largest


def test_all_zero_counts_get_an_axis_up_to_one() -> None:
    assert list(y_labels(parse(bar_chart([("a", 0), ("b", 0)], title="Zero")))) == ["0", "1"]
    zeros = Series("z", ((D(2023, 10, 7), 0.0), (D(2023, 10, 8), 0.5)))
    assert list(y_labels(parse(line_chart([zeros], title="Half")))) == [
        "0", "0.1", "0.2", "0.3", "0.4", "0.5"]  # fmt: skip


def test_colours_cycle_with_dashes_beyond_the_palette() -> None:
    many = [
        Series(f"Series {i}", ((D(2023, 10, 7), i), (D(2023, 11, 7), 2 * i))) for i in range(12)
    ]
    root = parse(line_chart(many, title="Many"))
    styles = [(p.get("stroke"), p.get("stroke-dasharray")) for p in root.iter(f"{NS}polyline")]
    assert len(styles) == 12 and len(set(styles)) == 12
    assert [colour for colour, _ in styles[:8]] == list(PALETTE)
    assert len(set(PALETTE)) == 8 and all(dash is None for _, dash in styles[:8])
    assert styles[8][0] == styles[0][0] and styles[8][1]
    legend = [ln.get("stroke") for ln in group(root, "legend").findall(f"{NS}line")]
    assert legend == [colour for colour, _ in styles]


def test_text_and_axes_follow_the_page_colour() -> None:
    root = parse(line_chart([DEATHS], title="Deaths"))
    for name in ("y-axis", "x-axis", "legend"):
        assert group(root, name).get("fill") == "currentColor"
    assert group(root, "grid").get("stroke") == "currentColor"
    assert all(t.get("fill") is None for t in root.iter(f"{NS}text"))


def test_legend_wraps_below_the_plot_inside_the_view_box() -> None:
    labels = [
        f"Killed in place number {i} — according to a rather long source name" for i in range(6)
    ]
    labels.append("x" * 300)
    series = [Series(label, ((D(2023, 10, 7), 1), (D(2024, 1, 7), 9))) for label in labels]
    root = parse(line_chart(series, title="Legend", height=300))
    width, height = view_box(root)
    texts = group(root, "legend").findall(f"{NS}text")
    ys = sorted({float(t.get("y", "")) for t in texts})
    assert len(texts) == 7 and len(ys) >= 4  # several rows
    assert ys[0] > 300 - 30 + 18 and ys[-1] <= height  # below the x labels, not clipped
    for text in texts:
        shown = "".join(text.itertext()) if text.find(f"{NS}title") is None else text[0].tail
        assert float(text.get("x", "")) + len(shown or "") * CHAR_WIDTH <= width
    truncated = texts[-1]
    assert truncated.findtext(f"{NS}title") == "x" * 300 and (truncated[0].tail or "").endswith("…")


# --- bar chart -----------------------------------------------------------------------------

MONTHS = [(f"{year}-{month:02}", (year * 7 + month * 13) % 40) for year in (2021, 2022, 2023)
          for month in range(1, 13)]  # fmt: skip


def test_bars_in_order_with_heights_and_hover_text() -> None:
    bars = [("2023-10", 1_234), ("2023-11", 617), ("2023-12", 0)]
    root = parse(bar_chart(bars, title="Events per month"))
    rects = list(group(root, "bars"))
    assert [r.findtext(f"{NS}title") for r in rects] == [
        "2023-10: 1,234", "2023-11: 617", "2023-12: 0"]  # fmt: skip
    xs = [float(r.get("x", "")) for r in rects]
    assert xs == sorted(xs)
    gridlines = y_labels(root)
    bottom, top = gridlines["0"], gridlines["2,000"]
    for rect, (_, count) in zip(rects, bars, strict=True):
        y, h = float(rect.get("y", "")), float(rect.get("height", ""))
        assert y + h == pytest.approx(bottom, abs=0.1)
        assert h == pytest.approx(count / 2_000 * (bottom - top), abs=0.1)


@pytest.mark.parametrize("width", [640, 320, 200])
def test_bar_labels_are_thinned_never_overlap_and_keep_first_and_last(width: int) -> None:
    root = parse(bar_chart(MONTHS, title="Events", width=width))
    labels = x_labels(root)
    texts = [text for _, text in labels]
    assert texts[0] == "2021-01" and texts[-1] == "2023-12"
    assert len(texts) < len(MONTHS)
    assert_no_overlap(labels, width)
    indices = [[label for label, _ in MONTHS].index(text) for text in texts]
    steps = {b - a for a, b in itertools.pairwise(indices[:-1])}
    assert len(steps) <= 1  # every k-th label, then the last


def test_wide_bars_show_every_label() -> None:
    labels = x_labels(parse(bar_chart(MONTHS[:6], title="Events")))
    assert [text for _, text in labels] == [label for label, _ in MONTHS[:6]]


def test_long_bar_labels_are_cut_to_fit() -> None:
    bars = [("A very long label for the first bar of the chart", 3), ("Another long one", 4)]
    root = parse(bar_chart(bars, title="Long", width=240))
    labels = x_labels(root)
    assert len(labels) == 2 and labels[0][1].endswith("…")
    assert_no_overlap(labels, 240)
    assert group(root, "bars")[0].findtext(f"{NS}title") == f"{bars[0][0]}: 3"


def test_bar_links_wrap_only_linked_bars_and_are_escaped() -> None:
    links = ["2023-10/", None, "#nov-2023", "../months/a&b/?q=1"]
    bars = [("2023-10", 5), ("2023-11", 6), ("2023-12", 7), ("2024-01", 8)]
    svg = bar_chart(bars, title="Linked", links=links)
    assert 'href="../months/a&amp;b/?q=1"' in svg
    children = list(group(parse(svg), "bars"))
    assert [c.tag for c in children] == [f"{NS}a", f"{NS}rect", f"{NS}a", f"{NS}a"]
    assert [c.get("href") for c in children] == [
        "2023-10/",
        None,
        "#nov-2023",
        "../months/a&b/?q=1",
    ]
    assert children[0][0].findtext(f"{NS}title") == "2023-10: 5"


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
     "http://example.com/", "https://example.com", "data:text/html,<b>", "mailto:a@b.c",
     "//example.com/x", "/absolute/path/", "\\\\example.com", "vbscript:x", ""],
)  # fmt: skip
def test_bar_links_with_a_scheme_or_host_are_rejected(href: str) -> None:
    with pytest.raises(ValueError):
        bar_chart([("a", 1), ("b", 2)], title="Bad", links=[None, href])


def test_links_must_match_bars() -> None:
    with pytest.raises(ValueError):
        bar_chart([("a", 1), ("b", 2)], title="Bad", links=["a/"])


# --- both ----------------------------------------------------------------------------------


def test_empty_input_gives_no_chart() -> None:
    assert line_chart([], title="None") == ""
    assert line_chart([Series("a", ()), Series("b", ())], title="None") == ""
    assert bar_chart([], title="None") == ""
    assert bar_chart([], title="None", links=[]) == ""


@pytest.mark.parametrize("value", [-1, float("nan"), float("inf")])
def test_invalid_values_are_rejected(value: float) -> None:
    with pytest.raises(ValueError):
        line_chart([Series("a", ((D(2023, 10, 7), value),))], title="Bad")
    with pytest.raises(ValueError):
        bar_chart([("a", value)], title="Bad")  # type: ignore[list-item]


def hostile_charts() -> list[str]:
    series = [Series(label, ((D(2023, 10, 7), 1), (D(2023, 10, 9), 3))) for label in HOSTILE]
    return [
        line_chart(series, title=HOSTILE[2], description=HOSTILE[1]),
        bar_chart([(label, 2) for label in HOSTILE], title=HOSTILE[0], description=HOSTILE[3]),
    ]


def test_hostile_text_is_escaped_and_round_trips() -> None:
    line_svg, bar_svg = hostile_charts()
    for svg in (line_svg, bar_svg):
        assert "<script" not in svg and 'onload="x"' not in svg
        root = parse(svg)
        assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1].lower() == "script"]
        assert not [e for e in root.iter() if any(a.lower().startswith("on") for a in e.attrib)]
    line_root, bar_root = parse(line_svg), parse(bar_svg)
    assert line_root.findtext(f"{NS}title") == HOSTILE[2]
    assert line_root.findtext(f"{NS}desc") == HOSTILE[1]
    legend = ["".join(t.itertext()) for t in group(line_root, "legend").findall(f"{NS}text")]
    assert legend == HOSTILE
    hover = [c.findtext(f"{NS}title") for c in line_root.iter(f"{NS}circle") if len(c)]
    assert hover[0] == f"{HOSTILE[0]}: 1 on 2023-10-07"
    assert (bar_root.findtext(f"{NS}title"), bar_root.findtext(f"{NS}desc")) == tuple(HOSTILE[::3])
    assert [r.findtext(f"{NS}title") for r in group(bar_root, "bars")] == [
        f"{h}: 2" for h in HOSTILE
    ]


def test_markup_is_one_element_per_line_without_blank_or_indented_lines() -> None:
    label = "two\n\nparagraphs\n    indented\x00"
    svgs = [*hostile_charts(), line_chart([Series(label, DEATHS.points)], title=label),
            bar_chart(MONTHS, title=label, description=label)]  # fmt: skip
    for svg in svgs:
        lines = svg.split("\n")
        assert lines[0].startswith("<svg ") and lines[-1] == "</svg>"
        assert all(line.startswith("<") and line.endswith(">") for line in lines)
        parse(svg)
    assert "two paragraphs indented" in svgs[2]


def test_output_is_deterministic_and_independent_of_point_order() -> None:
    shuffled = Series(DEATHS.label, tuple(reversed(DEATHS.points)))
    other = Series("Injured", ((D(2023, 11, 1), 30_000), (D(2023, 10, 9), 5_000)))
    once = line_chart([DEATHS, other], title="Deaths", description="d")
    assert once == line_chart([DEATHS, other], title="Deaths", description="d")
    assert once == line_chart([shuffled, Series("Injured", other.points[::-1])], title="Deaths",
                              description="d")  # fmt: skip
    assert bar_chart(MONTHS, title="Events") == bar_chart(list(MONTHS), title="Events")
    numbers = re.findall(r' (?:x|y|cx|cy|x1|y1|x2|y2|width|height)="([^"]+)"', once)
    assert all(re.fullmatch(r"\d+\.\d", n) for n in numbers), numbers[:5]


def test_ids_differ_between_charts_on_one_page() -> None:
    def ids(svg: str) -> str:
        return parse(svg).get("aria-labelledby", "")

    one = ids(line_chart([DEATHS], title="Deaths"))
    assert one == ids(line_chart([DEATHS], title="Deaths"))
    assert one != ids(line_chart([DEATHS], title="Deaths in Israel"))
    assert ids(bar_chart(MONTHS, title="Deaths")) != one
    assert re.fullmatch(
        r"chart-[a-z0-9-]+-[0-9a-f]{8}-title chart-[a-z0-9-]+-[0-9a-f]{8}-desc", one
    )


def test_markdown_passes_a_chart_in_a_figure_through_untouched() -> None:
    for svg in [*hostile_charts(), bar_chart(MONTHS, title="Events", links=["2023-10/"] * 36)]:
        page = f"Intro.\n\n<figure>\n{svg}\n</figure>\n\nAfter *emphasis*."
        rendered = markdown.markdown(page, extensions=["attr_list", "tables", "toc"])
        assert f"<figure>\n{svg}\n</figure>" in rendered
        assert "<em>emphasis</em>" in rendered
