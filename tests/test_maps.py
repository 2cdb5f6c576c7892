"""Locator maps: bundled outlines load, the SVG parses, places land where they are, labels do
not overlap, hostile text stays text, output is stable and small."""

from __future__ import annotations

import importlib.util
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import NS, group, parse, view_box

from generator.site.maps import (
    REGION_OUTLINES,
    WORLD_OUTLINES,
    Marker,
    Outline,
    bbox_around,
    load_outlines,
    locator_map,
)

# Independent estimate of a label's box: 0.6 em a character, from 0.8 em above the baseline
# to 0.2 em below it (the glyphs of the sans-serif fonts a browser would use are narrower).
EM_CHAR = 0.6
RAFAH = Marker("Rafah", 31.2968, 34.2455, href="../rafah/", emphasis=True)
NEARBY = (
    Marker("Khan Younis", 31.3462, 34.3060, href="../khan-younis/"),
    Marker("Gaza City", 31.5017, 34.4668),
    Marker("Deir al-Balah", 31.4180, 34.3500),
    Marker("Kerem Shalom", 31.2290, 34.2840),
    Marker("Al-Mawasi", 31.3480, 34.2550),
    Marker("Nuseirat", 31.4480, 34.3920),
)
RAFAH_BOX = (34.0, 31.05, 34.5, 31.55)
HOSTILE = ["<script>alert(1)</script>", '" onload="x', "</title><script>alert(2)</script>",
           "{{ 7*7 }} {% if 1 %}x{% endif %}", "nul\x00byte\nand\n\n    indent", "a & b 'q'"]  # fmt: skip


@pytest.fixture(scope="module")
def region() -> tuple[Outline, ...]:
    return load_outlines(REGION_OUTLINES)


@pytest.fixture(scope="module")
def world() -> tuple[Outline, ...]:
    return load_outlines(WORLD_OUTLINES)


def rings_of(path: ET.Element) -> list[list[tuple[float, float]]]:
    """The rings of a path written as M x,y x,y ... Z (absolute, implicit line-to)."""
    d = path.get("d", "")
    assert re.fullmatch(r"(M-?\d+\.\d,-?\d+\.\d( -?\d+\.\d,-?\d+\.\d)*Z)+", d), d[:80]
    return [
        [(float(x), float(y)) for x, y in re.findall(r"(-?\d+\.\d),(-?\d+\.\d)", ring)]
        for ring in d.split("Z")
        if ring
    ]


def land(root: ET.Element) -> dict[str, list[list[tuple[float, float]]]]:
    return {p.findtext(f"{NS}title") or "": rings_of(p) for p in group(root, "land")}


