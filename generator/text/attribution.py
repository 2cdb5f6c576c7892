"""Who a sentence says gives its figures: the sources named with a verb of saying or
"according to", resolved to the names ``data/sources.yml`` curates."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from generator.model import PlaceMention
from generator.text import work
from generator.text.figure_words import FigureWords

SAY = (
    r"said|says|say|reported|reports|confirmed|confirms|announced|announces|claimed|claims|stated"
    r"|told|estimated|estimates|counted|recorded|added|warned|warns|noted|notes"
)
_ACCORDING = re.compile(
    r"\b(?i:according\s+to)\s+(?P<src>.+?)(?=,\s|;|:|\s+-|\.?[\"”’]?$|\.\s+[A-Z])"
)
_SAID_AFTER = re.compile(
    rf",\s*(?P<src>(?:[A-Z]|its\s|their\s|the\s|a\s|an\s)[^,;:“”\"]*?"
    rf"|(?!(?:which|who|that|and|but)\b)[a-z]+(?:\s+[a-z]+){{0,2}})\s+(?:{SAY})\b"
    rf"(?:\s+[\w.]+){{0,4}}\.?[\"”’]?$"
)
_SAID_BEFORE = re.compile(
    rf"(?:^|[,;:“”\"]\s*|\bthat\s+)(?P<src>[A-Z][^,;:“”\"]*?|it|they|he|she)\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:{SAY})\b",
)
# Where _SAID_BEFORE can end, and the stops its source cannot cross: it is run only up to
# the last verb of each stretch between stops, for a source tried after that last verb
# looks for one to the end of the stretch ("that Hamas that Hamas that…", a square).
_SAY_WORD = re.compile(rf"(?<=\s)(?:{SAY})\b")
_SOURCE_STOP = re.compile(r"[,;:“”\"]")
_PRONOUNS = {"it", "they", "he", "she"}
_NOT_A_SOURCE = {"amid", "in", "on", "at", "after", "before", "since", "as", "with", "without",
                 "despite", "during", "while", "when", "if", "but", "and", "because"}  # fmt: skip


def _normalize_source(phrase: str, vocab: FigureWords, places: list[PlaceMention]) -> str:
    phrase = " ".join(phrase.replace("’", "'").split())
    if not re.search(r"\b\w\.\w\.$", phrase):  # keep the stop of "U.N."
        phrase = phrase.rstrip(".")
    if phrase.lower().startswith("its ") or phrase.lower().startswith("their "):
        owner = next((p.name for p in reversed(places) if p.name in vocab.demonyms), None)
        if owner:
            phrase = f"{vocab.demonyms[owner]} {phrase.split(' ', 1)[1]}"
    parts = re.split(r"\s+and\s+", phrase)
    adjectives = [
        vocab.demonyms[p.name].lower() for p in reversed(places) if p.name in vocab.demonyms
    ]
    names = []
    for part in parts:
        key = re.sub(r"^the\s+", "", part.lower())
        # "the health ministry in Gaza" is "Gaza's health ministry"; "the army", in a
        # sentence about Israel, the Israeli army.
        where = re.fullmatch(r"(.+?)\s+in\s+(?:the\s+)?(.+)", key)
        variants = [
            key,
            *([f"{where[2]}'s {where[1]}", f"{where[2]} {where[1]}"] if where else []),
            *(f"{a} {key}" for a in adjectives),
        ]
        known = next((vocab.sources[v] for v in variants if v in vocab.sources), None)
        names.append(known or re.sub(r"^[Tt]he\s+", "", part))
    return "; ".join(dict.fromkeys(names))


def _stretches_saying(sentence: str) -> list[tuple[int, int]]:
    """For each stretch of the sentence between stops that holds a verb of saying, from
    the stop before it to the end of its last such verb."""
    stops = [m.start() for m in _SOURCE_STOP.finditer(sentence)]
    stretches: dict[int, int] = {}
    for verb in _SAY_WORD.finditer(sentence):
        index = bisect.bisect_left(stops, verb.start())
        stretches[stops[index - 1] if index else 0] = verb.end()
    return list(stretches.items())


@dataclass(frozen=True)
class Sources:
    """The phrases a sentence gives as sources, found once for all its figures, in order
    of place (then of the pattern that found them, which breaks ties)."""

    found: list[tuple[int, int, str]]
    positions: list[int]

    @classmethod
    def of(cls, sentence: str) -> Sources:
        work.add("figures.chars", len(sentence))
        candidates: list[tuple[int, str]] = []
        for match in _ACCORDING.finditer(sentence):
            candidates.append((match.start("src"), match.group("src")))
        said_before = (
            match
            for start, end in _stretches_saying(sentence)
            for match in _SAID_BEFORE.finditer(sentence, start, end)
        )
        for match in itertools.chain(_SAID_AFTER.finditer(sentence), said_before):
            src = match.group("src").strip()
            if len(src.split()) <= 9 and src.split()[0].lower() not in _NOT_A_SOURCE:
                candidates.append((match.start("src"), src))
        found = sorted((at, order, src) for order, (at, src) in enumerate(candidates))
        return cls(found, [at for at, _, _ in found])

    def nearest(self, offset: int) -> tuple[int, str] | None:
        """The source nearest ``offset``; of two as near, the one found first."""
        index = bisect.bisect_left(self.positions, offset)
        near = []
        for side in (index - 1, index):
            if 0 <= side < len(self.found):
                at = self.positions[side]
                low = bisect.bisect_left(self.positions, at)
                high = bisect.bisect_right(self.positions, at)
                near += self.found[low:high]
        if not near:
            return None
        at, _, phrase = min(near, key=lambda c: (abs(c[0] - offset), c[1]))
        return at, phrase


def attribution(
    sources: Sources,
    offset: int,
    vocab: FigureWords,
    places: list[PlaceMention],
    previous: str | None,
) -> tuple[str, str, int]:
    """Who the sentence says gives the figure at ``offset``, the words that say so, and where."""
    nearest = sources.nearest(offset)
    if nearest is None:
        return "unattributed", "", -1
    at, phrase = nearest
    if phrase.lower() in _PRONOUNS:
        return (previous or "unattributed"), phrase, at
    return _normalize_source(phrase, vocab, places), phrase, at


def subject_source(sentence: str, vocab: FigureWords) -> str | None:
    """The source a following "It says" refers to: the known entity that opens a sentence."""
    words = re.match(r"\s*((?:[A-Z][\w.'’-]*\s*){1,4})", sentence)
    if not words:
        return None
    key = re.sub(r"^the\s+", "", words.group(1).strip().lower())
    return vocab.sources.get(key)
