"""One run at a time per folder: a build, an extraction, an assembly or a preview's
regeneration holds the lock of each folder it writes while it writes.

Two builds of the same folders at once trip over each other's temporary files and
renames. The lock is ``fcntl.flock`` on a file in the cache, one per folder, so the
system releases it however its holder ends (``kill -9`` included): a lock file a dead
holder left is simply taken over. The holder writes its pid, host and start time into
the file, for the message of whoever waits.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

WAIT = 600.0
"""Seconds a run waits for another to finish; ``CHRONICLE_LOCK_WAIT`` overrides it."""
POLL = 0.2


class Busy(Exception):
    """Another run held a folder for longer than this one would wait (or the wait given
    is not a number of seconds)."""


def path_of(cache: Path, folder: Path) -> Path:
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache / "locks" / f"{name}.lock"


def holder(pid: int, host: str, started: float, command: str) -> str:
    return json.dumps({"pid": pid, "host": host, "started": started, "command": command})


def describe(text: str) -> str:
    """Who holds a lock, from what its file says: ``pid N (started …)``."""
    try:
        record = json.loads(text)
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record["started"]))
        return (
            f"pid {record['pid']} (chronicle {record['command']}, started {when} "
            f"on {record['host']})"
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        return "another run (it has not said which yet)"


def waiting_time(given: str | None) -> float:
    """``CHRONICLE_LOCK_WAIT`` as seconds: a value that is not a number of seconds is a
    ``Busy`` naming it, rather than a wait of no one's choosing."""
    if given is None:
        return WAIT
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise Busy(
            f"CHRONICLE_LOCK_WAIT={given!r}: give the seconds to wait for another build, such as 600"
        )
    return seconds


@contextmanager
def held(
    cache: Path,
    folders: Iterable[Path],
    tell: Callable[[str], None],
    command: str,
    wait: float | None = None,
) -> Iterator[None]:
    """Hold the locks of ``folders`` meanwhile, for the ``command`` named to whoever waits.
    They are taken in one order, so that two runs never wait for each other, each waited
    for up to ``wait`` seconds, telling ``tell`` once who it waits for; ``Busy`` after."""
    if wait is None:
        wait = waiting_time(os.environ.get("CHRONICLE_LOCK_WAIT"))
    with ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            stack.enter_context(_held(path_of(cache, folder), folder, tell, command, wait))
        yield


@contextmanager
def _held(
    path: Path, folder: Path, tell: Callable[[str], None], command: str, wait: float
) -> Iterator[None]:
    fd = _acquire(path, folder, tell, command, wait)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while held: a waiter sees it is gone and locks anew
        os.close(fd)


def _acquire(
    path: Path, folder: Path, tell: Callable[[str], None], command: str, wait: float
) -> int:
    deadline = time.monotonic() + wait
    told = False
    while True:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = describe(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            os.close(fd)
            if time.monotonic() >= deadline:
                raise Busy(
                    f"{folder}: the build of {who} is still writing it after {wait:g} s; "
                    "let it finish (or stop it) and run again"
                ) from None
            if not told:
                tell(f"waiting for the build of {who} to finish")
                told = True
            time.sleep(POLL)
            continue
        except BaseException:
            os.close(fd)
            raise
        if _same_file(fd, path):
            os.ftruncate(fd, 0)
            mine = holder(os.getpid(), socket.gethostname(), time.time(), command)
            os.pwrite(fd, mine.encode(), 0)
            return fd
        os.close(fd)  # the holder before removed the file once done: lock the new one


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False
