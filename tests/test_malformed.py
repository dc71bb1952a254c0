"""Every malformed file in tests/data/malformed gives exit code 2 and a message naming file and field.

Each fixture starts with two comment lines: ``# kind:`` (response, questionnaire
or workshop) and ``# expect-field:`` (the field the message must name, or
``(none)`` for files that cannot be parsed at all). Response and workshop
fixtures are placed inside a real workshop built on the mini questionnaire.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxalign.cli import main
from cxalign.store import WorkshopFolder

DATA = Path(__file__).parent / "data"
MALFORMED = sorted((DATA / "malformed").glob("*.toml"))


def _header(path: Path) -> tuple[str, str]:
    head = path.read_bytes()[:300].decode("utf-8", "replace")
    kind = re.search(r"# kind: (\w+)", head).group(1)
    field = re.search(r"# expect-field: (.*)", head).group(1).strip()
    return kind, field


@pytest.fixture
def mini_workshop(tmp_path) -> WorkshopFolder:
    return WorkshopFolder.create(
        tmp_path, name="Atelier", organisation="Testco",
        participants=[("Alice Martin", "ceo"), ("Bruno Petit", "marketing")],
        questionnaire_path=DATA / "mini-questionnaire.toml",
    )


def test_corpus_is_complete():
    names = {p.stem for p in MALFORMED}
    for required in ("bad-toml-syntax", "wrong-type", "unknown-question", "likert-out-of-range",
                     "ranking-duplicates", "allocation-sum", "q-missing-translation", "future-format",
                     "huge-text", "control-characters"):
        assert required in names


@pytest.mark.parametrize("fixture", MALFORMED, ids=lambda p: p.stem)
def test_malformed_file_exits_2_naming_file_and_field(fixture: Path, mini_workshop: WorkshopFolder, capsys):
    kind, field = _header(fixture)
    digest = mini_workshop.load().questionnaire.hash
    raw = fixture.read_bytes().replace(b"@HASH@", digest.encode())
    if kind == "response":
        target = mini_workshop.response_file("alice-martin")
    elif kind == "workshop":
        target = mini_workshop.workshop_file
    else:
        target = mini_workshop.path / fixture.name
    target.write_bytes(raw)

    code = main(["validate", str(target)])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert str(target) in err, err
    if field != "(none)":
        assert field in err, err
    assert "Traceback" not in err and "Traceback" not in out


def test_good_files_pass(mini_workshop: WorkshopFolder, capsys):
    assert main(["validate", str(mini_workshop.path), str(DATA / "mini-questionnaire.toml")]) == 0
    out = capsys.readouterr().out
    assert out.count("ok  ") == 2


def test_html_in_answers_is_valid_input(mini_workshop: WorkshopFolder, capsys):
    """HTML or script in a text answer is data, not an error: it is escaped where shown."""
    response = mini_workshop.new_response("alice-martin")
    from cxalign.models.response import Answer

    response.answers["def_text"] = Answer(text='<script>alert(1)</script><img src="file:///etc/hostname">')
    mini_workshop.save_response(response)
    assert main(["validate", str(mini_workshop.path)]) == 0


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml: file not found" in capsys.readouterr().err


def test_not_a_cxalign_file(tmp_path, capsys):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n')
    assert main(["validate", str(other)]) == 2
    assert "not a cxalign file" in capsys.readouterr().err


def test_changed_questionnaire_is_refused(mini_workshop: WorkshopFolder, capsys):
    path = mini_workshop.questionnaire_file
    path.write_text(path.read_text().replace("Mini questionnaire", "Autre questionnaire", 1))
    assert main(["validate", str(mini_workshop.path)]) == 2
    err = capsys.readouterr().err
    assert "questionnaire.hash" in err and "changed after the workshop started" in err
