"""The derived cache of parsed responses (issue 8 item 6): the TOML files always decide."""

from __future__ import annotations

import json
import os

from cxalign.store import WorkshopFolder
from cxalign.store.cache import CACHE_FILE, ResponseCache


def _answers(folder: WorkshopFolder) -> dict:
    return {pid: {q: a.model_dump() for q, a in r.answers.items()} for pid, r in WorkshopFolder(folder.path).responses().items()}


def test_a_second_read_comes_from_the_cache_and_gives_the_same_responses(demo_folder):
    first = _answers(demo_folder)
    assert (demo_folder.path / CACHE_FILE).is_file()
    cache = ResponseCache(demo_folder.path)
    for path in sorted(demo_folder.responses_dir.glob("*.toml")):
        cache.load(path)
    assert cache.hits == len(first)
    assert _answers(demo_folder) == first


def test_a_file_changed_after_caching_is_read_again(demo_folder):
    _answers(demo_folder)
    path = demo_folder.response_file("helene-marchand")
    response = demo_folder.load_response("helene-marchand")
    qid = next(q for q, a in response.answers.items() if a.text)
    text = path.read_text()
    old = response.answers[qid].text
    path.write_text(text.replace(old.replace('"', '\\"')[:10], "CHANGED ME", 1))  # edited in place
    assert "CHANGED ME" in WorkshopFolder(demo_folder.path).responses()["helene-marchand"].answers[qid].text


def test_a_damaged_or_forged_cache_never_wins_over_the_checks(demo_folder):
    _answers(demo_folder)
    cache_file = demo_folder.path / CACHE_FILE
    data = json.loads(cache_file.read_text())
    key, payload, *_mark = data["entries"]["helene-marchand.toml"]
    forged = json.loads(payload)
    forged["answers"]["cx_definition"] = {"text": "bad\u001b[2J"}  # refused by the strict file model
    data["entries"]["helene-marchand.toml"] = [key, json.dumps(forged)]
    data["entries"]["olivier-brunet.toml"] = "garbage"
    cache_file.write_text(json.dumps(data))
    responses = WorkshopFolder(demo_folder.path).responses()
    assert "\x1b" not in (responses["helene-marchand"].answers["cx_definition"].text or "")
    cache_file.write_text("{not json")
    assert WorkshopFolder(demo_folder.path).responses().keys() == responses.keys()


def test_an_unreadable_file_is_never_cached_and_a_read_only_folder_is_fine(demo_folder):
    victim = demo_folder.response_file("karim-benali")
    victim.write_text("format_version = 1\nparticipant = [broken\n")
    found, left_out = WorkshopFolder(demo_folder.path).readable_responses()
    assert [u.participant for u in left_out] == ["karim-benali"]
    assert "karim-benali.toml" not in json.loads((demo_folder.path / CACHE_FILE).read_text())["entries"]
    (demo_folder.path / CACHE_FILE).unlink()
    os.chmod(demo_folder.path, 0o555)
    try:
        if os.access(demo_folder.path, os.W_OK):  # running as root: permissions do not bind
            return
        again, _ = WorkshopFolder(demo_folder.path).readable_responses()
        assert again.keys() == found.keys()
    finally:
        os.chmod(demo_folder.path, 0o755)


def test_a_file_rewritten_with_the_same_size_and_mtime_is_read_again(demo_folder):
    _answers(demo_folder)
    path = demo_folder.response_file("helene-marchand")
    before = os.stat(path)
    response = demo_folder.load_response("helene-marchand")
    qid, answer = next((q, a) for q, a in response.answers.items() if a.current is not None)
    lines = path.read_text().splitlines(keepends=True)
    at = lines.index(f"[answers.{qid}]\n") + 1
    while not lines[at].startswith("current = "):
        at += 1
    other = 1 if answer.current != 1 else 2
    lines[at] = f"current = {other}\n"  # one digit for another: the same size
    path.write_text("".join(lines))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same mtime: only ctime tells
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert WorkshopFolder(demo_folder.path).responses()["helene-marchand"].answers[qid].current == other


