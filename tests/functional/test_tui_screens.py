"""Pilot tests of what every screen shares: the one base, user text as data, endings that save,
a participant's confined session, the palette, and the workshop-day frictions of issue 13."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from cxalign.store import WorkshopFolder
from cxalign.tui import AppOptions, make_app
from cxalign.tui.screens.dialogs import ConfirmDialog, NewWorkshopDialog, ParticipantDialog
from cxalign.tui.screens.fill import BROWSER_KEYS, FillScreen
from cxalign.tui.screens.workshop import WorkshopScreen
from cxalign.tui.screens.workshops import WorkshopsScreen
from helpers import MINI, app_for, notices, screen_text, settle, type_text

SIZE = (100, 30)

#: Text that Rich/Textual markup would eat, close or turn into a hyperlink.
TRICKY_NAME = "Bob [interim] Roy"
TRICKY_WORKSHOP = "Offsite [/2027]"
TRICKY_ORG = "[link=https://evil.example]Acme[/link] [b]"
TRICKY_OTHER = "Ann [/x] Lee ["


@pytest.fixture
def folder(tui_workshop) -> WorkshopFolder:
    return tui_workshop


@pytest.fixture
def tricky(tmp_path) -> WorkshopFolder:
    """A workshop whose every user-provided text looks like markup."""
    import datetime as dt

    questionnaire = MINI
    return WorkshopFolder.create(
        tmp_path / "workshops", name=TRICKY_WORKSHOP, organisation=TRICKY_ORG, date=dt.date(2026, 1, 15),
        participants=[(TRICKY_NAME, "ceo"), (TRICKY_OTHER, "[/role]")], questionnaire_path=questionnaire)


# -- the one base ------------------------------------------------------------------------

def test_launch_options_are_frozen_and_build_the_app(tmp_path):
    import dataclasses

    options = AppOptions(home=tmp_path, lang="xx")
    assert options.lang is None and not options.confined
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.lang = "en"  # type: ignore[misc]
    app = make_app(AppOptions(home=tmp_path, lang="en"))
    assert app.options.home == tmp_path and app.lang == "en"


def test_errors_are_said_in_french_with_their_file_and_field():
    from cxalign.errors import InputError, InputErrors
    from cxalign.tui.base import error_text

    error = InputError("invalid TOML: Expected '=' (at line 1, column 6)", file="w/workshop.toml")
    assert error_text(error, "en") == str(error)
    assert error_text(error, "fr") == "w/workshop.toml: TOML invalide (Expected '=' (at line 1, column 6))"
    missing = InputError("file not found", file="x.toml", field="participants")
    assert error_text(missing, "fr") == "x.toml: participants: fichier introuvable"
    several = InputErrors([missing, InputError("something new", file="y.toml")])
    assert error_text(several, "fr").splitlines() == [
        "x.toml: participants: fichier introuvable", "y.toml: valeur refusée (détail technique\u00a0: something new)"]
    locked = InputError("participant 'ann' is already being filled in (process 3 on h since t); close it there "
                        "first, or delete this lock file if that session is gone", file="r/ann.lock")
    assert "déjà ouvert" in error_text(locked, "fr")


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "text: texte trop long (20000 caractères au plus)"),
    ("en", "text: String should have at most 20000 characters"),
])
def test_a_refused_answer_is_said_with_its_field_in_the_interface_language(lang, said):
    """The filling screen formats pydantic's refusal through cxalign.errors.from_validation, like every other."""
    from types import SimpleNamespace

    from pydantic import ValidationError

    from cxalign.models.response import MAX_TEXT, Answer

    with pytest.raises(ValidationError) as refused:
        Answer(text="x" * (MAX_TEXT + 1))
    assert FillScreen.error_text(SimpleNamespace(lang=lang), refused.value) == said


def test_pydantic_messages_are_said_in_french():
    from cxalign.errors import error_message
    from cxalign.tui.base import message_text

    assert message_text(error_message({"type": "extra_forbidden", "msg": "x"}), "fr") == "champ inconnu"
    assert message_text(error_message({"type": "missing", "msg": "x"}), "fr") == "champ obligatoire absent"
    assert message_text("contains control characters", "fr") == "contient des caractères de contrôle"
    assert message_text("String should have at most 100 characters", "fr") == "texte trop long (100 caractères au plus)"


