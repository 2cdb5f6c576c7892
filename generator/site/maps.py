"""Locator maps drawn at build time as inline SVG: no tiles, no network, no JavaScript.

The outlines are Natural Earth country polygons bundled in ``data/geo`` (public domain; see
``data/geo/SOURCE.md``, including the political notes: boundaries are de facto).  The map is a
plain equirectangular projection, x scaled by the cosine of the middle latitude, which is close
to true shape over the few degrees a locator map shows.

Pure, like :mod:`generator.site.charts`, and drawn with the same primitives of
:mod:`generator.site.svg`: every string from the caller is untrusted and escaped, the same
input always gives the same bytes, one element per line with no indentation and no blank line
(the SVG is pasted into Markdown), text in ``currentColor`` so the map follows the page's light
or dark palette.  The SVG has a ``<title>`` and a ``<desc>``; the caller lists the places next
to it as the text alternative.  The map is drawn in layers, bottom to top: land, country
names, markers, their labels, the scale bar and the frame.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.site import svg
from generator.site.svg import CHAR_WIDTH, FONT_SIZE, PALETTE, Point, format_value

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
REGION_OUTLINES = GEO_DIR / "region.geojson"  # 1:10m, Gaza Strip and West Bank apart
WORLD_OUTLINES = GEO_DIR / "world.geojson"  # 1:110m, 177 countries

KM_PER_DEGREE = 6371.0088 * math.pi / 180  # a degree of latitude on the mean sphere
SIMPLIFY_PX = 0.5  # a point this close to the previous one adds nothing visible
MARGIN_PX = 4.0  # outline points beyond the view by more than this are thinned out
MAX_LABELS = 12  # labelled markers besides the emphasised ones
NAME_SIZE = 11  # country names: smaller than marker labels, and faint
NAME_CHAR = CHAR_WIDTH * NAME_SIZE / FONT_SIZE
LABEL_GAP = 2.0  # minimal room between two labels, or a label and a marker
MAX_LABEL_WIDTH = 200.0  # longer labels are cut; the marker's hover text has them in full
SCALE_MAX_LAT_SPAN = 20.0  # beyond this the scale varies too much across the map for a bar
LAND = 'fill="#888888" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.45"'
RADIUS, EMPHASIS_RADIUS = 4.0, 6.0
MARKER_COLOUR, EMPHASIS_COLOUR = PALETTE[0], PALETTE[3]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y down


@dataclass(frozen=True)
class Outline:
    """A country or territory: polygon rings of (lon, lat), holes included (fill-rule
    evenodd, so ring orientation does not matter)."""

    name: str
    code: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Marker:
    """A place on the map.  ``emphasis`` marks the page's own place: drawn larger, and
    always labelled when its label fits the map at all."""

    label: str
    lat: float
    lon: float
    href: str | None = None
    emphasis: bool = False


@dataclass(frozen=True)
class _Pin:
    """A marker in view, where it is drawn and how large."""

    marker: Marker
    x: float
    y: float
    r: float

    @property
    def disc(self) -> Box:
        return self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r


@dataclass(frozen=True)
class _Label:
    """A marker's label where it fits: anchored at (x, baseline), inside ``box``."""

    text: str
    x: float
    baseline: float
    anchor: str
    emphasis: bool
    box: Box


# --- data ----------------------------------------------------------------------------------


def load_outlines(path: Path) -> tuple[Outline, ...]:
    """Outlines of a GeoJSON FeatureCollection of Polygons and MultiPolygons.

    The name is the ``subunit`` property when there is one, so that the Gaza Strip and the
    West Bank of ``region.geojson`` are outlines of their own, else ``name``.  The code is
    ``adm0_a3`` (world file) or ``iso_a3`` (region file), "" when neither is set.
    """
    data = json.loads(Path(path).read_text("utf-8"))
    outlines = []
    for feature in data.get("features", ()):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        if geometry.get("type") == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        rings = tuple(
            tuple((float(point[0]), float(point[1])) for point in ring)
            for polygon in polygons
            for ring in polygon
            if len(ring) >= 3
        )
        name = props.get("subunit") or props.get("name") or ""
        code = props.get("adm0_a3") or props.get("iso_a3") or ""
        outlines.append(Outline(str(name), str(code), rings))
    return tuple(outlines)


