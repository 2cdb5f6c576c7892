"""Make region.geojson and world.geojson from the Natural Earth files in ../shared/geodata.

Run by hand, not by the build:  python data/geo/make.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/geodata next to the repository.  The output is
deterministic: features sorted by name, keys sorted, fixed decimals, one feature per line,
so that a re-run gives the same bytes and a change in the data gives a readable diff.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "geodata"

REGION_IN = "ne_10m_levant_24-43E_21-38N.geojson"
WORLD_IN = "ne_110m_admin_0_countries.geojson"
# 4 decimals (about 11 m) is far below the 10m file's own grid (about 340 m x 190 m);
# 3 decimals (about 110 m) is far below what 1:110m can show.
REGION_DECIMALS = 4
WORLD_DECIMALS = 3

Point = tuple[float, float]
Ring = list[Point]


def _signed_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _ring(coords: list[list[float]], decimals: int, exterior: bool) -> Ring | None:
    """Rounded, without repeated points, closed, oriented as RFC 7946 says (exterior
    counter-clockwise); None when rounding leaves no area."""
    ring: Ring = []
    for lon, lat, *_ in coords:
        point = (round(lon, decimals), round(lat, decimals))
        if not ring or point != ring[-1]:
            ring.append(point)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    if len(ring) < 4:
        return None
    area = _signed_area(ring)
    if area == 0:
        return None
    if (area > 0) != exterior:
        ring.reverse()
    return ring


def _polygons(geometry: dict, decimals: int) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry {geometry['type']}")
    out = []
    for polygon in polygons:
        rings = [_ring(r, decimals, i == 0) for i, r in enumerate(polygon)]
        if rings[0] is None:
            continue
        out.append([r for r in rings if r is not None])
    return out


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _geometry(polygons: list[list[Ring]], decimals: int) -> str:
    def ring(r: Ring) -> str:
        return (
            "[" + ",".join(f"[{_number(x, decimals)},{_number(y, decimals)}]" for x, y in r) + "]"
        )

    if len(polygons) == 1:
        body = "[" + ",".join(ring(r) for r in polygons[0]) + "]"
        kind = "Polygon"
    else:
        body = "[" + ",".join("[" + ",".join(ring(r) for r in p) + "]" for p in polygons) + "]"
        kind = "MultiPolygon"
    return f'{{"coordinates":{body},"type":"{kind}"}}'


def _feature(properties: dict, polygons: list[list[Ring]], decimals: int) -> str:
    props = json.dumps(properties, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f'{{"geometry":{_geometry(polygons, decimals)},"properties":{props},"type":"Feature"}}'


def _collection(name: str, features: list[str]) -> str:
    head = json.dumps(name, ensure_ascii=False)
    return (
        f'{{"name":{head},"type":"FeatureCollection","features":[\n'
        + ",\n".join(features)
        + "\n]}\n"
    )


def _countries(source: Path, input_name: str, decimals: int, fields: dict[str, str],
               key: tuple[str, str], name: str) -> str:  # fmt: skip
    """One collection of the countries in ``input_name``, keeping the properties ``fields``
    names (ours: theirs), sorted by the two properties of ``key``."""
    data = json.loads((source / input_name).read_text("utf-8"))
    rows = []
    for feature in data["features"]:
        p = feature["properties"]
        properties = {ours: p[theirs] for ours, theirs in fields.items()}
        polygons = _polygons(feature["geometry"], decimals)
        rows.append(((p[key[0]], p[key[1]]), _feature(properties, polygons, decimals)))
    return _collection(name, [text for _, text in sorted(rows)])


def region(source: Path) -> str:
    return _countries(
        source, REGION_IN, REGION_DECIMALS,
        {"name": "name", "subunit": "subunit", "iso_a3": "iso_a3"}, ("subunit", "name"),
        "Natural Earth 4.1.0 1:10m admin-0 countries (via world-atlas 2.0.2), clipped to "
        "lon 24..43, lat 21..38; Palestine split into Gaza Strip and West Bank",
    )  # fmt: skip


def world(source: Path) -> str:
    return _countries(
        source, WORLD_IN, WORLD_DECIMALS,
        {"name": "NAME", "adm0_a3": "ADM0_A3", "iso_a2": "ISO_A2"}, ("NAME", "ADM0_A3"),
        "Natural Earth 4.0.0 1:110m admin-0 countries",
    )  # fmt: skip


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    for name, make, input_name in (
        ("region.geojson", region, REGION_IN),
        ("world.geojson", world, WORLD_IN),
    ):
        text = make(source)
        json.loads(text)  # still valid JSON
        (HERE / name).write_text(text, "utf-8", newline="\n")
        digest = hashlib.sha256((source / input_name).read_bytes()).hexdigest()
        print(f"{name}: {len(text.encode()):,} B from {input_name} (sha256 {digest})")


if __name__ == "__main__":
    main(sys.argv)
