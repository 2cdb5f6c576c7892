"""Counters of the work extraction does, by kind, so that tests can check that it grows
linearly with the text without timing anything (a timed test fails on a busy machine).

The extractors add to them in their inner loops: a candidate examined, the characters
of a window a pattern is run over. The count is a model of the cost, not the cost: it
catches a loop over the whole sentence for every hit, which is what made extraction
quadratic, and costs a dictionary update where it is taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

COUNTS: Counter[str] = Counter()


def add(kind: str, amount: int = 1) -> None:
    COUNTS[kind] += amount


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """The work done inside the block, by kind (filled in when the block ends)."""
    before = COUNTS.copy()
    done: Counter[str] = Counter()
    try:
        yield done
    finally:
        done.update({kind: n - before[kind] for kind, n in COUNTS.items() if n > before[kind]})
