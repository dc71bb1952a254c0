"""What each module drags in when imported: the analysis, the report and the CLI never load Textual,
and the CLI (so every command's start) loads neither WeasyPrint, pygal nor pydantic."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "weasyprint", "pygal", "pydantic", "scipy")


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


#: Every module of these is imported by the walk below; none may load Textual.
NO_TEXTUAL = ("cxalign.analysis", "cxalign.present", "cxalign.report", "cxalign.store", "cxalign.kinds",
              "cxalign.compare", "cxalign.cli")


@pytest.fixture(scope="module")
def textual_walk() -> dict:
    """One fresh interpreter imports every module of ``NO_TEXTUAL`` (walked with pkgutil) and says which
    modules it imported and which one, if any, loaded Textual first: if none did, no module does."""
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"walked, culprit = {{}}, None\n"
        f"for top in {NO_TEXTUAL!r}:\n"
        "    package = importlib.import_module(top)\n"
        "    names = [top]\n"
        "    if 'textual' in sys.modules and culprit is None:\n"
        "        culprit = top\n"
        "    for info in pkgutil.walk_packages(getattr(package, '__path__', []), top + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "        names.append(info.name)\n"
        "        if 'textual' in sys.modules and culprit is None:\n"
        "            culprit = info.name\n"
        "    walked[top] = names\n"
        "print(json.dumps({'walked': walked, 'culprit': culprit}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("package", NO_TEXTUAL)
def test_no_textual(package, textual_walk):
    assert textual_walk["culprit"] is None, f"{textual_walk['culprit']} loads textual"
    if package != "cxalign.cli":  # a package: its modules were walked, not only the package itself
        assert len(textual_walk["walked"][package]) > 1


def test_cli_loads_no_pdf_or_chart_library():
    assert loaded_after("cxalign.cli") & {"weasyprint", "pygal"} == set()


def test_cli_and_home_load_no_models():
    """``cxalign`` starts the interface without pydantic (the models load after the first paint)."""
    assert loaded_after("cxalign.cli") == set()
    assert loaded_after("cxalign.home") == set()


def test_the_first_screen_loads_no_models():
    """The workshops list, the interface's first screen, paints before pydantic is loaded
    (the models cost about 0.2 s; tools/tui_startup measures the whole start)."""
    assert loaded_after("cxalign.tui.screens.workshops") == {"textual"}
    assert loaded_after("cxalign.tui.app") == {"textual"}


def test_the_check_itself_sees_textual():
    """The probe would notice: importing the interface's app does load Textual."""
    assert "textual" in loaded_after("cxalign.tui.app")


def test_analysis_computes_only():
    """Numbers and words apart (issue 8): no module of ``cxalign.analysis``, walked with pkgutil,
    loads the catalogue (``cxalign.i18n``), Rich, Textual or the presentation layer."""
    code = (
        "import json, pkgutil, sys, importlib\n"
        "import cxalign.analysis as pkg\n"
        "names = [m.name for m in pkgutil.walk_packages(pkg.__path__, 'cxalign.analysis.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'cxalign.i18n' or m.split('.')[0] in ('rich', 'textual')\n"
        "             or m.startswith('cxalign.present'))\n"
        "print(json.dumps({'modules': names, 'bad': bad}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert "cxalign.analysis.engine" in found["modules"] and len(found["modules"]) >= 8
    assert found["bad"] == []


def test_the_hygiene_probe_sees_i18n():
    """The probe would notice: the presentation layer does load the catalogue."""
    code = "import sys, cxalign.present.wording; print('cxalign.i18n' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.strip() == "True", done.stderr


def test_scipy_stays_off_the_start_path():
    """Camps use scipy.cluster.hierarchy, imported inside the function: importing the analysis
    (and so the interface's results screen) does not load it."""
    assert "scipy" not in loaded_after("cxalign.analysis")
    assert "scipy" not in loaded_after("cxalign.present.console")
