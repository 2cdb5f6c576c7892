"""Read TimeML documents: plain text, creation date and gold TIMEX3 spans with their offsets."""

from __future__ import annotations

import datetime as dt
import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "timeml"
HELD_OUT_SEED = 2013  # TempEval-3's year: fixed, so the part kept aside never changes


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    created: dt.date
    timexes: tuple[Timex, ...]

    @property
    def dates(self) -> list[Timex]:
        return [t for t in self.timexes if t.type == "DATE"]


def read(path: Path) -> Document:
    root = ET.parse(path).getroot()
    created = root.find("DCT/TIMEX3").get("value")[:10]
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3":
            timexes.append(Timex(start, length, element.get("type"), element.get("value", "")))

    walk(root.find("TEXT"))
    return Document(path.stem, "".join(parts), dt.date.fromisoformat(created), tuple(timexes))


def corpus(root: Path = CORPUS) -> list[Document]:
    return [read(path) for path in sorted(root.glob("*/*.tml"))]


def held_out(documents: list[Document]) -> set[str]:
    """The names of a random quarter of the documents, kept aside while developing."""
    names = sorted(d.name for d in documents)
    return set(random.Random(HELD_OUT_SEED).sample(names, len(names) // 4))
