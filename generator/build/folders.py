"""Which folders a run may write: the site and content folders must be the build's own.

A build replaces the whole site folder and writes generated subfolders into the content
folder, so pointed at a person's folder (the checkout, the seeds, a home folder) it
would delete or litter their files. A folder is used only if it is absent, empty, or
holds the marker file an earlier build wrote there; and never if it is, or holds, the
seeds, the project or the cache, nor one inside the other. The rules are pure
(``clash``, ``apart``, ``verdict``); ``check``, ``claim`` and ``holds`` read and write.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from generator.build.storage import CONTENT_MARK, write_atomic


class Refused(Exception):
    """A folder the run may not write; the message is ``<folder>: <why and what to do>``."""


@dataclass(frozen=True)
class Role:
    name: str
    option: str
    mark: str
    """The file a build writes into the folder to say the folder is its own."""
    text: str


SITE = Role(
    "site",
    "--site",
    ".chronicle-site",
    "Made by chronicle build, which replaces this whole folder at each build.\n",
)
CONTENT = Role(
    "content",
    "--content",
    CONTENT_MARK,
    "Written by chronicle: a build writes and deletes the files it generated in "
    "this folder, never a file a person made or edited.\n",
)


class Holds(Enum):
    """What a folder holds, as far as the rules care."""

    NOTHING = "absent"
    EMPTY = "empty"
    MARKED = "marked by a build"
    FILE = "a file"
    OTHER = "files of someone else"


@dataclass(frozen=True)
class Layout:
    """Where a run's folders are, every path resolved: the project (the folder of
    ``mkdocs.yml``), the seeds, the cache, and the folders the run writes."""

    root: Path
    seeds: Path
    cache: Path
    content: Path
    site: Path | None = None


def clash(folder: Path, layout: Layout) -> str | None:
    """Why ``folder`` cannot be written, being or holding a folder the run reads, or None."""
    kept = (
        ("the seeds folder", layout.seeds),
        ("the project's folder (it holds mkdocs.yml)", layout.root),
        ("the cache folder", layout.cache),
    )
    for what, other in kept:
        if folder == other:
            return f"it is {what}"
    for what, other in kept:
        if folder in other.parents:
            return f"it holds {what} ({other})"
    if layout.seeds in folder.parents:
        return f"it is inside the seeds folder ({layout.seeds}), whose every file is read"
    return None


def apart(content: Path, site: Path) -> str | None:
    """Why the content and site folders cannot be these, one in the other, or None."""
    tail = "nothing was changed: give --content and --site folders apart"
    if content == site:
        return f"{site}: cannot be both the content and the site folder; {tail}"
    if content in site.parents:
        return f"{site}: the site folder cannot be inside the content folder ({content}); {tail}"
    if site in content.parents:
        return (
            f"{content}: the content folder cannot be inside the site folder ({site}), "
            f"which each build replaces; {tail}"
        )
    return None


def verdict(role: Role, holds: Holds) -> str | None:
    """Why a folder holding ``holds`` cannot be the ``role`` folder, or None."""
    if holds is Holds.FILE:
        return "it is a file"
    if holds is Holds.OTHER:
        return f"it holds files no chronicle build made (it has no {role.mark} file)"
    return None


def refusal(role: Role, folder: Path, why: str, done: str = "nothing was changed") -> str:
    return (
        f"{folder}: cannot be the {role.name} folder: {why}; {done}: give "
        f"{role.option} a folder of its own, absent, empty or made by an earlier build"
    )


def write_failure(error: OSError, where: Path) -> str:
    """The one line for a write that failed: the file, the system's reason, what to do."""
    path = error.filename or where
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "no space left on device? free some space and build again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = "check its permissions, or give another folder"
    else:
        hint = "build again once this is mended"
    return f"{path}: {reason} ({hint}; the files of the last build are whole)"


def holds(folder: Path, role: Role) -> Holds:
    if not folder.exists():
        return Holds.NOTHING
    if not folder.is_dir():
        return Holds.FILE
    if (folder / role.mark).is_file():
        return Holds.MARKED
    return Holds.OTHER if any(folder.iterdir()) else Holds.EMPTY


def layout(root: Path, seeds: Path, cache: Path, content: Path, site: Path | None = None) -> Layout:
    return Layout(
        root.resolve(),
        seeds.resolve(),
        cache.resolve(),
        content.resolve(),
        site.resolve() if site else None,
    )


def _written(where: Layout) -> list[tuple[Role, Path]]:
    return [(CONTENT, where.content)] + ([(SITE, where.site)] if where.site else [])


def check(where: Layout) -> None:
    """Raise ``Refused`` for the first folder the run may not write, where it is."""
    for role, folder in _written(where):
        why = clash(folder, where)
        if why:
            raise Refused(refusal(role, folder, why))
    if where.site and (why := apart(where.content, where.site)):
        raise Refused(why)


def check_contents(where: Layout) -> None:
    """Raise ``Refused`` for the first folder the run may not write, by what it holds:
    under the lock, since a build that holds it may be making it."""
    for role, folder in _written(where):
        why = verdict(role, holds(folder, role))
        if why:
            raise Refused(refusal(role, folder, why))


def replaceable(folder: Path, role: Role) -> bool:
    return verdict(role, holds(folder, role)) is None


def ensure(folder: Path, role: Role) -> None:
    """Raise ``Refused`` unless the folder is absent, empty or the build's: checked again
    right before a folder is removed, in case something else took its place."""
    why = verdict(role, holds(folder, role))
    if why:
        raise Refused(refusal(role, folder, why, "it was not replaced"))


def claim(folder: Path, role: Role) -> None:
    """Make the folder if need be, and mark it as the build's."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / role.mark, role.text)
