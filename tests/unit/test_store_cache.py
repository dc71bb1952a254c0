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
    key, payload = data["entries"]["helene-marchand.toml"]
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
