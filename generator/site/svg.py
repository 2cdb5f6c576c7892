"""The SVG primitives that charts and maps draw with: escaping, numbers, text metrics, links,
and one writer per element.

Every writer returns one element on one line and every group puts its children on lines of
their own, with no indentation and no blank line: the SVG is pasted into Markdown pages that
people review in diffs, and Python-Markdown ends a raw HTML block at a blank line and reads
four leading spaces as code.  Writers take numbers for coordinates and write them with
:func:`num`; other attributes come as ``attrs``, markup the caller has escaped, written after
the coordinates.  ``content`` None writes an element self-closed.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence

from generator.slugs import slugify

# Okabe-Ito without black (invisible on dark pages) and yellow (invisible on white pages),
# then Paul Tol's olive and a mid grey: mid-luminance colours that read on both backgrounds
# and stay distinct for the common kinds of colour blindness.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#999933",  # olive
    "#888888",  # grey
)

FONT_SIZE = 12
# Estimated advance of one character at FONT_SIZE (0.6 em, wide for a sans-serif font):
# labels are laid out with it so that they never overlap.
CHAR_WIDTH = 7.2
MIN_WIDTH, MIN_HEIGHT = 200, 100
END = "</svg>"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Point = tuple[float, float]


# --- text ----------------------------------------------------------------------------------


def clean(text: str) -> str:
    """One line of valid XML text: newlines could end a Markdown HTML block, so none remain."""
    return " ".join(_NOT_XML.sub("", text).split())


def _braces(markup: str) -> str:
    return markup.replace("{", "&#123;").replace("}", "&#125;")


def escape(text: str, *, braces: bool = False) -> str:
    """Untrusted ``text`` as markup; with ``braces`` those too, so that no template engine
    downstream ever reads ``{{ }}``."""
    markup = html.escape(clean(text), quote=True)
    return _braces(markup) if braces else markup


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def truncate(text: str, max_width: float) -> str:
    """``text`` cut with an ellipsis to fit ``max_width`` (the full text goes in a tooltip)."""
    chars = max(1, int(max_width // CHAR_WIDTH))
    return text if len(text) <= chars else text[: max(0, chars - 1)].rstrip() + "…"


def safe_href(href: str, *, braces: bool = False) -> str:
    """``href`` escaped if it is a relative link or an anchor; raises ValueError otherwise.

    The pages are published as they are, so a link may only stay on the site: anything with
    a scheme (``javascript:``, ``http:``, ``data:``), a host (``//``), an absolute path, a
    backslash or a control or space character (which browsers strip before looking for a
    scheme) is refused.  ``braces`` as in :func:`escape`.
    """
    if not href or href.startswith("/") or any(c <= " " or c in "\\\x7f" for c in href):
        raise ValueError(f"chart links must be relative links or #anchors, not {href!r}")
    if ":" in re.split(r"[/?#]", href, maxsplit=1)[0]:
        raise ValueError(f"chart links must not have a scheme: {href!r}")
    markup = html.escape(href, quote=True)
    return _braces(markup) if braces else markup


# --- numbers -------------------------------------------------------------------------------


def num(number: float) -> str:
    """Coordinates with one decimal, so output does not depend on float noise (and never
    reads "-0.0", which the same picture computed another way could give as "0.0")."""
    text = f"{number:.1f}"
    return "0.0" if text == "-0.0" else text


def _trim(text: str) -> str:
    """Drop trailing zeros of a fixed-decimal number, so "1.50" reads "1.5" and "2.00" "2"."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float) -> str:
    """A value in full with thousands separators ("49,617"), as shown in hover text."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return _trim(f"{value:,.3f}")


def format_tick(value: float) -> str:
    """An axis label: thousands separators, and "1.5M" style from one million up."""
    if abs(value) >= 1_000_000:
        return _trim(f"{value / 1_000_000:,.2f}") + "M"
    return format_value(value)


# --- the picture ---------------------------------------------------------------------------


def check_size(width: int, height: int) -> None:
    """Refuse pictures too small for their labels and margins."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"chart must be at least {MIN_WIDTH}x{MIN_HEIGHT}, not {width}x{height}")


def stable_id(prefix: str, title: str, key: bytes) -> str:
    """A readable slug of ``title`` plus a short hash of ``key``: the same picture always gets
    the same id, and two pictures on a page never share one."""
    digest = hashlib.sha256(key).hexdigest()[:8]
    slug = slugify(title, limit=40)
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def open_svg(
    ident: str, css_class: str, width: int, height: int, title: str, desc: str, *, linked: bool
) -> str:
    """Root element, then ``<title>`` and ``<desc>`` (markup) first, as assistive technology
    expects.  Scaled to the page's width, never beyond its own.  An image may not hold links:
    a ``linked`` picture is a named group."""
    role = "group" if linked else "img"
    return join(
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="{role}" aria-labelledby="{ident}-title {ident}-desc" '
            f'class="chronicle-chart {css_class}" style="display:block;width:100%;'
            f'max-width:{width}px;height:auto" font-size="{FONT_SIZE}">',
            f'<title id="{ident}-title">{title}</title>',
            f'<desc id="{ident}-desc">{desc}</desc>',
        )
    )


