"""Shared state across files and processes (issue 9, items 1–5 and 13; issue 8 item 5; issue 12 item 1).

Each test is one reproduction of the issue, which failed before the fix.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import ROOT

from cxalign.cli import main
from cxalign.errors import InputError, LockedError
from cxalign.models.response import Answer
from cxalign.store import WorkshopFolder, atomic_write, file_hash, reserve_temp
from tests.kill_import import run_trials, state, write_csv


def _py(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cxalign", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


# -- 9.2: two writers of workshop.toml ---------------------------------------------------------

def test_two_imports_of_different_people_at_once_both_keep_their_people(empty_workshop, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("participant,name,role,cx_definition\n" + "".join(f",Anna {i},ceo,a{i}\n" for i in range(150)))
    second.write_text("participant,name,role,cx_definition\n" + "".join(f",Boris {i},sales,b{i}\n" for i in range(150)))
    procs = [_cli("import", empty_workshop.path, first), _cli("import", empty_workshop.path, second)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    names = {p.name for p in empty_workshop.load().participants}
    assert {f"Anna {i}" for i in range(150)} <= names and {f"Boris {i}" for i in range(150)} <= names
    assert len(names) == 3 + 300
    assert main(["validate", str(empty_workshop.path)]) == 0


def test_a_consensus_recorded_elsewhere_survives_adding_a_participant(demo_folder):
    window = WorkshopFolder(demo_folder.path)
    stale = window.load()  # the second window read workshop.toml before the consensus
    dim = demo_folder.questionnaire.dimensions[0].id
    proc = _py("""
        import sys
        from cxalign.store import WorkshopFolder
        WorkshopFolder(sys.argv[1]).record_consensus("dimension", sys.argv[2], current=2, target=4, comment="agreed")
    """, str(demo_folder.path), dim)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    person = window.add_participant("Zoé Nouvelle", "hr", "managers")
    workshop = demo_folder.load()
    assert workshop.consensus_for("dimension", dim).comment == "agreed"
    assert workshop.participant(person.id).group == "managers"
    assert len(workshop.participants) == len(stale.participants) + 1


def test_edit_saves_on_success_only_and_participant_operations(empty_workshop):
    with pytest.raises(RuntimeError):
        with empty_workshop.edit() as workshop:
            workshop.participants.clear()
            raise RuntimeError("the block failed")
    assert len(empty_workshop.load().participants) == 3
    ann = empty_workshop.add_participant("Ann\x1b[31m Lee", "ceo")
    assert ann.name == "Ann[31m Lee" and ann.id == "ann-31m-lee"
    renamed = empty_workshop.rename_participant(ann.id, name="Ann Lee", group="comex")
    assert (renamed.name, renamed.role, renamed.group) == ("Ann Lee", "ceo", "comex")
    assert empty_workshop.rename_participant(ann.id, group="").group is None
    empty_workshop.save_response(empty_workshop.new_response(ann.id))
    with empty_workshop.lock(ann.id):
        with pytest.raises(LockedError):
            empty_workshop.remove_participant(ann.id)
    empty_workshop.remove_participant(ann.id)
    assert empty_workshop.load().participant(ann.id) is None
    assert not empty_workshop.response_file(ann.id).exists()
    with pytest.raises(InputError, match="no participant"):
        empty_workshop.remove_participant("nobody")


def test_consensus_record_replace_clear_and_unknown_ref_refused(demo_folder):
    dim = demo_folder.questionnaire.dimensions[0].id
    demo_folder.record_consensus("dimension", dim, current=2)
    demo_folder.record_consensus("dimension", dim, current=3, comment="second")
    assert [(c.ref, c.current) for c in demo_folder.load().consensus if c.ref == dim] == [(dim, 3)]
    assert demo_folder.clear_consensus("dimension", dim) and not demo_folder.clear_consensus("dimension", dim)
    with pytest.raises(InputError, match="unknown question 'no_such_question'"):
        demo_folder.record_consensus("question", "no_such_question", comment="x")


# -- 9.1: imports all or nothing, idempotent ---------------------------------------------------

def test_a_killed_import_leaves_before_or_after_and_a_rerun_finishes_it(tmp_path):
    counts = run_trials(tmp_path, trials=3, people=200, seed=4, log=lambda *_: None)
    assert counts["broken"] == 0 and counts["rerun_ok"] == 3
    assert counts["before"] + counts["after"] == 3


def test_running_the_same_import_twice_adds_nobody_twice(empty_workshop, tmp_path):
    csv = tmp_path / "people.csv"
    write_csv(csv, 20)
    assert main(["import", str(empty_workshop.path), str(csv)]) == 0
    once = state(empty_workshop)
    assert main(["import", str(empty_workshop.path), str(csv)]) == 0
    assert state(empty_workshop) == once and len(once[0]) == 3 + 20


def test_an_import_committed_but_not_finished_is_rolled_forward(empty_workshop, tmp_path, monkeypatch):
    from cxalign.store import folder as folder_module

    csv = tmp_path / "people.csv"
    write_csv(csv, 5)

    def die(self, journal):
        raise KeyboardInterrupt  # the process dies right after the commit point

    monkeypatch.setattr(folder_module.WorkshopFolder, "_roll_forward", die)
    with pytest.raises(KeyboardInterrupt):
        from cxalign.csvio import import_csv

        import_csv(empty_workshop, csv)
    monkeypatch.undo()
    checked = WorkshopFolder(empty_workshop.path, recover=False)
    assert len(checked.load().participants) == 3  # nothing applied yet …
    assert main(["validate", str(empty_workshop.path)]) == 2  # … and validate says so
    assert len(WorkshopFolder(empty_workshop.path).load().participants) == 3 + 5  # opening finishes it
    assert main(["validate", str(empty_workshop.path)]) == 0


def test_validate_reports_a_staged_import_and_leftover_temporary_files(empty_workshop, capsys):
    (empty_workshop.path / ".import-abc123").mkdir()
    (empty_workshop.responses_dir / ".alice-martin.toml.x1y2.tmp").write_text("half")
    assert main(["validate", str(empty_workshop.path)]) == 2
    err = capsys.readouterr().err
    assert "interrupted import" in err and ".import-abc123" in err
    assert "temporary file left by an interrupted save" in err
    WorkshopFolder(empty_workshop.path).load()  # opening undoes the staged import
    assert not (empty_workshop.path / ".import-abc123").exists()


# -- 9.3: locks --------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"\x00garbage{", b'{"pid": 100000000000000000000, "host": "x"}',
                                     b'{"pid": -1}', b"[1, 2]"])
def test_a_lock_file_nobody_holds_never_blocks(empty_workshop, content):
    path = empty_workshop.responses_dir / "alice-martin.lock"
    path.write_bytes(content)
    assert not empty_workshop.is_locked("alice-martin")
    with empty_workshop.lock("alice-martin") as lock:
        assert lock.held and empty_workshop.is_locked("alice-martin")
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert not path.exists()


def test_a_held_lock_with_an_absurd_pid_is_refused_without_traceback(empty_workshop):
    holder = _py("""
        import fcntl, os, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b'{"pid": 100000000000000000000, "host": "h\\\\u001b]0;x", "since": "now"}')
        print("held", flush=True)
        time.sleep(30)
    """, str(empty_workshop.responses_dir / "alice-martin.lock"))
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError) as caught:
            empty_workshop.lock("alice-martin").acquire()
        assert "100000000000000000000" in str(caught.value) and "\x1b" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_is_released_by_the_kernel_when_its_holder_is_killed(empty_workshop):
    holder = _py("""
        import sys, time
        from cxalign.store import WorkshopFolder
        lock = WorkshopFolder(sys.argv[1]).lock("alice-martin").acquire()
        print("held", flush=True)
        time.sleep(60)
    """, str(empty_workshop.path))
    assert holder.stdout.readline().strip() == "held"
    assert empty_workshop.is_locked("alice-martin")
    with pytest.raises(LockedError, match="already being filled in"):
        empty_workshop.lock("alice-martin").acquire()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (empty_workshop.responses_dir / "alice-martin.lock").exists()  # left behind, but not held
    with empty_workshop.lock("alice-martin") as lock:
        assert lock.held


def test_several_processes_taking_over_one_lock_never_hold_it_together(empty_workshop):
    (empty_workshop.responses_dir / "alice-martin.lock").write_text('{"pid": 1, "host": "gone"}')
    code = """
        import sys, time
        from cxalign.errors import LockedError
        from cxalign.store import WorkshopFolder
        folder = WorkshopFolder(sys.argv[1])
        start = float(sys.argv[2])
        while time.time() < start:
            time.sleep(0.001)
        held = 0
        for _ in range(30):
            try:
                with folder.lock("alice-martin"):
                    with open(sys.argv[3], "a") as log:
                        log.write(f"in {time.monotonic_ns()}\\n")
                    time.sleep(0.002)
                    with open(sys.argv[3], "a") as log:
                        log.write(f"out {time.monotonic_ns()}\\n")
                    held += 1
            except LockedError:
                pass
        print(held)
    """
    log = empty_workshop.path / "log.txt"
    start = str(time.time() + 1.5)
    procs = [_py(code, str(empty_workshop.path), start, str(log)) for _ in range(5)]
    total = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        total += int(out)
    events = [line.split() for line in log.read_text().splitlines()]
    events.sort(key=lambda e: int(e[1]))
    depth = peak = 0
    for kind, _ in events:
        depth += 1 if kind == "in" else -1
        peak = max(peak, depth)
    assert total >= 1 and peak == 1


# -- 9.4: control characters stripped at input, one bad file never blocks the others ------------

def test_new_strips_control_characters_from_every_argument(tmp_path, capsys):
    code = main(["new", "Offsite\x1b]0;pwned\x07 2027", "--org", "Acme\x1b[2J", "--participant",
                 "Bo\x1bb Roy:ceo\x07:comex\x00", "--dir", str(tmp_path)])
    assert code == 0
    workshop = WorkshopFolder(capsys.readouterr().out.strip()).load()
    assert workshop.name == "Offsite]0;pwned 2027" and workshop.organisation == "Acme[2J"
    person = workshop.participants[0]
    assert (person.name, person.role, person.group) == ("Bob Roy", "ceo", "comex")


def test_a_note_with_control_characters_is_saved_clean(empty_workshop):
    response = empty_workshop.new_response("alice-martin")
    response.answers["cx_definition"] = Answer(text="a\x01b\tc\nd", note="n\x1b[31mote")
    empty_workshop.save_response(response)
    answer = empty_workshop.load_response("alice-martin").answers["cx_definition"]
    assert (answer.text, answer.note) == ("ab\tc\nd", "n[31mote")


def test_an_unreadable_response_is_left_out_loudly_by_analyze_and_export(demo_folder, capsys, tmp_path):
    victim = demo_folder.response_file("karim-benali")
    victim.write_text("format_version = 1\nparticipant = [broken\n")
    assert main(["analyze", str(demo_folder.path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "karim-benali" not in json.loads(out)["respondents"]
    assert f"{victim}: LEFT OUT" in err
    assert main(["export", str(demo_folder.path), "--csv", str(tmp_path / "x.csv")]) == 0
    assert f"{victim}: LEFT OUT" in capsys.readouterr().err
    assert main(["validate", str(demo_folder.path)]) == 2


# -- 9.5: temporary files ------------------------------------------------------------------------

def test_a_planted_link_is_never_followed_and_long_names_work(tmp_path, monkeypatch):
    precious = tmp_path / "workshop.toml"
    precious.write_text("precious")
    out = tmp_path / "out.pdf"
    planted = [tmp_path / name for name in (".out.pdf.part", ".out.pdf.tmp", ".out.pdf.cxalign.tmp")]
    for link in planted:
        link.symlink_to(precious)
    atomic_write(out, b"%PDF")
    assert precious.read_text() == "precious" and out.read_bytes() == b"%PDF"
    long = tmp_path / ("r" * 246 + ".pdf")
    atomic_write(long, b"x")
    assert long.read_bytes() == b"x"
    reserved = reserve_temp(long)  # what the PDF writer renames over its output
    assert reserved.parent == tmp_path and len(reserved.name) < 100 and reserved.stat().st_size == 0
    reserved.unlink()

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(tmp_path / "later.pdf", b"y")
    assert set(tmp_path.glob(".*.tmp")) == {p for p in planted if p.suffix == ".tmp"}  # ours removed


# -- 9.13: the last bad inputs --------------------------------------------------------------------

def test_deeply_nested_toml_exits_2_naming_the_file(empty_workshop, tmp_path, capsys):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert main(["validate", str(deep)]) == 2
    assert f"{deep}: invalid TOML: nested too deeply" in capsys.readouterr().err
    empty_workshop.workshop_file.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    for command in (["analyze"], ["export", "--csv", str(tmp_path / "o.csv")]):
        assert main([command[0], str(empty_workshop.path), *command[1:]]) == 2
        assert str(empty_workshop.workshop_file) in capsys.readouterr().err


@pytest.mark.parametrize(("old", "new", "field"), [
    ("anonymous = false", 'anonymous = "yes"', "anonymous"),
    ("min_group_size = 5", 'min_group_size = "5"', "min_group_size"),
])
def test_strict_workshop_fields(empty_workshop, capsys, old, new, field):
    text = empty_workshop.workshop_file.read_text()
    assert old in text
    empty_workshop.workshop_file.write_text(text.replace(old, new))
    assert main(["validate", str(empty_workshop.path)]) == 2
    assert f"{empty_workshop.workshop_file}: {field}: " in capsys.readouterr().err


@pytest.mark.parametrize(("extra", "field"), [
    ("started_at = 5\n", "started_at"),
    ('[answers.mat_sponsorship]\ncurrent = true\ntarget = 4\n', "answers.mat_sponsorship.current"),
])
def test_strict_response_fields(empty_workshop, capsys, extra, field):
    digest = empty_workshop.load().questionnaire.hash
    path = empty_workshop.response_file("alice-martin")
    path.write_text(f'format_version = 1\nparticipant = "alice-martin"\nquestionnaire_hash = "{digest}"\n'
                    f"updated_at = 2026-01-02T10:00:00Z\n{extra}")
    assert main(["validate", str(path)]) == 2
    assert f"{path}: {field}: " in capsys.readouterr().err


def test_toml_dates_and_datetimes_are_still_accepted(empty_workshop):
    digest = empty_workshop.load().questionnaire.hash
    path = empty_workshop.response_file("alice-martin")
    path.write_text(f'format_version = 1\nparticipant = "alice-martin"\nquestionnaire_hash = "{digest}"\n'
                    "started_at = 2026-01-02T10:00:00Z\n[answers.mat_sponsorship]\ncurrent = 2\ntarget = 4\n")
    assert empty_workshop.load_response("alice-martin").answers["mat_sponsorship"].target == 4
    assert main(["validate", str(empty_workshop.path)]) == 0


def test_a_consensus_on_an_unknown_ref_is_refused(empty_workshop, capsys):
    text = empty_workshop.workshop_file.read_text().replace("consensus = []\n", "")
    empty_workshop.workshop_file.write_text(text + '\n[[consensus]]\nscope = "question"\nref = "no_such_question"\nrecorded_at = 2026-01-01T00:00:00Z\n')
    assert main(["validate", str(empty_workshop.path)]) == 2
    assert "consensus[0].ref: unknown question 'no_such_question'" in capsys.readouterr().err


def test_analyze_into_a_closed_pipe_exits_0(demo_folder):
    result = subprocess.run(f'"{sys.executable}" -m cxalign analyze "{demo_folder.path}" | head -1; '
                            'echo "status=${PIPESTATUS[0]}"', shell=True, executable="/bin/bash",
                            capture_output=True, text=True, timeout=120)
    assert "status=0" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr


def test_an_output_on_a_full_device_exits_2_naming_it(tmp_path, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with pytest.raises(InputError, match="/dev/full"):
        atomic_write(Path("/dev/full"), b"x" * 10000)


# -- 9.7: nothing from data reaches the terminal as a control character -------------------------

def test_validate_never_prints_an_escape_sequence_from_data(empty_workshop, capsys):
    text = empty_workshop.workshop_file.read_text()
    empty_workshop.workshop_file.write_text('"\\u001b[2J\\u001b]0;owned\\u0007" = 1\n' + text)
    assert main(["validate", str(empty_workshop.path)]) == 2
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b[2J" in err


# -- 12.1: groups and the workshop format version ---------------------------------------------

def test_a_format_1_workshop_is_migrated_on_load(empty_workshop):
    text = empty_workshop.workshop_file.read_text()
    assert "format_version = 2" in text
    empty_workshop.workshop_file.write_text(text.replace("format_version = 2", "format_version = 1"))
    assert WorkshopFolder(empty_workshop.path).load().format_version == 2
    assert main(["validate", str(empty_workshop.path)]) == 0
    empty_workshop.add_participant("Nina Roy", "hr", "managers")  # any change saves the current format
    assert "format_version = 2" in empty_workshop.workshop_file.read_text()
    assert file_hash(empty_workshop.questionnaire_file) == empty_workshop.load().questionnaire.hash


def test_responses_keep_their_own_format_version(empty_workshop):
    empty_workshop.save_response(empty_workshop.new_response("alice-martin"))
    assert "format_version = 1" in empty_workshop.response_file("alice-martin").read_text()
    path = empty_workshop.response_file("alice-martin")
    path.write_text(path.read_text().replace("format_version = 1", "format_version = 2"))
    with pytest.raises(InputError, match="newer cxalign"):
        empty_workshop.load_response("alice-martin")
