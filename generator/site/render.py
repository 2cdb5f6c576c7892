"""Jinja rendering of the Markdown pages, with escaping for untrusted article text.

Every value a template prints is escaped for Markdown and HTML unless it is already
``Markup``: article text can never become a link, markup, script or front matter.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import yaml
from markupsafe import Markup

from generator import timeml
from generator.chronology import happenings
from generator.model import Event
from generator.site import urls
from generator.text.timex.lexicon import MONTH_NAMES

HOW_PUBLISHED = {
    "marker": "from the date marker of the seed",
    "metadata": "from the seed's metadata file",
    "page": "from the page's own metadata",
    "inferred": "inferred from the text",
    "given": "as given",
    "unknown": "unknown",
}

# Front-matter keys written compactly, so that a page's data stays short to review.
FLOW_KEYS = ("sentences", "parts")

# Characters that start Markdown inline syntax in the extensions this site enables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def raw_html(value: object) -> Markup:
    """Text inside a raw HTML block, where Markdown is not processed: HTML escaping only."""
    text = " ".join(("" if value is None else str(value)).split())
    return Markup(html.escape(text, quote=False))


def exact_html(value: object) -> Markup:
    """A sentence inside a raw HTML block, every character kept: article pages are read
    back by offsets, so even a double space must survive."""
    escaped = html.escape("" if value is None else str(value), quote=False)
    return Markup(escaped.replace("\t", "&#9;"))  # Markdown would expand a tab to spaces


def attribute(value: object) -> Markup:
    """Text inside an HTML attribute's quotes: quotes escaped too, on one line."""
    text = " ".join(("" if value is None else str(value)).split())
    return Markup(html.escape(text, quote=True))


# Text that md() leaves as it is: no character to escape, single spaces between words.
_PLAIN = re.compile(r"(?:[^\s\\`*_\[\]{}|#<>&]+(?: [^\s\\`*_\[\]{}|#<>&]+)*)?")


def md(value: object) -> Markup:
    """Text for a Markdown page: HTML-escaped, inline syntax neutralized, on one line."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str | int) and _PLAIN.fullmatch(text := str(value)):
        return Markup(text)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", raw_html(value)))


def number(value: float | None) -> str:
    if value is None:
        return ""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def bounds(figure: object) -> str:
    """What a figure's bounds say in words: "exact", "at least 191", a range of two numbers."""
    value, low, high = (getattr(figure, k) for k in ("value", "min", "max"))
    if low == high == value:
        return "exact"
    if low is None and high is None:
        return "approximate"
    if high is None:
        return f"at least {number(low)}"
    if low is None:
        return f"at most {number(high)}"
    return f"{number(low)}–{number(high)}"


UNATTRIBUTED = "unattributed"
"""The source of a figure nobody is said to give, in the data (``attribution``)."""


def source(name: str) -> str:
    """Who gives a figure, as a reader reads it: a figure nobody is said to give says so."""
    return "no source given" if name == UNATTRIBUTED else name


def per(name: str) -> str:
    """Who gives a figure, after the figure: "per Gaza's health ministry"."""
    return source(name) if name == UNATTRIBUTED else f"per {name}"


def period(figure: object) -> str:
    """When a figure holds, in the text's words and as dates: "since Monday (10 May 2021)"."""
    words, start, end, scope = (
        getattr(figure, k) for k in ("period", "period_start", "period_end", "scope")
    )
    shown = words or ""
    if start and end and end != start:
        shown += f" ({timeml.label(start)} – {timeml.label(end)})"
    elif start:
        shown += f" ({timeml.label(start)})"
    if scope == "total":
        shown += ", running total" if shown else "running total"
    return shown


def page_title(value: object) -> Markup:
    """A front-matter title: quoted for YAML, and HTML-escaped because themes print it raw."""
    return Markup(
        json.dumps(html.escape(" ".join(str(value).split()), quote=False), ensure_ascii=False)
    )


def month_name(month: str | int) -> str:
    return MONTH_NAMES[int(month) - 1]