@dataclass(frozen=True)
class Outlines:
    """The bundled outlines: the region in detail, and the world for everything else."""

    region: tuple[Outline, ...] = ()
    world: tuple[Outline, ...] = ()
    region_window: tuple[float, float, float, float] = (24.0, 21.0, 43.0, 38.0)

    @classmethod
    def bundled(cls) -> Outlines:
        return cls(load_outlines(REGION_OUTLINES), load_outlines(WORLD_OUTLINES))

    def in_region(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.region_window
        return west <= lon <= east and south <= lat <= north

    def for_view(self, bbox: Sequence[float]) -> tuple[Outline, ...]:
        """The detailed region where the view lies inside it, the world elsewhere."""
        inside = self.in_region(bbox[0], bbox[1]) and self.in_region(bbox[2], bbox[3])
        return self.region if inside else self.world


# --- geometry ------------------------------------------------------------------------------


def _check_marker(marker: Marker) -> None:
    if not (math.isfinite(marker.lat) and -90 <= marker.lat <= 90):
        raise ValueError(f"{marker.label!r}: latitude must be in [-90, 90], not {marker.lat!r}")
    if not (math.isfinite(marker.lon) and -180 <= marker.lon <= 180):
        raise ValueError(f"{marker.label!r}: longitude must be in [-180, 180], not {marker.lon!r}")


def _widen(low: float, high: float, span: float, floor: float, ceiling: float) -> Point:
    """``[low, high]`` widened about its centre to ``span``, shifted to stay in the limits."""
    if high - low >= span:
        return max(low, floor), min(high, ceiling)
    centre = (low + high) / 2
    low, high = centre - span / 2, centre + span / 2
    if low < floor:
        low, high = floor, min(ceiling, floor + span)
    elif high > ceiling:
        low, high = max(floor, ceiling - span), ceiling
    return low, high


def bbox_around(
    markers: Sequence[Marker], *, min_span_deg: float = 0.3, pad: float = 0.15
) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) covering ``markers``, widened by ``pad`` times the
    span on each side and to at least ``min_span_deg`` each way, so that one marker or a
    tight cluster still shows its surroundings.  Stays within ±180 and ±90."""
    if not markers:
        raise ValueError("a map needs at least one marker to frame")
    if not (min_span_deg > 0 and pad >= 0):
        raise ValueError("min_span_deg must be positive and pad not negative")
    for marker in markers:
        _check_marker(marker)
    lons = [m.lon for m in markers]
    lats = [m.lat for m in markers]
    bounds = []
    for low, high, limit in ((min(lons), max(lons), 180.0), (min(lats), max(lats), 90.0)):
        span = (high - low) * (1 + 2 * pad)
        bounds.append(_widen(low, high, max(span, min_span_deg), -limit, limit))
    (min_lon, max_lon), (min_lat, max_lat) = bounds
    return min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True)
class _View:
    """The projection: pixels of the bbox centred in a ``width`` x ``height`` picture."""

    lon0: float
    lat0: float
    x_scale: float  # pixels per degree of longitude
    y_scale: float  # pixels per degree of latitude
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> Point:
        return (
            self.width / 2 + (lon - self.lon0) * self.x_scale,
            self.height / 2 - (lat - self.lat0) * self.y_scale,
        )

    def extent(self, margin_px: float) -> Box:
        """(min_lon, min_lat, max_lon, max_lat) seen, plus ``margin_px`` all round."""
        half_lon = (self.width / 2 + margin_px) / self.x_scale
        half_lat = (self.height / 2 + margin_px) / self.y_scale
        return (
            self.lon0 - half_lon,
            self.lat0 - half_lat,
            self.lon0 + half_lon,
            self.lat0 + half_lat,
        )


def _check_bbox(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    if len(bbox) != 4 or not all(math.isfinite(v) for v in bbox):
        raise ValueError(f"bbox must be four finite numbers, not {bbox!r}")
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValueError(
            f"bbox must be (min_lon, min_lat, max_lon, max_lat) within ±180, ±90 with "
            f"min < max (no crossing of the antimeridian), not {bbox!r}"
        )
    return min_lon, min_lat, max_lon, max_lat


def _view(bbox: Sequence[float], width: int, height: int | None) -> _View:
    """Fit ``bbox`` in the picture; a fixed or clamped height shows more on the free axis."""
    min_lon, min_lat, max_lon, max_lat = _check_bbox(bbox)
    cos_mid = max(math.cos(math.radians((min_lat + max_lat) / 2)), 0.01)
    span_x, span_y = (max_lon - min_lon) * cos_mid, max_lat - min_lat
    if height is None:
        height = round(width * span_y / span_x)
        height = min(max(height, round(width * 0.4), 100), width)
    svg.check_size(width, height)
    scale = min(width / span_x, height / span_y)
    return _View(
        (min_lon + max_lon) / 2, (min_lat + max_lat) / 2, scale * cos_mid, scale, width, height
    )


def _ring_bbox(ring: Iterable[Point]) -> Box:
    xs, ys = zip(*ring, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _meets(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _outcode(point: Point, box: Box) -> int:
    x, y = point
    return (x < box[0]) | (x > box[2]) << 1 | (y < box[1]) << 2 | (y > box[3]) << 3


def _thin_outside(points: list[Point], box: Box) -> list[Point]:
    """Each run of points all beyond the same side of ``box`` reduced to its two ends.

    Exact for what is seen: the dropped stretch and the chord that replaces it lie in the
    same half-plane outside the box, and so does everything between them.
    """
    codes = [_outcode(p, box) for p in points]
    kept: list[Point] = []
    i = 0
    while i < len(points):
        common, j = codes[i], i
        while common and j + 1 < len(points) and common & codes[j + 1]:
            j += 1
            common &= codes[j]
        kept.append(points[i])
        if j > i:
            kept.append(points[j])
        i = j + 1
    return kept


def _simplify(points: list[Point]) -> list[Point]:
    """Points at least SIMPLIFY_PX from the previous kept one (and from the first, which
    closes the ring), rounded as they will be written."""
    kept: list[Point] = []
    for x, y in points:
        if not kept or math.hypot(x - kept[-1][0], y - kept[-1][1]) >= SIMPLIFY_PX:
            kept.append((x, y))
    while (
        len(kept) > 1
        and math.hypot(kept[-1][0] - kept[0][0], kept[-1][1] - kept[0][1]) < SIMPLIFY_PX
    ):
        kept.pop()
    rounded: list[Point] = []
    for x, y in kept:
        point = (float(svg.num(x)), float(svg.num(y)))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) > 1 and rounded[-1] == rounded[0]:
        rounded.pop()
    return rounded


def _project(outline: Outline, view: _View) -> list[list[Point]]:
    """The rings of ``outline`` that reach the view, in pixels, thinned and simplified."""
    extent = view.extent(MARGIN_PX)
    frame = (-MARGIN_PX, -MARGIN_PX, view.width + MARGIN_PX, view.height + MARGIN_PX)
    rings = []
    for ring in outline.rings:
        if not ring or not _meets(_ring_bbox(ring), extent):
            continue
        points = _thin_outside([view.xy(lon, lat) for lon, lat in ring], frame)
        points = _simplify(points)
        if len(points) >= 3:
            rings.append(points)
    return rings


def _inside(point: Point, rings: Sequence[Sequence[Point]]) -> bool:
    """Even-odd rule, as the outline is filled."""
    x, y = point
    inside = False
    for ring in rings:
        x0, y0 = ring[-1]
        for x1, y1 in ring:
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
            x0, y0 = x1, y1
    return inside


# --- markup --------------------------------------------------------------------------------


def _text(text: str) -> str:
    """Escaped text; braces too, so no template engine downstream ever reads ``{{ }}``."""
    return svg.escape(text, braces=True)


def _map_id(title: str, description: str, bbox: Sequence[float], width: int, height: int) -> str:
    """Stable and distinct for distinct maps, so two maps on a page never share a clip path."""
    key = f"map\0{title}\0{description}\0{tuple(bbox)!r}\0{width}x{height}"
    return svg.stable_id("map", title, key.encode("utf-8", "surrogatepass"))


def _label_box(x: float, baseline: float, width: float, size: float, anchor: str) -> Box:
    """The box a label is laid out in: 0.6 em a character (wide), 0.8 em above the
    baseline and 0.25 em below."""
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, baseline - 0.8 * size, left + width, baseline + 0.25 * size


def _candidates(x: float, y: float, r: float) -> list[tuple[float, float, str]]:
    """(x, baseline, text-anchor) right, left, above and below a marker, in that order."""
    size = FONT_SIZE
    return [
        (x + r + 3, y + 0.3 * size, "start"),
        (x - r - 3, y + 0.3 * size, "end"),
        (x, y - r - 3 - 0.25 * size, "middle"),
        (x, y + r + 3 + 0.8 * size, "middle"),
    ]


def _place(
    x: float,
    y: float,
    r: float,
    width: float,
    frame: Box,
    placed: Sequence[Box],
    obstacles: Sequence[Box],
) -> tuple[float, float, str, Box] | None:
    """The first of the four positions that stays in the frame and clear of the rest."""
    for lx, baseline, anchor in _candidates(x, y, r):
        box = _label_box(lx, baseline, width, FONT_SIZE, anchor)
        if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
            continue
        if any(_meets(box, other, LABEL_GAP) for other in (*placed, *obstacles)):
            continue
        return lx, baseline, anchor, box
    return None


def _scale_bar(view: _View) -> tuple[str, Box] | None:
    """A bar of a round number of km, at most a quarter of the width, bottom left; with the
    box it takes, which labels keep clear of."""
    lat_span = view.height / view.y_scale
    if lat_span > SCALE_MAX_LAT_SPAN:
        return None
    km_per_px = KM_PER_DEGREE / view.y_scale
    most = view.width / 4 * km_per_px
    power = 10.0 ** math.floor(math.log10(most))
    km = max(m * power for m in (1, 2, 5) if m * power <= most)
    length = km / km_per_px
    x0, y0 = 10.0, view.height - 10.0
    label = f"{format_value(round(km, 6))} km"
    text_width = len(label) * NAME_CHAR
    bar = f"M{svg.num(x0)},{svg.num(y0 - 4)}V{svg.num(y0)}H{svg.num(x0 + length)}V{svg.num(y0 - 4)}"
    markup = svg.join(
        (
            svg.group(
                'class="scale" fill="none" stroke="currentColor" stroke-opacity="0.7"',
                [svg.path(bar)],
                hidden=True,
            ),
            svg.text(
                x0, y0 - 7, label, f'fill="currentColor" font-size="{NAME_SIZE}"', cls="scale-label"
            ),
        )
    )
    box = (x0 - 2, y0 - 7 - 0.8 * NAME_SIZE, x0 + max(length, text_width) + 2, y0 + 2)
    return markup, box


def _clip_segment(a: Point, b: Point, box: Box) -> tuple[Point, Point] | None:
    """The part of segment ``ab`` inside ``box`` (Liang-Barsky), None when there is none."""
    (x0, y0), (dx, dy) = a, (b[0] - a[0], b[1] - a[1])
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)


def _visible_bbox(rings: Sequence[Sequence[Point]], width: int, height: int) -> Box | None:
    """The bbox of the part of the outline inside the picture: what its edges show, plus the
    picture's corners that lie on the land."""
    view: Box = (0.0, 0.0, float(width), float(height))
    seen: list[Point] = []
    for ring in rings:
        for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
            part = _clip_segment(a, b, view)
            if part:
                seen += part
    seen += [
        c for c in ((0.0, 0.0), (width, 0.0), (0.0, height), (width, height)) if _inside(c, rings)
    ]
    return _ring_bbox(seen) if seen else None


