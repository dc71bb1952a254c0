"""Pilot tests of the workshops list, the new-workshop form and the participants screen."""

from __future__ import annotations


import pytest
from textual.widgets import DataTable, Input

from cxalign.store import WorkshopFolder, list_workshops
from cxalign.tui.app import CxalignApp
from cxalign.tui.screens.dialogs import ConfirmDialog, NewWorkshopDialog, ParticipantDialog
from cxalign.tui.screens.workshop import WorkshopScreen
from cxalign.tui.screens.workshops import WorkshopsScreen
from helpers import ROOT, notices, type_text

SIZE = (100, 30)


@pytest.fixture
def folder(tui_workshop) -> WorkshopFolder:
    return tui_workshop


def cells(table: DataTable, row: int) -> list[str]:
    """A row of a table as the plain text it shows."""
    return [str(cell) for cell in table.get_row_at(row)]


async def test_empty_home_explains_what_to_do(tmp_path):
    app = CxalignApp(home=tmp_path / "none", lang="en")
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert isinstance(screen, WorkshopsScreen)
        empty = screen.query_one("#workshops-empty")
        assert empty.display and "No workshop here yet" in str(empty.render())
        assert not screen.query_one(DataTable).display


async def test_create_a_workshop_through_the_form(tmp_path):
    home = tmp_path / "home"
    app = CxalignApp(home=home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewWorkshopDialog)
        await type_text(pilot, "Kick off")
        await pilot.press("tab")
        await type_text(pilot, "Acme Bank")
        await pilot.click("#ws-anon")
        app.screen.query_one("#p-name", Input).focus()
        await type_text(pilot, "Claire Dupont")
        await pilot.press("enter")
        await type_text(pilot, "Marc Leroy")
        await pilot.press("enter")
        assert app.screen.people == [("Claire Dupont", "ceo"), ("Marc Leroy", "ceo")]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
    [path] = list_workshops(home)
    workshop = WorkshopFolder(path).load()
    assert (workshop.name, workshop.organisation, workshop.anonymous, workshop.language) == (
        "Kick off", "Acme Bank", True, "en")
    assert [(p.id, p.name, p.role) for p in workshop.participants] == [
        ("claire-dupont", "Claire Dupont", "ceo"), ("marc-leroy", "Marc Leroy", "ceo")]