def external_link(url: str) -> Markup:
    """A link to the article online; anything but http(s) is shown as text, never linked."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return md(url)
    safe = quote(url.strip(), safe=":/?#&=%~+,;@!$*.-_")
    return Markup(f"[{md(parts.netloc)}](<{safe}>)")


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper when PyYAML has it: the same text as the Python one on every page
we compared, four times faster, and front matter was two thirds of extraction's time."""


def front_matter(data: dict) -> Markup:
    """YAML front matter written by the safe dumper, so no text can close or inject it."""
    flow = {k: data[k] for k in FLOW_KEYS if k in data}
    block = {k: v for k, v in data.items() if k not in FLOW_KEYS}
    dumped = yaml.dump(block, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)
    if flow:
        dumped += yaml.dump(
            flow, Dumper=DUMPER, default_flow_style=None, width=100, allow_unicode=True
        )
    return Markup(f"---\n{dumped}---\n")


DAY = happenings.PRECISION_ORDER["day"]
APPROXIMATE = {p for p, order in happenings.PRECISION_ORDER.items() if order < DAY}
"""The precisions coarser than a day: a week, a month, a season, a year…"""


def marks(event: Event) -> Markup:
    """How sure an entry's date is, marked and explained on hover wherever it is listed."""
    found = []
    if event.reported_only:
        found.append(
            (
                "reported",
                "The text gives no date for this; it was reported on this day.",
                "reported on this day",
            )
        )
    if event.precision in APPROXIMATE:
        found.append(("approx", f"The text gives only the {event.precision}.", event.precision))
    if event.status == "scheduled":
        found.append(
            (
                "scheduled",
                "Planned or expected when it was reported: the articles speak of it as ahead.",
                "scheduled",
            )
        )
    elif event.status == "background":
        found.append(
            (
                "background",
                "Recalled as context: it ended over a year before the articles that mention it.",
                "background",
            )
        )
    if event.background:
        found.append(
            (
                "passing",
                "Mentioned in passing by an article about something else; "
                "the date is the one its text gives.",
                "in passing",
            )
        )
    return Markup("").join(
        Markup(' <span class="{}" title="{}">{}</span>').format(kind, why, text)
        for kind, why, text in found
    )


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,
        finalize=md,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        html=raw_html,
        exact_html=exact_html,
        attribute=attribute,
        number=number,
        bounds=bounds,
        source=source,
        per=per,
        period=period,
        date_label=timeml.label,
        front_matter=front_matter,
        month_name=month_name,
        page_title=page_title,
    )
    env.globals |= {
        "external_link": external_link,
        "marks": marks,
        "how_published": HOW_PUBLISHED,
        "event_label": happenings.label,
        "urls": urls,
    }
    return env


# Characters that end or escape a Markdown link's title, or split a table's cell, in it.
_TITLE_SPECIAL = re.compile(r"[\\`*_\[\]{}|#()'\"]")


def link_title(value: object) -> Markup:
    """A link's title: every character that could close the title or the link, or be read
    as Markdown, as a decimal character reference (which Python-Markdown keeps as it is)."""
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return Markup(_TITLE_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", escaped))


def linker(page: str) -> Callable[..., Markup]:
    """Links from ``page`` to other generated pages (or to itself), as relative ``.md``
    paths, so that MkDocs checks each one."""

    def link(
        text: object, target: str, anchor: str | None = None, title: str | None = None
    ) -> Markup:
        href = urls.markdown_href(target, page)
        if anchor:
            href = f"{href}#{anchor}"
        title_part = f' "{link_title(title)}"' if title else ""
        return Markup(f"[{md(text)}]({href}{title_part})")

    return link


def render(env: jinja2.Environment, template: str, **context: object) -> str:
    """The page, with runs of blank lines the template leaves squeezed (but not in its
    front matter, whose text is data)."""
    text = env.get_template(template).render(**context)
    end = text.find("\n---\n", 4) + 5 if text.startswith("---\n") else 0
    return text[:end] + re.sub(r"\n{3,}", "\n\n", text[end:]).rstrip("\n") + "\n"
