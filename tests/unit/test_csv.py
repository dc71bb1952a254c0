"""CSV export and import: both layouts round-trip, bad cells are named by row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import DATA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxalign.cli import main
from cxalign.csvio import export_csv, import_csv
from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder, load_questionnaire
from tests.strategies import answer_sets

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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    folder = WorkshopFolder.create(tmp_path, name="Atelier", organisation="Testco", participants=[("Alice Martin", "ceo")])
    assert import_csv(folder, _write(tmp_path / "readme.csv", block)) == 1
    answers = folder.load_response("denis-morel").answers
    assert answers["mat_sponsorship"].current == 2 and answers["mat_sponsorship"].note


# -- spreadsheet formulas, exact round trips, parts, groups (issues 9.11, 11.6, 12.1) -------------

from cxalign.csvio import FORMULA_START, neutralise, restore  # noqa: E402

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
HEADS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'=", "''+", "'", "=HYPERLINK(\"http://x\",\"y\")"])
formula_text = st.builds(lambda head, tail: head + tail, HEADS, any_text)
#: What a person may type (no control characters but tab and line ends), often starting a formula.
printable = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r"), max_size=40)
user_text = st.one_of(printable, st.builds(lambda head, tail: head + tail, HEADS, printable))


@given(st.one_of(any_text, formula_text))
def test_neutralise_is_undone_by_restore(cell):
    safe = neutralise(cell)
    assert not safe.startswith(FORMULA_START)
    assert restore(safe) == cell
    assert restore(cell) == cell or cell.startswith("'")  # only a quoted formula is ever changed on import


def _cells(path: Path) -> list[str]:
    return [c for row in csv.reader(path.open(encoding="utf-8", newline="")) for c in row]


def _fill(folder: WorkshopFolder, pid: str, answers: dict[str, Answer], status: str = "submitted") -> None:
    folder.save_response(folder.new_response(pid).model_copy(update={"answers": answers, "status": status}))


@pytest.mark.parametrize("wide", [False, True], ids=["tidy", "wide"])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=user_text.filter(str.strip), note=user_text)
def test_formulas_are_neutralised_on_export_and_restored_on_import(tmp_path_factory, wide, text, note):
    root = tmp_path_factory.mktemp("formula")
    source = _workshop(root / "a")
    answers = {"def_text": Answer(text=text, note=note), "owner": Answer(choice="ceo", note="@SUM(A1:A9)"),
               "includes": Answer(choices=[]), "silos": Answer(value=2, note="-2+3")}
    _fill(source, "alice-martin", answers)
    path = root / "out.csv"
    export_csv(source, path, wide=wide)
    assert not [c for c in _cells(path) if c.startswith(FORMULA_START)]
    target = _workshop(root / "b")
    import_csv(target, path)
    got = target.load_response("alice-martin").answers
    for qid, answer in answers.items():
        if answer.is_answered or answer.note:
            assert got[qid].model_copy(update={"answered_at": None}) == answer, qid


@pytest.mark.parametrize("wide", [False, True], ids=["tidy", "wide"])
def test_round_trip_is_exact_for_the_former_exceptions(tmp_path, wide):
    """A typed text "dont_know", a whitespace-only note, an in-progress status, a part of a
    maturity item not known, and a group all come back as they were."""
    source = _workshop(tmp_path / "a")
    workshop = source.load()
    people = [p.model_copy(update={"group": "comex" if i < 2 else None}) for i, p in enumerate(workshop.participants)]
    source.save(workshop.model_copy(update={"participants": people}))
    alice = {"def_text": Answer(text="dont_know"), "owner": Answer(choice="ceo", note="   "),
             "m_sponsor": Answer(current=3, dont_know_parts=["target"]), "silos": Answer(dont_know=True)}
    bruno = {"def_text": Answer(text="'dont_know"), "m_sponsor": Answer(target=4, dont_know_parts=["current"]),
             "includes": Answer(choices=[])}
    _fill(source, "alice-martin", alice, status="in_progress")
    _fill(source, "bruno-petit", bruno)
    _fill(source, "chloe-roux", {"owner": Answer(choice="nobody")})
    path = tmp_path / "out.csv"
    export_csv(source, path, wide=wide)
    target = WorkshopFolder.create(tmp_path / "b", name="Atelier", organisation="Testco", participants=[],
                                   questionnaire_path=DATA / "mini-questionnaire.toml")
    assert import_csv(target, path) == 3
    for pid, answers in (("alice-martin", alice), ("bruno-petit", bruno)):
        got = target.load_response(pid).answers
        assert {q: a.model_copy(update={"answered_at": None}) for q, a in got.items()} == answers, pid
    assert target.load_response("alice-martin").status == "in_progress"
    assert target.load_response("bruno-petit").status == "submitted"
    assert {p.id: p.group for p in target.load().participants} == {
        "alice-martin": "comex", "bruno-petit": "comex", "chloe-roux": None}


@pytest.mark.parametrize("body", [
    "participant,m_sponsor.current,m_sponsor.target\nalice-martin,3,dont_know\n",
    "participant,m_sponsor.current,m_sponsor.target\nalice-martin,3,DONT_KNOW\n",
    "participant,question,part,value,dont_know\nalice-martin,m_sponsor,current,3,\nalice-martin,m_sponsor,target,,1\n",
], ids=["wide", "wide-upper", "tidy"])
def test_a_maturity_row_keeps_each_parts_value_or_dont_know(tmp_path, body):
    folder = _workshop(tmp_path)
    assert import_csv(folder, _write(tmp_path / "in.csv", body)) == 1
    answer = folder.load_response("alice-martin").answers["m_sponsor"]
    assert (answer.current, answer.target, answer.dont_know, answer.dont_know_parts) == (3, None, False, ["target"])
    # … and the analysis counts the target as "don't know", the current as a rating
    from cxalign.analysis.agreement import build_columns
    columns = {c.key: c for c in build_columns(MINI, folder.responses(), ["alice-martin"], {})}
    assert columns["m_sponsor:current"].values == [3] and columns["m_sponsor:target"].dont_know == 1


def test_both_parts_dont_know_is_one_dont_know(tmp_path):
    folder = _workshop(tmp_path)
    import_csv(folder, _write(tmp_path / "in.csv",
                              "participant,m_sponsor.current,m_sponsor.target\nalice-martin,dont_know,dont_know\n"))
    answer = folder.load_response("alice-martin").answers["m_sponsor"]
    assert answer.dont_know and answer.dont_know_parts is None


def test_group_column_sets_new_and_existing_participants(tmp_path):
    folder = _workshop(tmp_path)
    path = _write(tmp_path / "in.csv", "participant,name,role,group,owner\n"
                                        "alice-martin,,,comex,ceo\n"
                                        ",Denis Morel,sales,managers,nobody\n"
                                        "bruno-petit,,,,marketing\n")
    assert import_csv(folder, path) == 3
    groups = {p.id: p.group for p in folder.load().participants}
    assert groups == {"alice-martin": "comex", "bruno-petit": None, "chloe-roux": None, "denis-morel": "managers"}
    out = tmp_path / "out.csv"
    export_csv(folder, out, wide=True)
    rows = {r["participant"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["alice-martin"]["group"] == "comex" and rows["denis-morel"]["group"] == "managers"
    assert rows["bruno-petit"]["group"] == ""


def test_a_bad_group_is_named(tmp_path, capsys):
    folder = _workshop(tmp_path)
    path = _write(tmp_path / "in.csv", "participant,name,role,group,owner\n,Denis Morel,sales," + "g" * 101 + ",ceo\n")
    assert main(["import", str(folder.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column group" in err
    assert not any(folder.responses_dir.glob("*.toml"))


@pytest.mark.parametrize("wide", [False, True], ids=["tidy", "wide"])
def test_names_roles_and_groups_that_look_like_formulas_come_back_as_typed(tmp_path, wide):
    people = [("=HYPERLINK(\"http://evil\",\"x\")", "-ops"), ("@Bob", "+cmd")]
    source = WorkshopFolder.create(tmp_path / "a", name="Atelier", organisation="Testco", participants=people,
                                   questionnaire_path=DATA / "mini-questionnaire.toml")
    workshop = source.load()
    source.save(workshop.model_copy(update={"participants": [
        p.model_copy(update={"group": g}) for p, g in zip(workshop.participants, ["=1+1", "'@grp"])]}))
    for p in source.load().participants:
        _fill(source, p.id, {"owner": Answer(choice="ceo")})
    path = tmp_path / "out.csv"
    export_csv(source, path, wide=wide)
    assert not [c for c in _cells(path) if c.startswith(FORMULA_START)]
    target = WorkshopFolder.create(tmp_path / "b", name="Atelier", organisation="Testco", participants=[],
                                   questionnaire_path=DATA / "mini-questionnaire.toml")
    import_csv(target, path)
    got = [(p.id, p.name, p.role, p.group) for p in target.load().participants]
    assert got == [(p.id, p.name, p.role, p.group) for p in source.load().participants]
