"""Snapshots of the facilitator's screens at 80×24 and 120×40, in French and English:
the workshops list, one workshop, the new-workshop form, the participant dialog, the review
and the help. Paths are relative so that no temporary folder shows up in a snapshot.
Update with ``pytest tests/snapshots/test_tui_snapshots_screens.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxalign.tui import AppOptions, make_app
from helpers import settle

SIZES = [(80, 24), (120, 40)]
LANGS = ["fr", "en"]


@pytest.fixture
def relative_home(demo_folder, monkeypatch):
    """The demo's workshops folder, as a path relative to the working folder."""
    root = demo_folder.path.parent.parent
    monkeypatch.chdir(root)
    return Path(demo_folder.path.parent.name), Path(demo_folder.path.parent.name) / demo_folder.path.name


def _keys(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        # a blinking cursor is drawn or not depending on the moment: hold it still, shown
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


CASES = {
    "workshops": (False, None, ()),
    "new_workshop": (False, None, ("n",)),
    "workshop": (True, None, ()),
    "remove_dialog": (True, None, ("x",)),
    "rename_dialog": (True, None, ("n",)),
    "add_dialog": (True, None, ("a",)),
    "review": (True, "karim-benali", ("ctrl+r",)),
    "help": (False, None, ("f1",)),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_screen(snap_compare, relative_home, case, size, lang):
    home, workshop = relative_home
    open_workshop, participant, keys = CASES[case]
    app = make_app(AppOptions(home=home, lang=lang, workshop=workshop if open_workshop or participant else None,
                              participant=participant))
    assert snap_compare(app, terminal_size=size, run_before=_keys(*keys))
