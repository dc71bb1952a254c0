"""The one way to write a number (issue 8, item 3): argument order, empty glyph and trailing zeros settled here.

* ``number(value, lang, digits=1)`` — a measure (a maturity level, points, a gap): a whole
  number without decimals (``3``, never ``3.0``), otherwise ``digits`` decimals;
* ``index(value, lang)`` — an agreement index: always two decimals (``0.50``), so a column lines up;
* the decimal separator is a comma in French; ``-0`` is written ``0``;
* a missing value (None) is :data:`EMPTY`, an em dash (the en dash is for ranges: 1–5).
"""

from __future__ import annotations

from cxalign.glyphs import EMPTY

__all__ = ["EMPTY", "index", "number"]


def _sep(text: str, lang: str) -> str:
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def number(value: float | None, lang: str, digits: int = 1) -> str:
    """``2.5`` / ``2,5``; whole numbers without decimals; :data:`EMPTY` for None."""
    if value is None:
        return EMPTY
    if abs(value - round(value)) < 1e-9:
        return _sep(str(int(round(value))), lang)
    return _sep(f"{value:.{digits}f}", lang)


def index(value: float | None, lang: str, digits: int = 2) -> str:
    """An index on [0, 1] with a fixed number of decimals: ``0.50`` / ``0,50``; :data:`EMPTY` for None."""
    if value is None:
        return EMPTY
    return _sep(f"{value:.{digits}f}", lang)
