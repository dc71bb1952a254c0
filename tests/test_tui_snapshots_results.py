"""Snapshots (pytest-textual-snapshot) of the results and export screens on the demo workshop.

The demo is deterministic; the workshop folder is opened by a path relative to the
test's working folder so that no temporary path shows up in a snapshot.
Update with ``pytest tests/test_tui_snapshots_results.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from cxalign.store import WorkshopFolder
from cxalign.tui.screens.export import ExportScreen
from cxalign.tui.screens.results import ResultsScreen
from tui_results_helpers import make_app, settle


@pytest.fixture
def relative_demo(demo_folder, monkeypatch):
    root = demo_folder.path.parent.parent
    monkeypatch.chdir(root)
    return WorkshopFolder(demo_folder.path.relative_to(root))


def _opening(screen_factory, *keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(screen_factory())
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_results_maturity_80x24(snap_compare, relative_demo):
    app = make_app(relative_demo, lang="fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opening(lambda: ResultsScreen(relative_demo)))


def test_results_maturity_120x40(snap_compare, relative_demo):
    app = make_app(relative_demo, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_opening(lambda: ResultsScreen(relative_demo)))


def test_results_heatmap_120x40(snap_compare, relative_demo):
    app = make_app(relative_demo, lang="en")
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=_opening(lambda: ResultsScreen(relative_demo), "2", "right"))


def test_results_hotspots_120x40(snap_compare, relative_demo):
    app = make_app(relative_demo, lang="fr")
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=_opening(lambda: ResultsScreen(relative_demo), "3"))


def test_export_80x24(snap_compare, relative_demo):
    app = make_app(relative_demo, lang="fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opening(lambda: ExportScreen(relative_demo)))
