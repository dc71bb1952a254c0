"""CSV export and import: both layouts round-trip, bad cells are named by row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxalign.cli import main
from cxalign.csvio import export_csv, import_csv
from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder, load_questionnaire
from tests.strategies import answer_sets

DATA = Path(__file__).parent / "data"
MINI = load_questionnaire(DATA / "mini-questionnaire.toml")
PEOPLE = [("Alice Martin", "ceo"), ("Bruno Petit", "marketing"), ("Chloé Roux", "customer_relations")]


def _workshop(root: Path) -> WorkshopFolder:
    return WorkshopFolder.create(root, name="Atelier", organisation="Testco", participants=PEOPLE,
                                 questionnaire_path=DATA / "mini-questionnaire.toml")


def _answers(folder: WorkshopFolder) -> dict[str, dict[str, Answer]]:
    """Answers without their timestamps (import stamps them anew); multi-choices as sets (order carries no meaning)."""
    def plain(a: Answer) -> Answer:
        update = {"answered_at": None}
        if a.choices is not None:
            update["choices"] = sorted(a.choices)
        return a.model_copy(update=update)

    return {
        pid: {qid: plain(a) for qid, a in r.answers.items() if a.is_answered or a.note}
        for pid, r in folder.responses().items()
    }


@pytest.mark.parametrize("wide", [False, True], ids=["tidy", "wide"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sets=st.lists(answer_sets(MINI), min_size=3, max_size=3))
def test_export_then_import_gives_back_the_same_answers(tmp_path_factory, wide, sets):
    root = tmp_path_factory.mktemp("csv")
    source = _workshop(root / "a")
    for (name, _), answers in zip(PEOPLE, sets):
        pid = source.load().participants[[p[0] for p in PEOPLE].index(name)].id
        source.save_response(source.new_response(pid).model_copy(update={"answers": answers, "status": "submitted"}))
    path = root / "answers.csv"
    export_csv(source, path, wide=wide)
    target = _workshop(root / "b")
    import_csv(target, path)
    expected = {pid: a for pid, a in _answers(source).items()}
    got = _answers(target)
    # Tidy rows carry no row for an answer without value; an unanswered note-only answer is kept in wide only.
    for pid, answers in expected.items():
        for qid, answer in answers.items():
            if answer.is_answered:
                assert got[pid][qid] == answer, (pid, qid)


def test_tidy_export_layout(tmp_path):
    folder = _workshop(tmp_path)
    response = folder.new_response("alice-martin").model_copy(update={"answers": {
        "includes": Answer(choices=["ads", "journey"]),
        "leave": Answer(ranking=["perso", "bill", "channels"]),
        "m_sponsor": Answer(current=2, target=4, note="à revoir"),
        "owner": Answer(dont_know=True),
    }})
    folder.save_response(response)
    assert main(["export", str(folder.path), "--csv", str(tmp_path / "out.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    by = {(r["question"], r["option"] or r["part"]): r for r in rows}
    assert by[("includes", "ads")]["value"] == "1" and by[("includes", "service")]["value"] == "0"
    assert by[("leave", "perso")]["value"] == "1" and by[("leave", "channels")]["value"] == "3"
    assert by[("m_sponsor", "current")]["value"] == "2" and by[("m_sponsor", "target")]["note"] == "à revoir"
    assert by[("owner", "")]["dont_know"] == "1"
    assert {r["role"] for r in rows} == {"ceo"}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_wide_adds_new_participants(tmp_path):
    folder = _workshop(tmp_path)
    path = _write(tmp_path / "in.csv",
                  "participant,name,role,owner,includes,goals,leave,m_sponsor.current,m_sponsor.target,silos\n"
                  ",Denis Morel,sales,nobody,ads|service,effort=50|nps=25|churn=25,bill|perso|channels,1,3,dont_know\n")
    assert main(["import", str(folder.path), str(path)]) == 0
    workshop = folder.load()
    assert workshop.participant("denis-morel").role == "sales"
    answers = folder.load_response("denis-morel").answers
    assert answers["goals"].allocation == {"effort": 50, "nps": 25, "churn": 25}
    assert answers["silos"].dont_know and answers["m_sponsor"].target == 3


@pytest.mark.parametrize("body, field", [
    ("participant,owner\nalice-martin,the_intern\n", "row 2, column owner"),
    ("participant,goals\nalice-martin,effort=50|nps=20|churn=20\n", "row 2, column goals"),
    ("participant,leave\nalice-martin,bill|bill|perso\n", "row 2, column leave"),
    ("participant,silos\nalice-martin,lots\n", "row 2, column silos"),
    ("participant,m_sponsor.current\nalice-martin,7\n", "row 2, column m_sponsor"),
    ("participant,colour\nalice-martin,blue\n", "row 1, column colour"),
    ("participant,owner\nzorro,ceo\n", "row 2, column participant"),
    ("participant,owner\nalice-martin,ceo\nalice-martin,nobody\n", "row 3, column participant"),
    ("participant,question,value\nalice-martin,nope,1\n", "row 2, column question"),
    ("participant,owner\nalice-martin,ceo,extra\n", "row 2"),
])
def test_bad_cells_exit_2_and_write_nothing(tmp_path, capsys, body, field):
    folder = _workshop(tmp_path)
    path = _write(tmp_path / "bad.csv", body)
    assert main(["import", str(folder.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and field in err and "Traceback" not in err
    assert not any(folder.responses_dir.glob("*.toml"))


def test_import_refuses_to_overwrite_without_replace(tmp_path, capsys):
    folder = _workshop(tmp_path)
    path = _write(tmp_path / "in.csv", "participant,owner\nalice-martin,ceo\n")
    assert main(["import", str(folder.path), str(path)]) == 0
    path = _write(tmp_path / "in.csv", "participant,owner\nalice-martin,nobody\n")
    assert main(["import", str(folder.path), str(path)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["import", str(folder.path), str(path), "--replace"]) == 0
    assert folder.load_response("alice-martin").answers["owner"].choice == "nobody"


def test_empty_and_binary_files(tmp_path, capsys):
    folder = _workshop(tmp_path)
    assert main(["import", str(folder.path), str(_write(tmp_path / "e.csv", ""))]) == 2
    (tmp_path / "b.csv").write_bytes(b"participant\n\xff\xfe\n")
    assert main(["import", str(folder.path), str(tmp_path / "b.csv")]) == 2
    err = capsys.readouterr().err
    assert "empty file" in err and "not UTF-8" in err


def test_readme_csv_example_imports(tmp_path):
    """The example in the README stays true: it imports into a workshop on the reference questionnaire."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    folder = WorkshopFolder.create(tmp_path, name="Atelier", organisation="Testco", participants=[("Alice Martin", "ceo")])
    assert import_csv(folder, _write(tmp_path / "readme.csv", block)) == 1
    answers = folder.load_response("denis-morel").answers
    assert answers["mat_sponsorship"].current == 2 and answers["mat_sponsorship"].note
