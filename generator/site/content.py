"""Article pages in ``content/articles/``: written by extraction, read back by assembly.

The front matter carries everything extracted (dates, figures, places, each tied to a
sentence id); the body carries every sentence under a stable anchor (``#s12``).
"""

from __future__ import annotations

import html
import re
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path

import jinja2
import yaml

from generator import __version__
from generator.model import (
    Article,
    DateMention,
    Event,
    Figure,
    Part,
    PlaceMention,
    Published,
    Sentence,
)
from generator.site import urls
from generator.site.render import linker, render
from generator.text import parts

_SENTENCE = re.compile(r'^<span class="sentence[^"]*" id="(s\d+)"[^>]*>(.*)</span>$', re.M)
_PARAGRAPH = re.compile(r"^<p>$(.*?)^</p>$", re.M | re.S)


def _clean(record: dict) -> dict:
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def front_matter(article: Article) -> dict:
    published = {"value": article.published.value, "how": article.published.how}
    if article.published.evidence:
        published["evidence"] = article.published.evidence
    tags = sorted({html.escape(p.name, quote=False) for p in article.places})
    return _clean(
        {
            "title": html.escape(article.title, quote=False),
            "id": article.id,
            "slug": article.slug,
            "source": article.source,
            "sha256": article.sha256,
            "url": article.url,
            "publisher": article.publisher,
            "author": article.author,
            "published": published,
            "tags": tags,
            "sentences": [[s.start, s.end] for s in article.sentences],
            "dates": [_clean(asdict(d)) for d in article.dates],
            "figures": [_clean(asdict(f)) for f in article.figures],
            "places": [_clean(asdict(p)) for p in article.places],
            "warnings": article.warnings,
            "parts": [[p.start, p.end, p.kind, p.rule] for p in article.parts],
            "dateline": article.dateline,
            "generator": f"chronicle {__version__}",
        }
    )


@dataclass(frozen=True)
class Block:
    """Paragraphs of an article page in a row: the body, or a part left out, shown folded."""

    paragraphs: list[list[tuple[str, str, Part | None]]]
    """Each paragraph's sentences: id, text, and the part left out that holds it."""
    part: Part | None = None


def blocks(article: Article) -> list[Block]:
    """The page's paragraphs in text order, those wholly in one part left out together."""
    grouped: dict[int, list[tuple[Sentence, Part | None]]] = {}
    for sentence, part in parts.holding(article.sentences, article.parts):
        left_out = part if part and part.kind not in parts.USED else None
        grouped.setdefault(sentence.paragraph, []).append((sentence, left_out))
    found: list[Block] = []
    for _, group in sorted(grouped.items()):
        shown = [(s.id, article.text[s.start : s.end], part) for s, part in group]
        whole = shown[0][2] if all(p is shown[0][2] for _, _, p in shown) else None
        if found and found[-1].part is whole:
            found[-1].paragraphs.append(shown)
        else:
            found.append(Block([shown], whole))
    return found


def render_article(
    env: jinja2.Environment,
    article: Article,
    entries: list[Event],
    labels: dict[str, str],
    unmade: dict[int, str] | None = None,
) -> str:
    """The article page; ``entries`` are the chronology entries its sentences support,
    whose anchors depend on this article alone. ``labels`` name the kinds of part;
    ``unmade`` says why a date makes no entry, by its start."""
    page = urls.article_page(article.slug)
    left_out = parts.lines_by_kind(article.text, article.parts)
    return render(
        env,
        "article.md.j2",
        meta=front_matter(article),
        link=linker(page),
        page=page,
        article=article,
        entries=sorted(entries, key=lambda e: (int(e.citations[0].sentence[1:]), e.background)),
        cited={e.citations[0].sentence for e in entries},
        blocks=blocks(article),
        left_out=[(kind, left_out[kind], labels.get(kind, kind)) for kind in sorted(left_out)],
        unmade=unmade or {},
        labels=labels,
    )


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: pages are read back many at a time."""


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: no front matter")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ValueError(f"{path}: front matter is not closed")
    data = yaml.load(text[4 : end + 1], Loader=LOADER) or {}
    return data, text[end + 5 :]


def read_article(path: Path) -> Article:
    """An article page back into an Article, its text rebuilt at the original offsets."""
    data, body = split_front_matter(path.read_text("utf-8"), path)
    spans = data.get("sentences") or []
    texts: dict[str, str] = {}
    paragraph_of: dict[str, int] = {}
    for number, block in enumerate(_PARAGRAPH.findall(body), start=1):
        for sentence_id, escaped in _SENTENCE.findall(block):
            texts[sentence_id] = html.unescape(escaped)
            paragraph_of[sentence_id] = number
    size = max((end for _, end in spans), default=0)
    buffer = [" "] * size
    sentences = []
    for index, (start, end) in enumerate(spans, start=1):
        sentence_id = f"s{index}"
        sentence_text = texts.get(sentence_id, "")
        buffer[start : start + len(sentence_text)] = sentence_text
        sentences.append(Sentence(sentence_id, start, end, paragraph_of.get(sentence_id, 0)))
    published = data.get("published") or {}
    return Article(
        id=data["id"],
        slug=data["slug"],
        title=html.unescape(data["title"]),
        text="".join(buffer),
        source=data["source"],
        sha256=data["sha256"],
        published=Published(
            _text(published.get("value")),
            published.get("how", "unknown"),
            published.get("evidence", ""),
        ),
        url=data.get("url"),
        publisher=data.get("publisher"),
        author=data.get("author"),
        sentences=sentences,
        dates=[DateMention(**_defaults(d, DateMention)) for d in data.get("dates") or ()],
        figures=[Figure(**_defaults(f, Figure)) for f in data.get("figures") or ()],
        places=[PlaceMention(**_defaults(p, PlaceMention)) for p in data.get("places") or ()],
        warnings=list(data.get("warnings") or ()),
        parts=[
            Part(int(a), int(b), kind, str(rule)) for a, b, kind, rule in data.get("parts") or ()
        ],
        dateline=_text(data.get("dateline")),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _defaults(record: dict, kind: type) -> dict:
    """Restore the fields ``_clean`` left out of the front matter."""
    filled = {f.name: (None if f.default is MISSING else f.default) for f in fields(kind)}
    filled.update({k: v for k, v in record.items() if k in filled})
    return filled