async def test_form_refuses_a_workshop_without_a_name(tmp_path):
    app = CxalignApp(home=tmp_path / "home", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+s")
        assert isinstance(app.screen, NewWorkshopDialog)
        assert any("required" in n for n in notices(app))
        await pilot.press("escape")
        assert isinstance(app.screen, WorkshopsScreen)
    assert list_workshops(tmp_path / "home") == []


async def test_list_shows_workshops_and_opens_one(folder):
    app = CxalignApp(home=folder.path.parent, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()  # the answer count arrives from a worker
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Acme", "Atelier", "2026-01-15", "2", "0%"]
        await pilot.press("enter")
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WorkshopsScreen)


async def test_add_rename_and_remove_participants(folder):
    folder.save_response(folder.new_response("bob-roy"))
    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WorkshopScreen)
        # add
        await pilot.press("a")
        assert isinstance(app.screen, ParticipantDialog)
        await type_text(pilot, "Zoé Martin")
        await pilot.press("enter")
        await pilot.pause()
        assert [p.name for p in folder.load().participants] == ["Ann Lee", "Bob Roy", "Zoé Martin"]
        assert folder.load().participant("zoe-martin").role == "ceo"
        # rename the highlighted one (Ann)
        await pilot.press("n")
        await pilot.press("end", *["backspace"] * 3)
        await type_text(pilot, "Smith")
        await pilot.press("enter")
        await pilot.pause()
        assert folder.load().participant("ann-lee").name == "Ann Smith"
        # remove Bob: cancelled first, then confirmed; his answers go too
        await pilot.press("down", "x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert folder.load().participant("bob-roy") is not None
        await pilot.press("x", "y")
        await pilot.pause()
        assert folder.load().participant("bob-roy") is None
        assert not folder.response_file("bob-roy").exists()
        assert app.screen.query_one(DataTable).row_count == 2


async def test_progress_and_status_per_participant(folder):
    response = folder.new_response("ann-lee")
    from cxalign.models.response import Answer

    response.answers["owner"] = Answer(choice="ceo")
    response.answers["silos"] = Answer(dont_know=True)
    response.status = "in_progress"
    folder.save_response(response)
    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one(DataTable)
        assert cells(table, 0) == ["Ann Lee", "Chief executive", "In progress", "2/7"]
        assert cells(table, 1) == ["Bob Roy", "Marketing", "Not started", "0/7"]


async def test_language_and_theme_switch(folder):
    app = CxalignApp(home=folder.path.parent, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        assert "ateliers" in str(app.screen.query_one(".screen-title").render())
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert "workshops" in str(app.screen.query_one(".screen-title").render())
        assert cells(app.screen.query_one(DataTable), 0)[0] == "Acme"
        dark = app.theme
        await pilot.press("f3")
        assert app.theme != dark and not app.current_theme.dark


async def test_demo_from_the_list(tmp_path):
    pytest.importorskip("cxalign.demo")
    app = CxalignApp(home=tmp_path / "home", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
    assert len(list_workshops(tmp_path / "home")) == 1


async def test_command_palette_offers_only_what_works_on_the_screen(folder):
    from cxalign.tui.commands import CxalignCommands

    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = CxalignCommands(app.screen_stack[-2])
        names = [text for text, _ in provider._commands()]
        assert {"Workshop results", "Export the PDF report", "Add a participant", "Quit cxalign"} <= set(names)
        assert "New workshop" not in names and "Create the demo workshop" not in names
        assert not any(name in names for name in ("Keys", "Screenshot", "Theme", "Maximize"))  # Textual's own
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopsScreen)
        names = [text for text, _ in CxalignCommands(app.screen)._commands()]
        assert {"New workshop", "Create the demo workshop"} <= set(names)
        assert "Workshop results" not in names
        await pilot.press("f2")
        await pilot.pause()
        names = [text for text, _ in CxalignCommands(app.screen)._commands()]
        assert "Nouvel atelier" in names and "Quitter cxalign" in names


async def test_a_broken_workshop_is_listed_with_its_problem_and_not_opened(folder):
    broken = folder.path.parent / "broken"
    broken.mkdir()
    (broken / "workshop.toml").write_text("name = [unclosed\n")
    app = CxalignApp(home=folder.path.parent, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert cells(table, 1)[0] == "⚠ broken" and cells(table, 1)[1].startswith("TOMLDec")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopsScreen)
        assert any("invalid TOML" in n for n in notices(app))


async def test_switching_language_in_the_form_keeps_what_was_typed(tmp_path):
    app = CxalignApp(home=tmp_path / "home", lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Revue")
        app.screen.query_one("#p-name", Input).focus()
        await type_text(pilot, "Lea Roy")
        await pilot.press("enter")
        assert "Nouvel atelier" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        assert "New workshop" in str(dialog.query_one(".dialog-title").render())
        assert dialog.query_one("#ws-name", Input).value == "Revue"
        assert dialog.people == [("Lea Roy", "ceo")]
        assert len(dialog.query_one("#p-list")) == 1


def test_every_interface_string_used_exists_in_both_languages():
    import re

    from cxalign.i18n import catalog

    root = ROOT / "src" / "cxalign" / "tui"
    mine = ["app.py", "base.py", "commands.py", "screens/workshops.py", "screens/workshop.py", "screens/fill.py",
            "screens/review.py", "screens/help.py", "screens/dialogs.py", *(f"widgets/{p.name}" for p in
            (root / "widgets").glob("*.py"))]
    used = set()
    for name in mine:
        used |= set(re.findall(r'\btr\(\s*"([a-z_.]+)"', (root / name).read_text(encoding="utf-8")))
    assert len(used) > 80
    from cxalign.tui.base import ui_catalog

    strings = ui_catalog()
    missing = sorted(k for k in used if k not in strings)
    assert not missing
    for key in used & set(strings):
        assert strings[key]["fr"] != "" and strings[key]["en"] != ""


async def test_a_very_long_name_does_not_push_status_and_progress_off_screen(folder):
    workshop = folder.load()
    workshop.participants[0].name = "Bartholomew-Maximilian " * 8
    folder.save(workshop)
    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=(80, 24)):
        row = cells(app.screen.query_one(DataTable), 0)
        assert row[0].startswith("Bartholomew-Maximilian") and row[0].endswith("…")
        assert sum(map(len, row)) + 2 * len(row) + 2 <= 80  # every column fits in 80 columns
        assert row[2:] == ["Not started", "0/7"]
        assert folder.load().participants[0].name == workshop.participants[0].name  # only the display is cut


async def test_participant_dialog_title_follows_the_language(folder):
    from textual.widgets import Label

    app = CxalignApp(home=folder.path.parent, lang="en", workshop=folder.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Zoé")
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ParticipantDialog)
        assert str(dialog.query_one(".dialog-title", Label).render()) == "Ajouter un participant"
        assert dialog.query_one("#person-name", Input).value == "Zoé"
        await pilot.press("escape", "n", "f2")
        await pilot.pause()
        assert str(app.screen.query_one(".dialog-title", Label).render()) == "Edit Ann Lee (Chief executive)"