def _name_spot(
    name: str, box: Box, rings: Sequence[Sequence[Point]], view: _View, taken: Sequence[Box]
) -> tuple[Point, Box] | None:
    """Where an outline's name fits on the land of its visible part, clear of ``taken``:
    the centre of the visible part's bbox ``box``, else the nearest of a few points around it."""
    x0, y0, x1, y1 = box
    text_width = len(name) * NAME_CHAR
    if x1 - x0 < text_width + 8 or y1 - y0 < 2 * NAME_SIZE:
        return None
    fractions = (0.5, 0.35, 0.65, 0.2, 0.8)
    spots = sorted(
        ((fx, fy) for fx in fractions for fy in fractions),
        key=lambda f: (abs(f[0] - 0.5) + abs(f[1] - 0.5), f),
    )
    for fx, fy in spots:
        cx, cy = x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
        baseline = cy + 0.3 * NAME_SIZE
        box = _label_box(cx, baseline, text_width, NAME_SIZE, "middle")
        if box[0] < 1 or box[1] < 1 or box[2] > view.width - 1 or box[3] > view.height - 1:
            continue
        if not all(_inside(p, rings) for p in ((box[0], cy), (cx, cy), (box[2], cy))):
            continue
        if any(_meets(box, other, LABEL_GAP) for other in taken):
            continue
        return (cx, baseline), box
    return None


