"""Fitting user text on a screen (the interface and the command line's tables): one-line cells,
French line breaks, control characters. Rich only: the analysis tables use it without Textual."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


def clip(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters, ending with "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# -- control characters --------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def strip_controls(text: str, *, multiline: bool = True) -> str:
    """``text`` without control characters (ESC, ``\\x01`` …), as pasted or typed.

    A multi-line field keeps tabs and newlines (``\\r\\n`` and ``\\r`` become ``\\n``); a one-line
    field turns tabs and newlines into spaces and drops the rest.
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROLS.sub("", text)
    text = re.sub(r"[\t\n\r]+", " ", text)
    return _CONTROLS_ONE_LINE.sub("", text)


# -- French punctuation --------------------------------------------------------------

#: A space that must never become a line break: before ? ; : ! » and after «
#: (no-break spaces U+00A0 and U+202F, or a plain space typed by mistake).
_GLUED = re.compile(r"[ \u00a0\u202f](?=[?;:!»])|(?<=«)[ \u00a0\u202f]")
#: Stand-in while wrapping: one cell wide, never a break point for Rich or Textual.
_MASK = "\u2800"
#: Signs a French line never starts with.
LINE_START_FORBIDDEN = ("?", ";", ":", "!", "»")


def glue(text: str) -> str:
    """``text`` with the spaces around French punctuation made no-break spaces (U+00A0).

    Rich and Textual still break lines at U+00A0 (it is whitespace for ``re``): show the
    result through :func:`fit`, which wraps without breaking there.
    """
    return _GLUED.sub("\u00a0", text)


def unbreakable(text: str) -> str:
    """For places that take only a string (a notification): the space tying French punctuation
    to its word becomes a blank cell that is not whitespace (U+2800), so Textual never breaks
    the line there. Prefer :func:`fit` wherever a renderable is accepted."""
    return _GLUED.sub(_MASK, strip_controls(text))


class Unbroken:
    """A Rich renderable: ``text`` wrapped at word boundaries but never at the space that
    ties French punctuation to its word, so no line starts with ? ; : ! ».

    Works as the content of a ``Static``/``Label``, an ``OptionList`` prompt or a table cell.
    User text is data: it is never read as markup.
    """

    def __init__(self, text: str | Text, style: str = ""):
        source = text if isinstance(text, Text) else Text(text, style=style)
        masked = source.copy()
        masked.plain = _GLUED.sub(_MASK, strip_controls(source.plain.replace(_MASK, " ")))
        self._masked = masked

    @property
    def plain(self) -> str:
        return self._masked.plain.replace(_MASK, "\u00a0")

    def __str__(self) -> str:
        return self.plain

    def __rich_measure__(self, console: "Console", options: "ConsoleOptions") -> Measurement:
        return Measurement.get(console, options, self._masked)

    def __rich_console__(self, console: "Console", options: "ConsoleOptions") -> "RenderResult":
        lines = self._masked.wrap(console, options.max_width, justify=options.justify or "default",
                                  overflow=options.overflow or "fold", no_wrap=False)
        for line in lines:
            if _MASK in line.plain:
                line.plain = line.plain.replace(_MASK, "\u00a0")  # same length: styles are kept
            line.no_wrap = True  # it fits already; rendering it again must not break it
            line.end = "\n"
            yield line


def fit(text: str | Text, style: str = "") -> Unbroken:
    """``text`` ready to show in a widget: never markup, never a line starting with ? ; : ! »."""
    return Unbroken(text, style=style)
