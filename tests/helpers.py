"""Helpers shared by the test modules: paths, the apps, typing, waiting, reading what is on screen.

Textual is imported inside the functions: a unit test taking ``DATA`` from here loads no interface."""

from __future__ import annotations

import html
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
MINI = DATA / "mini-questionnaire.toml"


def make_app(folder, lang: str = "en"):
    """The real application on the folder holding ``folder`` (its first screen lists workshops)."""
    from cxalign.tui.app import CxalignApp

    return CxalignApp(home=Path(folder.path).parent, lang=lang)


def app_for(folder, *, lang: str = "en", open_workshop: bool = False, participant: str | None = None):
    """The application as ``cxalign`` makes it, opened on the workshop or a participant when asked."""
    from cxalign.tui import AppOptions
    from cxalign.tui import make_app as make_cxalign_app

    return make_cxalign_app(AppOptions(home=folder.path.parent, lang=lang,
                                       workshop=folder.path if (open_workshop or participant) else None,
                                       participant=participant))


_KEYS = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket", "/": "slash"}


def fill_app(folder, pid: str = "ann-lee", lang: str = "en"):
    """One participant's confined questionnaire, as ``cxalign fill`` opens it."""
    from cxalign.tui.app import CxalignApp

    return CxalignApp(home=folder.path.parent, lang=lang, workshop=folder.path, participant=pid)


def saved(folder, pid: str = "ann-lee"):
    """What is on disk for ``pid`` now."""
    return folder.load_response(pid)


def opening(screen_factory, *keys: str):
    """A snapshot's ``run_before``: push the screen ``screen_factory`` makes, then press ``keys``."""
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(screen_factory())
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key (spaces, brackets and slashes by their key names)."""
    await pilot.press(*(_KEYS.get(c, c) for c in text))


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
    from rich.text import Text

    if value is None:
        return ""
    if isinstance(value, Text):
        return value.plain
    plain = getattr(value, "plain", None)
    return plain if isinstance(plain, str) else str(value)


def widget_texts(screen) -> list[str]:
    """Every text the screen's widgets hold: statics, table cells and labels, tabs, border titles."""
    from textual.widgets import DataTable, Static, Tab

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


def notices(app) -> list[str]:
    """The messages of the notifications the app shows now."""
    return [str(n.message) for n in app._notifications]
