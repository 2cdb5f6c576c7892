"""Charts drawn at build time as inline SVG: no JavaScript, no network, only text.

Pure: functions take data and return a string.  Every string from the caller (titles, labels,
descriptions, links) is untrusted and escaped.  The same input always gives the same bytes.
The markup has one element per line, no indentation and no blank line, because it is pasted
into Markdown pages that people review in diffs: Python-Markdown ends a raw HTML block at a
blank line and reads four leading spaces as code.  Text and axes use ``currentColor`` so that a
chart follows the page's light or dark palette.

Embed a chart inside a block-level element such as ``<figure>``, with a blank line before and
after: Python-Markdown then passes the whole block through untouched.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
# Beyond len(PALETTE) series the colours repeat; the dash pattern keeps the series apart.
DASHES: tuple[str, ...] = ("", "6 3", "2 2", "8 3 2 3")

FONT_SIZE = 12
# Estimated advance of one character at FONT_SIZE (0.6 em, wide for a sans-serif font):
# labels are laid out with it so that they never overlap.
CHAR_WIDTH = 7.2
LABEL_GAP = 8.0
MIN_WIDTH, MIN_HEIGHT = 200, 100

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LEGEND_ROW = 18.0
_SWATCH = 22.0


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a label and (date, value) points in any order."""

    label: str
    points: tuple[tuple[datetime.date, float], ...]


# --- numbers -------------------------------------------------------------------------------


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


def _nice_scale(largest: float, integral: bool = False) -> tuple[float, int]:
    """The axis top (1, 2, 2.5 or 5 x 10^k, at least ``largest``) and its number of divisions.

    With ``integral`` the gridlines fall on whole numbers (half an event means nothing), which
    for small maxima gives fewer than four divisions.
    """
    if largest <= 0:
        return 1.0, 1 if integral else 5
    exponent = math.floor(math.log10(largest))
    for power in (exponent - 1, exponent, exponent + 1):
        for mantissa, divisions in ((1, 5), (2, 4), (2.5, 5), (5, 5)):
            top = mantissa * 10.0**power
            if top < largest:
                continue
            if integral:
                if top < 1 or not float(top).is_integer():
                    continue
                if not float(top / divisions).is_integer():
                    divisions = int(top)
            return top, divisions
    raise AssertionError("unreachable: 10^(exponent + 1) exceeds largest")  # pragma: no cover


def nice_max(largest: float) -> float:
    """The top of a y axis: the smallest of 1, 2, 2.5 or 5 x 10^k that is at least ``largest``."""
    return _nice_scale(largest)[0]


# --- text and layout -----------------------------------------------------------------------


def _clean(text: str) -> str:
    """One line of valid XML text: newlines could end a Markdown HTML block, so none remain."""
    return " ".join(_NOT_XML.sub("", text).split())


