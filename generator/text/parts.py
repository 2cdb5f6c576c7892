"""What each stretch of a page is: the article's body, or the debris around it.

Real pages carry reader comments, tickers, captions, bylines, related links and
boilerplate; only the body (and headlines) may make entries. The rules are curated in
``data/parts.yml``: a line is of the kind of the first line rule it matches; a thread rule
(a comment marker) opens a block that runs to the end of the page, or to a line that
closes it. A line no rule matches is body. Every part keeps the rule that classified it,
so that an editor sees why a line was left out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, cast, get_args

from generator.model import Part, PartKind, Sentence
from generator.text import sentences, work
from generator.text.repeated import Repetition, fingerprint

USED: frozenset[PartKind] = frozenset({"body", "headline"})
"""The kinds whose sentences make entries."""
DATING: frozenset[PartKind] = USED | {"caption", "embed", "dateline", "timestamp"}
"""The kinds that may show when a page was published, though they make no entry."""


@dataclass(frozen=True)
class Rule:
    kind: PartKind
    pattern: re.Pattern[str]
    why: str
    prefix: bool = False
    """Whether only what the pattern matches at the line's start is of the kind, the rest
    of the line read again ("Photograph: X/Getty Images" before a body sentence)."""
    first_lines: int = 0
    """Where not 0, the rule holds only in the page's first lines, where captions sit."""
    ends_lead: bool = False
    """Whether what the rule finds near the top ends the page's lead: the title and
    captions above a dateline or a photo credit are not the story."""
    min_lines: int = 0
    """Where not 0, the rule holds only on a page where at least this many lines match it:
    "1429 Name says…" is a live blog's time stamp on a page of many, not on one line."""
    inline: bool = False
    """Whether the pattern is searched within the line, not at its start: what it matches
    is of the kind, the words before it are left to the lead (a title, a standfirst and
    captions run into the story's first line: "BP thrown off index … Friday 10 September
    2010 18.59 BST Greenpeace has lobbied…"), and the rest of the line is read again."""


@dataclass(frozen=True)
class Rules:
    """The curated rules of ``data/parts.yml``."""

    lines: tuple[Rule, ...]
    opens: tuple[Rule, ...]
    """Lines that open a thread of their kind (reader comments), running to a close."""
    closes: tuple[Rule, ...]
    """Lines that close a thread, themselves of their own kind."""
    lead: Rule | None = None
    """What the body lines before a dateline near the top are: a page's title and
    captions, above the story that the dateline opens ("HOUSTON (Reuters) -")."""
    repetition: Repetition = field(default_factory=Repetition)
    """When a line that no rule names is the site's furniture: when it is in many of the
    corpus's articles."""

    @classmethod
    def from_data(cls, data: dict, source: str = "data/parts.yml") -> Rules:
        def rules(section: str) -> tuple[Rule, ...]:
            found = []
            for number, entry in enumerate(data.get(section) or (), start=1):
                where = f"{source}: {section}[{number}]"
                kind = entry.get("kind")
                if kind not in get_args(PartKind):
                    raise ValueError(f"{where}: kind {kind!r} is not a kind of part")
                try:
                    pattern = re.compile(str(entry["pattern"]))
                except (KeyError, re.error) as error:
                    raise ValueError(f"{where}: no usable pattern ({error})") from None
                why = str(entry.get("why") or "").strip()
                if not why:
                    raise ValueError(f"{where}: a rule needs a why, shown to editors")
                prefix = bool(entry.get("prefix"))
                if prefix and not str(entry["pattern"]).startswith("^"):
                    raise ValueError(f"{where}: a prefix rule's pattern starts with ^")
                first = int(entry.get("first_lines") or 0)
                ends = bool(entry.get("ends_lead"))
                least = int(entry.get("min_lines") or 0)
                inline = bool(entry.get("inline"))
                if inline and (prefix or not first):
                    raise ValueError(f"{where}: an inline rule is no prefix and has first_lines")
                found.append(
                    Rule(cast(PartKind, kind), pattern, why, prefix, first, ends, least, inline)
                )
            return tuple(found)

        lead = rules("lead")
        return cls(
            rules("lines"),
            rules("opens"),
            rules("closes"),
            lead[0] if lead else None,
            Repetition.from_data(data.get("repeated"), source),
        )


