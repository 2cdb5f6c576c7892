"""Article pages in ``content/articles/``: written by extraction, read back by assembly.

The front matter carries everything extracted (dates, figures, places, each tied to a
sentence id); the body carries every sentence under a stable anchor (``#s12``).
"""

from __future__ import annotations

import html
import re
from dataclasses import MISSING, asdict, fields
from pathlib import Path

import jinja2
import yaml

from generator import __version__
from generator.model import Article, DateMention, Event, Figure, PlaceMention, Published, Sentence
from generator.site import urls
from generator.site.render import linker, render

_SENTENCE = re.compile(r'^<span class="sentence(?: cited)?" id="(s\d+)">(.*)</span>$', re.M)
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
            "generator": f"chronicle {__version__}",
        }
    )


def render_article(env: jinja2.Environment, article: Article, entries: list[Event]) -> str:
    """The article page; ``entries`` are the chronology entries its sentences support,
    whose anchors depend on this article alone."""
    page = urls.article_page(article.slug)
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    return render(
        env,
        "article.md.j2",
        meta=front_matter(article),
        link=linker(page),
        page=page,
        article=article,
        entries=sorted(entries, key=lambda e: (int(e.citations[0].sentence[1:]), e.background)),
        cited={e.citations[0].sentence for e in entries},
        paragraphs=[
            [(s.id, article.text[s.start : s.end]) for s in group]
            for _, group in sorted(paragraphs.items())
        ],
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
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _defaults(record: dict, kind: type) -> dict:
    """Restore the fields ``_clean`` left out of the front matter."""
    filled = {f.name: (None if f.default is MISSING else f.default) for f in fields(kind)}
    filled.update({k: v for k, v in record.items() if k in filled})
    return filled