def _in_view(markers: Sequence[Marker], view: _View) -> list[_Pin]:
    pins = []
    for marker in markers:
        x, y = view.xy(marker.lon, marker.lat)
        if 0 <= x <= view.width and 0 <= y <= view.height:
            pins.append(_Pin(marker, x, y, EMPHASIS_RADIUS if marker.emphasis else RADIUS))
    return pins


def _place_labels(pins: Sequence[_Pin], view: _View, fixed: Sequence[Box]) -> list[_Label]:
    """Emphasised markers' labels first, which may cover other markers if they must, then up
    to MAX_LABELS others in the given order, each where it fits clear of the rest."""
    frame: Box = (1.0, 1.0, view.width - 1.0, view.height - 1.0)
    discs = [pin.disc for pin in pins]
    placed: list[_Label] = []
    others = 0
    for index in sorted(range(len(pins)), key=lambda i: not pins[i].marker.emphasis):
        pin, emphasis = pins[index], pins[index].marker.emphasis
        if not emphasis and others >= MAX_LABELS:
            break
        room = min(MAX_LABEL_WIDTH, view.width - 2 * pin.r - 12)
        text = svg.truncate(svg.clean(pin.marker.label), room)
        if not text:
            continue
        # Bold runs wider than the 0.6 em estimate of regular text.
        text_width = len(text) * CHAR_WIDTH * (1.1 if emphasis else 1.0)
        boxes = [label.box for label in placed]
        obstacles = [*fixed, *(disc for i, disc in enumerate(discs) if i != index)]
        spot = _place(pin.x, pin.y, pin.r, text_width, frame, boxes, obstacles)
        if spot is None and emphasis:  # over other markers, then over the scale bar
            spot = _place(pin.x, pin.y, pin.r, text_width, frame, boxes, fixed) or _place(
                pin.x, pin.y, pin.r, text_width, frame, boxes, []
            )
        if spot is None:
            continue
        placed.append(_Label(text, *spot[:3], emphasis, spot[3]))
        others += not emphasis
    return placed


