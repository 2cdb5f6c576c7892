"""Split article text into paragraphs and sentences with character offsets.

Offsets always point into the article text as given, so that a citation can name
the exact span a reader will see on the article page.
"""

from __future__ import annotations

import bisect
import re

from .model import Sentence

# Words that end in a full stop without ending a sentence ("Oct. 7", "Lt. Gen. Eyal Zamir").
ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
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

_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9⚡])|[.!?]+["'”’)\]]*$""")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")
_INITIALS = re.compile(r"(?:\b[A-Z]\.){1,}$")


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


def _is_abbreviation(chunk: str) -> bool:
    if _INITIALS.search(chunk):
        return True
    word = _WORD_BEFORE.search(chunk.rstrip("."))
    return bool(word) and word.group(1).lower() in ABBREVIATIONS and chunk.endswith(".")


_WORD = re.compile(r"\w")


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``; a run of punctuation alone ("***", "—") is none."""
    sentences: list[Sentence] = []

    def add(start: int, end: int, paragraph: int) -> None:
        if _WORD.search(text, start, end):
            sentences.append(Sentence(f"s{len(sentences) + 1}", start, end, paragraph))

    for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
        start = p_start
        for match in _END.finditer(text, p_start, p_end):
            if match.group().startswith(".") and _is_abbreviation(text[start : match.start() + 1]):
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
