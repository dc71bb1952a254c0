"""Helpers for the results and export screen tests: the app, waiting, reading what is on screen."""

from __future__ import annotations

import html
import re
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, Static, Tab

from cxalign.tui.app import CxalignApp


def make_app(folder, lang: str = "en") -> CxalignApp:
    """The real application on the folder holding ``folder`` (its first screen lists workshops)."""
    return CxalignApp(home=Path(folder.path).parent, lang=lang)


async def settle(pilot) -> None:
    """Let workers finish and the screen refresh."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_screen(pilot, screen) -> None:
    await pilot.pause()
    pilot.app.push_screen(screen)
    await settle(pilot)


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.plain
    plain = getattr(value, "plain", None)
    return plain if isinstance(plain, str) else str(value)


def widget_texts(screen) -> list[str]:
    """Every text the screen's widgets hold: statics, table cells and labels, tabs, border titles."""
    texts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            texts.append(_plain(widget.content))
        if isinstance(widget, Tab):
            texts.append(_plain(widget.label))
        if isinstance(widget, DataTable):
            texts += [_plain(column.label) for column in widget.ordered_columns]
            for row in widget.ordered_rows:
                texts.append(_plain(row.label))
                texts += [_plain(cell) for cell in widget.get_row(row.key)]
        texts += [_plain(widget.border_title), _plain(widget.border_subtitle)]
    return [t for t in texts if t]


def screen_text(app) -> str:
    """The text of the terminal as painted now (from the SVG screenshot)."""
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(" ".join(fragments)).replace("\xa0", " ")


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]