def test_entries_are_compact_and_give_the_very_models_of_the_files(demo_folder):
    from cxalign.store.cache import load_response_file

    WorkshopFolder(demo_folder.path).responses()
    data = json.loads((demo_folder.path / CACHE_FILE).read_text())
    _key, payload, *_mark = data["entries"]["helene-marchand.toml"]
    assert '"note":""' not in payload and "null" not in payload  # defaults are left out
    cached = WorkshopFolder(demo_folder.path).responses()
    for pid, response in cached.items():
        assert response == load_response_file(demo_folder.response_file(pid))


def test_a_cache_of_another_shape_is_ignored(demo_folder):
    first = _answers(demo_folder)
    cache_file = demo_folder.path / CACHE_FILE
    for junk in ('[1, 2]', '{"tag": "cxalign 0.0 responses 1", "entries": {}}', '{"tag": null}', "\x00" * 10):
        cache_file.write_text(junk)
        assert _answers(demo_folder) == first


# -- the signed mark "passed the questionnaire's rules" ------------------------------------

def _cache(folder: WorkshopFolder) -> dict:
    return json.loads((folder.path / CACHE_FILE).read_text())


def _count_rule_checks(monkeypatch) -> list[str]:
    import cxalign.store.folder as store_folder

    seen: list[str] = []
    original = store_folder.response_problems

    def counting(response, questionnaire):
        seen.append(response.participant)
        return original(response, questionnaire)

    monkeypatch.setattr(store_folder, "response_problems", counting)
    return seen


def test_a_warm_read_does_not_check_the_rules_again(demo_folder, monkeypatch):
    first = _answers(demo_folder)  # checks every response and marks its entry
    assert all(len(entry) == 3 for entry in _cache(demo_folder)["entries"].values())
    checks = _count_rule_checks(monkeypatch)
    assert _answers(demo_folder) == first
    assert checks == []
    (demo_folder.path / CACHE_FILE).unlink()  # no cache: every response is checked
    _answers(demo_folder)
    assert len(checks) == len(first)


def test_a_forged_mark_never_spares_the_rules(demo_folder, monkeypatch):
    """A cache edited in the folder (valid for the file model, not for the questionnaire) with a
    mark copied from another entry or made up: the response is checked, and refused."""
    from cxalign.errors import InputError

    _answers(demo_folder)
    data = _cache(demo_folder)
    key, payload, mark = data["entries"]["helene-marchand.toml"]
    forged = json.loads(payload)
    qid = next(q for q, a in forged["answers"].items() if a.get("choice"))
    forged["answers"][qid]["choice"] = "no-such-option"  # a string the file model accepts
    other_mark = data["entries"]["olivier-brunet.toml"][2]
    for fake in (mark, other_mark, "0" * 64):
        data["entries"]["helene-marchand.toml"] = [key, json.dumps(forged, separators=(",", ":")), fake]
        (demo_folder.path / CACHE_FILE).write_text(json.dumps(data))
        checks = _count_rule_checks(monkeypatch)
        found, left_out = WorkshopFolder(demo_folder.path).readable_responses()
        assert "helene-marchand" in checks
        assert [u.participant for u in left_out] == ["helene-marchand"] and "no-such-option" in left_out[0].reason
        try:
            WorkshopFolder(demo_folder.path).responses()
        except InputError as exc:
            assert "no-such-option" in str(exc)
        else:
            raise AssertionError("a forged entry was accepted")


def test_the_signing_key_is_the_users_own_and_private(demo_folder, monkeypatch):
    from platformdirs import user_cache_path

    _answers(demo_folder)
    key_file = user_cache_path("cxalign", appauthor=False) / "responses-cache.key"
    assert key_file.is_file() and key_file.stat().st_mode & 0o777 == 0o600
    assert not (demo_folder.path / key_file.name).exists()
    key_file.chmod(0o644)  # readable by others: not trusted, every response is checked
    try:
        checks = _count_rule_checks(monkeypatch)
        _answers(demo_folder)
        assert len(checks) == len(_cache(demo_folder)["entries"])
    finally:
        key_file.chmod(0o600)
