"""The workshop store: round trips, atomic saves, locks, format versions, the workshops home."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import DATA
from hypothesis import HealthCheck, given, settings

from cxalign.errors import InputError, LockedError
from cxalign.models.response import Answer, Response
from cxalign.models.workshop import Consensus
from cxalign.store import (
    WorkshopFolder,
    atomic_write,
    dump_toml,
    file_hash,
    list_workshops,
    load_questionnaire,
    slugify,
    workshops_home,
)
from tests.strategies import answer_sets

MINI = load_questionnaire(DATA / "mini-questionnaire.toml")


@pytest.fixture
def mini(tmp_path) -> WorkshopFolder:
    return WorkshopFolder.create(
        tmp_path, name="Atelier d'été", organisation="Testco",
        participants=[("Alice Martin", "ceo"), ("Élodie Durand", "marketing"), ("Alice Martin", "sales")],
        questionnaire_path=DATA / "mini-questionnaire.toml", date=dt.date(2026, 11, 20),
    )


def test_create_layout_and_ids(mini: WorkshopFolder):
    assert mini.path.name == "atelier-d-ete"
    assert mini.workshop_file.is_file() and mini.questionnaire_file.is_file() and mini.responses_dir.is_dir()
    workshop = mini.load()
    assert [p.id for p in workshop.participants] == ["alice-martin", "elodie-durand", "alice-martin-2"]
    assert workshop.questionnaire.id == "mini" and workshop.questionnaire.hash == file_hash(mini.questionnaire_file)
    assert workshop.date == dt.date(2026, 11, 20)


def test_second_workshop_with_same_name_gets_own_folder(mini: WorkshopFolder, tmp_path):
    other = WorkshopFolder.create(tmp_path, name="Atelier d'été", organisation="X", participants=[],
                                  questionnaire_path=DATA / "mini-questionnaire.toml")
    assert other.path != mini.path and other.path.name == "atelier-d-ete-2"
    assert list_workshops(tmp_path) == [mini.path, other.path]


def test_workshop_round_trip_with_consensus(mini: WorkshopFolder):
    workshop = mini.load()
    stamp = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.timezone.utc)
    workshop.consensus.append(Consensus(scope="dimension", ref="leadership", current=2, target=4, comment="D'accord", recorded_at=stamp))
    mini.save(workshop)
    assert mini.load() == workshop


def test_questionnaire_round_trip():
    import tomllib

    again = type(MINI).model_validate(tomllib.loads(dump_toml(MINI).decode()))
    assert again == MINI


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(MINI))
def test_response_round_trip(mini: WorkshopFolder, answers: dict[str, Answer]):
    response = mini.new_response("alice-martin").model_copy(update={"answers": answers, "status": "in_progress"})
    mini.save_response(response)
    assert mini.load_response("alice-martin") == response


def test_missing_response_is_new_and_empty(mini: WorkshopFolder):
    response = mini.load_response("elodie-durand")
    assert response.status == "not_started" and response.answers == {}
    with pytest.raises(InputError, match="file not found"):
        mini.load_response("elodie-durand", create=False)


def test_interrupted_save_leaves_previous_file_intact(mini: WorkshopFolder, monkeypatch):
    first = mini.new_response("alice-martin").model_copy(update={"answers": {"owner": Answer(choice="ceo")}})
    mini.save_response(first)
    before = mini.response_file("alice-martin").read_bytes()

    def crash(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    second = first.model_copy(update={"answers": {"owner": Answer(choice="nobody")}})
    with pytest.raises(OSError, match="power cut"):
        mini.save_response(second)
    monkeypatch.undo()
    assert mini.response_file("alice-martin").read_bytes() == before
    assert [p.name for p in mini.responses_dir.iterdir()] == ["alice-martin.toml"], "temporary file left behind"


def test_killed_writer_never_leaves_a_half_written_file(tmp_path):
    """A process killed (SIGKILL) while saving in a loop leaves a complete, parseable file."""
    target = tmp_path / "data.toml"
    atomic_write(target, b'n = 0\ntext = ""\n')
    script = (
        "import sys; from pathlib import Path; from cxalign.store import atomic_write\n"
        "p = Path(sys.argv[1]); i = 0\n"
        "while True:\n"
        "    i += 1; atomic_write(p, f'n = {i}\\ntext = \"{\"x\" * 200000}\"\\n'.encode())\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(target)])
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    import tomllib

    data = tomllib.loads(target.read_text())
    assert data["n"] >= 0 and (data["n"] == 0 or len(data["text"]) == 200000)


def test_second_lock_on_same_participant_is_refused(mini: WorkshopFolder):
    with mini.lock("alice-martin"):
        with pytest.raises(LockedError) as info:
            mini.lock("alice-martin").acquire()
        message = str(info.value)
        assert "alice-martin" in message and "already being filled in" in message
        assert str(mini.responses_dir / "alice-martin.lock") in message
        with mini.lock("elodie-durand"):  # another participant at the same time is fine
            pass
    with mini.lock("alice-martin"):  # released, so it can be taken again
        assert mini.is_locked("alice-martin")
    assert not mini.is_locked("alice-martin")


def test_lock_held_by_another_process_is_refused_then_stale_lock_is_taken(mini: WorkshopFolder):
    script = (
        "import sys, time; from cxalign.store import WorkshopFolder\n"
        "lock = WorkshopFolder(sys.argv[1]).lock('alice-martin').acquire()\n"
        "print('locked', flush=True); time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(mini.path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError, match=f"process {proc.pid}"):
            mini.lock("alice-martin").acquire()
    finally:
        proc.kill()
        proc.wait()
    # The holder died without releasing: its lock is stale and is taken over.
    with mini.lock("alice-martin") as lock:
        assert lock.held


def test_newer_format_is_refused(mini: WorkshopFolder):
    text = mini.workshop_file.read_text().replace("format_version = 2", "format_version = 3")
    mini.workshop_file.write_text(text)
    with pytest.raises(InputError, match="newer cxalign"):
        mini.load()


def test_workshops_home_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CXALIGN_HOME", str(tmp_path / "env"))
    assert workshops_home() == tmp_path / "env"
    assert workshops_home(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("CXALIGN_HOME")
    assert workshops_home().name == "workshops" and "cxalign" in str(workshops_home())


@pytest.mark.parametrize("text, slug", [("Atelier CODIR 2026", "atelier-codir-2026"), ("Élodie Durand", "elodie-durand"), ("!!!", "item")])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_response_model_rejects_value_with_dont_know():
    with pytest.raises(ValueError):
        Answer(choice="ceo", dont_know=True)


def test_unknown_participant_in_response(mini: WorkshopFolder):
    response = Response(format_version=1, participant="zorro", questionnaire_hash=mini.load().questionnaire.hash)
    path = mini.response_file("zorro")
    mini.save_response(response)
    from cxalign.checks import check_workshop

    with pytest.raises(InputError, match="not in the workshop"):
        check_workshop(mini)
    assert path.exists()


def test_saved_files_get_ordinary_permissions(mini: WorkshopFolder):
    """Atomic saves go through mkstemp (0600) but the file ends with the usual permissions."""
    import stat

    mode = stat.S_IMODE(mini.workshop_file.stat().st_mode)
    assert mode == 0o666 & ~_umask()
    mini.workshop_file.chmod(0o640)
    mini.save(mini.load())
    assert stat.S_IMODE(mini.workshop_file.stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_stray_responses_are_the_toml_files_of_nobody_in_the_workshop(demo_folder):
    known = {p.id for p in demo_folder.load().participants}
    for name in (".toml", "..toml", "a.b.toml", "UPPER.TOML", "notes.txt", "ghost.toml"):
        (demo_folder.responses_dir / name).write_text("")
    expected = [p for p in sorted(demo_folder.responses_dir.glob("*.toml")) if p.stem not in known]
    assert demo_folder.stray_responses() == expected
    assert [p.name for p in expected] == ["..toml", ".toml", "a.b.toml", "ghost.toml"]