def clip_path(ident: str, width: int, height: int) -> str:
    """A clip path ``ident`` to the picture, for shapes drawn whole that reach beyond it."""
    return (
        f'<defs><clipPath id="{ident}"><rect width="{width}" height="{height}"/></clipPath></defs>'
    )


# --- elements ------------------------------------------------------------------------------


def join(parts: Iterable[str]) -> str:
    """Markup parts one a line; empty parts (a layer with nothing to draw) leave no line."""
    return "\n".join(part for part in parts if part)


def element(name: str, attrs: str, content: str | None = None) -> str:
    if content is None:
        return f"<{name} {attrs}/>"
    return f"<{name} {attrs}>{content}</{name}>"


def _attrs(cls: str, coords: str, attrs: str) -> str:
    return (f'class="{cls}" ' if cls else "") + coords + (f" {attrs}" if attrs else "")


def group(attrs: str, children: Iterable[str], *, hidden: bool = False) -> str:
    """A ``<g>`` of ``children``; ``hidden`` when the text alternative already says it all,
    so that screen readers do not read axis labels and names one by one."""
    opening = f'<g aria-hidden="true" {attrs}>' if hidden else f"<g {attrs}>"
    return join((opening, *children, "</g>"))


def link(href: str, child: str) -> str:
    """``child`` as a link for the mouse, out of the tab order: the table or list beside the
    picture carries the same links for the keyboard."""
    return join((f'<a href="{href}" tabindex="-1">', child, "</a>"))


def tooltip(markup: str) -> str:
    return f"<title>{markup}</title>"


def text(x: float, y: float, content: str, attrs: str = "", *, cls: str = "") -> str:
    return element("text", _attrs(cls, f'x="{num(x)}" y="{num(y)}"', attrs), content)


def line(x1: float, y1: float, x2: float, y2: float, attrs: str = "", *, cls: str = "") -> str:
    coords = f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
    return element("line", _attrs(cls, coords, attrs), None)


def circle(cx: float, cy: float, attrs: str, content: str | None = None, *, cls: str = "") -> str:
    return element("circle", _attrs(cls, f'cx="{num(cx)}" cy="{num(cy)}"', attrs), content)


def rect(x: float, y: float, width: float, height: float, content: str | None = None) -> str:
    coords = f'x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"'
    return element("rect", coords, content)


def points(coords: Iterable[Point]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in coords)


def polyline(coords: Iterable[Point], attrs: str) -> str:
    return element("polyline", f'points="{points(coords)}" {attrs}')


def rings_path(rings: Iterable[Sequence[Point]]) -> str:
    """Path data of closed rings (filled even-odd, so holes need no particular direction)."""
    return "".join("M" + points(ring) + "Z" for ring in rings)


def path(d: str, content: str | None = None) -> str:
    return element("path", f'd="{d}"', content)