def test_every_known_error_kind_has_both_languages():
    from cxalign.tui.base import _ERROR_KINDS, ui_catalog

    for _, key in _ERROR_KINDS:
        assert ui_catalog()[key]["fr"] and ui_catalog()[key]["en"]


def test_screens_declare_what_the_app_used_to_guess():
    from cxalign.tui.base import CxModal, CxScreen
    from cxalign.tui.screens.export import ExportScreen
    from cxalign.tui.screens.results import ResultsScreen
    from cxalign.tui.screens.review import ReviewScreen

    assert CxScreen.folder is None and CxScreen.private is False and CxModal.private is False
    assert FillScreen.private and ReviewScreen.private
    assert not ResultsScreen.private and not ExportScreen.private
    for screen in (CxScreen, CxModal, FillScreen, ResultsScreen):
        assert callable(screen.flush) and callable(screen.commands) and callable(screen.show_error)


# -- user text is data -------------------------------------------------------------------

async def test_markup_in_names_is_shown_as_typed_on_every_screen(tricky):
    """`[`, `]`, `[/x]` and `[link=…]` in a workshop, an organisation, a name or a role:
    nothing crashes, nothing is lost, nothing becomes a hyperlink."""
    from cxalign.tui.screens.export import ExportScreen
    from cxalign.tui.screens.help import HelpScreen
    from cxalign.tui.screens.results import ResultsScreen
    from cxalign.tui.screens.review import ReviewScreen

    app = app_for(tricky, open_workshop=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)
        painted = screen_text(app)
        for text in (TRICKY_WORKSHOP, TRICKY_NAME, "Ann [/x] Lee", "[/role]", "[link=https://evil.example]Acme"):
            assert text in painted
        await pilot.press("n")  # rename: the dialog names the person and their role
        await pilot.pause()
        assert isinstance(app.screen, ParticipantDialog)
        assert TRICKY_NAME in screen_text(app)
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and f"{TRICKY_NAME} (Chief executive)" in screen_text(app)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, FillScreen)
        assert TRICKY_WORKSHOP in screen_text(app) and TRICKY_NAME in screen_text(app)
        await type_text(pilot, "CX is [b]all[/b] [link=x]")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "CX is [b]all[/b] [link=x]" in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        for tab in "12345":
            await pilot.press(tab)
            await settle(pilot)
        assert TRICKY_WORKSHOP in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen) and TRICKY_WORKSHOP in screen_text(app)
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkshopsScreen)
        assert TRICKY_WORKSHOP in screen_text(app) and "[link=https://evil" in screen_text(app)
    assert tricky.load_response("bob-interim-roy").answers["def_text"].text == "CX is [b]all[/b] [link=x]"


async def test_a_workshop_named_like_markup_opens_at_start(tricky):
    app = app_for(tricky, participant="bob-interim-roy")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        assert f"{TRICKY_WORKSHOP} — Bob [interim]" in screen_text(app)  # 80 columns: the end is cut


async def test_a_refused_save_keeps_the_text_and_says_why(folder, monkeypatch):
    app = app_for(folder, participant="ann-lee")
    async with app.run_test(size=SIZE) as pilot:
        def refuse(response):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.screen.folder, "save_response", refuse)
        await type_text(pilot, "Kept [text]")
        app.screen.widget.query_one("TextArea").insert("\x01 and more")  # a pasted control character is dropped
        await pilot.pause(0.9)
        assert app.is_running and isinstance(app.screen, FillScreen)
        assert app.screen.widget.query_one("TextArea").text == "Kept [text] and more"
        assert any("No space left on device" in n for n in notices(app))


