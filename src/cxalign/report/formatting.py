"""Numbers and colours as the report prints them — thin adapters, no rule of their own.

Numbers go through :mod:`cxalign.present.numbers` (the one formatter the terminal, the
interface and the JSON-to-words layer use); the colours of an agreement value come from
:func:`cxalign.analysis.thresholds.matrix_colour` (the terminal's scale).
"""

from __future__ import annotations

from cxalign.analysis import thresholds
from cxalign.present import numbers
from cxalign.report.positions import shade


def number(value: float | None, digits: int, lang: str) -> str:
    """An index (``digits`` ≥ 2: fixed decimals, ``0.50``) or a measure (whole numbers without
    decimals, ``3``; else ``digits`` decimals), with the language's decimal separator."""
    if digits >= 2:
        return numbers.index(value, lang, digits)
    return numbers.number(value, lang, digits)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % rgb


def heat(value: float | None) -> tuple[str, str]:
    """Background and text colours of a [0, 1] agreement value, on the terminal's scale."""
    return _hex(thresholds.matrix_colour(value)), _hex(thresholds.matrix_text_colour(value))


def level_heat(value: float | None) -> tuple[str, str]:
    """Colours of a 1..5 maturity value: white (1) to the report's blue (5) — a level, not a verdict."""
    if value is None:
        return _hex(thresholds.MATRIX_EMPTY), "#5b6472"
    return shade(0.85 * (value - 1) / 4)