def inside(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    hit = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def markers(root: ET.Element) -> dict[str, tuple[float, float, float, str]]:
    """Hover text → (cx, cy, r, class) of each marker circle."""
    return {
        c.findtext(f"{NS}title") or "": (
            float(c.get("cx", "")), float(c.get("cy", "")), float(c.get("r", "")),
            c.get("class", ""),
        )
        for c in group(root, "markers").iter(f"{NS}circle")
    }  # fmt: skip


def text_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every label and country name with the box it takes, from the output alone."""
    boxes = []
    for name in ("labels", "names"):
        g = group(root, name)
        size = float(g.get("font-size") or root.get("font-size") or 0)
        for t in g.findall(f"{NS}text"):
            text = "".join(t.itertext())
            x, y = float(t.get("x", "")), float(t.get("y", ""))
            width = len(text) * EM_CHAR * size
            anchor = t.get("text-anchor") or g.get("text-anchor") or "start"
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((text, (left, y - 0.8 * size, left + width, y + 0.2 * size)))
    return boxes


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- data ----------------------------------------------------------------------------------


def test_region_outlines_have_gaza_and_west_bank_apart(region: tuple[Outline, ...]) -> None:
    by_name = {o.name: o for o in region}
    assert {"Gaza Strip", "West Bank", "Israel", "Egypt", "Jordan", "Lebanon"} <= set(by_name)
    assert by_name["Gaza Strip"].code == by_name["West Bank"].code == "PSE"
    assert "Palestine" not in by_name
    lons = [lon for ring in by_name["Gaza Strip"].rings for lon, _ in ring]
    lats = [lat for ring in by_name["Gaza Strip"].rings for _, lat in ring]
    assert 34.1 < min(lons) < max(lons) < 34.6 and 31.2 < min(lats) < max(lats) < 31.6


def test_world_outlines_cover_the_countries(world: tuple[Outline, ...]) -> None:
    assert len(world) == 177
    codes = {o.code for o in world}
    assert len(codes) == 177 and {"FRA", "ISR", "PSX", "EGY", "USA"} <= codes
    assert all(o.rings and all(len(r) >= 4 for r in o.rings) for o in world)


def test_data_files_are_compact_and_one_feature_a_line() -> None:
    for path, count in ((REGION_OUTLINES, 18), (WORLD_OUTLINES, 177)):
        lines = path.read_text("utf-8").split("\n")
        assert lines[-1] == "" and len(lines) == count + 3
        assert not any(line.startswith(" ") for line in lines)
        assert path.stat().st_size < 250_000


# --- the map -------------------------------------------------------------------------------


def test_rafah_lands_in_the_drawn_gaza_strip(region: tuple[Outline, ...]) -> None:
    root = parse(locator_map(region, [RAFAH, *NEARBY], bbox=RAFAH_BOX, title="Rafah",
                             description="Rafah and nearby places"))  # fmt: skip
    outlines = land(root)
    assert {"Gaza Strip", "Israel", "Egypt"} <= set(outlines)
    gaza = outlines["Gaza Strip"]
    xs, ys = [x for ring in gaza for x, _ in ring], [y for ring in gaza for _, y in ring]
    cx, cy, r, kind = markers(root)["Rafah"]
    assert min(xs) <= cx <= max(xs) and min(ys) <= cy <= max(ys)
    assert inside(cx, cy, gaza) and not inside(cx, cy, outlines["Egypt"])
    # Gaza City lies north (up) and east (right) of Rafah.
    gx, gy, _, _ = markers(root)["Gaza City"]
    assert gx > cx and gy < cy
    assert kind == "marker emphasis" and r > markers(root)["Gaza City"][2]


def test_the_emphasised_marker_is_labelled(region: tuple[Outline, ...]) -> None:
    for bbox in (RAFAH_BOX, (33, 29, 37, 34)):
        root = parse(locator_map(region, [*NEARBY, RAFAH], bbox=bbox, title="t", description="d"))
        labels = {"".join(t.itertext()): t for t in group(root, "labels")}
        assert "Rafah" in labels and labels["Rafah"].get("font-weight") == "bold"


def test_labels_never_overlap_and_stay_in_the_picture(region: tuple[Outline, ...]) -> None:
    crowd = [Marker(f"Place number {i}", 31.2 + (i % 6) * 0.05, 34.2 + (i // 6) * 0.07)
             for i in range(30)]  # fmt: skip
    for bbox in (RAFAH_BOX, (33, 29, 37, 34), bbox_around(crowd)):
        root = parse(locator_map(region, [*crowd, RAFAH], bbox=bbox, title="t", description="d"))
        width, height = view_box(root)
        boxes = text_boxes(root)
        labels = [t for t in group(root, "labels")]
        assert "Rafah" in ["".join(t.itertext()) for t in labels]
        assert 2 <= len(labels) <= 13
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            assert not overlap(box_a, box_b), (a, b)
        for _, (x0, y0, x1, y1) in boxes:
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        # Every marker keeps its hover text, labelled or not.
        assert len(markers(root)) == 31


def test_names_of_large_visible_outlines_are_shown(region: tuple[Outline, ...]) -> None:
    root = parse(locator_map(region, [RAFAH], bbox=(33, 29, 37, 34), title="t", description="d"))
    names = {"".join(t.itertext()) for t in group(root, "names")}
    assert {"Egypt", "Jordan", "Israel"} <= names


def test_hostile_text_and_links_are_escaped(region: tuple[Outline, ...]) -> None:
    hostile = [Marker(label, 31.3 + i * 0.02, 34.3, href=href)
               for i, (label, href) in enumerate(zip(HOSTILE, [
                   "javascript:alert(1)", '" onmouseover="x', "//evil.example/",
                   "JaVaScRiPt:alert(2)", "data:text/html,x", "../ok/#a"], strict=True))]  # fmt: skip
    outline = Outline(HOSTILE[2], HOSTILE[0], ((
        (34.2, 31.2), (34.4, 31.2), (34.4, 31.4), (34.2, 31.4), (34.2, 31.2)),))  # fmt: skip
    svg = locator_map([outline], hostile, bbox=RAFAH_BOX, title=HOSTILE[0],
                      description=HOSTILE[3])  # fmt: skip
    assert "<script" not in svg and "\x00" not in svg
    assert "{{" not in svg and "{%" not in svg
    assert "javascript" not in svg.lower() and "evil" not in svg and "data:" not in svg
    root = parse(svg)
    assert root.findtext(f"{NS}title") == HOSTILE[0]
    assert root.findtext(f"{NS}desc") == HOSTILE[3]
    hover = set(markers(root))
    assert hover == {" ".join(h.replace("\x00", "").split()) for h in HOSTILE}
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert links == ["../ok/#a"]
    assert land(root).keys() == {HOSTILE[2]}
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib)


def test_output_is_deterministic(region: tuple[Outline, ...]) -> None:
    once = locator_map(region, [RAFAH, *NEARBY], bbox=RAFAH_BOX, title="Rafah", description="d")
    again = locator_map(
        load_outlines(REGION_OUTLINES), [RAFAH, *NEARBY], bbox=RAFAH_BOX, title="Rafah",
        description="d",
    )  # fmt: skip
    assert once == again


def test_markup_is_one_element_per_line_without_blank_or_indented_lines(
    region: tuple[Outline, ...], world: tuple[Outline, ...]
) -> None:
    label = "two\n\nparagraphs\n    indented\x00"
    svgs = [
        locator_map(region, [Marker(label, 31.3, 34.3, emphasis=True)], bbox=RAFAH_BOX,
                    title=label, description=label),
        locator_map(world, [RAFAH], bbox=(-180, -90, 180, 90), title="w", description=""),
    ]  # fmt: skip
    for svg in svgs:
        lines = svg.split("\n")
        assert lines[0].startswith("<svg ") and lines[-1] == "</svg>"
        assert all(line.startswith("<") and line.endswith(">") for line in lines)
        assert not any(line.strip() == "" or line.startswith("    ") for line in lines)
        parse(svg)
    assert "two paragraphs indented" in svgs[0]
    assert "Locator map of 1 place: Rafah." in svgs[1]


def test_outlines_out_of_view_are_left_out(
    region: tuple[Outline, ...], world: tuple[Outline, ...]
) -> None:
    far = Outline("Far away", "FAR", (((10.0, 10.0), (11.0, 10.0), (11.0, 11.0), (10.0, 10.0)),))
    root = parse(locator_map([*region, far], [RAFAH], bbox=RAFAH_BOX, title="t", description="d"))
    drawn = set(land(root))
    assert "Far away" not in drawn and "Lebanon" not in drawn and "Cyprus" not in drawn
    assert "Far away" not in ET.tostring(root, encoding="unicode")
    root = parse(locator_map(world, [RAFAH], bbox=(33, 29, 37, 34), title="t", description="d"))
    drawn = set(land(root))
    assert "Israel" in drawn and "Australia" not in drawn and "Brazil" not in drawn


def test_far_parts_of_large_outlines_are_thinned(region: tuple[Outline, ...]) -> None:
    """Egypt's outline runs far out of a map of Rafah; its points there add nothing."""
    egypt = next(o for o in region if o.name == "Egypt")
    root = parse(locator_map([egypt], [RAFAH], bbox=RAFAH_BOX, title="t", description="d"))
    points = sum(len(ring) for ring in land(root)["Egypt"])
    assert points < sum(len(ring) for ring in egypt.rings) / 20


def test_world_map_stays_small(world: tuple[Outline, ...]) -> None:
    svg = locator_map(world, [RAFAH], bbox=(-180, -90, 180, 90), title="World", description="d")
    assert len(svg.encode()) < 150_000
    root = parse(svg)
    assert view_box(root) == (640, 320)
    assert len(land(root)) > 150
    assert root.find(f"{NS}g[@class='scale']") is None  # no single scale holds for the world


def test_scale_bar_in_km(region: tuple[Outline, ...]) -> None:
    root = parse(locator_map(region, [RAFAH], bbox=RAFAH_BOX, title="t", description="d"))
    [label] = [t for t in root.findall(f"{NS}text") if t.get("class") == "scale-label"]
    km = float((label.text or "").removesuffix(" km"))
    bar = group(root, "scale").find(f"{NS}path")
    assert bar is not None
    ends = [float(v) for v in re.findall(r"[MH](-?\d+\.\d)", bar.get("d", ""))]
    width, _ = view_box(root)
    # 640 px show at least 0.5 degree of latitude, 55.6 km: a 10 km bar is about 115 px.
    assert km == 10 and 0 < ends[1] - ends[0] <= width / 4
    assert ends[1] - ends[0] == pytest.approx(10 / (0.5 * 111.195) * width, rel=0.02)


def test_markers_out_of_view_are_left_out(region: tuple[Outline, ...]) -> None:
    beirut = Marker("Beirut", 33.8938, 35.5018)
    root = parse(locator_map(region, [RAFAH, beirut], bbox=RAFAH_BOX, title="t", description="d"))
    assert set(markers(root)) == {"Rafah"}


def test_height_follows_the_bbox_and_is_clamped(region: tuple[Outline, ...]) -> None:
    def size(bbox: tuple[float, float, float, float], **kw: int) -> tuple[float, float]:
        return view_box(parse(locator_map(region, [RAFAH], bbox=bbox, title="t",
                                          description="d", **kw)))  # fmt: skip

    assert size((33, 30, 35.5, 31)) == (640, 297)  # 2.5 x cos(30.5 N) wide, 1 high
    assert size((34, 25, 34.2, 38)) == (640, 640)
    assert size((20, 30, 40, 31)) == (640, 256)
    assert size(RAFAH_BOX, width=300, height=200) == (300, 200)
    with pytest.raises(ValueError):
        locator_map(region, [RAFAH], bbox=(35, 30, 34, 31), title="t", description="d")
    with pytest.raises(ValueError):
        locator_map(region, [Marker("x", 95, 0)], bbox=RAFAH_BOX, title="t", description="d")


# --- framing -------------------------------------------------------------------------------


def test_bbox_around_one_marker_has_the_minimum_span() -> None:
    min_lon, min_lat, max_lon, max_lat = bbox_around([RAFAH])
    assert max_lon - min_lon == pytest.approx(0.3) and max_lat - min_lat == pytest.approx(0.3)
    assert min_lon < RAFAH.lon < max_lon and min_lat < RAFAH.lat < max_lat
    min_lon, min_lat, max_lon, max_lat = bbox_around([RAFAH], min_span_deg=1.0)
    assert max_lon - min_lon == pytest.approx(1.0) and max_lat - min_lat == pytest.approx(1.0)


def test_bbox_around_pads_and_stays_on_the_globe() -> None:
    spread = [Marker("a", 30.0, 34.0), Marker("b", 33.0, 36.0)]
    assert bbox_around(spread, pad=0.1) == pytest.approx((33.8, 29.7, 36.2, 33.3))
    near_pole = bbox_around([Marker("pole", 89.95, 179.99)])
    assert near_pole == pytest.approx((179.7, 89.7, 180.0, 90.0))
    with pytest.raises(ValueError):
        bbox_around([])


def test_the_emphasised_marker_is_labelled_even_when_hemmed_in(
    region: tuple[Outline, ...],
) -> None:
    around = [Marker(f"n{i}", RAFAH.lat + dy * 0.004, RAFAH.lon + dx * 0.004)
              for i, (dx, dy) in enumerate(itertools.product((-1, 0, 1), repeat=2)) if dx or dy]  # fmt: skip
    root = parse(locator_map(region, [*around, RAFAH], bbox=RAFAH_BOX, title="t", description="d"))
    boxes = text_boxes(root)
    assert "Rafah" in [text for text, _ in boxes]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not overlap(box_a, box_b), (a, b)


def test_make_script_reproduces_the_bundled_files() -> None:
    """data/geo/make.py, run on ../shared/geodata when it is there, gives the same bytes."""
    script = REGION_OUTLINES.parent / "make.py"
    spec = importlib.util.spec_from_file_location("geo_make", script)
    assert spec and spec.loader
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    if not (make.DEFAULT_SOURCE / make.REGION_IN).exists():
        pytest.skip(f"no source data in {make.DEFAULT_SOURCE}")
    assert make.region(make.DEFAULT_SOURCE) == REGION_OUTLINES.read_text("utf-8")
    assert make.world(make.DEFAULT_SOURCE) == WORLD_OUTLINES.read_text("utf-8")
