"""Numbers and colours as the report prints them."""

from __future__ import annotations

from cxalign.report.positions import shade


def number(value: float | None, digits: int, lang: str) -> str:
    """A number with the language's decimal separator; an em dash for None."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def heat(value: float | None) -> tuple[str, str]:
    """Background and text colours of a [0, 1] value: red (0) through pale (0.5) to green (1)."""
    if value is None:
        return "#eef0f3", "#5b6472"
    low, mid, high = (192, 57, 43), (248, 239, 214), (24, 106, 77)
    v = min(1.0, max(0.0, value))
    a, b, t = (low, mid, v / 0.5) if v <= 0.5 else (mid, high, (v - 0.5) / 0.5)
    rgb = tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
    text = "#ffffff" if v < 0.18 or v > 0.72 else "#1f2a37"
    return "#%02x%02x%02x" % rgb, text


def level_heat(value: float | None) -> tuple[str, str]:
    """Colours of a 1..5 maturity value: white (1) to the report's blue (5) — a level, not a verdict."""
    if value is None:
        return "#eef0f3", "#5b6472"
    return shade(0.85 * (value - 1) / 4)