NO_RULES = Rules((), (), ())
"""Every line body: for callers that read text without a project's rules."""


def _first(rules: Iterable[Rule], line: str) -> Rule | None:
    return next((rule for rule in rules if rule.pattern.search(line)), None)


def _given_at(given: tuple[Part, ...], start: int, end: int) -> Part | None:
    return next((p for p in given if p.start <= start and end <= p.end), None)


REPEATED = (
    "the same line is in at least {} articles of the corpus: a sidebar, promotion, caption "
    "or notice the site repeats, not this article's news"
)


def _classify(
    text: str, rules: Rules, given: tuple[Part, ...], repeated: frozenset[int]
) -> Iterator[Part]:
    """Parts for each non-blank line, in order: one for the line, or several where prefix
    rules take its start."""
    held = [r for r in rules.lines if not r.min_lines or _holds_on(text, r)]
    top = max((r.first_lines for r in held), default=0)
    by_line = [[r for r in held if n < r.first_lines or not r.first_lines] for n in range(top)]
    later = [r for r in held if not r.first_lines]
    furniture = _Furniture(
        repeated if rules.repetition.articles else frozenset(),
        REPEATED.format(rules.repetition.articles),
    )
    thread: Rule | None = None
    for number, (start, end) in enumerate(sentences.paragraphs(text)):
        line = text[start:end]
        work.add("parts.chars", len(line))
        if part := _given_at(given, start, end):
            yield Part(start, end, part.kind, part.rule)
            continue
        if thread is not None:
            if closed := _first(rules.closes, line):
                thread = None
                yield Part(start, end, closed.kind, closed.why)
            else:
                yield Part(start, end, thread.kind, f"after {thread.why}")
            continue
        if opened := _first(rules.opens, line):
            thread = opened
            yield Part(start, end, opened.kind, opened.why)
            continue
        yield from _line(text, start, end, by_line[number] if number < top else later, furniture)


def _holds_on(text: str, rule: Rule) -> bool:
    """Whether enough lines of the page match a rule that needs many (``min_lines``)."""
    found = 0
    for start, end in sentences.paragraphs(text):
        if rule.pattern.search(text[start:end]):
            found += 1
            if found >= rule.min_lines:
                return True
    return False


class _Furniture(NamedTuple):
    lines: frozenset[int]
    """The hashes of the lines the corpus repeats (``repeated.fingerprint``)."""
    why: str


def _line(
    text: str, start: int, end: int, rules: list[Rule], furniture: _Furniture
) -> Iterator[Part]:
    """The parts of one line outside threads: prefixes taken off its start, then the rest
    as a whole; a whole line no rule names is the site's when the corpus repeats it."""
    whole = start
    while start < end:
        line = text[start:end]
        matched = _first(rules, line)
        if matched is None:
            if start == whole and furniture.lines and fingerprint(line, 1) in furniture.lines:
                yield Part(start, end, "repeated", furniture.why)
                return
            yield Part(start, end, "body", "")
            return
        found = matched.pattern.search(line)
        if matched.inline and found is not None and found.start() > 0:
            yield Part(start, start + len(line[: found.start()].rstrip()), "body", "")
            start += found.start()
            continue  # the words before it are the lead's (``_lead``); it is read again
        if not matched.prefix and not matched.inline:
            yield Part(start, end, matched.kind, matched.why)
            return
        taken = found.end() if found else 0
        if taken == 0:
            yield Part(start, end, "body", "")
            return
        yield Part(start, start + len(line[:taken].rstrip()), matched.kind, matched.why)
        start += taken + len(line[taken:]) - len(line[taken:].lstrip())


