"""Split article text into paragraphs and sentences with character offsets.

Offsets always point into the article text as given, so that a citation can name
the exact span a reader will see on the article page.
"""

from __future__ import annotations

import bisect
import re

from generator.model import Sentence
from generator.text import work
from generator.text.timex.lexicon import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

# Words that end in a full stop without ending a sentence ("Oct. 7", "Lt. Gen. Eyal Zamir").
ABBREVIATIONS = frozenset(
    [short.lower() for short in (*MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS)]
    + [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "brig",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "pres",
        "st",
        "rev",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "co",
        "corp",
        "ltd",
        "dept",
        "est",
        "approx",
        "fig",
        "al",
        "mt",
        "ft",
    ]
)

# A run of stops is tried from its first: from inside it the same match fails again, and a
# long run ("!!!!…") would cost its length at every one of its characters.
_END = re.compile(
    r"""(?<![.!?])[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9⚡])|(?<![.!?])[.!?]+["'”’)\]]*$"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")
_INITIALS = re.compile(r"(?:\b[A-Z]\.){1,}$")
_REACH = 12
"""Characters before a full stop that decide whether it ends an abbreviation: more than the
longest one has, so that a word reaching further back is none."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines; a line is a paragraph, as news feeds write them."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_abbreviation(text: str, start: int, stop: int) -> bool:
    """Whether the full stop before ``stop`` ends initials or an abbreviation, in the
    sentence begun at ``start``: only the word before it is looked at, not the sentence."""
    low = max(start, stop - _REACH)
    work.add("sentences.chars", stop - low)
    if _INITIALS.search(text, low, stop):
        return True
    end = stop
    while end > low and text[end - 1] == ".":
        end -= 1
    word = _WORD_BEFORE.search(text, low, end)
    return (
        word is not None
        and (low == start or word.start() > low)
        and (word.group(1).lower() in ABBREVIATIONS)
    )


_WORD = re.compile(r"\w")
_GLUED = re.compile(
    r"(?<=[\w'’”?)])\s+(?=(?:The|An?)\s+(?:[a-z][a-z-]+|[A-Z]{2,6}\s+[a-z][a-z-]*)\b)"
)
"""A sentence that starts with no stop before it: a page's title, a caption or a credit
run into the next sentence when the page lost its lines ("…reaches Europe The UN has
warned…", "(AP) A key safety device…"). "The" or "A" with a capital, followed by a word
in lower case or an acronym, hardly ever stands inside an English sentence…"""
_NAMES_NEXT = re.compile(
    r"\b(?:of|by|in|on|at|to|and|or|for|from|with|as|is|was|than|like|into|about|said|says"
    r"|the|an?|that|called|named|titled|dubbed|see|read|watch)$",
    re.I,
)
"""…except after a word that names what follows: "a film called The…", "read The…"."""


def _glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut where a sentence begins without a stop before it."""
    spans = []
    for match in _GLUED.finditer(text, start, end):
        if not _NAMES_NEXT.search(text, max(start, match.start() - 12), match.start()):
            spans.append((start, match.start()))
            start = match.end()
    return [*spans, (start, end)]


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``; a run of punctuation alone ("***", "—") is none."""
    sentences: list[Sentence] = []

    def add(start: int, end: int, paragraph: int) -> None:
        for first, last in _glued(text, start, end):
            if _WORD.search(text, first, last):
                sentences.append(Sentence(f"s{len(sentences) + 1}", first, last, paragraph))

    for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
        start = p_start
        for match in _END.finditer(text, p_start, p_end):
            work.add("sentences.ends")
            if match.group().startswith(".") and _is_abbreviation(text, start, match.start() + 1):
                continue
            end = match.end()
            if end > start:
                add(start, end, number)
            start = end
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            add(start, p_end, number)
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence holding ``offset``, found by halving: sentences are in text order."""
    index = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


def bound(text: str, sentences: list[Sentence], max_chars: int) -> tuple[list[Sentence], list[str]]:
    """The sentences with every one longer than ``max_chars`` cut at spaces into pieces
    that are sentences of their own, numbered anew, and a warning for each cut.

    A "sentence" that long is a list, a table or a paste without stops; cut, every part
    of it is still read and cited, and the work a sentence costs stays bounded."""
    if all(s.end - s.start <= max_chars for s in sentences):
        return sentences, []
    spans: list[tuple[int, int, int]] = []
    warnings: list[str] = []
    for sentence in sentences:
        first = len(spans)
        for start, end in _pieces(text, sentence.start, sentence.end, max_chars):
            if _WORD.search(text, start, end):
                spans.append((start, end, sentence.paragraph))
        if len(spans) - first > 1:
            warnings.append(
                f"sentence s{first + 1} has {sentence.end - sentence.start:,} characters, more than "
                f"the {max_chars:,} of extraction.max_sentence_chars: it is read as "
                f"{len(spans) - first} sentences, s{first + 1} to s{len(spans)}"
            )
    return [Sentence(f"s{n}", *span) for n, span in enumerate(spans, start=1)], warnings


def cut_at(text: str, sentences: list[Sentence], cuts: list[int]) -> list[Sentence]:
    """The sentences with each one that runs across an offset of ``cuts`` (where a part of
    the page ends and another begins, within a line) cut there, numbered anew: a caption's
    credit glued to the body's first sentence is not cited with it."""
    if not cuts:
        return sentences
    spans: list[tuple[int, int, int]] = []
    ordered = sorted(set(cuts))
    for sentence in sentences:
        start = sentence.start
        low = bisect.bisect_right(ordered, sentence.start)
        high = bisect.bisect_left(ordered, sentence.end)
        for cut in [*ordered[low:high], sentence.end]:
            end = cut
            while end > start and text[end - 1].isspace():
                end -= 1
            if _WORD.search(text, start, end):
                spans.append((start, end, sentence.paragraph))
            start = cut
            while start < sentence.end and text[start].isspace():
                start += 1
    if len(spans) == len(sentences):
        return sentences
    return [Sentence(f"s{n}", *span) for n, span in enumerate(spans, start=1)]


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``max_chars``, each cut after its last space
    (or at the limit, where it has none), without the spaces between them."""
    pieces = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        if cut < 0:
            cut = start + max_chars
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if b > a]