def _esc(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _f(number: float) -> str:
    """Coordinates with one decimal, so output does not depend on float noise."""
    text = f"{number:.1f}"
    return "0.0" if text == "-0.0" else text


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _truncate(text: str, max_width: float) -> str:
    """``text`` cut with an ellipsis to fit ``max_width`` (the full text goes in a tooltip)."""
    chars = max(1, int(max_width // CHAR_WIDTH))
    return text if len(text) <= chars else text[: max(0, chars - 1)].rstrip() + "…"


def _clamp(center: float, width: float, total: float) -> float:
    """Move a centred label inside ``[0, total]``."""
    return min(max(center, width / 2 + 1), total - width / 2 - 1)


def _fits(centers: Sequence[float], widths: Sequence[float]) -> bool:
    """Whether centred labels at increasing ``centers`` keep at least LABEL_GAP apart."""
    return all(
        centers[i + 1] - widths[i + 1] / 2 >= centers[i] + widths[i] / 2 + LABEL_GAP
        for i in range(len(centers) - 1)
    )


def _chart_id(kind: str, title: str, description: str) -> str:
    """A stable id: readable slug plus a short hash, so two charts on a page never collide."""
    digest = hashlib.sha256(f"{kind}\0{title}\0{description}".encode()).hexdigest()[:8]
    slug = slugify(title, limit=40)
    return f"chart-{slug}-{digest}" if slug else f"chart-{digest}"


def _check_size(width: int, height: int) -> None:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"chart must be at least {MIN_WIDTH}x{MIN_HEIGHT}, not {width}x{height}")


def _check_value(label: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{label!r}: values must be finite and not negative, not {value!r}")


def _open(
    kind: str, title: str, description: str, auto: str, width: int, height: int,
    linked: bool = False,
) -> list[str]:  # fmt: skip
    """Root element, then ``<title>`` and ``<desc>`` first, as assistive technology expects.
    An image may not hold links: a chart that does is a named group."""
    chart_id = _chart_id(kind, title, description)
    role = "group" if linked else "img"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chronicle-chart '
        f'chronicle-{kind}-chart" style="display:block;width:100%;max-width:{width}px;'
        f'height:auto" font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(description or auto)}</desc>',
    ]


def _y_axis(
    top: float, divisions: int, left: float, right: float, y_of: Callable[[float], float]
) -> list[str]:
    """Horizontal gridlines with their labels, the baseline drawn stronger."""
    ticks = [top * i / divisions for i in range(divisions + 1)]
    lines = ['<g aria-hidden="true" class="grid" stroke="currentColor" stroke-opacity="0.15">']
    lines += [
        f'<line x1="{_f(left)}" y1="{_f(y_of(t))}" x2="{_f(right)}" y2="{_f(y_of(t))}"/>'
        for t in ticks[1:]
    ]
    lines.append("</g>")
    lines.append(
        f'<line class="baseline" x1="{_f(left)}" y1="{_f(y_of(0))}" x2="{_f(right)}" '
        f'y2="{_f(y_of(0))}" stroke="currentColor" stroke-opacity="0.6"/>'
    )
    lines.append('<g aria-hidden="true" class="y-axis" fill="currentColor" text-anchor="end">')
    lines += [
        f'<text x="{_f(left - 6)}" y="{_f(y_of(t) + 4)}">{format_tick(t)}</text>' for t in ticks
    ]
    lines.append("</g>")
    return lines


def _left_margin(top: float, divisions: int) -> float:
    labels = [format_tick(top * i / divisions) for i in range(divisions + 1)]
    return max(_text_width(label) for label in labels) + 14


# --- dates ---------------------------------------------------------------------------------


def short_date(day: datetime.date, unit: str) -> str:
    """Locale-independent labels: "7 Oct 2023", "Oct 2023" or "2023"."""
    if unit == "day":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if unit == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


_TICK_STEPS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1), ("day", 2, 2), ("day", 7, 7), ("day", 14, 14),
    ("month", 1, 30.4), ("month", 2, 61), ("month", 3, 91), ("month", 6, 183),
    ("year", 1, 365.25), ("year", 2, 730.5), ("year", 5, 1826), ("year", 10, 3652),
    ("year", 20, 7305), ("year", 50, 18262), ("year", 100, 36525), ("year", 250, 91312),
    ("year", 500, 182625), ("year", 1000, 365250), ("year", 2500, 913125),
)  # fmt: skip


def _ticks_at(unit: str, step: int, start: int, end: int) -> list[datetime.date]:
    """Dates in ``[start, end]`` (ordinals) on round boundaries of ``step`` units."""
    first, last = datetime.date.fromordinal(start), datetime.date.fromordinal(end)
    if unit == "day":
        # Weekly steps fall on Mondays (ordinal 1 is a Monday).
        offset = 1 if step % 7 == 0 else 0
        return [
            datetime.date.fromordinal(o) for o in range(start, end + 1) if (o - offset) % step == 0
        ]
    if unit == "month":
        found = []
        for index in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
            year, month = divmod(index, 12)
            day = datetime.date(year, month + 1, 1)
            if month % step == 0 and start <= day.toordinal() <= end:
                found.append(day)
        return found
    return [
        datetime.date(year, 1, 1)
        for year in range(first.year, last.year + 1)
        if year % step == 0 and start <= datetime.date(year, 1, 1).toordinal() <= end
    ]


