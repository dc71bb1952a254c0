"""Pilot tests of issue 11 in the results screen, groups in the participant dialog, incomplete items in the review."""

from __future__ import annotations

from cxalign.tui.screens.dialogs import group_key, group_label
from cxalign.tui.screens.results import ResultsScreen
from cxalign.tui.widgets.keyed_table import KeyedTable
from helpers import make_app, open_screen, settle


def test_group_words_and_keys():
    assert group_label("managers", "fr") == "Managers" and group_label("comex", "en") == "Leadership team"
    assert group_key("Comité de direction") == "comex" and group_key(" leadership TEAM ") == "comex"
    assert group_key("") is None and group_key("Siège") == "Siège"


async def test_results_lead_with_the_verdict_and_show_who_stands_where(demo_folder):
    from cxalign.present.wording import verdict_label, verdict_sentence

    app = make_app(demo_folder, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder.path))
        screen = app.screen
        a = screen.analysis
        summary = screen.query_one("#results-summary").content.plain
        label = verdict_label(a, "en")
        assert summary.lower().startswith(label.lower())
        if a.verdict.label != "aligned":
            assert "(aligned)" not in summary
        namer = screen.view().namer
        assert verdict_sentence(a, "en", namer, a.workshop.anonymous)[:40] in summary
        # hot spots: the pattern of each, and for a lone dissent who
        await pilot.press("3")
        await settle(pilot)
        table = screen.query_one("#hotspot-table", KeyedTable)
        for spot in a.hotspots:
            cells = [str(getattr(c, "plain", c)) for c in table.get_row(spot.key)]
            if spot.pattern == "lone_dissent":
                assert "lone dissent" in cells[2] and "→" in cells[1]
            else:
                assert cells[2] == "split"
        # people: one row per person, most apart first
        await pilot.press("6")
        await settle(pilot)
        people = screen.query_one("#people-table", KeyedTable)
        assert [row.key.value for row in people.ordered_rows] == [p.id for p in a.people]
        notes = screen.query_one("#people-notes").content.plain
        for p in a.people:
            if len(p.stands_apart_on) >= 3:
                assert namer(p.id) in notes


async def test_anonymous_people_tab_shows_roles_only(demo_folder):
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder(demo_folder.path)
    with folder.edit() as workshop:
        workshop.anonymous = True
    app = make_app(demo_folder, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder.path))
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        texts = screen.query_one("#people-notes").content.plain + str(screen.query_one("#people-intro").content)
        table = screen.query_one("#people-table", KeyedTable)
        texts += " ".join(str(getattr(c, "plain", c)) for row in table.ordered_rows for c in table.get_row(row.key))
        for p in screen.analysis.workshop.participants:
            assert p.name not in texts


async def test_review_counts_today_without_target_as_incomplete(tui_workshop):
    from cxalign.models.response import Answer
    from cxalign.tui.app import CxalignApp
    from cxalign.tui.screens.dialogs import ConfirmDialog
    from cxalign.tui.screens.review import ReviewScreen

    folder = tui_workshop
    person = folder.load().participants[0]
    response = folder.new_response(person.id)
    response = response.model_copy(update={"answers": {"m_sponsor": Answer(current=2),
                                                       "silos": Answer(value=3)}})
    questionnaire = folder.questionnaire
    n = len(questionnaire.questions)
    app = CxalignApp(home=folder.path.parent, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = ReviewScreen(questionnaire, response)
        app.push_screen(screen)
        await settle(pilot)
        summary = str(screen.query_one("#review-summary").content)
        assert summary.startswith(f"1/{n} answered") and f"{n - 1} unanswered" in summary
        table = screen.query_one("#review-table")
        cell = table.get_row("m_sponsor")[2]
        assert "incomplete" in cell.plain
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert f"{n - 1} question(s) are still unanswered or incomplete" in dialog.message()


async def test_participant_dialog_sets_and_changes_role_and_group(tui_workshop):
    from textual.widgets import Input, Select

    from cxalign.tui import make_app as make_tui
    from cxalign.tui.options import AppOptions
    from cxalign.tui.screens.dialogs import ParticipantDialog
    from cxalign.tui.screens.workshop import WorkshopScreen

    folder = tui_workshop
    app = make_tui(AppOptions(home=folder.path.parent, lang="fr", workshop=folder.path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen)
        assert "group" not in [c.key.value for c in app.screen.query_one("#participants").ordered_columns]
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ParticipantDialog)
        dialog.query_one("#person-name", Input).value = "Chloé Martin"
        dialog.query_one("#person-role", Select).value = "digital"
        dialog.query_one("#person-group", Input).value = "managers"
        dialog._done()
        await settle(pilot)
        chloe = next(p for p in folder.load().participants if p.name == "Chloé Martin")
        assert (chloe.role, chloe.group) == ("digital", "managers")
        table = app.screen.query_one("#participants")
        assert "group" in [c.key.value for c in table.ordered_columns]
        assert table.get_row(chloe.id)[2].plain == "Managers"
        # rename: role and group change; a free-text group is kept as typed; clearing removes it
        table.move_cursor(row=table.get_row_index(chloe.id))
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#person-group", Input).value == "Managers"
        dialog.query_one("#person-role", Select).value = "marketing"
        dialog.query_one("#person-group", Input).value = "Siège [HQ]"
        dialog._done()
        await settle(pilot)
        chloe = folder.load().participant(chloe.id)
        assert (chloe.role, chloe.group) == ("marketing", "Siège [HQ]")
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#person-group", Input).value = ""
        app.screen._done()
        await settle(pilot)
        assert folder.load().participant(chloe.id).group is None


async def test_compare_screen_relabels_on_f2(tmp_path):
    from cxalign.demo import create_demos
    from cxalign.tui.screens.compare import CompareScreen

    first, later = create_demos(tmp_path / "workshops")
    app = make_app(later, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = CompareScreen(first.path, later.path)
        app.push_screen(screen)
        await settle(pilot)
        from cxalign.tui.base import tr

        tabs = screen.query_one("#compare-tabs")
        def short(lang):  # the tab shows the section title up to its comma
            return tr("compare:section.questions", lang).split(",")[0]

        assert str(tabs.get_tab("questions").label) == "2 " + short("fr")
        await pilot.press("f2")
        await settle(pilot)
        assert str(tabs.get_tab("questions").label) == "2 " + short("en")
        footer = " ".join(b.description for b in screen._bindings.key_to_bindings["escape"])
        assert "Back" in footer


def test_scoped_keys_read_the_shared_catalogue_and_the_interface_keeps_no_duplicate():
    import pytest

    from cxalign.i18n import catalog
    from cxalign.tui.base import tr, ui_catalog

    assert tr("compare:title", "en") == catalog("compare")["title"]["en"]
    assert tr("title", "en") == "Results"  # the interface's own "title", apart
    assert not any(key.startswith("compare:") for key in ui_catalog())
    with pytest.raises(KeyError):
        tr("nowhere:title", "en")
