"""Pilot tests of issue 11 in the results screen, groups in the participant dialog, incomplete items in the review."""

from __future__ import annotations

from cxalign.tui.screens.dialogs import group_key, group_label
from cxalign.tui.screens.results import ResultsScreen
from cxalign.tui.widgets.keyed_table import KeyedTable
from tui_results_helpers import make_app, open_screen, settle


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
