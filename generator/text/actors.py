"""Actors: who the words of an entry name as doing or saying something.

The names are those of ``data/sources.yml``, the same list that says who gives a
figure, so that "the IDF", "Israel's military" and "the Israeli army" are one actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.text.clauses import alternatives


@dataclass(frozen=True)
class Actors:
    aliases: dict[str, str]
    """A lower-case alias ("idf") → the actor's name ("Israeli military")."""

    @classmethod
    def from_data(cls, sources: dict) -> Actors:
        return cls(
            {
                " ".join(str(alias).lower().replace("’", "'").split()): str(name)
                for name, names in (sources.get("sources") or {}).items()
                for alias in [name, *(names or ())]
            }
        )

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # "Hamas-run", "Iran-backed": a name in a compound adjective is not the actor.
        return re.compile(rf"(?<![\w-]){alternatives(self.aliases)}(?![\w-])", re.I)

    def find(self, text: str, places: Sequence[tuple[int, int]] = ()) -> list[str]:
        """The actors ``text`` names, in order. A one-word name must be capitalised
        ("Hamas", "IDF"), and a name that is a place mention ("Israel") is the place."""
        found: dict[str, None] = {}
        for match in self.pattern.finditer(text.replace("’", "'")):
            words = match.group().split()
            if len(words) == 1 and not words[0][:1].isupper():
                continue
            if match.span() in places:
                continue
            found[self.aliases[" ".join(w.lower() for w in words)]] = None
        return list(found)
