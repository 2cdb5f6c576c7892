"""Lists too long for a page (a place's entries, the figures, the sources), split into a
page a year, or a month in a busy year: the rows of the index that lists those pages."""

from __future__ import annotations

from dataclasses import dataclass

from generator.chronology.partitions import UNDATED
from generator.timeml import label


def month_label(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    return label(key)


@dataclass(frozen=True)
class MonthRow:
    """A line of the index of a list split by year or month: its page, and its counts."""

    key: str
    path: str
    counts: tuple[int, ...]

    @property
    def label(self) -> str:
        return month_label(self.key)


def newest_first(rows: list[MonthRow]) -> list[MonthRow]:
    """The index of a split list reads newest first, the undated at the end."""
    return [r for r in reversed(rows) if r.key != UNDATED] + [r for r in rows if r.key == UNDATED]
