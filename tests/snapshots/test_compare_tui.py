"""The comparison screen and the Groups tab widget: snapshots at 80×24 and 120×40, and a refusal shown."""

from __future__ import annotations

import pytest
from helpers import make_app, opening, settle
from textual.app import App

from cxalign.store import WorkshopFolder
from cxalign.tui.screens.compare import CompareScreen
from cxalign.tui.screens.results import ResultsScreen
from cxalign.tui.widgets.groups_tab import GroupsView


@pytest.fixture
def relative_pair(tmp_path, monkeypatch):
    from cxalign.demo import create_demos

    first, later = create_demos(tmp_path / "workshops")
    monkeypatch.chdir(tmp_path)
    return (WorkshopFolder(first.path.relative_to(tmp_path)), WorkshopFolder(later.path.relative_to(tmp_path)))


def test_compare_screen_80x24(snap_compare, relative_pair):
    old, new = relative_pair
    app = make_app(new, lang="fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening(lambda: CompareScreen(old.path, new.path)))


def test_compare_screen_120x40(snap_compare, relative_pair):
    old, new = relative_pair
    app = make_app(new, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=opening(lambda: CompareScreen(old.path, new.path)))


@pytest.mark.parametrize(("lang", "size"), [("en", (80, 24)), ("fr", (120, 40))], ids=["en-80x24", "fr-120x40"])
def test_compare_screen_other_language(snap_compare, relative_pair, lang, size):
    old, new = relative_pair
    app = make_app(new, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=opening(lambda: CompareScreen(old.path, new.path)))


@pytest.mark.parametrize(("lang", "size"), [("en", (80, 24)), ("fr", (120, 40))], ids=["en-80x24", "fr-120x40"])
def test_groups_tab_other_language(snap_compare, relative_pair, lang, size):
    assert snap_compare(GroupsApp(relative_pair[1], lang), terminal_size=size)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [(), ("down", "n")], ids=["list", "rename"])
def test_workshop_with_groups(snap_compare, relative_pair, lang, size, keys):
    """The later demo has a managers group: the participant list shows it, the dialog edits it."""
    from cxalign.tui import make_app as make_tui
    from cxalign.tui.options import AppOptions

    new = relative_pair[1]
    app = make_tui(AppOptions(home=new.path.parent, lang=lang, workshop=new.path))

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_results_people_tab_later_demo(snap_compare, relative_pair):
    """Who stands where on the twelve-person later demo (lone dissent, a person apart on 3+ questions)."""
    new = relative_pair[1]
    app = make_app(new, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=opening(lambda: ResultsScreen(new.path), "6"))


def test_results_hotspots_later_demo(snap_compare, relative_pair):
    new = relative_pair[1]
    app = make_app(new, lang="fr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening(lambda: ResultsScreen(new.path), "3"))


def test_compare_screen_questions_120x40(snap_compare, relative_pair):
    old, new = relative_pair
    app = make_app(new, lang="en")
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=opening(lambda: CompareScreen(old.path, new.path), "2"))


class GroupsApp(App):
    """The Groups tab widget alone, filled with the later demo's analysis."""

    def __init__(self, folder: WorkshopFolder, lang: str):
        super().__init__()
        self.folder, self.lang = folder, lang

    def compose(self):
        yield GroupsView()

    def on_mount(self) -> None:
        from cxalign.analysis import analyze_folder

        self.query_one(GroupsView).show(analyze_folder(self.folder), self.lang)


def test_groups_tab_80x24(snap_compare, relative_pair):
    assert snap_compare(GroupsApp(relative_pair[1], "fr"), terminal_size=(80, 24))


def test_groups_tab_120x40(snap_compare, relative_pair):
    assert snap_compare(GroupsApp(relative_pair[1], "en"), terminal_size=(120, 40))


async def test_compare_screen_shows_a_refusal(tmp_path):
    from cxalign.demo import create_demo

    first = create_demo(tmp_path / "w")
    other = tmp_path / "not-a-workshop"
    other.mkdir()
    app = make_app(first, lang="en")
    async with app.run_test() as pilot:
        screen = CompareScreen(first.path, other)
        app.push_screen(screen)
        await settle(pilot)
        assert screen.comparison is None and "not a workshop" in screen.error
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen


async def test_groups_pane_added_only_with_groups(tmp_path):
    from textual.widgets import TabbedContent, TabPane

    from cxalign.analysis import analyze_folder
    from cxalign.demo import create_demos
    from cxalign.tui.widgets.groups_tab import sync_groups_tab

    first, later = create_demos(tmp_path / "w")

    class Tabs(App):
        def compose(self):
            with TabbedContent():
                with TabPane("one", id="one"):
                    yield GroupsView(id="unused")

    app = Tabs()
    async with app.run_test() as pilot:
        tabs = app.query_one(TabbedContent)
        await sync_groups_tab(tabs, analyze_folder(first), "en")
        assert not tabs.query("#groups")  # the first demo has no groups
        await sync_groups_tab(tabs, analyze_folder(later), "en")
        await pilot.pause()
        assert tabs.get_tab("groups").label.plain == "Groups"
        view = tabs.query_one("#groups GroupsView", GroupsView)
        assert "Managers" in str(view.query_one("#groups-gaps").content)
        await sync_groups_tab(tabs, analyze_folder(first), "en")
        await pilot.pause()
        assert not tabs.query("#groups")


async def test_workshops_screen_marks_two_and_opens_the_comparison(tmp_path):
    from cxalign.demo import create_demos
    from cxalign.tui.screens.compare import CompareSelectionMixin
    from cxalign.tui.screens.workshops import WorkshopsScreen

    first, later = create_demos(tmp_path / "w")

    assert issubclass(WorkshopsScreen, CompareSelectionMixin)  # the wiring
    assert {"mark", "compare"} <= {b.action for b in WorkshopsScreen.BINDINGS}

    app = make_app(first, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkshopsScreen)
        await pilot.press("c")  # nothing marked: a hint, no screen
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        await pilot.press("space", "down", "space", "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.old.name, screen.new.name) == ("demo-loriane-maison", "demo-loriane-maison-2027")
        assert screen.comparison is not None and screen.comparison.resolved


async def test_results_screen_gets_a_groups_tab(tmp_path):
    from textual.widgets import TabbedContent

    from cxalign.demo import create_demos
    from cxalign.tui.screens.results import ResultsScreen

    first, later = create_demos(tmp_path / "w")
    app = make_app(later, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ResultsScreen(later)
        app.push_screen(screen)
        await settle(pilot)
        await settle(pilot)
        tabs = screen.query_one(TabbedContent)
        assert tabs.get_tab("groups").label.plain == "Groupes"
        tabs.active = "groups"
        await settle(pilot)
        view = screen.query_one("#groups GroupsView", GroupsView)
        assert "Managers" in str(view.query_one("#groups-gaps").content)
