"""Snapshots (pytest-textual-snapshot) of the results and export screens on the demo workshop.

The demo is deterministic; the workshop folder is opened by a path relative to the
test's working folder so that no temporary path shows up in a snapshot.
Update with ``pytest tests/snapshots/test_tui_snapshots_results.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from helpers import make_app, opening

from cxalign.store import WorkshopFolder
from cxalign.tui.screens.export import ExportScreen
from cxalign.tui.screens.results import ResultsScreen


@pytest.fixture
def relative_demo(demo_folder, monkeypatch):
    root = demo_folder.path.parent.parent
    monkeypatch.chdir(root)
    return WorkshopFolder(demo_folder.path.relative_to(root))


SIZES = [(80, 24), (120, 40)]
LANGS = ["fr", "en"]
TABS = {"1": "maturity", "2": "alignment", "3": "hotspots", "4": "definitions", "5": "consensus", "6": "people"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tab", list(TABS), ids=lambda k: TABS[k])
def test_results(snap_compare, relative_demo, tab, size, lang):
    app = make_app(relative_demo, lang=lang)
    keys = [tab, "right"] if tab == "2" else [tab]
    assert snap_compare(app, terminal_size=size, run_before=opening(lambda: ResultsScreen(relative_demo), *keys))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export(snap_compare, relative_demo, size, lang):
    app = make_app(relative_demo, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=opening(lambda: ExportScreen(relative_demo)))
