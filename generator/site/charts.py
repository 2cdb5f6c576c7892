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
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.site import svg
from generator.site.svg import CHAR_WIDTH, PALETTE, format_tick, format_value
from generator.text.timex.lexicon import MONTH_NAMES

# Beyond len(PALETTE) series the colours repeat; the dash pattern keeps the series apart.
DASHES: tuple[str, ...] = ("", "6 3", "2 2", "8 3 2 3")

LABEL_GAP = 8.0

_LEGEND_ROW = 18.0
_SWATCH = 22.0


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a label and (date, value) points in any order."""

    label: str
    points: tuple[tuple[datetime.date, float], ...]


# --- numbers -------------------------------------------------------------------------------


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


def _clamp(center: float, width: float, total: float) -> float:
    """Move a centred label inside ``[0, total]``."""
    return min(max(center, width / 2 + 1), total - width / 2 - 1)


def _fits(centers: Sequence[float], widths: Sequence[float]) -> bool:
    """Whether centred labels at increasing ``centers`` keep at least LABEL_GAP apart."""
    return all(
        centers[i + 1] - widths[i + 1] / 2 >= centers[i] + widths[i] / 2 + LABEL_GAP
        for i in range(len(centers) - 1)
    )


def _check_value(label: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{label!r}: values must be finite and not negative, not {value!r}")


def _open(
    kind: str,
    title: str,
    description: str,
    auto: str,
    width: int,
    height: int,
    linked: bool = False,
) -> str:
    """The root element with its title and description; ``auto`` describes the data when the
    caller gives no description.  The id is stable, so two charts on a page never collide."""
    chart_id = svg.stable_id("chart", title, f"{kind}\0{title}\0{description}".encode())
    return svg.open_svg(
        chart_id,
        f"chronicle-{kind}-chart",
        width,
        height,
        svg.escape(title),
        svg.escape(description or auto),
        linked=linked,
    )


def _y_axis(
    top: float, divisions: int, left: float, right: float, y_of: Callable[[float], float]
) -> str:
    """Horizontal gridlines with their labels, the baseline drawn stronger."""
    ticks = [top * i / divisions for i in range(divisions + 1)]
    grid = svg.group(
        'class="grid" stroke="currentColor" stroke-opacity="0.15"',
        (svg.line(left, y_of(t), right, y_of(t)) for t in ticks[1:]),
        hidden=True,
    )
    baseline = svg.line(
        left,
        y_of(0),
        right,
        y_of(0),
        'stroke="currentColor" stroke-opacity="0.6"',
        cls="baseline",
    )
    labels = svg.group(
        'class="y-axis" fill="currentColor" text-anchor="end"',
        (svg.text(left - 6, y_of(t) + 4, format_tick(t)) for t in ticks),
        hidden=True,
    )
    return svg.join((grid, baseline, labels))


def _left_margin(top: float, divisions: int) -> float:
    labels = [format_tick(top * i / divisions) for i in range(divisions + 1)]
    return max(svg.text_width(label) for label in labels) + 14


# --- dates ---------------------------------------------------------------------------------


def short_date(day: datetime.date, unit: str) -> str:
    """Locale-independent labels: "7 Oct 2023", "Oct 2023" or "2023"."""
    if unit == "day":
        return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"
    if unit == "month":
        return f"{MONTH_NAMES[day.month - 1][:3]} {day.year}"
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
        widths = [svg.text_width(label) for label in labels]
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


def _style(index: int) -> tuple[str, str]:
    """The colour of series ``index`` and its dash attribute ("" for a solid line)."""
    colour, dash = PALETTE[index % len(PALETTE)], DASHES[index // len(PALETTE) % len(DASHES)]
    return colour, f' stroke-dasharray="{dash}"' if dash else ""


def _legend(labels: Sequence[str], width: int, top: float) -> tuple[str, float]:
    """Legend items flowed into rows below the plot; returns the legend and its height."""
    x0, x, row = 8.0, 8.0, 0
    items: list[str] = []
    for index, label in enumerate(labels):
        colour, dash = _style(index)
        full = svg.clean(label)
        shown = svg.truncate(full, width - 2 * x0 - _SWATCH - 6)
        item_width = _SWATCH + 6 + svg.text_width(shown) + 16
        if x > x0 and x + item_width > width - x0:
            x, row = x0, row + 1
        y = top + row * _LEGEND_ROW + _LEGEND_ROW / 2
        tooltip = svg.tooltip(svg.escape(full)) if shown != full else ""
        items += [
            svg.line(x, y, x + _SWATCH, y, f'stroke="{colour}" stroke-width="2"{dash}'),
            svg.circle(x + _SWATCH / 2, y, f'r="3" fill="{colour}"'),
            svg.text(x + _SWATCH + 6, y + 4, tooltip + svg.escape(shown)),
        ]
        x += item_width
    legend = svg.group('class="legend" fill="currentColor"', items)
    return legend, (row + 1) * _LEGEND_ROW + 6


def _time_axis(days: Sequence[datetime.date]) -> tuple[int, int]:
    """The ordinals of the axis ends: the dates padded by 3% of their span each side (by 3
    days around a single day), so that no point sits on the frame."""
    first, last = min(days), max(days)
    span = (last - first).days
    pad = max(1, math.ceil(span * 0.03)) if span else 3
    return max(1, first.toordinal() - pad), min(
        datetime.date.max.toordinal(), last.toordinal() + pad
    )


def _x_axis(ticks: Sequence[tuple[float, float, str]], plot_bottom: float) -> str:
    marks = svg.group(
        'class="x-ticks" stroke="currentColor" stroke-opacity="0.6"',
        (svg.line(x, plot_bottom, x, plot_bottom + 4) for x, _, _ in ticks),
        hidden=True,
    )
    labels = svg.group(
        'class="x-axis" fill="currentColor" text-anchor="middle"',
        (svg.text(center, plot_bottom + 18, label) for _, center, label in ticks),
        hidden=True,
    )
    return svg.join((marks, labels))


def _series(
    index: int,
    label: str,
    points: Sequence[tuple[datetime.date, float]],
    x_of: Callable[[float], float],
    y_of: Callable[[float], float],
) -> str:
    """One series: its line (none for a single point) and a dot per point with hover text."""
    colour, dash = _style(index)
    name = svg.escape(label)
    at = [(x_of(day.toordinal()), y_of(value)) for day, value in points]
    style = f'fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"{dash}'
    line = svg.polyline(at, style) if len(points) > 1 else ""
    dots = (
        svg.circle(x, y, f'r="3" fill="{colour}"', svg.tooltip(f"{name}: {format_value(v)} on {d}"))
        for (x, y), (d, v) in zip(at, points, strict=True)
    )
    return svg.group(f'class="series" data-series="{index}"', (line, *dots))


def _line_description(drawn: Sequence[tuple[str, Sequence[tuple[datetime.date, float]]]]) -> str:
    days = [day for _, points in drawn for day, _ in points]
    latest = "; ".join(
        f"{svg.clean(label)}: {format_value(points[-1][1])} on {points[-1][0].isoformat()}"
        for label, points in drawn
    )
    return (
        f"Line chart of {len(drawn)} series from {min(days).isoformat()} to "
        f"{max(days).isoformat()}. Latest values: {latest}."
    )


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
    svg.check_size(width, height)
    drawn = [(s.label, sorted(s.points, key=lambda p: (p[0], p[1]))) for s in series if s.points]
    if not drawn:
        return ""
    for label, points in drawn:
        for _, value in points:
            _check_value(label, value)
    values = [value for _, points in drawn for _, value in points]
    start, end = _time_axis([day for _, points in drawn for day, _ in points])
    top, divisions = _nice_scale(max(values), all(float(v).is_integer() for v in values))
    left, right = _left_margin(top, divisions), width - 24.0
    plot_top, plot_bottom = 12.0, height - 30.0

    def x_of(ordinal: float) -> float:
        return left + (ordinal - start) / (end - start) * (right - left)

    def y_of(value: float) -> float:
        return plot_bottom - value / top * (plot_bottom - plot_top)

    legend, legend_height = _legend([label for label, _ in drawn], width, height)
    total_height = math.ceil(height + legend_height)
    return svg.join(
        (
            _open("line", title, description, _line_description(drawn), width, total_height),
            _y_axis(top, divisions, left, right, y_of),
            _x_axis(_date_ticks(start, end, x_of, width, right - left), plot_bottom),
            *(_series(i, label, points, x_of, y_of) for i, (label, points) in enumerate(drawn)),
            legend,
            svg.END,
        )
    )


# --- bar chart -----------------------------------------------------------------------------


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
        shown = [svg.truncate(label, max_width) for label in labels]
        widths = [svg.text_width(label) for label in shown]
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
    svg.check_size(width, height)
    if links is not None and len(links) != len(bars):
        raise ValueError(f"{len(links)} links for {len(bars)} bars")
    hrefs = [None if link is None else svg.safe_href(link) for link in links or [None] * len(bars)]
    if not bars:
        return ""
    for label, count in bars:
        _check_value(label, count)
    labels = [svg.clean(label) for label, _ in bars]
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
    drawn = []
    bar_width = slot * 0.8
    for index, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x, y = left + index * slot + (slot - bar_width) / 2, y_of(count)
        tooltip = svg.tooltip(f"{svg.escape(label)}: {format_value(count)}")
        rect = svg.rect(x, y, bar_width, plot_bottom - y, tooltip)
        href = hrefs[index]
        drawn.append(rect if href is None else svg.link(href, rect))
    shown, centers, visible = _bar_labels(labels, left, slot, width)
    return svg.join(
        (
            _open("bar", title, description, auto, width, height, any(hrefs)),
            _y_axis(top, divisions, left, right, y_of),
            svg.group(f'class="bars" fill="{PALETTE[0]}"', drawn),
            svg.group(
                'class="x-axis" fill="currentColor" text-anchor="middle"',
                (svg.text(centers[i], plot_bottom + 18, svg.escape(shown[i])) for i in visible),
                hidden=True,
            ),
            svg.END,
        )
    )
