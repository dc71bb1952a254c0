"""The scriptable commands of DESIGN §3: output, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from cxalign import __version__
from cxalign.cli import main
from cxalign.store import WorkshopFolder


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cxalign", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"cxalign {__version__}"


def test_new_creates_workshop_and_prints_folder(tmp_path, capsys):
    code = main(["new", "CODIR novembre", "--org", "Maison Test", "--participant", "Claire Dubois:ceo",
                 "--participant", "Marc Leroy:marketing", "--language", "en", "--dir", str(tmp_path)])
    assert code == 0
    folder = WorkshopFolder(capsys.readouterr().out.strip().splitlines()[-1])
    workshop = folder.load()
    assert folder.path.parent == tmp_path
    assert workshop.organisation == "Maison Test" and workshop.language == "en"
    assert [(p.id, p.role) for p in workshop.participants] == [("claire-dubois", "ceo"), ("marc-leroy", "marketing")]
    assert main(["validate", str(folder.path)]) == 0


def test_new_uses_cxalign_home(tmp_path):
    result = run("new", "Atelier", "--org", "X", env={"CXALIGN_HOME": str(tmp_path / "home")})
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == tmp_path / "home"


@pytest.mark.parametrize("args, needle", [
    (["new", "A", "--org", "X", "--participant", "no-role"], "Name:role"),
    (["new", "A"], "--org"),
    (["report", "/nonexistent/ws", "-o", "x.pdf", "--lang", "de"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_arguments_exit_2(args, needle):
    result = run(*args)
    assert result.returncode == 2 and needle in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["analyze"], ["export", "--csv", "out.csv"], ["validate"], ["report", "-o", "x.pdf"]])
def test_missing_workshop_exits_2_without_traceback(tmp_path, command):
    args = [command[0], str(tmp_path / "missing"), *command[1:]]
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "missing" in result.stderr and "Traceback" not in result.stderr


def test_demo_prints_its_folder_last_and_validates(tmp_path):
    result = run("demo", "--dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path and (folder / "workshop.toml").is_file()
    check = run("validate", str(folder), *map(str, sorted((folder / "responses").glob("*.toml"))))
    assert check.returncode == 0, check.stderr
    assert check.stdout.count("ok  ") >= 6


def test_demo_twice_gives_two_folders(tmp_path):
    first = run("demo", "--dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    second = run("demo", "--dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    assert first != second


def test_wheel_ships_questionnaires_and_templates(tmp_path):
    """A plain (non-editable) install finds the reference questionnaire and the report templates.

    Builds the wheel, unpacks it outside the checkout and runs ``cxalign validate`` from there.
    """
    root = ROOT
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(root)],
                           capture_output=True, text=True, timeout=300)
    if build.returncode != 0 and "hatchling" in build.stderr and "No matching distribution" in build.stderr:
        pytest.skip("no build backend reachable")  # pragma: no cover
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("cxalign-*.whl"))
    import zipfile

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    data = site / "cxalign" / "_data"
    assert (data / "questionnaires" / "cx-alignment.toml").is_file()
    assert any((data / "report_templates").glob("*.j2"))
    probe = ("import cxalign.resources as r, sys; print(r.reference_questionnaire_path()); "
             "sys.exit(__import__('cxalign.cli').cli.main(['validate', str(r.reference_questionnaire_path())]))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(data) in result.stdout and "ok  " in result.stdout


# -- issue 13: WORKSHOP by name, help, replaced files, few submitted ---------------------------

def test_every_workshop_command_accepts_a_workshop_name(demo_folder, tmp_path, capsys, monkeypatch):
    home, name = demo_folder.path.parent, demo_folder.path.name
    monkeypatch.chdir(tmp_path)  # the name is not a path from here
    assert main(["analyze", name, "--json", "--dir", str(home)]) == 0
    assert '"respondents"' in capsys.readouterr().out
    monkeypatch.setenv("CXALIGN_HOME", str(home))  # the workshops folder also comes from $CXALIGN_HOME
    assert main(["export", name, "--csv", str(tmp_path / "a.csv"), "--wide"]) == 0
    assert main(["validate", name]) == 0
    assert f"ok  {demo_folder.path}" in capsys.readouterr().out
    assert main(["import", name, str(tmp_path / "a.csv"), "--replace"]) == 0
    assert main(["fill", name, "--participant", "nobody"]) == 2  # found; the participant is what is wrong
    assert f"{demo_folder.workshop_file}: unknown participant 'nobody'" in capsys.readouterr().err
    assert main(["analyze", "no-such-workshop"]) == 2
    assert f"no-such-workshop: not a workshop folder (no such folder, and no workshop of that name in {home})" in capsys.readouterr().err


def test_a_path_wins_over_a_name(demo_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / demo_folder.path.name).mkdir()  # a folder of that name here, not a workshop
    assert main(["analyze", demo_folder.path.name, "--dir", str(demo_folder.path.parent)]) == 2
    assert "not a workshop folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["demo", "new", "fill", "import", "export", "analyze", "report", "validate"])
def test_help_describes_every_argument_and_gives_an_example(command):
    from cxalign.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    p = sub.choices[command]
    for action in p._actions:
        assert action.help, f"{command}: {action.dest} has no help"
    assert "example:" in (p.epilog or "") and f"cxalign {command}" in p.epilog.replace('"$(cxalign demo', "cxalign demo")
    text = " ".join(p.format_help().split())
    if command in ("fill", "import", "export", "analyze", "report"):
        assert "name of one in the workshops folder" in text


def test_export_says_replaced_when_it_overwrites(demo_folder, tmp_path, capsys):
    out = tmp_path / "answers.csv"
    assert main(["export", str(demo_folder.path), "--csv", str(out)]) == 0
    assert "replaced" not in capsys.readouterr().err
    assert main(["export", str(demo_folder.path), "--csv", str(out)]) == 0
    assert f"cxalign: replaced {out}" in capsys.readouterr().err


def test_report_warns_when_few_submitted_and_says_replaced(empty_workshop, tmp_path, capsys):
    csv = tmp_path / "one.csv"
    csv.write_text("participant,cx_definition\nalice-martin,Une définition\n")
    assert main(["import", str(empty_workshop.path), str(csv)]) == 0
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    code = main(["report", str(empty_workshop.path), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "warning: only 1 of 3 participants submitted their answers (1 with some answers)" in err
    assert f"replaced {out}" in err and out.read_bytes().startswith(b"%PDF")


def test_report_html_on_a_full_device_exits_2_naming_it(demo_folder, tmp_path, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    code = main(["report", str(demo_folder.path), "-o", str(tmp_path / "r.pdf"), "--html", "/dev/full"])
    assert code == 2 and "/dev/full" in capsys.readouterr().err


def test_new_takes_groups(tmp_path, capsys):
    code = main(["new", "Atelier", "--org", "X", "--participant", "Ann Lee:ceo:comex",
                 "--participant", "Bob Roy:sales", "--participant", "Dr: Cy:hr:managers", "--dir", str(tmp_path)])
    assert code == 0
    workshop = WorkshopFolder(capsys.readouterr().out.strip()).load()
    assert [(p.name, p.role, p.group) for p in workshop.participants] == [
        ("Ann Lee", "ceo", "comex"), ("Bob Roy", "sales", None), ("Dr: Cy", "hr", "managers")]


def test_report_never_follows_a_planted_link(demo_folder, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    before = demo_folder.workshop_file.read_bytes()
    (tmp_path / f".{out.name}.part").symlink_to(demo_folder.workshop_file)  # the old temporary name
    code = main(["report", str(demo_folder.path), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF") and demo_folder.workshop_file.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
