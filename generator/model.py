"""Plain data passed between the stages: extraction fills these, assembly reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal[
    "century",
    "decade",
    "year",
    "half",
    "season",
    "quarter",
    "month",
    "week",
    "day",
    "range",
    "ref",
    "unresolved",
]
"""How exact a date is: a calendar unit, a ``range`` between two values, a ``ref`` to the
present, past or future (PRESENT_REF…), or ``unresolved`` (no value)."""

Status = Literal["happened", "scheduled", "background"]
"""What an entry's date is to the story: when it happened; when it is planned or expected
("talks are scheduled for Monday", said before Monday); or an old thing the articles
recall as context (a war of 2008 in an article of 2023)."""

Role = Literal["point", "since", "range", "range_end"]
"""What a date mention does in its sentence: a point in time, the start of a period running
to the reference date ("since Tuesday"), a range (with ``end_value``), or the far end of a
range, kept only so that its words are not read again as a date of their own."""

HowPublished = Literal["marker", "given", "metadata", "page", "inferred", "unknown"]
"""Where an article's publication date comes from: the seed's date marker, the command
line, its metadata file, the metadata the page gives of itself (a saved page's tags,
Markdown front matter, a JSON line's fields), inference from its text, or nowhere."""

Scope = Literal["total", "period"]
"""A figure's reach in time: a total running up to the day reported, or a closed period."""

PartKind = Literal[
    "body", "headline", "dateline", "byline", "caption", "embed", "timestamp", "comments",
    "related", "boilerplate", "repeated",
]  # fmt: skip
"""What a stretch of a page is: the article's body; a headline or summary bullet; the
dateline ("TRIPOLI, Libya (CNN) --"); the byline; a photo caption or credit; an embedded
post; a live update's timestamp; reader comments; related links or read-more lists; share,
subscribe, copyright and navigation boilerplate; a line that many of the corpus's articles
repeat word for word (a site's furniture that no rule names)."""


@dataclass(frozen=True)
class Sentence:
    id: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    """TimeML value (``2023-10-27``, ``2023-10``, ``2023-W43``, ``PRESENT_REF``...) or None."""
    precision: Precision
    sentence: str
    end_value: str | None = None
    """The far end of a range ("from Wednesday into Thursday", "2008-2009")."""
    role: Role = "point"
    note: str = ""


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    min: float | None
    max: float | None
    category: str
    group: str | None
    source: str
    sentence: str
    source_text: str = ""
    place: str | None = None  # the place the sentence gives for the count
    period: str | None = None  # the words that bound it in time: "since Tuesday", "so far"
    period_start: str | None = None  # TimeML values of the period's ends, where known
    period_end: str | None = None
    scope: Scope | None = None
    part_of: int | None = None  # offset of the total this is a sub-count of


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: str
    name: str
    lat: float
    lon: float
    country: str
    sentence: str


@dataclass(frozen=True)
class Published:
    value: str | None
    how: HowPublished
    evidence: str = ""


@dataclass(frozen=True)
class Part:
    """A stretch of an article's text, what it is, and the rule that says so (shown on the
    article's page, so that an editor can see and correct a wrong call)."""

    start: int
    end: int
    kind: PartKind
    rule: str


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    slug: str | None = None
    corrections: tuple[dict, ...] = ()
    author: str | None = None
    published_as: str = ""
    """How and where ``published`` was written, when that is worth showing beside the day
    read from it (``JSON-LD datePublished "13. Mai 2021"``)."""


@dataclass(frozen=True)
class Seed:
    """One input article as read from disk, before extraction."""

    id: str
    path: str
    text: str
    sha256: str
    marker_date: str | None
    metadata: Metadata
    warnings: tuple[str, ...] = ()
    """Problems found in reading it that its page must show ("the date marker is not a date")."""
    given_parts: tuple[Part, ...] = ()
    """Parts its reader already knows (the comment section of a saved page): the segmenter
    keeps them as they are."""
    page: Metadata = Metadata()
    """What the file says of itself (a saved page's metadata, Markdown front matter, a JSON
    line's fields): used where the metadata file beside it says nothing."""
    repeated: tuple[int, ...] = ()
    """The hashes of its lines that many articles of the corpus hold (``text.repeated``):
    known only across the seeds folder, so given by the build."""


@dataclass
class Article:
    id: str
    slug: str
    title: str
    text: str
    source: str
    sha256: str
    published: Published
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    """The stretches of the text that are not its body (comments, captions, boilerplate…),
    which make no entries; the rest is body."""
    dateline: str | None = None
    """Where the story was filed ("HOUSTON"), from its dateline: not where its events were."""

    def sentence_text(self, sentence_id: str) -> str:
        """Found by its number (s1, s2, … are in order), not by a look at each sentence: the
        place pages ask it of every mention, which made an article of many quadratic."""
        index = int(sentence_id[1:]) - 1 if sentence_id[1:].isdigit() else -1
        if 0 <= index < len(self.sentences) and self.sentences[index].id == sentence_id:
            s = self.sentences[index]
        else:
            s = next(s for s in self.sentences if s.id == sentence_id)
        return self.text[s.start : s.end]


@dataclass(frozen=True)
class Citation:
    article: str
    """The article's slug."""
    sentence: str
    title: str
    published: str | None
    text: str = ""
    """This source's words for the happening: a span of the sentence, "…" where cut."""


@dataclass
class Event:
    id: str
    date: str
    """TimeML value; for "reported on" entries, the publication date."""
    precision: Precision
    end: str | None
    reported_only: bool
    text: str
    places: list[PlaceMention]
    figures: list[Figure]
    citations: list[Citation]
    actors: list[str] = field(default_factory=list)
    background: bool = False
    """Mentioned in passing by a sentence about something else ("since the Oct. 7 attack")."""
    reports: list[Event] = field(default_factory=list)
    """The single-source events merged into this entry; empty when it has one source."""
    summary: bool = False
    """Told by a headline or summary bullet: merged into the entry of the body sentence of
    its article that it sums up, where there is one."""
    status: Status = "happened"
    """Of a single report, as its article tells it; of a merged entry, the most certain of
    its reports' (happened, then scheduled, then background)."""
    salience: float = 0.0
    """How important the entry is among the others (``chronology.ranking``), set when
    reports are merged into entries."""
    headline: str = ""
    """The clearest words among its reports' to head it (``chronology.ranking``)."""
    headline_from: int = 0
    """The number of the report (from 1) the headline's words are from."""

    @property
    def versions(self) -> list[Event]:
        return self.reports or [self]

    @property
    def sourced_figures(self) -> list[tuple[int, Figure]]:
        """Each figure with the number of the citation that reports it."""
        return [(n, f) for n, e in enumerate(self.versions, start=1) for f in e.figures]

    @property
    def anchors(self) -> list[str]:
        """Every id the entry answers to: its own, and those of the reports merged into it,
        so that a link made from one article alone still lands on it."""
        return [e.id for e in self.versions]