def _date_ticks(
    start: int, end: int, x_of: Callable[[float], float], width: int, plot_width: float
) -> list[tuple[float, float, str]]:
    """(tick x, label x, label) for the finest step whose labels fit without overlapping."""
    cap = max(2, int(plot_width // 60))
    fallback: list[tuple[float, float, str]] = []
    for unit, step, days in _TICK_STEPS:
        if (end - start) / days > cap + 1:
            continue
        days_at = _ticks_at(unit, step, start, end)
        if not days_at or len(days_at) > cap:
            continue
        labels = [short_date(day, unit) for day in days_at]
        widths = [_text_width(label) for label in labels]
        xs = [x_of(day.toordinal()) for day in days_at]
        centers = [_clamp(x, w, width) for x, w in zip(xs, widths, strict=True)]
        if not _fits(centers, widths):
            continue
        ticks = list(zip(xs, centers, labels, strict=True))
        if len(ticks) >= 2:
            return ticks
        fallback = fallback or ticks
    return fallback


# --- line chart ----------------------------------------------------------------------------


def _legend(labels: Sequence[str], width: int, top: float) -> tuple[list[list[str]], float]:
    """Legend items flowed into rows below the plot; returns the items' markup and height."""
    x0, x, row = 8.0, 8.0, 0
    items: list[list[str]] = []
    for index, label in enumerate(labels):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index // len(PALETTE) % len(DASHES)]
        full = _clean(label)
        shown = _truncate(full, width - 2 * x0 - _SWATCH - 6)
        item_width = _SWATCH + 6 + _text_width(shown) + 16
        if x > x0 and x + item_width > width - x0:
            x, row = x0, row + 1
        y = top + row * _LEGEND_ROW + _LEGEND_ROW / 2
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        tooltip = f"<title>{html.escape(full, quote=True)}</title>" if shown != full else ""
        items.append(
            [
                f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + _SWATCH)}" y2="{_f(y)}" '
                f'stroke="{colour}" stroke-width="2"{dash_attr}/>',
                f'<circle cx="{_f(x + _SWATCH / 2)}" cy="{_f(y)}" r="3" fill="{colour}"/>',
                f'<text x="{_f(x + _SWATCH + 6)}" y="{_f(y + 4)}">{tooltip}'
                f"{html.escape(shown, quote=True)}</text>",
            ]
        )
        x += item_width
    return items, (row + 1) * _LEGEND_ROW + 6


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 300,
) -> str:
    """Running totals over time: one line per series on a shared time axis, legend below.

    ``height`` is that of the plot with its axes; the legend adds to it.  A series of one
    point is drawn as a dot.  Empty or all-empty ``series`` give "" (no chart to show).
    """
    _check_size(width, height)
    drawn = [(s.label, sorted(s.points, key=lambda p: (p[0], p[1]))) for s in series if s.points]
    if not drawn:
        return ""
    for label, points in drawn:
        for _, value in points:
            _check_value(label, value)
    all_dates = [day for _, points in drawn for day, _ in points]
    values = [value for _, points in drawn for _, value in points]
    first, last = min(all_dates), max(all_dates)
    span = (last - first).days
    pad = max(1, math.ceil(span * 0.03)) if span else 3
    start = max(1, first.toordinal() - pad)
    end = min(datetime.date.max.toordinal(), last.toordinal() + pad)

    top, divisions = _nice_scale(max(values), all(float(v).is_integer() for v in values))
    left, right = _left_margin(top, divisions), width - 24.0
    plot_top, plot_bottom = 12.0, height - 30.0

    def x_of(ordinal: float) -> float:
        return left + (ordinal - start) / (end - start) * (right - left)

    def y_of(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    legend, legend_height = _legend([label for label, _ in drawn], width, height)
    latest = "; ".join(
        f"{_clean(label)}: {format_value(points[-1][1])} on {points[-1][0].isoformat()}"
        for label, points in drawn
    )
    auto = (
        f"Line chart of {len(drawn)} series from {first.isoformat()} to {last.isoformat()}. "
        f"Latest values: {latest}."
    )
    lines = _open("line", title, description, auto, width, math.ceil(height + legend_height))
    lines += _y_axis(top, divisions, left, right, y_of)

    ticks = _date_ticks(start, end, x_of, width, right - left)
    lines.append(
        '<g aria-hidden="true" class="x-ticks" stroke="currentColor" stroke-opacity="0.6">'
    )
    lines += [
        f'<line x1="{_f(x)}" y1="{_f(plot_bottom)}" x2="{_f(x)}" y2="{_f(plot_bottom + 4)}"/>'
        for x, _, _ in ticks
    ]
    lines.append("</g>")
    lines.append('<g aria-hidden="true" class="x-axis" fill="currentColor" text-anchor="middle">')
    lines += [
        f'<text x="{_f(center)}" y="{_f(plot_bottom + 18)}">{label}</text>'
        for _, center, label in ticks
    ]
    lines.append("</g>")

    for index, (label, points) in enumerate(drawn):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index // len(PALETTE) % len(DASHES)]
        name = html.escape(_clean(label), quote=True)
        lines.append(f'<g class="series" data-series="{index}">')
        if len(points) > 1:
            coords = " ".join(f"{_f(x_of(d.toordinal()))},{_f(y_of(v))}" for d, v in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            lines.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-linejoin="round"{dash_attr}/>'
            )
        lines += [
            f'<circle cx="{_f(x_of(d.toordinal()))}" cy="{_f(y_of(v))}" r="3" fill="{colour}">'
            f"<title>{name}: {format_value(v)} on {d.isoformat()}</title></circle>"
            for d, v in points
        ]
        lines.append("</g>")

    lines.append('<g class="legend" fill="currentColor">')
    lines += [line for item in legend for line in item]
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)


