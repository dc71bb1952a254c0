"""Maturity by dimension as a table of one-line charts (today, target, spread on the 1–5 scale)."""

from __future__ import annotations

from rich.text import Text

from cxalign.tui.widgets.keyed_table import KeyedTable

#: Glyphs of the one-line chart; the legend in the results screen names them.
CURRENT_MARK = "●"
TARGET_MARK = "◆"
SPREAD = "━"
TRACK = "·"

CURRENT_STYLE = "bold #4fa3e0"
TARGET_STYLE = "bold #3fbf7f"
SPREAD_STYLE = "#4fa3e0"
TRACK_STYLE = "dim"


def _column(value: float, width: int, low: float, high: float) -> int:
    """The cell (0..width-1) where ``value`` falls on a track from ``low`` to ``high``."""
    share = (min(max(value, low), high) - low) / (high - low)
    return min(width - 1, round(share * (width - 1)))


def scale_bar(
    current: float | None,
    target: float | None,
    low: float | None = None,
    high: float | None = None,
    *,
    width: int = 17,
    scale: tuple[float, float] = (1, 5),
) -> Text:
    """One line on the ``scale``: the spread ``low``–``high`` as a thick line, today ● and target ◆.

    With the default width of 17 cells, levels 1..5 fall on cells 0, 4, 8, 12 and 16.
    """
    cells: list[tuple[str, str]] = [(TRACK, TRACK_STYLE)] * width
    first, last = scale
    if low is not None and high is not None:
        for i in range(_column(low, width, first, last), _column(high, width, first, last) + 1):
            cells[i] = (SPREAD, SPREAD_STYLE)
    if target is not None:
        cells[_column(target, width, first, last)] = (TARGET_MARK, TARGET_STYLE)
    if current is not None:
        cells[_column(current, width, first, last)] = (CURRENT_MARK, CURRENT_STYLE)
    text = Text(no_wrap=True)
    for glyph, style in cells:
        text.append(glyph, style)
    return text


def legend(today: str, target: str, spread: str) -> Text:
    """The key to :func:`scale_bar`'s glyphs, in the interface language."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(CURRENT_MARK, CURRENT_STYLE).append(f" {today}   ")
    text.append(TARGET_MARK, TARGET_STYLE).append(f" {target}   ")
    text.append(SPREAD * 3, SPREAD_STYLE).append(f" {spread}")
    return text


def number(value: float | None, lang: str, *, signed: bool = False) -> Text:
    """A figure right-aligned, written by :func:`cxalign.present.numbers.number` (``+`` before a positive
    ``signed`` one)."""
    from cxalign.present import numbers

    if value is None:
        return Text(numbers.EMPTY, style="dim", justify="right")
    text = numbers.number(value, lang)
    return Text(("+" if signed and text != "0" and value > 0 else "") + text, justify="right")


class MaturityTable(KeyedTable):
    """One row per maturity dimension (the row key is the dimension id)."""
