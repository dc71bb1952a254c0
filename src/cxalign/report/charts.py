"""Vector charts for the report, made with pygal and embedded as ``data:`` URIs.

Every function takes plain numbers and already-translated labels, so the charts
know nothing of the analysis. pygal is imported inside the functions only.
"""

from __future__ import annotations

import base64
import re
import textwrap
from collections.abc import Callable, Sequence

#: The report's palette (kept in step with the CSS variables of report.css).
INK = "#1f2a37"
MUTED = "#6b7280"
GRID = "#d1d5db"
CURRENT = "#1d4e89"
TARGET = "#d97706"
SPREAD = "#7b8794"
SERIES = ("#1d4e89", "#d97706", "#2a9d8f", "#b5476b", "#7c6fb0", "#8d6e3f", "#5b8c2a", "#c0504d", "#4f81bd", "#9e9e9e")
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def _style(colours: Sequence[str], opacity: str = ".18", value_colours: Sequence[str] = (), font_size: int = 11):
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="transparent",
        foreground=INK,
        foreground_strong=INK,
        foreground_subtle=GRID,
        opacity=opacity,
        opacity_hover=opacity,
        colors=tuple(colours),
        value_colors=tuple(value_colours),
        font_family=FONT,
        label_font_family=FONT,
        major_label_font_family=FONT,
        legend_font_family=FONT,
        value_font_family=FONT,
        title_font_family=FONT,
        label_font_size=font_size,
        major_label_font_size=font_size,
        legend_font_size=11,
        value_font_size=10,
        title_font_size=13,
        guide_stroke_color=GRID,
        major_guide_stroke_color=GRID,
        guide_stroke_dasharray="2,3",
        major_guide_stroke_dasharray="2,3",
    )


def _config(**options):
    base = dict(
        disable_xml_declaration=False,
        js=(),
        pretty_print=False,
        show_x_guides=False,
        print_values=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=None,
        truncate_legend=-1,
        truncate_label=-1,
        margin=8,
        spacing=10,
        no_data_text="",
    )
    base.update(options)
    return base


def data_uri(svg: bytes | str) -> str:
    raw = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(raw).decode("ascii")


def radar(
    axes: Sequence[str],
    current: Sequence[float | None],
    target: Sequence[float | None],
    low: Sequence[float | None],
    high: Sequence[float | None],
    *,
    labels: dict[str, str],
    scale: tuple[int, int] = (1, 5),
    fmt: Callable[[float], str] = str,
) -> str:
    """Maturity radar: current (filled), target (line) and the spread (min and max, thin grey).

    The legend is left to the caller (an HTML legend wraps long labels better than SVG).
    """
    import pygal

    height, margin = 600, 8
    wrapped = [textwrap.wrap(axis, 22) or [axis] for axis in axes]

    def render(width: float, left: float) -> str:
        chart = pygal.Radar(
            **_config(
                width=width, height=height, range=scale, fill=False, show_legend=False, dots_size=3,
                value_formatter=fmt, y_labels=list(range(scale[0], scale[1] + 1)), inner_radius=0,
                x_label_rotation=0.001, margin=margin, margin_left=left,
                margin_top=margin + 16 * (len(wrapped[0]) - 1) if wrapped else margin,
            ),
            style=_style((SPREAD, SPREAD, TARGET, CURRENT), font_size=13),
        )
        # pygal sizes its margin on the labels it is given: give it the longest line of each.
        chart.x_labels = [max(lines, key=len) for lines in wrapped]
        chart.add(labels["min"], list(low), show_dots=False, stroke_style={"width": 1.2})
        chart.add(labels["max"], list(high), show_dots=False, stroke_style={"width": 1.2})
        chart.add(labels["target"], list(target), stroke_style={"width": 2.5})
        chart.add(labels["current"], list(current), fill=True, stroke_style={"width": 3})
        return chart.render().decode("utf-8")

    svg = render(height, margin)
    # pygal keeps room for the widest horizontal label on the right only; the labels on the
    # left need the same room once written outward: add it there and keep the web centred.
    first = _GUIDE.search(svg)
    if first is not None:
        reserved = height - 2 * float(first.group(1)) - 2 * margin
        if reserved > 0:
            svg = render(height + reserved, margin + reserved)
    return data_uri(_axis_labels(svg, wrapped))


_GUIDE = re.compile(
    r'<path d="M([\d.]+) ([\d.]+) L([\d.]+) ([\d.]+)" class="line" />'
    r'<text x="([\d.]+)" y="([\d.]+)"([^>]*)>[^<]*</text>'
)


def _axis_labels(svg: str, wrapped: Sequence[Sequence[str]]) -> str:
    """Write each radar axis label outward from its axis (right-aligned on the left side,
    left-aligned on the right side), on as many lines as it was wrapped to."""
    from xml.sax.saxutils import escape

    labels = iter(wrapped)

    def label(match: re.Match) -> str:
        cx, cy, _, ey, x, y, rest = match.groups()
        cx, cy, ey, xf = float(cx), float(cy), float(ey), float(x)
        lines = next(labels, [""])
        side = "end" if xf < cx - 1 else "start" if xf > cx + 1 else "middle"
        if side == "middle":
            first = -(len(lines) - 1) * 1.15 if float(ey) < cy else 0.0
        else:
            first = -(len(lines) - 1) * 1.15 / 2
        spans = "".join(
            f'<tspan x="{x}" dy="{first if i == 0 else 1.15:.3f}em">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        head = match.group(0)[: match.group(0).index("<text ")]
        return f'{head}<text x="{x}" y="{y}" style="text-anchor:{side}"{rest}>{spans}</text>'

    return _GUIDE.sub(label, svg)


def allocation_by_person(
    people: Sequence[str],
    options: Sequence[str],
    points: Sequence[Sequence[float | None]],
    *,
    total: int,
    fmt: Callable[[float], str] = str,
) -> str:
    """One horizontal stacked bar per person, one segment per option (``points[option][person]``).

    Segment colours follow :data:`SERIES` in option order; the caller prints the legend.
    """
    import pygal

    height = max(160, 50 + 34 * len(people))
    chart = pygal.HorizontalStackedBar(
        **_config(
            width=720, height=height, range=(0, total), show_legend=False,
            print_values=True, print_values_position="center", value_formatter=lambda v: fmt(v) if v and v >= 6 else "",
            show_y_guides=True, x_label_rotation=0, spacing=6,
        ),
        style=_style(SERIES, opacity=".9", value_colours=("#ffffff",) * len(SERIES)),
    )
    # pygal draws the first label at the bottom: reverse so the list reads top-down.
    chart.x_labels = list(reversed(people))
    for name, values in zip(options, points, strict=True):
        chart.add(name, list(reversed(values)))
    return data_uri(chart.render())
