"""Lines a corpus repeats word for word: a site's furniture, found across its articles.

A sidebar, a promotion, a comment policy or an explainer graphic's captions come back
on page after page of one site. No rule per site is needed to see them, only the number
of articles that hold the same line. Versions of one story that share a paragraph or two
stay under the threshold of ``data/parts.yml``: on Timeline17's development pages no
line that people labelled body is in 8 articles, while 45 lines of furniture are.

A line is known by a 64-bit hash of its words (case and spacing aside), so that the
build keeps each article's few hundred bytes, not its text.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.text import sentences


@dataclass(frozen=True)
class Repetition:
    """When a line is the site's, not the article's (``repeated`` in ``data/parts.yml``)."""

    articles: int = 0
    """A line in at least this many articles of the corpus is furniture; 0: never."""
    words: int = 4
    """Lines of fewer words are not counted: short ones ("Share", "Reuters") repeat in
    news too, and rules name them."""

    @classmethod
    def from_data(cls, data: object, source: str = "data/parts.yml") -> Repetition:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError(f"{source}: repeated: give articles and words, as numbers")
        values = {}
        for name, least in (("articles", 2), ("words", 1)):
            value = data.get(name, getattr(cls, name))
            never = name == "articles" and value == 0
            if (
                not isinstance(value, int)
                or isinstance(value, bool)
                or (value < least and not never)
            ):
                raise ValueError(
                    f"{source}: repeated: {name} must be a whole number of at least {least}"
                    f"{' (or 0: never)' if name == 'articles' else ''}, not {value!r}"
                )
            values[name] = value
        return cls(**values)


def fingerprint(line: str, words: int) -> int | None:
    """The line's hash, or None when it has fewer than ``words`` words."""
    split = line.casefold().split()
    if len(split) < words:
        return None
    digest = hashlib.blake2b(" ".join(split).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def fingerprints(text: str, repetition: Repetition) -> frozenset[int]:
    """The hashes of the lines of ``text`` long enough to count."""
    if not repetition.articles:
        return frozenset()
    found = (fingerprint(text[s:e], repetition.words) for s, e in sentences.paragraphs(text))
    return frozenset(f for f in found if f is not None)


def common(by_article: Iterable[frozenset[int]], repetition: Repetition) -> frozenset[int]:
    """The lines that enough articles hold to be the site's."""
    if not repetition.articles:
        return frozenset()
    counts: Counter[int] = Counter()
    for lines in by_article:
        counts.update(lines)
    return frozenset(f for f, n in counts.items() if n >= repetition.articles)


def of_each(
    by_article: Mapping[str, frozenset[int]], repetition: Repetition
) -> dict[str, tuple[int, ...]]:
    """Each article's lines that the corpus repeats, sorted (a seed's cache key holds them,
    so that a line becoming furniture remakes the articles that have it)."""
    shared = common(by_article.values(), repetition)
    return {i: tuple(sorted(lines & shared)) for i, lines in by_article.items()}
