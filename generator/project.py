"""Where the project's own files live, and loading the curated data they hold."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.build import schema, seeds
from generator.chronology import happenings
from generator.site.content import LOADER
from generator.site.pages.site import PAGE_ITEMS
from generator.text import parts, places
from generator.text.actors import Actors
from generator.text.clauses import Words
from generator.text.extract import Limits, Resources
from generator.text.figure_words import FigureWords
from generator.text.holidays import Calendar
from generator.text.timex import tagger


def find_root(start: Path | None = None) -> Path:
    """The folder holding ``mkdocs.yml``: the working directory or one above it, else the checkout."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "templates").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def cache(self) -> Path:
        return Path(os.environ.get("CHRONICLE_CACHE", self.root / ".cache"))

    def yaml(self, name: str) -> dict:
        return yaml.load((self.data / name).read_text("utf-8"), Loader=LOADER) or {}

    def site_config(self) -> dict:
        """The plain settings of ``mkdocs.yml`` (its name and address), read safely."""
        try:
            return yaml.safe_load(self.config.read_text("utf-8")) or {}
        except yaml.YAMLError:
            return {}  # a tag only MkDocs understands: the defaults will do

    def settings(self) -> dict:
        return self.yaml("settings.yml")

    def seed_rules(self) -> seeds.Rules:
        """How seeds are read: ``seeds`` of settings.yml, and the categories and places a
        metadata file's corrections may name (the gazetteer loaded only if one names a
        place)."""
        settings = self.settings().get("seeds") or {}
        gazetteer = functools.cache(self.gazetteer)
        allowed = schema.Allowed(
            categories=frozenset(self.categories()),
            place=lambda place_id: gazetteer().places.get(place_id),
        )
        return seeds.Rules(
            max_bytes=int(settings.get("max_bytes", seeds.MAX_BYTES)),
            max_file_bytes=int(settings.get("max_file_bytes", seeds.MAX_FILE_BYTES)),
            max_metadata_bytes=int(settings.get("max_metadata_bytes", seeds.MAX_METADATA_BYTES)),
            follow_links_inside=bool(settings.get("follow_links_inside", False)),
            allowed=allowed,
        )

    def page_items(self) -> int:
        return int((self.settings().get("pages") or {}).get("max_items", PAGE_ITEMS))

    def categories(self) -> dict[str, dict]:
        return self.yaml("figures.yml")["categories"]

    def place_kinds(self) -> dict[str, str]:
        return self.yaml("places.yml").get("kinds") or {}

    def limits(self) -> Limits:
        return Limits.from_settings(self.settings().get("extraction") or {})

    def resources(self) -> Resources:
        return Resources(
            vocabulary=self.figure_words(),
            gazetteer=self.gazetteer(),
            dates=self.date_words(),
            limits=self.limits(),
            events=self.entry_words(),
            part_rules=self.part_rules(),
        )

    def figure_words(self) -> FigureWords:
        return FigureWords.from_data(self.yaml("figures.yml"), self.yaml("sources.yml"))

    def part_rules(self) -> parts.Rules:
        return parts.Rules.from_data(self.yaml("parts.yml"), "data/parts.yml")

    def part_labels(self) -> dict[str, str]:
        """What each kind of part is called on an article's page (``data/parts.yml``)."""
        return {str(k): str(v) for k, v in (self.yaml("parts.yml").get("labels") or {}).items()}

    def entry_words(self) -> happenings.EntryWords:
        return happenings.EntryWords(
            Words.from_data(self.yaml("events.yml")), Actors.from_data(self.yaml("sources.yml"))
        )

    def date_words(self) -> tagger.DateWords:
        return tagger.DateWords.from_data(
            self.yaml("figures.yml"), self.holidays(), "data/figures.yml"
        )

    def holidays(self) -> Calendar:
        return Calendar.from_data(self.yaml("holidays.yml"), "data/holidays.yml")

    def gazetteer(self) -> places.Gazetteer:
        settings = self.settings().get("gazetteer") or {}
        return places.load(self.data / "places.yml", settings, self.cache)
