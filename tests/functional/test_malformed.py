"""Every malformed file gives exit code 2 and a message naming file and field.

The files are made in code from good ones, one named mutation each (tests/malformed_cases.py).
Response and workshop files are placed inside a real workshop built on the mini questionnaire.
"""

from __future__ import annotations

import pytest
from helpers import MINI
from malformed_cases import CASES

from cxalign.cli import main
from cxalign.store import WorkshopFolder


@pytest.fixture
def mini_workshop(tmp_path) -> WorkshopFolder:
    return WorkshopFolder.create(
        tmp_path, name="Atelier", organisation="Testco",
        participants=[("Alice Martin", "ceo"), ("Bruno Petit", "marketing")],
        questionnaire_path=MINI,
    )


def test_corpus_is_complete():
    for required in ("bad-toml-syntax", "wrong-type", "unknown-question", "likert-out-of-range",
                     "ranking-duplicates", "allocation-sum", "q-missing-translation", "future-format",
                     "huge-text", "control-characters"):
        assert required in CASES


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_file_exits_2_naming_file_and_field(name: str, mini_workshop: WorkshopFolder, capsys):
    kind, field, content = CASES[name]
    digest = mini_workshop.load().questionnaire.hash
    raw = content.replace(b"@HASH@", digest.encode())
    if kind == "response":
        target = mini_workshop.response_file("alice-martin")
    elif kind == "workshop":
        target = mini_workshop.workshop_file
    else:
        target = mini_workshop.path / f"{name}.toml"
    target.write_bytes(raw)

    code = main(["validate", str(target)])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert str(target) in err, err
    if field != "(none)":
        assert field in err, err
    assert "Traceback" not in err and "Traceback" not in out


def test_good_files_pass(mini_workshop: WorkshopFolder, capsys):
    assert main(["validate", str(mini_workshop.path), str(MINI)]) == 0
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


# -- fuzzing the loaders: whatever is in the file, the answer is a value or an InputError ----------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cxalign.checks import check_file  # noqa: E402
from cxalign.errors import InputError  # noqa: E402

toml_scalars = st.one_of(
    st.integers(-10**6, 10**6), st.booleans(), st.text(max_size=30), st.floats(allow_nan=False),
    st.dates(), st.lists(st.text(max_size=10), max_size=3),
)


def _mutations(document: dict) -> st.SearchStrategy[dict]:
    """A valid document with one value replaced, one key removed or one key added, anywhere in it."""
    paths: list[tuple] = []

    def walk(node, prefix=()):
        for key, value in node.items():
            paths.append(prefix + (key,))
            if isinstance(value, dict):
                walk(value, prefix + (key,))

    walk(document)

    def mutate(args):
        path, action, value = args
        import copy

        doc = copy.deepcopy(document)
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if action == "drop":
            del parent[path[-1]]
        elif action == "add":
            parent["surprise"] = value
        else:
            parent[path[-1]] = value
        return doc

    return st.tuples(st.sampled_from(paths), st.sampled_from(["drop", "add", "replace"]), toml_scalars).map(mutate)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutated_response_loads_or_gives_input_error(mini_workshop: WorkshopFolder, data):
    import tomli_w

    from cxalign.models.response import Answer

    response = mini_workshop.new_response("alice-martin").model_copy(update={"answers": {
        "owner": Answer(choice="ceo"), "goals": Answer(allocation={"effort": 50, "nps": 25, "churn": 25}),
        "m_sponsor": Answer(current=2, target=4, note="ok"), "leave": Answer(ranking=["bill", "channels", "perso"]),
    }})
    document = response.model_dump(mode="python", exclude_none=True)
    mutated = data.draw(_mutations(document))
    path = mini_workshop.response_file("alice-martin")
    path.write_text(tomli_w.dumps(mutated), encoding="utf-8")
    try:
        check_file(path)
    except InputError as exc:
        assert str(path) in str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_or_give_input_error(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "file.toml"
    path.write_bytes(raw)
    try:
        check_file(path)
    except InputError as exc:
        assert str(path) in str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutated_workshop_loads_or_gives_input_error(mini_workshop: WorkshopFolder, data):
    import tomli_w

    path = mini_workshop.workshop_file
    original = path.read_bytes()
    document = mini_workshop.load().model_dump(mode="python", exclude_none=True)
    mutated = data.draw(_mutations(document))
    path.write_text(tomli_w.dumps(mutated), encoding="utf-8")
    try:
        check_file(mini_workshop.path)
    except InputError as exc:
        assert str(mini_workshop.path) in str(exc)
    finally:
        path.write_bytes(original)  # the fixture is shared by every example
