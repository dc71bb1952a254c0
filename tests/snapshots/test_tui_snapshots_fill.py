"""Snapshots of the workshops list and the filling screen (pytest-textual-snapshot).

Data are deterministic: fixed dates, answers written before the app starts, and the
workshops folder given relative to the test's working folder so no temporary path shows.
Regenerate with ``pytest tests/snapshots/test_tui_snapshots_fill.py --snapshot-update`` and look at the
result in a terminal before committing it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import MINI as QUESTIONNAIRE

from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder
from cxalign.tui.app import CxalignApp

HOME = Path("workshops")
SIZE = (100, 30)
STAMP = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = WorkshopFolder.create(
        HOME, name="Comité de direction", organisation="Banque Aubert", date=dt.date(2026, 1, 15),
        participants=[("Claire Dupont", "ceo"), ("Marc Leroy", "sales"), ("Inès Haddad", "customer_relations")],
        questionnaire_path=QUESTIONNAIRE,
    )
    response = first.new_response("claire-dupont")
    response.answers = {
        "def_text": Answer(text="Tout ce que vit le client avec nous.", answered_at=STAMP),
        "owner": Answer(choice="ceo", answered_at=STAMP),
        "includes": Answer(choices=["ads", "journey"], answered_at=STAMP),
        "m_sponsor": Answer(current=2, target=4, answered_at=STAMP),
    }
    response.status, response.started_at, response.updated_at = "in_progress", STAMP, STAMP
    response.cursor = "m_sponsor"
    first.save_response(response)
    second = WorkshopFolder.create(
        HOME, name="Séminaire CX", organisation="Mutuelle Horizon", date=dt.date(2026, 2, 3),
        participants=[("Paul Girard", "marketing")], questionnaire_path=QUESTIONNAIRE,
    )
    response = second.new_response("paul-girard")
    response.cursor = "leave"
    second.save_response(response)
    return HOME


def test_workshops_screen(home, snap_compare):
    async def counted(pilot) -> None:  # the list counts answers in a worker after its first paint
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(CxalignApp(home=home, lang="fr"), terminal_size=SIZE, run_before=counted)


def test_fill_maturity_item_with_current_and_target(home, snap_compare):
    app = CxalignApp(home=home, lang="en", workshop=home / "comite-de-direction", participant="claire-dupont")
    assert snap_compare(app, terminal_size=SIZE)


def test_fill_ranking_widget(home, snap_compare):
    app = CxalignApp(home=home, lang="fr", workshop=home / "seminaire-cx", participant="paul-girard")
    assert snap_compare(app, press=["d"], terminal_size=SIZE)


def test_fill_at_80_by_24(home, snap_compare):
    app = CxalignApp(home=home, lang="fr", workshop=home / "comite-de-direction", participant="claire-dupont")
    assert snap_compare(app, terminal_size=(80, 24))


# -- the question widgets at 80×24 and 120×40, in both languages ----------------------------

SIZES_LANGS = [((80, 24), "fr"), ((80, 24), "en"), ((120, 40), "fr"), ((120, 40), "en")]
IDS = ["80x24-fr", "80x24-en", "120x40-fr", "120x40-en"]


def _on_question(question_id: str, *keys: str):
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        ids = [q.id for q in screen.questions]
        await screen.go_to(ids.index(question_id))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def _paul(home, lang):
    return CxalignApp(home=home, lang=lang, workshop=home / "seminaire-cx", participant="paul-girard")


@pytest.mark.parametrize(("size", "lang"), SIZES_LANGS, ids=IDS)
def test_allocation_draft_with_an_inline_refusal(home, snap_compare, size, lang):
    """A split of 70 of 100 kept as a draft; a letter refused on the status line, not in a toast."""
    run_before = _on_question("goals", "5", "0", "tab", "2", "0", "tab", "x")
    assert snap_compare(_paul(home, lang), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize(("size", "lang"), SIZES_LANGS, ids=IDS)
def test_ranking_asks_to_confirm_the_first_order(home, snap_compare, size, lang):
    """Enter on the untouched order asks once more; the key hints are shown."""
    assert snap_compare(_paul(home, lang), run_before=_on_question("leave", "enter"), terminal_size=size)


@pytest.mark.parametrize(("size", "lang"), SIZES_LANGS, ids=IDS)
def test_maturity_target_below_today_is_questioned(home, snap_compare, size, lang):
    """Today 4, target 2: the hint asks whether that is meant."""
    run_before = _on_question("m_sponsor", "4", "tab", "2")
    assert snap_compare(_paul(home, lang), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize(("size", "lang"), SIZES_LANGS, ids=IDS)
def test_multiple_choice_refusal_said_under_the_list(home, snap_compare, size, lang):
    """A third choice where two are allowed: said once under the list, never as a toast."""
    run_before = _on_question("includes", "space", "down", "space", "down", "space")
    assert snap_compare(_paul(home, lang), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize(("size", "lang"), SIZES_LANGS, ids=IDS)
def test_definition_field_with_its_keys(home, snap_compare, size, lang):
    """The definition field and its keys (select all, clear); a pasted control character is dropped."""
    from textual import events

    async def run_before(pilot) -> None:
        await _on_question("def_text")(pilot)
        pilot.app.post_message(events.Paste("Tout\x01 ce que [/b] vit le client\x1b."))
        await pilot.pause(1.0)  # past the 0.6 s typing delay: saved, the progress counts it
        area = pilot.app.screen.query_one("#text")
        area.cursor_blink = False  # a blinking cursor would make the picture depend on the moment
        await pilot.pause()

    assert snap_compare(_paul(home, lang), run_before=run_before, terminal_size=size)
