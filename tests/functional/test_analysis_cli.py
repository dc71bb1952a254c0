"""`cxalign analyze` on the demo workshop: the planted disagreements, the JSON contract, anonymity."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT

from cxalign.analysis import analyze_folder
from cxalign.cli import main


def _in_unit(x):
    return x is None or (isinstance(x, (int, float)) and 0.0 <= x <= 1.0)


def test_planted_disagreements_are_the_top_hotspots(demo_folder):
    from cxalign.demo import PLANTED_DISAGREEMENTS

    analysis = analyze_folder(demo_folder)
    top = [h.question for h in analysis.hotspots[:len(PLANTED_DISAGREEMENTS)]]
    assert set(PLANTED_DISAGREEMENTS) <= set(top), f"top hot spots {top}"


def test_demo_hotspot_sentences_name_people(demo_folder):
    from cxalign.present import wording

    analysis = analyze_folder(demo_folder)
    namer = wording.default_namer(analysis, anonymous=False, lang="en")
    names = {p.name for p in analysis.workshop.participants}
    for spot in analysis.hotspots:
        sentence = wording.hotspot_sentence(analysis, spot, "en", namer)
        assert sentence and sentence.endswith(".")
        for pid in spot.outliers:
            assert namer(pid) in sentence
    # the demo's in-progress participant counts for what they answered
    statuses = {r.status for r in analysis.responses.values()}
    assert "in_progress" in statuses
    in_progress = [pid for pid, r in analysis.responses.items() if r.status == "in_progress"]
    assert set(in_progress) <= set(analysis.respondents)
    assert names


def test_analyze_json_matches_contract(demo_folder, capsys):
    assert main(["analyze", str(demo_folder.path), "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)  # exactly the JSON, nothing else
    assert {"workshop", "respondents", "alignment", "maturity", "definitions"} <= data.keys()
    assert isinstance(data["workshop"], dict) and data["respondents"]
    assert all(isinstance(r, str) for r in data["respondents"])
    alignment = data["alignment"]
    assert {"overall", "questions", "pairwise", "hotspots"} <= alignment.keys()
    assert _in_unit(alignment["overall"])
    for q in alignment["questions"]:
        assert {"id", "kind", "method", "index", "n", "dont_know", "part", "section", "ad_m", "status", "outliers"} <= q.keys()
        assert _in_unit(q["index"]) and isinstance(q["n"], int) and isinstance(q["dont_know"], int)
        assert q["method"] in {"rwg", "kendall_w", "allocation_l1", "jaccard", "pairwise_share", "concept_jaccard"}
        assert q["status"] in {"aligned", "mixed", "hotspot", None}
    pw = alignment["pairwise"]
    assert pw["level"] == "person" and pw["ids"] == data["respondents"]
    assert len(pw["matrix"]) == len(pw["ids"]) and all(len(row) == len(pw["ids"]) for row in pw["matrix"])
    assert all(_in_unit(v) for row in pw["matrix"] for v in row)
    assert alignment["hotspots"]
    for h in alignment["hotspots"]:
        assert {"question", "part", "index", "outliers", "sentence"} <= h.keys()
        assert (h["index"] < 0.5 or h["pattern"] == "lone_dissent") and set(h["sentence"]) == {"fr", "en"}
        assert set(h["outliers"]) <= set(data["respondents"])
    maturity = data["maturity"]
    assert {"current", "target", "gap", "min", "max", "level"} <= maturity["overall"].keys()
    for d in maturity["dimensions"]:
        assert {"id", "current", "target", "gap", "min", "max", "level"} <= d.keys()
        assert d["level"] in {1, 2, 3, 4, 5, None}
        assert d["current"] is None or 1 <= d["current"] <= 5
    for d in data["definitions"]:
        assert {"respondent", "concepts"} <= d.keys() and isinstance(d["concepts"], list)


def test_analyze_tables_in_both_languages(demo_folder, capsys):
    assert main(["analyze", str(demo_folder.path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Hot spots" in out and "Overall alignment" in out and "Maturity per dimension" in out
    assert main(["analyze", str(demo_folder.path), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Points chauds" in out and "Alignement global" in out


def test_anonymous_json_has_no_names_nor_name_ids(demo_folder, capsys):
    workshop = demo_folder.load()
    demo_folder.save(workshop.model_copy(update={"anonymous": True}))
    assert main(["analyze", str(demo_folder.path), "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["workshop"]["anonymous"] is True
    for p in workshop.participants:
        assert p.id not in out
        for part in p.name.split():
            assert part not in out.replace("Loriane", ""), part
    assert data["respondents"] == [f"r{i}" for i in range(1, len(data["respondents"]) + 1)]
    # issue 9 item 10: a pseudonym is never tied to a role (a role held by one person would name them);
    # roles are given as counts, and no position is attributed to anyone
    assert all("role" not in p and "name" not in p for p in data["workshop"]["participants"])
    assert sum(r["participants"] for r in data["workshop"]["roles"]) == len(workshop.participants)
    assert all(h["outliers"] == [] for h in data["alignment"]["hotspots"])
    assert all(q["outliers"] == [] for q in data["alignment"]["questions"])
    assert data["alignment"]["people"] == [] and all(c["members"] == [] for c in data["alignment"]["camps"])
    assert data["alignment"]["verdict"]["apart"] == []
    assert all(d["by_respondent"] == {} for d in data["maturity"]["dimensions"])
    # no breakdown below min_group_size: the demo's roles are all of one person, so no matrix
    assert data["alignment"]["pairwise"]["ids"] == []


@pytest.mark.parametrize("args", [["analyze", "/nonexistent/workshop"], ["analyze", "."]])
def test_bad_workshop_path_exits_2(args, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "workshop" in err and "Traceback" not in err


def test_analysis_imports_no_interface_nor_pdf_libraries():
    code = ("import cxalign.analysis, cxalign.present.console, cxalign.present.wording, sys; "
            "bad = [m for m in ('textual', 'weasyprint', 'pygal') if m in sys.modules]; "
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_scale_benchmark_runs_and_switches_to_roles(capsys):
    """The benchmark script works (small sizes here); above 60 respondents the matrix is by role."""
    import importlib.util
    path = ROOT / "benchmarks" / "analysis_scale.py"
    spec = importlib.util.spec_from_file_location("analysis_scale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--sizes", "10", "61"]) == 0
    out = capsys.readouterr().out
    assert "61" in out and "peak memory" in out
    from cxalign.analysis import analyze

    analysis = analyze(*module.synthetic_workshop(61))
    assert analysis.pairwise.level == "role" and sum(analysis.pairwise.sizes) == 61
    assert all(v is None or 0.0 <= v <= 1.0 for row in analysis.pairwise.matrix for v in row)
