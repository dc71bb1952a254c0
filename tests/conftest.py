"""Fixtures shared by every test module.

Each helper area keeps its own test files (test_models_*, test_analysis_*,
test_report_*, test_tui_*); fixtures that more than one area needs live here.
"""

from __future__ import annotations

import pytest
from helpers import MINI


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_cache(tmp_path_factory):
    """Nor the real user cache folder (compiled templates, the response cache's signing key):
    XDG_CACHE_HOME points to one temporary folder per test session."""
    import os

    cache = tmp_path_factory.mktemp("user-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder: CXALIGN_HOME points to a temporary folder."""
    home = tmp_path_factory.mktemp("cxalign-home")
    monkeypatch.setenv("CXALIGN_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def reference_questionnaire():
    from cxalign.resources import reference_questionnaire_path
    from cxalign.store import load_questionnaire

    return load_questionnaire(reference_questionnaire_path())


@pytest.fixture
def demo_folder(tmp_path):
    """A fresh copy of the demo workshop (a WorkshopFolder)."""
    from cxalign.demo import create_demo

    return create_demo(tmp_path / "workshops")


@pytest.fixture
def empty_workshop(tmp_path):
    """A new workshop with three participants and no answers."""
    from cxalign.store import WorkshopFolder

    return WorkshopFolder.create(
        tmp_path / "workshops",
        name="Atelier test",
        organisation="Testco",
        participants=[("Alice Martin", "ceo"), ("Bruno Petit", "marketing"), ("Chloé Roux", "customer_relations")],
    )


@pytest.fixture
def tui_workshop(tmp_path):
    """A workshop on the mini questionnaire (every question kind), with a fixed date."""
    import datetime as dt

    from cxalign.store import WorkshopFolder

    return WorkshopFolder.create(
        tmp_path / "workshops", name="Atelier", organisation="Acme", date=dt.date(2026, 1, 15),
        participants=[("Ann Lee", "ceo"), ("Bob Roy", "marketing")],
        questionnaire_path=MINI,
    )
