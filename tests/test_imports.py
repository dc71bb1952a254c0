"""What each module drags in when imported: the analysis, the report and the CLI never load Textual,
and the CLI (so every command's start) loads neither WeasyPrint, pygal nor pydantic."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "weasyprint", "pygal", "pydantic")


def loaded_after(module: str) -> set[str]:
    """Top-level packages among ``HEAVY`` that ``import module`` loads, in a fresh interpreter."""
    code = (
        "import json, sys\n"
        f"import {module}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", [
    "cxalign.analysis", "cxalign.analysis.wording", "cxalign.report", "cxalign.store", "cxalign.cli",
])
def test_no_textual(module):
    assert "textual" not in loaded_after(module)


def test_cli_loads_no_pdf_or_chart_library():
    assert loaded_after("cxalign.cli") & {"weasyprint", "pygal"} == set()


def test_cli_and_home_load_no_models():
    """``cxalign`` starts the interface without pydantic (the models load after the first paint)."""
    assert loaded_after("cxalign.cli") == set()
    assert loaded_after("cxalign.home") == set()


def test_the_check_itself_sees_textual():
    """The probe would notice: importing the interface's app does load Textual."""
    assert "textual" in loaded_after("cxalign.tui.app")