def _lead(found: list[Part], text: str, rules: Rules) -> list[Part]:
    """The body lines above the first part that ends the lead (a dateline, a photo credit)
    in the page's first lines, as the ``lead`` rule says."""
    lead = rules.lead
    if lead is None:
        return found
    ending = {r.why for r in rules.lines if r.ends_lead}
    lines = 0
    for index, part in enumerate(found):
        if part.rule in ending:
            index = _captioned(found, index, text)
            return [
                Part(p.start, p.end, lead.kind, lead.why) if p.kind == "body" else p
                for p in found[:index]
            ] + found[index:]
        if index == 0 or "\n" in text[found[index - 1].end : part.start]:
            lines += 1
        if lines > lead.first_lines:
            break
    return found


def _captioned(found: list[Part], index: int, text: str) -> int:
    """Where the lead ends, given the part that ends it at ``index``: after the words that
    follow a page's time stamp up to a picture's credit on the next line, which are the
    picture's caption ("…18.59 BST The rig burning in the Gulf.⏎Photograph: AP"). A
    dateline opens the story itself: the words after it are its lead."""
    words, credit = index + 1, index + 2
    if (
        found[index].kind == "timestamp"
        and credit < len(found)
        and found[words].kind == "body"
        and found[credit].kind == "caption"
        and text.count("\n", found[index].end, found[credit].start) <= 1
    ):
        return credit
    return index


def segment(
    text: str, rules: Rules, given: tuple[Part, ...] = (), repeated: Iterable[int] = ()
) -> list[Part]:
    """The parts of ``text`` other than body, runs of one kind and rule joined: the body is
    what they leave. ``given`` parts (known to the page's reader) are kept as they are;
    ``repeated`` are the hashes of lines the corpus repeats (``repeated.of_each``)."""
    parts: list[Part] = []
    for part in _lead(list(_classify(text, rules, given, frozenset(repeated))), text, rules):
        if part.kind == "body":
            continue
        last = parts[-1] if parts else None
        if (
            last is not None
            and (last.kind, _base(last.rule)) == (part.kind, _base(part.rule))
            and not text[last.end : part.start].strip()
        ):
            parts[-1] = Part(last.start, part.end, last.kind, last.rule)
        else:
            parts.append(part)
    return parts


def _base(rule: str) -> str:
    return rule.removeprefix("after ")


_FILED = re.compile(
    r"^(?P<place>[^|(]+?)\s*(?:,\s*[A-Z][\w.]*(?:\s\d{1,2})?)?\s*(?:\||\(|--|—|–|-|$)"
)


def filed_from(text: str, found: list[Part]) -> str | None:
    """The place the first dateline names ("HOUSTON/SEATTLE, April 30 (Reuters) -" is
    "HOUSTON/SEATTLE"), or None."""
    for part in found:
        if part.kind == "dateline":
            match = _FILED.match(text[part.start : part.end])
            if match and (place := " ".join(match.group("place").split())):
                return place
    return None


def holding(split: list[Sentence], found: list[Part]) -> list[tuple[Sentence, Part | None]]:
    """Each sentence with the part that holds its start, None where the body does (the
    parts are in order: found by halving)."""
    starts = [p.start for p in found]
    held: list[tuple[Sentence, Part | None]] = []
    for sentence in split:
        index = bisect.bisect_right(starts, sentence.start) - 1
        inside = index >= 0 and sentence.start < found[index].end
        held.append((sentence, found[index] if inside else None))
    return held


def of_kinds(
    split: list[Sentence], found: list[Part], kinds: frozenset[PartKind]
) -> list[Sentence]:
    """The sentences of parts of ``kinds`` (the body among them when "body" is)."""
    return [s for s, part in holding(split, found) if (part.kind if part else "body") in kinds]


def lines_by_kind(text: str, parts: list[Part]) -> Counter[PartKind]:
    """How many lines of each kind other than body ``parts`` hold."""
    counts: Counter[PartKind] = Counter()
    for part in parts:
        counts[part.kind] += sum(
            1 for line in text[part.start : part.end].split("\n") if line.strip()
        )
    return counts
