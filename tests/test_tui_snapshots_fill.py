"""Snapshots of the workshops list and the filling screen (pytest-textual-snapshot).

Data are deterministic: fixed dates, answers written before the app starts, and the
workshops folder given relative to the test's working folder so no temporary path shows.
Regenerate with ``pytest tests/test_tui_snapshots_fill.py --snapshot-update`` and look at the
result in a terminal before committing it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder
from cxalign.tui.app import CxalignApp

QUESTIONNAIRE = Path(__file__).parent / "data" / "tui_questionnaire.toml"
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
        "def_own": Answer(text="Tout ce que vit le client avec nous.", answered_at=STAMP),
        "owner": Answer(choice="ceo", answered_at=STAMP),
        "elements": Answer(choices=["emotions", "journey"], answered_at=STAMP),
        "mat_leadership": Answer(current=2, target=4, answered_at=STAMP),
    }
    response.status, response.started_at, response.updated_at = "in_progress", STAMP, STAMP
    response.cursor = "mat_leadership"
    first.save_response(response)
    second = WorkshopFolder.create(
        HOME, name="Séminaire CX", organisation="Mutuelle Horizon", date=dt.date(2026, 2, 3),
        participants=[("Paul Girard", "marketing")], questionnaire_path=QUESTIONNAIRE,
    )
    response = second.new_response("paul-girard")
    response.cursor = "leave_reasons"
    second.save_response(response)
    return HOME


def test_workshops_screen(home, snap_compare):
    assert snap_compare(CxalignApp(home=home, lang="fr"), terminal_size=SIZE)


def test_fill_maturity_item_with_current_and_target(home, snap_compare):
    app = CxalignApp(home=home, lang="en", workshop=home / "comite-de-direction", participant="claire-dupont")
    assert snap_compare(app, terminal_size=SIZE)


def test_fill_ranking_widget(home, snap_compare):
    app = CxalignApp(home=home, lang="fr", workshop=home / "seminaire-cx", participant="paul-girard")
    assert snap_compare(app, press=["d"], terminal_size=SIZE)


def test_fill_at_80_by_24(home, snap_compare):
    app = CxalignApp(home=home, lang="fr", workshop=home / "comite-de-direction", participant="claire-dupont")
    assert snap_compare(app, terminal_size=(80, 24))
