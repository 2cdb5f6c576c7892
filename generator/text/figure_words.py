"""The curated words of ``data/figures.yml`` and ``data/sources.yml`` that figure
extraction reads, with the patterns made from them once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import cast, get_args

from generator.model import Scope

# From the name of a toll to its number: "death toll in Gaza has risen to", "toll stood at".
TOLL_VERBS = ("risen", "rose", "climbed", "jumped", "reached", "stood", "stands", "hit", "passed",
               "surpassed", "exceeded", "is", "was")  # fmt: skip
TOLL_BRIDGE = (
    r"(?:\s+(?:in|of|among|from)\s+[^,.;]{1,40}?)?\s+(?:has\s+|have\s+|had\s+)?(?:now\s+)?"
    rf"(?:{'|'.join(TOLL_VERBS)})(?:\s+(?:to|at))?\s+"
)
ARTICLES = ("a", "an", "the", "some", "another", "now")
"""Words that may stand between a cue and its number ("killed a", "the toll now")."""
RISE = {"risen", "rose", "reached", "climbed", "surpassed", "exceeded", "passed", "hit"}


def _scopes(words: dict[str, str]) -> dict[str, Scope]:
    """The period words of ``figures.yml`` with their scope, each one a scope there is."""
    scopes: dict[str, Scope] = {}
    for word, kind in words.items():
        if kind not in get_args(Scope):
            raise ValueError(f"figures.yml: period_words: {word!r} is {kind!r}: not a scope")
        scopes[word] = cast(Scope, kind)
    return scopes


@dataclass(frozen=True)
class FigureWords:
    """The curated data that drives figure extraction, as loaded from YAML."""

    categories: dict[str, dict]
    vague: dict[str, list[float | None]]
    qualifiers: dict[str, str]
    generic_groups: frozenset[str]
    sources: dict[str, str]
    demonyms: dict[str, str]
    period_words: dict[str, Scope]
    things: tuple[str, ...] = ()
    """Nouns that count things, not people ("countries", "barrels")."""
    persons: tuple[str, ...] = ()
    """Nouns for one person ("paramedic"): "a paramedic was killed" counts one."""

    @classmethod
    def from_data(cls, figures: dict, sources: dict) -> FigureWords:
        aliases = {
            alias.lower(): name
            for name, names in (sources.get("sources") or {}).items()
            for alias in [name, *names]
        }
        return cls(
            categories=figures["categories"],
            vague=figures.get("vague") or {},
            qualifiers=figures.get("qualifiers") or {},
            generic_groups=frozenset(figures.get("generic_groups") or ()),
            sources=aliases,
            demonyms=sources.get("demonyms") or {},
            period_words=_scopes(figures.get("period_words") or {}),
            things=tuple(str(t).lower() for t in figures.get("things") or ()),
            persons=tuple(str(p).lower() for p in figures.get("persons") or ()),
        )

    @cached_property
    def one_person_pattern(self) -> re.Pattern[str]:
        """One person a word of harm befalls: "a paramedic was killed", "killing a senior
        commander". The group ``one`` is the person's words; the verb must be their own."""
        if not self.persons:
            return re.compile("(?!)")
        persons = "|".join(re.escape(p) for p in sorted(self.persons, key=len, reverse=True))
        after = "|".join(
            re.escape(c) for spec in self.categories.values() for c in spec.get("after") or ()
            if " " not in c and c.endswith(("ed", "died", "hurt", "missing", "dead"))
        )  # fmt: skip
        before = "|".join(
            re.escape(c) for spec in self.categories.values() for c in spec.get("before") or ()
            if " " not in c and c.endswith(("ing", "ed"))
        )  # fmt: skip
        person = rf"[Aa]n?\s+(?:(?!(?:and|or|of|who|that|the|this|which|to|in|on|at|for|with|by|from|as|is|was)\b)\w[\w'’-]*\s+){{0,3}}?(?:{persons})"
        return re.compile(
            rf"\b(?P<one>{person})\s+(?:who\s+)?(?:has\s+|had\s+|was\s+|is\s+)?(?:been\s+)?"
            rf"(?:\w+ly\s+)?(?:{after})\b"
            rf"|\b(?:{before})\s+(?P<object>{person})\b"
        )

    @cached_property
    def things_pattern(self) -> re.Pattern[str]:
        """A noun of ``things`` right after a number (a word in capitals may stand between)."""
        if not self.things:
            return re.compile("(?!)")
        words = "|".join(re.escape(t) for t in sorted(self.things, key=len, reverse=True))
        return re.compile(rf"[\s-]+(?:[A-Z]{{2,5}}\s+)?(?:{words})\b", re.I)

    @cached_property
    def qualifier_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(q) for q in sorted(self.qualifiers, key=len, reverse=True))
        return re.compile(rf"\b(?P<qual>{words})\s+$", re.I)

    @cached_property
    def vague_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(v) for v in sorted(self.vague, key=len, reverse=True))
        return re.compile(rf"\b(?P<vague>{words})\b(?:\s+of)?", re.I)

    @cached_property
    def cues(self) -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
        after, before = [], []
        for category, spec in self.categories.items():
            for cue in spec.get("after") or ():
                after.append((re.compile(rf"\b{re.escape(cue)}\b", re.I), category))
            for cue in spec.get("before") or ():
                pattern = rf"\b{re.escape(cue)}\s+(?:(?:{'|'.join(ARTICLES)})\s+)*$"
                before.append((re.compile(pattern, re.I), category))
            for cue in spec.get("toll") or ():  # "the death toll in Gaza has risen to 49,617"
                pattern = rf"\b{re.escape(cue)}\b{TOLL_BRIDGE}$"
                before.append((re.compile(pattern, re.I), category))
        return after, before

    @cached_property
    def any_after(self) -> re.Pattern[str]:
        """Whether a cue follows a number: one search, where most numbers have none."""
        after, _ = self.cues
        return re.compile("|".join(f"(?:{p.pattern})" for p, _ in after) or "(?!)", re.I)

    @cached_property
    def cue_endings(self) -> tuple[str, ...]:
        """The words, lower case, a cue before a number can end in (its own last word, an
        article, a verb of a toll): where the word before a number ends in none of them,
        no cue stands before it, and the hundred patterns of the cues need not be tried."""
        endings = set(ARTICLES)
        for spec in self.categories.values():
            endings |= {cue.split()[-1].lower() for cue in spec.get("before") or ()}
            if spec.get("toll"):
                endings |= {"to", "at", *TOLL_VERBS}
        return tuple(sorted(endings))

    @cached_property
    def period_patterns(self) -> list[tuple[re.Pattern[str], str, Scope]]:
        """(pattern, words, kind) for each period word, in the file's order."""
        return [
            (re.compile(rf"\b{re.escape(words)}\b", re.I), words, kind)
            for words, kind in self.period_words.items()
        ]

    @cached_property
    def toll_patterns(self) -> dict[str, list[re.Pattern[str]]]:
        return {
            category: [
                re.compile(rf"\b{re.escape(toll)}\b", re.I) for toll in spec.get("toll") or ()
            ]
            for category, spec in self.categories.items()
        }

    @cached_property
    def running_verbs(self) -> dict[str, frozenset[str]]:
        """Verbs that make a perfect tense a running total: the category's cues, or a rise."""
        return {
            category: frozenset(
                c.lower() for side in ("after", "before") for c in spec.get(side) or ()
            )
            | RISE
            for category, spec in self.categories.items()
        }
