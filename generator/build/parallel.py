"""Work spread over forked processes, one per core, when there is enough of it.

Workers are forked with the job already made, so that none loads the curated data or the
templates again, and they call its methods by name; the results come back in order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

PARALLEL_FROM = 32
"""Fewer items than this are done in this process: starting workers costs more."""

_JOB: object = None


def _call_in_worker(name: str, *args: object) -> object:
    return getattr(_JOB, name)(*args)


def calls(
    job: object, name: str, items: list[tuple], progress: Callable[[list], Iterable] = iter
) -> list:
    """``job.<name>(*item)`` for each item, in order, all at once (see ``stream``);
    ``progress`` is given the items and yields as each result comes."""
    results = stream(job, name, items, window=len(items) + 1)
    return [result for _, result in zip(progress(items), results, strict=True)]


def stream(job: object, name: str, items: list[tuple], window: int = 256) -> Iterator[Any]:
    """``job.<name>(*item)`` for each item, in order, over every core when there are many,
    as the caller takes them: no more than ``window`` results wait in memory."""
    workers = min(os.cpu_count() or 1, len(items) // (PARALLEL_FROM // 2))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (getattr(job, name)(*item) for item in items)
        return
    global _JOB
    _JOB = job
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque[Future] = deque()
            for item in items:
                pending.append(pool.submit(_call_in_worker, name, *item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        _JOB = None


@dataclass(frozen=True)
class _Makers:
    """Texts to make, by their place in the list: each worker makes a share."""

    makers: Sequence[Callable[[], str]]

    def make(self, i: int) -> str:
        return self.makers[i]()


def made(makers: Sequence[Callable[[], str]], window: int = 256) -> Iterator[str]:
    """What each maker makes, in order, as ``stream`` gives it."""
    return stream(_Makers(makers), "make", [(i,) for i in range(len(makers))], window)
