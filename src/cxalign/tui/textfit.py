"""Fitting user text into fixed-width cells."""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters, ending with "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
