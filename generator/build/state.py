"""What a build keeps for the next, under the cache folder: the site's index, its parts,
and what each generated page was made from, so that the next build makes again only the
pages whose inputs changed.

A page is trusted to be as it was made only while its size and modification time are
those recorded: a page edited, deleted or replaced since is made again (and the usual
guard then refuses to overwrite an edit). Everything is keyed by a stamp of the program,
the curated data, the templates and the settings: when any changes, nothing is reused.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator.build.cache import drop_stale
from generator.build.seeds import Listed
from generator.build.storage import collector_paused, write_atomic
from generator.chronology.happenings import Period
from generator.chronology.partitions import Filed, Index, Update
from generator.model import Event

Record = tuple[str, int, int]
"""What a page was made from (its inputs' digest), and its size and modification time."""


class SeedRecord(NamedTuple):
    """A seed as the last build left it: its cache key, the slug its title gave, its
    files as listed then, and its lines' hashes (``text.repeated``), all of them and those
    the corpus repeated."""

    key: str
    base: str
    listed: Listed
    lines: frozenset[int] = frozenset()
    repeated: tuple[int, ...] = ()


@dataclass
class Kept:
    """What the last build left: its index, its pages' records, and its seeds'."""

    index: Index = field(default_factory=Index)
    pages: dict[str, Record] = field(default_factory=dict)
    seeds: dict[str, SeedRecord] = field(default_factory=dict)


class State:
    """The kept state of the builds of one content folder."""

    def __init__(self, cache: Path, content_dir: Path, stamp: str) -> None:
        name = hashlib.sha256(str(content_dir.resolve()).encode()).hexdigest()[:16]
        self.folder = cache / "assemble" / name
        self.content_dir = str(content_dir)
        self.stamp = stamp

    def load(self) -> Kept:
        """The last build's state, or an empty one if there is none or it was made by
        another program, data, templates or settings."""
        try:
            with collector_paused():
                stamp, kept = pickle.loads((self.folder / "index.pickle").read_bytes())
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            return Kept()
        return kept if stamp == self.stamp and isinstance(kept, Kept) else Kept()

    def _period_path(self, period: Period) -> Path:
        return self.folder / "periods" / f"{period.year}-{period.month or 'year'}.pickle"

    def _pub_path(self, key: str) -> Path:
        return self.folder / "pubs" / f"{key}.pickle"

    def period(self, period: Period) -> list[Event]:
        return pickle.loads(self._period_path(period).read_bytes())

    def pub(self, key: str) -> list[Filed]:
        return pickle.loads(self._pub_path(key).read_bytes())

    def chunk(self, part: Period | str, kind: str, inputs: str, make: Callable[[], str]) -> str:
        """A part's share of a file of several (``kind``), kept beside the part with the
        digest of its inputs and the stamp of the program that made it, and made again
        when either changed."""
        base = self._period_path(part) if isinstance(part, Period) else self._pub_path(part)
        path = base.with_suffix(f".{kind}")
        made_from = f"{self.stamp} {inputs}"
        try:
            kept_from, _, text = path.read_bytes().decode("utf-8").partition("\n")
            if kept_from == made_from:
                return text
        except (OSError, UnicodeDecodeError):
            pass
        text = make()
        write_atomic(path, f"{made_from}\n{text}")
        return text

    def save(self, update: Update, pages: dict[str, Record], seeds: dict[str, SeedRecord]) -> None:
        """Keep the remade parts, then the index: a build stopped between the two leaves
        no index, and the next build makes everything."""
        (self.folder / "index.pickle").unlink(missing_ok=True)
        for path, items in [
            *((self._period_path(p), events) for p, events in update.periods.items()),
            *((self._pub_path(k), filed) for k, filed in update.pubs.items()),
        ]:
            if items:
                write_atomic(path, pickle.dumps(items, protocol=5))
            else:  # the part is gone, and its chunks with it
                for chunk in path.parent.glob(f"{path.stem}.*"):
                    chunk.unlink(missing_ok=True)
        kept = Kept(update.index, pages, seeds)
        with collector_paused():
            index = pickle.dumps((self.stamp, kept), protocol=5)
        write_atomic(self.folder / "index.pickle", index)
        self.folder.touch()
        drop_stale(self.folder.parent)

    def unchanged(self, relative: str, inputs: str, pages: dict[str, Record]) -> bool:
        """Whether the page at ``relative`` is as the last build made it from ``inputs``."""
        kept = pages.get(relative)
        return kept is not None and kept[0] == inputs and self.record(relative, inputs) == kept

    def record(self, relative: str, inputs: str) -> Record | None:
        """What the page at ``relative`` is now, made from ``inputs``; None if it is gone."""
        try:
            stat = os.stat(os.path.join(self.content_dir, relative))
        except OSError:
            return None
        return inputs, stat.st_size, stat.st_mtime_ns
