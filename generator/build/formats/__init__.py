"""The kinds of seed file, each read by a module of its own into the same plain shape:
an article's text, one paragraph a line, with what the file says of itself.

``txt`` is read by ``seeds`` itself; ``saved_page`` reads a saved web page (``.html``,
``.htm``), ``markdown_page`` a Markdown file (``.md``), ``json_lines`` a file of JSON
lines (``.jsonl``, one article a line). ``written_dates`` reads the dates their metadata
writes. The readers are pure: text or bytes in, ``Found`` out, or a ``FormatError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Metadata, Part


class FormatError(ValueError):
    """What makes a file unusable as a seed of its kind, said in one line."""


@dataclass(frozen=True)
class Found:
    """An article as its file gives it."""

    text: str
    page: Metadata = field(default_factory=Metadata)
    """What the file says of itself: a page's metadata, front matter, a JSON line's fields."""
    parts: tuple[Part, ...] = ()
    """Parts the reader knows (a saved page's comment section)."""
    warnings: tuple[str, ...] = ()
    """What its article page must show ("2 paragraphs of the page were not kept")."""


_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\u2028": "\n", "\u2029": "\n"})
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def plain(text: str) -> tuple[str, int]:
    """Text with LF line ends and without control characters, and how many were removed:
    the rest of the pipeline splits paragraphs on line breaks alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    return _CONTROL.subn("", text)


def lines(paragraphs: list[str]) -> str:
    """Paragraphs as lines, each with single spaces, the empty ones left out."""
    return "\n".join(line for p in paragraphs if (line := " ".join(p.split())))