def _describe(markers: Sequence[Marker]) -> str:
    """The description when the caller gives none: the places, the first 20 by name."""
    names = [svg.clean(m.label) for m in markers]
    return f"Locator map of {len(markers)} place{'s' if len(markers) != 1 else ''}" + (
        ": " + "; ".join(names[:20]) + ("; …" if len(names) > 20 else "") + "." if names else "."
    )


# --- layers, bottom to top -----------------------------------------------------------------


def _land(map_id: str, projected: Sequence[tuple[str, list[list[Point]]]]) -> str:
    """The outlines in view, drawn whole and clipped by the picture, names as hover text."""
    return svg.group(
        f'class="land" clip-path="url(#{map_id}-clip)" {LAND} stroke-width="0.6" '
        'stroke-linejoin="round" fill-rule="evenodd"',
        (
            svg.path(svg.rings_path(rings), svg.tooltip(_text(name)) if name else "")
            for name, rings in projected
        ),
    )


def _names(
    projected: Sequence[tuple[str, list[list[Point]]]], view: _View, taken: Sequence[Box]
) -> str:
    """Country names, faint, the largest visible land first, where they clear every label,
    marker, the scale bar and each other."""
    visible = []
    for name, rings in projected:
        box = _visible_bbox(rings, view.width, view.height) if name else None
        if box:
            area = (box[2] - box[0]) * (box[3] - box[1])
            visible.append((-area, name, box, rings))
    visible.sort(key=lambda item: item[:2])
    taken = list(taken)
    texts = []
    for _, name, box, rings in visible:
        spot = _name_spot(name, box, rings, view, taken)
        if spot is None:
            continue
        (cx, baseline), name_box = spot
        taken.append(name_box)
        texts.append(svg.text(cx, baseline, _text(name)))
    return svg.group(
        f'class="names" fill="currentColor" fill-opacity="0.55" font-size="{NAME_SIZE}" '
        'text-anchor="middle"',
        texts,
        hidden=True,
    )