# -- endings save ------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["ctrl+q", "escape", "exit", "sigterm", "sighup"])
async def test_every_ending_saves_what_was_just_typed(folder, ending):
    app = app_for(folder, participant="ann-lee")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "typed just now")
        # no pause: well within the 0.6 s the text waits before it is saved
        if ending in ("ctrl+q", "escape"):
            await pilot.press(ending)
        elif ending == "exit":
            app.exit()  # an exit requested from outside the screen
        else:
            app._ended_from_outside()  # what the SIGTERM / SIGHUP handler runs
        await pilot.pause(0.3)
    assert folder.load_response("ann-lee").answers["def_text"].text == "typed just now"
    assert not folder.is_locked("ann-lee")


async def test_closing_a_questionnaire_shows_it_closed_at_once(folder):
    app = app_for(folder, open_workshop=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FillScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)
        statuses = [str(app.screen.query_one(DataTable).get_row_at(i)[2]) for i in range(2)]
        assert not any("open" in s for s in statuses)


# -- a participant's session is confined --------------------------------------------------

async def test_a_participant_session_reaches_nothing_else(folder):
    from cxalign.tui.commands import CxalignCommands

    app = app_for(folder, participant="ann-lee")
    async with app.run_test(size=SIZE) as pilot:
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["FillScreen"]
        names = [text for text, _ in CxalignCommands(app.screen)._commands()]
        assert "Review my answers" in names and "Add a note to this question" in names
        for elsewhere in ("New workshop", "Create the demo workshop", "Workshop results", "Export the PDF report",
                          "Fill in the selected person's questionnaire"):
            assert elsewhere not in names
        for key in ("r", "e", "n", "d", "a"):  # the facilitator's keys do nothing here
            await pilot.press(key)
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["FillScreen"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        names = [text for text, _ in CxalignCommands(app.screen)._commands()]
        assert "Submit my answers" in names and "Workshop results" not in names
        await pilot.press("escape", "escape")
        await pilot.pause()
    assert not app.is_running  # closing the questionnaire ends the session: nothing under it


def test_every_fill_action_has_a_key_a_browser_lets_through():
    from cxalign.tui.app import CxalignApp
    from cxalign.tui.screens.review import ReviewScreen

    for owner in (FillScreen, ReviewScreen, CxalignApp):
        for binding in owner.BINDINGS:
            keys = [k.strip() for k in binding.key.split(",")]
            # the first key is the one the footer shows: it must reach the app in a browser
            assert keys[0] not in BROWSER_KEYS, (owner.__name__, binding.action)


async def test_the_footer_shows_browser_safe_keys(folder):
    app = app_for(folder, participant="ann-lee")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = screen_text(app).split("Thank")[0]
        assert "^o" in footer and "^n" not in footer


# -- issue 13: the workshop day -------------------------------------------------------------

async def test_escape_on_the_first_screen_does_not_quit(folder):
    app = app_for(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WorkshopsScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_the_list_tells_workshops_apart_and_keeps_its_cursor(tmp_path):
    from cxalign.demo import create_demo

    home = tmp_path / "workshops"
    first, second = create_demo(home), create_demo(home)
    app = make_app(AppOptions(home=home, lang="en"))
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        folders = {str(table.get_row_at(i)[2]) for i in range(2)}
        assert folders == {first.path.name, second.path.name}
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(DataTable).cursor_row == 1


async def test_duplicate_names_are_warned_and_dialogs_name_the_role(folder):
    app = app_for(folder, open_workshop=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "ann lee")
        await pilot.press("enter")
        await settle(pilot)
        assert any("Ann Lee (Chief executive) already has this name" in n for n in notices(app))
        assert len(folder.load().participants) == 3
        await pilot.press("x")
        await pilot.pause()
        assert "Ann Lee (Chief executive)" in screen_text(app)


async def test_enter_after_choosing_a_role_adds_the_person(tmp_path):
    app = make_app(AppOptions(home=tmp_path / "home", lang="en"))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        dialog.query_one("#p-name", Input).focus()
        await type_text(pilot, "Lea Roy")
        await pilot.press("tab", "enter")  # open the role list
        await pilot.pause()
        await pilot.press("down", "enter")  # choose the next role
        await pilot.pause()
        assert dialog.query_one("#p-role", Select).value == "sales"
        await pilot.press("enter")  # as the hint says: adds the person
        await pilot.pause()
        assert dialog.people == [("Lea Roy", "sales")]
        for name in ("Ann", "Bob", "Cid", "Dan", "Eve", "Flo"):
            dialog.query_one("#p-name", Input).focus()
            await type_text(pilot, name)
            await pilot.press("enter")
        await pilot.pause()
        # at 40 rows the list shows all seven people without scrolling
        assert dialog.query_one("#p-list").size.height >= 7
        labels = [str(label.render()) for label in dialog.query(".form-label")]
        assert {"Workshop", "Organisation", "Language", "Name"} <= set(labels)


async def test_the_review_columns_take_the_width(folder):
    from cxalign.tui.screens.review import ReviewScreen

    for width in (80, 160):
        app = app_for(folder, participant="ann-lee")
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            table = app.screen.query_one(DataTable)
            used = sum(c.get_render_width(table) for c in table.ordered_columns)
            assert width - 8 <= used <= width


async def test_results_show_every_consensus_and_reference_sources(demo_folder):
    from cxalign.models.workshop import Consensus
    from cxalign.store import now
    from cxalign.tui.screens.consensus import ConsensusEdit
    from cxalign.tui.screens.results import ResultsScreen, record_consensus

    question = demo_folder.questionnaire.questions[1].id
    record_consensus(demo_folder, ConsensusEdit("question", question, Consensus(
        scope="question", ref=question, comment="We agree [really]", recorded_at=now())))
    app = app_for(demo_folder, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ResultsScreen(demo_folder))
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        text = app.screen.query_one("#consensus-list").content.plain
        assert "We agree [really]" in text and demo_folder.questionnaire.questions[1].prompt.get("en") in text
        await pilot.press("4")
        await settle(pilot)
        sources = app.screen.query_one("#definition-sources").content.plain
        assert "Forrester" in sources and "AFRC" in sources


async def test_the_alignment_explanation_is_whole_at_80_columns(demo_folder):
    from cxalign.tui.base import tr
    from cxalign.tui.screens.results import ResultsScreen

    app = app_for(demo_folder, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ResultsScreen(demo_folder))
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        intro = app.screen.query_one("#heatmap-intro")
        assert intro.size.height >= 2
        painted = " ".join(screen_text(app).split())
        assert " ".join(tr("heatmap.by_person", "fr").split())[-20:] in painted


@pytest.mark.parametrize("width", [40, 50, 60])
async def test_no_stray_footer_text_on_narrow_terminals(folder, width):
    for options in ({"open_workshop": True}, {"participant": "ann-lee"}, {}):
        app = app_for(folder, **options)
        async with app.run_test(size=(width, 20)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one("Footer")
            last = "".join(segment.text for segment in app.screen._compositor.render_update(full=True)
                           .strips[-1]) if False else _bottom_line(app)
            assert "Commands" not in last and "Command" not in last


def _bottom_line(app) -> str:
    """The terminal's last line as painted."""
    import re

    svg = app.export_screenshot()
    rows = re.findall(r'<text[^>]*y="([0-9.]+)"[^>]*>(.*?)</text>', svg, flags=re.S)
    bottom = max(float(y) for y, _ in rows)
    return "".join(t for y, t in rows if float(y) == bottom)


async def test_the_facilitators_browser_interface_shows_this_workshop_only(folder):
    """``cxalign serve``'s facilitator link opens the interface on the served workshop; the
    other workshops of the same folder stay out of reach (no list under it, no Back)."""
    from cxalign.tui.commands import CxalignCommands

    WorkshopFolder.create(folder.path.parent, name="Other", organisation="Elsewhere", participants=[("Zed", "ceo")],
                          language="en")
    app = make_app(AppOptions(home=folder.path.parent, lang="en", workshop=folder.path, workshop_only=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["WorkshopScreen"]
        assert "Back" not in screen_text(app)
        names = [text for text, _ in CxalignCommands(app.screen)._commands()]
        assert "Workshop results" in names and not any("Back" in n or "workshops" in n.lower() for n in names)
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["WorkshopScreen"]
        assert "Elsewhere" not in screen_text(app)
        await pilot.press("r")  # the results are the facilitator's to see
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
