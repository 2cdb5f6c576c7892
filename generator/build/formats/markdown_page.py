"""A Markdown seed (``.md``): its words, one block a line, and its front matter.

The ``markdown`` package (already what MkDocs renders with) parses the file; its element
tree is read for words only: headings, paragraphs, list items and quotes become lines,
links keep their text and lose their address, emphasis loses its marks, and images, code
blocks, fenced code, raw HTML and HTML comments are left out. Reading the tree and not
the text means no pattern of ours has to know Markdown's rules of nesting and escaping.
Front matter between ``---`` lines is read with the schema of a metadata file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from generator.build import schema
from generator.build.formats import FormatError, Found, lines
from generator.model import Metadata

BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "ol", "p",
     "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
"""Elements whose text is a line of its own."""
LEFT_OUT = frozenset({"pre", "hr", "img", "script", "style"})
"""Elements that hold no words of the article: code blocks, rules, images."""
_STASHED = re.compile(re.escape(markdown.util.STX) + r"wzxhzdk:\d+" + re.escape(markdown.util.ETX))
"""Where the parser set aside raw HTML, HTML comments and fenced code."""
_FRONT = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)


def read(text: str, allowed: schema.Allowed | None = None) -> Found:
    """The words of a Markdown file and its front matter; a ``FormatError`` naming the
    line for front matter the schema refuses."""
    page, body = front_matter(text, allowed)
    found = lines(list(_words(body)))
    return Found(found, page)


def front_matter(text: str, allowed: schema.Allowed | None) -> tuple[Metadata, str]:
    """The metadata of a leading ``---`` block, checked as a metadata file is, and the
    text after it."""
    if not text.startswith("---"):
        return Metadata(), text
    match = _FRONT.match(text)
    if not match:
        raise FormatError("starts with --- but no line --- closes its front matter")
    try:
        data, where = schema.parse(match[1] or "")
        page = schema.metadata(data, where, allowed)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""
        raise FormatError(f"front matter is not valid YAML{line}") from None
    except schema.SchemaError as error:
        line = f" (line {error.line + 1})" if error.line else ""
        raise FormatError(f"front matter: {error}{line}") from None
    if page.published and isinstance(data, dict):
        written = str(data["published"])
        page = replace(page, published_as=f'front matter published "{written}"')
    return page, text[match.end() :]


class _Words(Treeprocessor):
    """Keeps the parsed tree's words, once links, emphasis and escapes are resolved."""

    found: list[str]

    def run(self, root: ET.Element) -> None:
        self.found = list(_blocks(root))


def _words(body: str) -> Iterator[str]:
    parser = markdown.Markdown(extensions=["fenced_code"])
    words = _Words(parser)
    parser.treeprocessors.register(words, "chronicle-words", -10)  # after "unescape"
    parser.convert(body)
    for line in words.found:
        yield _STASHED.sub("", line)


def _blocks(element: ET.Element) -> Iterator[str]:
    """A line for each block's own words; the blocks inside it give lines of their own."""
    current = [element.text or ""]
    for child in element:
        if child.tag in BLOCKS:
            yield "".join(current)
            yield from _blocks(child)
            current = []
        elif child.tag not in LEFT_OUT:
            current.append(_inline(child))
        current.append(child.tail or "")
    yield "".join(current)


def _inline(element: ET.Element) -> str:
    """The words of an inline element: a link's text (an address written as its own
    text is left out with it), emphasis without its marks."""
    if element.tag in LEFT_OUT:
        return ""
    if element.tag == "a" and "".join(element.itertext()).strip() == element.get("href"):
        return ""
    inner = [element.text or ""]
    for child in element:
        inner += [_inline(child), child.tail or ""]
    return "".join(inner)