def _markers(pins: Sequence[_Pin]) -> str:
    """The markers, emphasised ones last so that they lie on top, with their labels as hover
    text; a marker is a link when its href is safe."""
    dots = []
    for pin in sorted(pins, key=lambda p: p.marker.emphasis):
        marker = pin.marker
        colour = EMPHASIS_COLOUR if marker.emphasis else MARKER_COLOUR
        stroke = (
            'stroke-width="1.5"' if marker.emphasis else 'stroke-width="1" stroke-opacity="0.6"'
        )
        circle = svg.circle(
            pin.x,
            pin.y,
            f'r="{svg.num(pin.r)}" fill="{colour}" {stroke}',
            svg.tooltip(_text(marker.label)),
            cls="marker emphasis" if marker.emphasis else "marker",
        )
        href = _href(marker.href)
        dots.append(svg.link(href, circle) if href else circle)
    return svg.group('class="markers" stroke="currentColor"', dots)


def _labels(labels: Sequence[_Label]) -> str:
    texts = []
    for label in labels:
        bold = ' font-weight="bold"' if label.emphasis else ""
        attrs = f'text-anchor="{label.anchor}"{bold}'
        texts.append(svg.text(label.x, label.baseline, _text(label.text), attrs))
    return svg.group('class="labels" fill="currentColor"', texts, hidden=True)


def _frame(width: int, height: int) -> str:
    return svg.element(
        "rect",
        f'class="frame" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" '
        'stroke="currentColor" stroke-opacity="0.3"',
    )


def locator_map(
    outlines: Sequence[Outline],
    markers: Sequence[Marker],
    *,
    bbox: Sequence[float],
    title: str,
    description: str,
    width: int = 640,
    height: int | None = None,
) -> str:
    """An ``<svg>`` locator map of ``markers`` over ``outlines``, showing at least ``bbox``
    (min_lon, min_lat, max_lon, max_lat).

    ``height`` defaults to the bbox's shape, kept between 0.4 and 1 times ``width``; the map
    then shows more than the bbox on one axis.  Outlines out of view are left out, the rest
    drawn whole and clipped by the picture.  Markers out of view are left out.  Emphasised
    markers are labelled first, then up to MAX_LABELS others in the given order where a
    label fits without overlapping; every marker has its label as hover text.  An ``href``
    makes a marker a link when it is relative or an anchor (as in charts); any other is
    dropped, the marker kept.  Empty ``description`` gives one that lists the places.
    """
    view = _view(bbox, width, height)
    width, height = view.width, view.height
    for marker in markers:
        _check_marker(marker)
    map_id = _map_id(title, description, bbox, width, height)
    pins = _in_view(markers, view)
    projected = [(svg.clean(o.name), rings) for o in outlines if (rings := _project(o, view))]
    scale = _scale_bar(view)
    fixed = [scale[1]] if scale else []
    labels = _place_labels(pins, view, fixed)
    taken = [*(label.box for label in labels), *(pin.disc for pin in pins), *fixed]
    header = svg.open_svg(
        map_id,
        "chronicle-map",
        width,
        height,
        _text(title),
        _text(description or _describe(markers)),
        linked=any(m.href for m in markers),
    )
    return svg.join(
        (
            header,
            svg.clip_path(f"{map_id}-clip", width, height),
            _land(map_id, projected),
            _names(projected, view, taken),
            _markers(pins),
            _labels(labels),
            scale[0] if scale else "",
            _frame(width, height),
            svg.END,
        )
    )


def _href(href: str | None) -> str | None:
    """The escaped link, or None when there is none or it is not a safe relative one."""
    if href is None:
        return None
    try:
        return svg.safe_href(href, braces=True)
    except ValueError:
        return None