# --- bar chart -----------------------------------------------------------------------------


def _safe_href(href: str) -> str:
    """``href`` if it is a relative link or an anchor; raises ValueError otherwise.

    Anything with a scheme (``javascript:``, ``http:``, ``data:``), a host (``//``), an
    absolute path, a backslash or a control or space character (which browsers strip before
    looking for a scheme) is refused.
    """
    if not href or href.startswith("/") or any(c <= " " or c in "\\\x7f" for c in href):
        raise ValueError(f"chart links must be relative links or #anchors, not {href!r}")
    if ":" in re.split(r"[/?#]", href, maxsplit=1)[0]:
        raise ValueError(f"chart links must not have a scheme: {href!r}")
    return html.escape(href, quote=True)


def _thin(centers: Sequence[float], widths: Sequence[float]) -> list[int]:
    """Indices of labels to show: every k-th for the smallest k that avoids overlaps, always
    with the first and the last."""
    count = len(centers)
    for k in range(1, count + 1):
        shown = list(range(0, count, k))
        if shown[-1] != count - 1:
            shown.append(count - 1)
        while len(shown) > 2 and not _fits(
            [centers[i] for i in shown[-2:]], [widths[i] for i in shown[-2:]]
        ):
            del shown[-2]
        if _fits([centers[i] for i in shown], [widths[i] for i in shown]):
            return shown
    return [0]


def _bar_labels(
    labels: Sequence[str], left: float, slot: float, width: int
) -> tuple[list[str], list[float], list[int]]:
    """Labels (cut if too long for the first and last to fit), their centres, those shown."""
    max_width = float(width) - 2
    while True:
        shown = [_truncate(label, max_width) for label in labels]
        widths = [_text_width(label) for label in shown]
        centers = [_clamp(left + (i + 0.5) * slot, w, width) for i, w in enumerate(widths)]
        visible = _thin(centers, widths)
        if visible[-1] == len(labels) - 1 or max_width <= 2 * CHAR_WIDTH:
            return shown, centers, visible
        max_width -= CHAR_WIDTH


def bar_chart(
    bars: Sequence[tuple[str, int]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 220,
    links: Sequence[str | None] | None = None,
) -> str:
    """Counts as vertical bars in the given order (e.g. events per month), labels thinned.

    ``links[i]``, when not None, makes bar ``i`` a link; only relative links and ``#anchors``
    are accepted (ValueError otherwise).  Empty ``bars`` give "".
    """
    _check_size(width, height)
    if links is not None and len(links) != len(bars):
        raise ValueError(f"{len(links)} links for {len(bars)} bars")
    hrefs = [None if link is None else _safe_href(link) for link in links or [None] * len(bars)]
    if not bars:
        return ""
    for label, count in bars:
        _check_value(label, count)
    labels = [_clean(label) for label, _ in bars]
    counts = [count for _, count in bars]

    top, divisions = _nice_scale(max(counts), all(float(c).is_integer() for c in counts))
    left, right = _left_margin(top, divisions), width - 12.0
    plot_top, plot_bottom = 12.0, height - 30.0
    slot = (right - left) / len(bars)

    def y_of(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    highest = max(range(len(bars)), key=lambda i: (counts[i], -i))
    auto = (
        f"Bar chart of {len(bars)} bars from {labels[0]} to {labels[-1]}; highest: "
        f"{labels[highest]} ({format_value(counts[highest])})."
    )
    lines = _open("bar", title, description, auto, width, height, any(hrefs))
    lines += _y_axis(top, divisions, left, right, y_of)

    lines.append(f'<g class="bars" fill="{PALETTE[0]}">')
    bar_width = slot * 0.8
    for index, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x, y = left + index * slot + (slot - bar_width) / 2, y_of(count)
        rect = (
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(bar_width)}" '
            f'height="{_f(plot_bottom - y)}"><title>{html.escape(label, quote=True)}: '
            f"{format_value(count)}</title></rect>"
        )
        if hrefs[index] is None:
            lines.append(rect)
        else:
            # For the mouse: the table or list beside the chart carries the same links.
            lines += [f'<a href="{hrefs[index]}" tabindex="-1">', rect, "</a>"]
    lines.append("</g>")

    shown, centers, visible = _bar_labels(labels, left, slot, width)
    lines.append('<g aria-hidden="true" class="x-axis" fill="currentColor" text-anchor="middle">')
    lines += [
        f'<text x="{_f(centers[i])}" y="{_f(plot_bottom + 18)}">'
        f"{html.escape(shown[i], quote=True)}</text>"
        for i in visible
    ]
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)
