"""Pilot tests of the results screen: the reveal, consensus entry, anonymity, language."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import TabbedContent, TextArea

from cxalign.analysis import analyze_folder
from cxalign.analysis.thresholds import matrix_colour, matrix_text_colour
from cxalign.present.wording import default_namer, hotspot_sentence
from cxalign.tui.screens.consensus import ConsensusDialog
from cxalign.tui.screens.results import ResultsScreen
from cxalign.tui.widgets.heatmap import HeatMap, cell, cell_style, legend_bar, lowest_pair, row_mean
from cxalign.tui.widgets.keyed_table import KeyedTable
from cxalign.tui.widgets.maturity_bars import CURRENT_MARK, SPREAD, TARGET_MARK, scale_bar
from helpers import make_app, notices, open_screen, screen_text, settle, widget_texts

SIZE = (120, 40)


def consensus_cell(table, key: str) -> str:
    """The text in the Consensus column of row ``key``."""
    labels = [str(column.label) for column in table.ordered_columns]
    return table.get_row(key)[labels.index("Consensus")].plain


def consensus_on_disk(folder) -> list[dict]:
    return tomllib.loads(folder.workshop_file.read_text("utf-8")).get("consensus", [])


async def test_results_reveal_maturity_heatmap_hotspots_definitions(demo_folder):
    analysis = analyze_folder(demo_folder)
    assert analysis.hotspots, "the demo plants at least one hot spot"
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        screen = app.screen
        assert isinstance(screen, ResultsScreen) and screen.analysis is not None
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "maturity"
        maturity = screen.query_one("#maturity-table", KeyedTable)
        assert [row.key.value for row in maturity.ordered_rows] == [d.id for d in analysis.dimensions]

        await pilot.press("2")
        assert tabs.active == "alignment"
        heatmap = screen.query_one(HeatMap)
        assert heatmap.row_count == len(analysis.pairwise.ids)
        assert heatmap.matrix == [list(row) for row in analysis.pairwise.matrix]
        namer = default_namer(analysis, False, "en")
        ids, matrix = analysis.pairwise.ids, analysis.pairwise.matrix

        def caption() -> str:
            return screen.query_one("#heatmap-pair").content

        # the cursor starts on the least similar pair
        value, i, j = min((v, i, j) for i, row in enumerate(matrix) for j, v in enumerate(row)
                          if i != j and v is not None)
        assert namer(ids[i]) in caption() and namer(ids[j]) in caption() and f"{value:.2f}" in caption()
        heatmap.move_cursor(row=0, column=2)  # column 0 holds the names
        await pilot.press("right")
        await pilot.pause()
        assert namer(ids[0]) in caption() and namer(ids[2]) in caption() and f"{matrix[0][2]:.2f}" in caption()
        await pilot.press("end")
        await pilot.pause()
        assert "mean similarity" in caption()

        await pilot.press("3")
        assert tabs.active == "hotspots"
        hotspots = screen.query_one("#hotspot-table", KeyedTable)
        assert [row.key.value for row in hotspots.ordered_rows] == [h.key for h in analysis.hotspots]
        detail = screen.query_one("#hotspot-detail").content.plain
        assert hotspot_sentence(analysis, analysis.hotspots[0], "en", namer) in detail
        if len(analysis.hotspots) > 1:
            await pilot.press("down")
            await pilot.pause()
            detail = screen.query_one("#hotspot-detail").content.plain
            assert hotspot_sentence(analysis, analysis.hotspots[1], "en", namer) in detail

        await pilot.press("4")
        assert tabs.active == "definitions"
        cards = screen.query(".definition-card")
        assert len(cards) == len(analysis.definitions)
        assert {c.border_title for c in cards} == {namer(d.respondent) for d in analysis.definitions}

        await pilot.press("1")
        assert tabs.active == "maturity"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ResultsScreen)


async def test_planted_hotspot_sentence_is_on_screen(demo_folder):
    analysis = analyze_folder(demo_folder)
    namer = default_namer(analysis, False, "fr")
    spot = analysis.hotspots[0]
    app = make_app(demo_folder, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("3")
        await pilot.pause()
        painted = " ".join(screen_text(app).split())
        sentence = hotspot_sentence(analysis, spot, "fr", namer)
        # the sentence wraps on screen: compare its first words
        assert " ".join(sentence.split()[:5]) in painted
        assert "Points chauds" in painted


async def test_record_consensus_for_a_dimension(demo_folder):
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        screen = app.screen
        table = screen.query_one("#maturity-table", KeyedTable)
        table.focus()
        await pilot.press("down")
        dimension = table.selected_key()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConsensusDialog)
        await pilot.press("3", "tab", "4", "tab")
        app.screen.query_one(TextArea).insert("Agreed after a long debate")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        saved = consensus_on_disk(demo_folder)
        assert [(c["scope"], c["ref"], c["current"], c["target"], c["comment"]) for c in saved] == [
            ("dimension", dimension, 3, 4, "Agreed after a long debate")]
        assert "recorded_at" in saved[0]
        assert demo_folder.load().consensus_for("dimension", dimension).current == 3
        assert consensus_cell(table, dimension) == "✔ 3→4"
        assert table.selected_key() == dimension, "the cursor stays on the dimension after the reload"
        assert "Agreed after a long debate" in screen.query_one("#dimension-detail").content.plain
        assert screen.analysis.dimension(dimension).consensus.target == 4

        # recording again replaces the entry (one per dimension)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#consensus-current").value == "3"
        dialog.query_one("#consensus-current").value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = consensus_on_disk(demo_folder)
        assert len(saved) == 1 and saved[0]["current"] == 2 and saved[0]["target"] == 4

        # and the entry can be removed
        await pilot.press("c")
        await pilot.pause()
        await pilot.click("#consensus-remove")
        await settle(pilot)
        assert consensus_on_disk(demo_folder) == []
        assert consensus_cell(table, dimension) == ""


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "Consensus refusé (comment)\u00a0: texte trop long (4000 caractères au plus)"),
    ("en", "Consensus refused (comment): String should have at most 4000 characters"),
])
async def test_a_refused_consensus_is_said_in_the_interface_language(demo_folder, lang, said):
    """The model's refusal goes through cxalign.errors.from_validation and is said in the interface language."""
    app = make_app(demo_folder, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        dimension = demo_folder.questionnaire.dimensions[0].id
        await app.push_screen(ConsensusDialog("dimension", dimension, "Sujet"))
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(TextArea).insert("x" * 4001)
        with pytest.raises(ValueError) as refused:
            dialog.read()
        assert str(refused.value) == said


async def test_record_consensus_for_a_hotspot(demo_folder):
    analysis = analyze_folder(demo_folder)
    spot = analysis.hotspots[0]
    question = analysis.questionnaire.question(spot.question)
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("3", "c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConsensusDialog) and dialog.ref == spot.question
        has_levels = question.kind == "likert"
        assert bool(dialog.query("#consensus-current")) == has_levels
        if has_levels:
            dialog.query_one("#consensus-current").value = "2"
        dialog.query_one(TextArea).insert("We start with complaints handling")
        await pilot.click("#consensus-save")
        await settle(pilot)
        saved = consensus_on_disk(demo_folder)
        assert len(saved) == 1
        assert (saved[0]["scope"], saved[0]["ref"], saved[0]["comment"]) == (
            "question", spot.question, "We start with complaints handling")
        assert saved[0].get("current") == (2 if has_levels else None)
        detail = app.screen.query_one("#hotspot-detail").content.plain
        assert "We start with complaints handling" in detail
        assert consensus_cell(app.screen.query_one("#hotspot-table", KeyedTable), spot.key).startswith("✔")


@pytest.mark.parametrize("current, target", [("7", "4"), ("0", ""), ("3", "-1")])
async def test_invalid_consensus_value_is_refused(demo_folder, current, target):
    before = demo_folder.workshop_file.read_bytes()
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#consensus-current").value = current
        dialog.query_one("#consensus-target").value = target
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "the dialog stays open"
        bad = current if current not in ("1", "2", "3", "4", "5") else target
        assert any(f"“{bad}”" in n and "1 to 5" in n for n in notices(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    assert demo_folder.workshop_file.read_bytes() == before


async def test_empty_consensus_is_refused(demo_folder):
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsensusDialog)
        assert any("Nothing to record" in n for n in notices(app))
    assert consensus_on_disk(demo_folder) == []


async def test_consensus_outside_maturity_and_hotspots_explains_where(demo_folder):
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("2", "c")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert any("Maturity tab" in n for n in notices(app))


async def test_anonymous_workshop_shows_no_name(demo_folder):
    workshop = demo_folder.load()
    workshop.anonymous = True
    demo_folder.save(workshop)
    tokens = {part.lower() for p in workshop.participants for part in p.name.replace("-", " ").split() if len(part) > 2}
    tokens |= {p.id for p in workshop.participants}
    assert tokens
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        screen = app.screen
        seen: list[str] = []
        for tab, table_id in (("1", "#maturity-table"), ("2", None), ("3", "#hotspot-table"), ("4", None)):
            await pilot.press(tab)
            await pilot.pause()
            rows = screen.query_one(table_id, KeyedTable).row_count if table_id else 1
            for _ in range(rows):  # every dimension's and every hot spot's detail
                seen += widget_texts(screen)
                seen.append(screen_text(app))
                if table_id:
                    await pilot.press("down")
                    await pilot.pause()
        text = " ".join(seen).lower()
        assert "anonymous: roles only" in text
        leaked = sorted(token for token in tokens if token in text)
        assert not leaked, f"names on the anonymous results screen: {leaked}"


async def test_names_shown_when_not_anonymous(demo_folder):
    workshop = demo_folder.load()
    analysis = analyze_folder(demo_folder)
    names = {workshop.participant(pid).name for pid in analysis.respondents}
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("2")
        text = " ".join(widget_texts(app.screen))
        assert all(name[:20] in text for name in names)  # labels are shortened to 22 characters


async def test_language_switch_relabels_the_screen(demo_folder):
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        tabs = app.screen.query_one(TabbedContent)
        assert str(tabs.get_tab("hotspots").label) == "3 Hot spots"
        app.lang = "fr"
        await settle(pilot)
        assert str(tabs.get_tab("hotspots").label) == "3 Points chauds"
        assert "Dimension" in str(app.screen.query_one("#maturity-table", KeyedTable).ordered_columns[0].label)
        descriptions = {ab.binding.action: ab.binding.description for ab in app.screen.active_bindings.values()}
        assert descriptions.get("consensus") == "Consensus" and descriptions.get("reload") == "Actualiser"


async def test_an_unreadable_response_is_left_out_and_named(demo_folder):
    victim = sorted(demo_folder.responses_dir.glob("*.toml"))[0]
    victim.write_text("format_version = 1\nparticipant = [broken\n", "utf-8")
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert screen.analysis is not None  # the others' results are shown
        assert victim.stem not in screen.analysis.respondents
        assert any(victim.name in n and "invalid TOML" in n for n in notices(app))
        assert victim.name in screen.query_one("#results-summary").content.plain
        victim.unlink()
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.left_out == ()
        assert victim.name not in app.screen.query_one("#results-summary").content.plain


async def test_a_broken_workshop_gives_a_notification_in_french_and_the_screen_stays(demo_folder):
    demo_folder.workshop_file.write_text("name = [broken\n", "utf-8")
    app = make_app(demo_folder, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.analysis is None
        assert any("workshop.toml" in n and "TOML invalide" in n for n in notices(app))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_record_consensus_helper_replaces_and_removes(demo_folder):
    from cxalign.models.workshop import Consensus
    from cxalign.store import now
    from cxalign.tui.screens.consensus import ConsensusEdit
    from cxalign.tui.screens.results import record_consensus

    dim = demo_folder.questionnaire.dimensions[0].id
    first = Consensus(scope="dimension", ref=dim, current=2, target=4, recorded_at=now())
    record_consensus(demo_folder, ConsensusEdit("dimension", dim, first))
    question = demo_folder.questionnaire.questions[0].id  # a consensus must name a real question
    other = Consensus(scope="question", ref=question, comment="other scope", recorded_at=now())
    record_consensus(demo_folder, ConsensusEdit("question", question, other))
    second = Consensus(scope="dimension", ref=dim, current=3, target=5, recorded_at=now())
    record_consensus(demo_folder, ConsensusEdit("dimension", dim, second))
    assert [(c.scope, c.current) for c in demo_folder.load().consensus] == [("dimension", 3), ("question", None)]
    record_consensus(demo_folder, ConsensusEdit("dimension", dim, None))
    assert [c.scope for c in demo_folder.load().consensus] == ["question"]


async def test_workshop_without_answers_opens_with_explanations(empty_workshop):
    app = make_app(empty_workshop, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, ResultsScreen(empty_workshop))
        screen = app.screen
        assert isinstance(screen, ResultsScreen) and screen.analysis is not None
        assert "0/3 respondents" in screen.query_one("#results-summary").content.plain
        await pilot.press("2")
        assert "At least two respondents" in screen.query_one("#heatmap-pair").content.plain
        await pilot.press("3")
        assert "No hot spot" in screen.query_one("#hotspot-detail").content.plain
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert any("No hot spot selected" in n for n in notices(app))
        await pilot.press("4")
        assert any("Nobody has given a definition" in t for t in widget_texts(screen))


async def test_heatmap_by_role_above_the_person_limit(demo_folder, monkeypatch):
    import cxalign.analysis.pairwise as pairwise

    monkeypatch.setattr(pairwise, "PERSON_LEVEL_MAX", 3)
    analysis = analyze_folder(demo_folder)
    assert analysis.pairwise.level == "role"
    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("2")
        heatmap = app.screen.query_one(HeatMap)
        names = [str(row[0]).strip() for row in (heatmap.get_row(r.key) for r in heatmap.ordered_rows)]
        sizes = analysis.pairwise.sizes or (1,) * len(analysis.pairwise.ids)
        from cxalign.i18n import role_label

        expected = [f"{i} {role_label(role, 'en')} ({size})"
                    for i, (role, size) in enumerate(zip(analysis.pairwise.ids, sizes), 1)]
        assert names == expected
        assert "by role" in app.screen.query_one("#heatmap-intro").content
        # the diagonal (similarity within a role) is printed at role level
        first_row = heatmap.get_row(heatmap.ordered_rows[0].key)
        diagonal = analysis.pairwise.matrix[0][0]
        assert (f"{diagonal:.2f}" in str(first_row[1])) if diagonal is not None else True


# -- the widgets' drawing helpers ---------------------------------------------------------

levels = st.none() | st.floats(min_value=1, max_value=5)


@settings(max_examples=200)
@given(levels, levels, levels, levels, st.integers(min_value=5, max_value=40))
def test_scale_bar_is_one_line_of_fixed_width(current, target, low, high, width):
    if low is not None and high is not None and low > high:
        low, high = high, low
    bar = scale_bar(current, target, low, high, width=width).plain
    assert len(bar) == width and "\n" not in bar
    assert (CURRENT_MARK in bar) == (current is not None)
    if target is not None and (current is None or round((current - 1) / 4 * (width - 1)) != round((target - 1) / 4 * (width - 1))):
        assert TARGET_MARK in bar
    if low is None:
        assert SPREAD not in bar


def test_scale_bar_places_levels_on_the_scale():
    assert scale_bar(1, 5).plain == CURRENT_MARK + "·" * 15 + TARGET_MARK
    assert scale_bar(3, None, 2, 4).plain == "····━━━━●━━━━····"


@given(st.floats(min_value=0, max_value=1))
def test_heatmap_cells_use_the_analysis_colour_scale(value):
    """One scale for the terminal and the PDF (issue 8 item 3): the cell's colours are thresholds'."""
    style = cell_style(value)
    assert style.bgcolor.triplet == matrix_colour(value)
    assert style.color.triplet == matrix_text_colour(value)


def test_cells_print_their_value_and_mark_missing_ones():
    assert cell(0.5).plain.strip() == "0.50"
    assert cell(0.5, lang="fr").plain.strip() == "0,50"
    assert cell(1.0).plain.strip() == "1.00"
    assert cell(None).plain.strip() == "—"
    assert cell(1.0, diagonal=True).plain.strip() == "·"
    assert legend_bar(lang="fr").plain.startswith("0,0") and legend_bar().plain.endswith("1.0")


def test_lowest_pair_and_row_mean():
    matrix = [[1.0, 0.8, 0.3], [0.8, 1.0, None], [0.3, None, 1.0]]
    assert lowest_pair(matrix) == (0, 3)  # table column 3 = person 2 (column 0 holds the names)
    assert row_mean(matrix, 0) == pytest.approx(0.55)
    assert row_mean(matrix, 1) == pytest.approx(0.8)
    assert row_mean([[1.0]], 0) is None
    assert lowest_pair([[1.0]]) == (0, 1)


async def test_reached_from_the_workshop_screen_and_leads_to_export(demo_folder):
    from cxalign.tui.screens.export import ExportScreen

    app = make_app(demo_folder, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the (only) workshop in the list
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.folder.path == demo_folder.path and app.screen.analysis is not None
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_consensus_dialog_subject_follows_the_language(demo_folder):
    analysis = analyze_folder(demo_folder)
    question = analysis.questionnaire.question(analysis.hotspots[0].question)
    app = make_app(demo_folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ResultsScreen(demo_folder))
        await pilot.press("3", "c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConsensusDialog)
        subject = lambda: str(dialog.query_one("#consensus-subject").render())  # noqa: E731
        assert question.prompt.get("en") in subject()
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is dialog
        assert question.prompt.get("fr") in subject()
