"""Hostile and unusual input to the scriptable commands (DESIGN §3, §4, §7).

Bad input exits 2 with a message naming the file and the field, never a
traceback; nothing the workshop holds is lost or overwritten; devices and pipes
given as outputs are written into, never replaced.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from cxalign import store
from cxalign.cli import main
from cxalign.errors import InputError
from cxalign.store import WorkshopFolder, atomic_write


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- cxalign new ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["", "--org", "O"], "name"),
        (["W", "--org", ""], "organisation"),
        (["W", "--org", "O", "--participant", "Ann:ceo", "--participant", "A" * 201 + ":cfo"], "participants[1].name"),
    ],
)
def test_new_with_invalid_fields_exits_2_and_writes_nothing(capsys, tmp_path, args, field):
    code, _, err = run(capsys, "new", *args, "--dir", tmp_path / "home")
    assert code == 2
    assert f"cxalign: {field}: " in err
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").iterdir())


def test_new_with_dir_pointing_to_a_file_exits_2(capsys, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = run(capsys, "new", "W", "--org", "O", "--dir", afile)
    assert code == 2 and f"{afile}: is a file, not a folder" in err
    code, _, err = run(capsys, "new", "W", "--org", "O", "--dir", afile / "sub")
    assert code == 2 and str(afile / "sub") in err
    assert afile.read_text() == "x"


# -- damaged workshop folders -----------------------------------------------------------

def test_responses_folder_that_is_a_file_is_bad_input_everywhere(capsys, demo_folder, tmp_path):
    csv_path = tmp_path / "wide.csv"
    assert run(capsys, "export", demo_folder.path, "--csv", csv_path, "--wide")[0] == 0
    for child in demo_folder.responses_dir.iterdir():
        child.unlink()
    demo_folder.responses_dir.rmdir()
    demo_folder.responses_dir.write_text("not a folder")
    for argv in (["analyze", demo_folder.path], ["validate", demo_folder.path],
                 ["export", demo_folder.path, "--csv", tmp_path / "x.csv"],
                 ["import", demo_folder.path, csv_path, "--replace"]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert f"{demo_folder.responses_dir}: is a file" in err, argv
    assert demo_folder.responses_dir.read_text() == "not a folder"


def test_dangling_response_link_is_reported_not_skipped(capsys, demo_folder):
    path = demo_folder.response_file("karim-benali")
    path.unlink()
    path.symlink_to(demo_folder.path / "gone.toml")
    # DESIGN §4: analyze goes on without it and says so loudly; validate refuses
    code, _, err = run(capsys, "analyze", demo_folder.path)
    assert code == 0 and f"{path}: LEFT OUT" in err and "file not found" in err
    code, _, err = run(capsys, "validate", demo_folder.path)
    assert code == 2 and f"{path}: file not found" in err


def test_response_of_a_removed_participant_is_warned_about(capsys, demo_folder, tmp_path):
    workshop = demo_folder.load()
    demo_folder.save(workshop.model_copy(update={"participants": [p for p in workshop.participants if p.id != "karim-benali"]}))
    stray = demo_folder.response_file("karim-benali")
    code, out, err = run(capsys, "analyze", demo_folder.path, "--json")
    assert code == 0
    json.loads(out)  # the warning goes to stderr: stdout stays valid JSON
    assert f"warning: {stray}: response of a participant who is not in the workshop" in err
    code, _, err = run(capsys, "export", demo_folder.path, "--csv", tmp_path / "x.csv")
    assert code == 0 and str(stray) in err
    assert stray.is_file()


# -- CSV import ---------------------------------------------------------------------------

def test_duplicate_columns_are_refused_not_half_read(capsys, empty_workshop, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("participant,cx_vs_other,cx_vs_other\nalice-martin,service_quality,marketing_part\n")
    code, _, err = run(capsys, "import", empty_workshop.path, path)
    assert code == 2
    assert f"{path}: row 1: column 'cx_vs_other' appears more than once" in err
    assert not empty_workshop.response_file("alice-martin").exists()


def test_tidy_rows_repeating_a_value_are_refused(capsys, empty_workshop, tmp_path):
    path = tmp_path / "tidy.csv"
    path.write_text(
        "participant,question,part,option,value\n"
        "alice-martin,cx_vs_other,,,service_quality\n"
        "alice-martin,cx_vs_other,,,marketing_part\n"
        "alice-martin,obj_allocation,,reduce_effort,50\n"
        "alice-martin,obj_allocation,,reduce_effort,50\n"
    )
    code, _, err = run(capsys, "import", empty_workshop.path, path)
    assert code == 2
    assert f"{path}: row 3, column question: 'cx_vs_other' appears twice for participant 'alice-martin'" in err
    assert f"{path}: row 5, column question: 'obj_allocation' appears twice" in err
    assert not empty_workshop.response_file("alice-martin").exists()


def test_semicolon_separated_csv_from_a_french_spreadsheet_imports(capsys, empty_workshop, tmp_path):
    path = tmp_path / "fr.csv"
    path.write_bytes("\ufeffparticipant;cx_vs_other;cx_definition\r\nalice-martin;service_quality;\"Un, deux\r\ntrois\"\r\n".encode())
    code, out, _ = run(capsys, "import", empty_workshop.path, path)
    assert code == 0 and "imported 1" in out
    answers = empty_workshop.load_response("alice-martin").answers
    assert answers["cx_vs_other"].choice == "service_quality"
    assert answers["cx_definition"].text == "Un, deux\r\ntrois"


def test_control_characters_in_a_cell_name_the_cell_plainly(capsys, empty_workshop, tmp_path):
    path = tmp_path / "ctrl.csv"
    path.write_text("participant,cx_definition\nalice-martin,a\x1b[31mb\n")
    code, _, err = run(capsys, "import", empty_workshop.path, path)
    assert code == 0, err  # control characters are stripped at input (issue 9.4), never stored
    assert empty_workshop.load_response("alice-martin").answers["cx_definition"].text == "a[31mb"


def test_endless_input_is_refused_not_read_into_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(store.files, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.toml"
    path.write_text("x" * 101)
    with pytest.raises(InputError, match="larger than") as caught:
        store.read_text(path)
    assert caught.value.file == str(path)
    path.write_text("x = 1\n")
    assert store.read_toml(path) == {"x": 1}


# -- outputs --------------------------------------------------------------------------

def test_export_to_a_folder_exits_2(capsys, demo_folder, tmp_path):
    code, _, err = run(capsys, "export", demo_folder.path, "--csv", tmp_path)
    assert code == 2 and f"{tmp_path}: is a folder" in err


@pytest.mark.parametrize("name", ["workshop.toml", "questionnaire.toml", "responses/karim-benali.toml", "responses/x.csv"])
def test_outputs_never_overwrite_the_workshop_itself(capsys, demo_folder, name):
    target = demo_folder.path / name
    before = target.read_bytes() if target.exists() else None
    for argv in (["export", demo_folder.path, "--csv", target],
                 ["report", demo_folder.path, "-o", target],
                 ["report", demo_folder.path, "-o", demo_folder.path.parent / "r.pdf", "--html", target]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "is among the workshop's own files" in err
        assert (target.read_bytes() if target.exists() else None) == before
    assert run(capsys, "validate", demo_folder.path)[0] == 0


def _drain(fifo: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with fifo.open("rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_atomic_write_into_a_pipe_keeps_the_pipe(tmp_path):
    """``--csv /dev/stdout`` or ``/dev/null``: renaming over a device would replace the device."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    atomic_write(fifo, b"a,b\n")
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got == [b"a,b\n"]


def test_report_into_a_pipe_keeps_the_pipe(empty_workshop, tmp_path):
    from cxalign.report import make_report

    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    make_report(empty_workshop, fifo)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and got[0].startswith(b"%PDF")


def test_report_on_a_read_only_folder_is_bad_input(monkeypatch, empty_workshop, tmp_path):
    """Even removing the half-written file fails on a read-only file system: still one clear error."""
    from cxalign.report import make_report, render

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".r.pdf.part"))

    monkeypatch.setattr(render, "write_pdf", refuse)
    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(InputError, match="Read-only file system") as caught:
        make_report(empty_workshop, tmp_path / "r.pdf")
    assert caught.value.file == str(tmp_path / "r.pdf")


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/somewhere/x.csv"), 2),
        (OSError(errno.EROFS, "Read-only file system", "/somewhere/x.csv"), 2),
        (OSError(errno.EIO, "Input/output error", "/somewhere/x.csv"), 1),
    ],
)
def test_an_unforeseen_os_error_is_a_message_not_a_traceback(monkeypatch, capsys, demo_folder, exc, code):
    import cxalign.csvio

    def fail(*args, **kwargs):
        raise exc

    monkeypatch.setattr(cxalign.csvio, "export_csv", fail)
    got, _, err = run(capsys, "export", demo_folder.path, "--csv", "x.csv")
    assert got == code
    assert err.strip() == f"cxalign: /somewhere/x.csv: {exc.strerror}"


# -- custom templates -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError"),
        ('{% extends "nope.html.j2" %}', "template not found: nope.html.j2"),
    ],
)
def test_a_broken_custom_template_exits_2(capsys, empty_workshop, tmp_path, template, message):
    custom = tmp_path / "templates"
    custom.mkdir()
    (custom / "report.html.j2").write_text(template)
    out = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", empty_workshop.path, "-o", out, "--template-dir", custom)
    assert code == 2
    assert f"cxalign: {custom}" in err and message in err
    assert not out.exists()


def test_user_text_that_looks_like_a_template_is_printed_literally(empty_workshop):
    from cxalign.report import render_html

    workshop = empty_workshop.load()
    people = [p.model_copy(update={"name": "{{ 7*7 }} </td></tr></table><script>x</script>"}) if i == 0 else p
              for i, p in enumerate(workshop.participants)]
    empty_workshop.save(workshop.model_copy(update={"participants": people, "organisation": "{% raw %}<b>Co</b>"}))
    html = render_html(empty_workshop)
    assert "{{ 7*7 }} &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;" in html
    assert "{% raw %}&lt;b&gt;Co&lt;/b&gt;" in html
    assert "<script>x" not in html and ">49<" not in html


# -- layout with long names ---------------------------------------------------------------

def _boxes(page, css_class: str):
    from weasyprint.formatting_structure.boxes import BlockLevelBox

    found = [getattr(b, "_box", b) for b in page._page_box.descendants()]  # unwrap absolute placeholders
    return [b for b in found if isinstance(b, BlockLevelBox) and css_class in (b.element.get("class") or "").split()]


def test_long_names_push_the_cover_foot_down_instead_of_running_under_it(tmp_path):
    """A real French organisation and workshop name on an anonymous workshop filled the cover
    down to its absolutely placed foot, and the anonymity note was printed over it."""
    from weasyprint import HTML

    from cxalign.report import render_html
    from cxalign.report.render import PDF_OPTIONS, TemplateFolders, make_url_fetcher

    folder = WorkshopFolder.create(
        tmp_path, anonymous=True, participants=[("Bea", "ceo")],
        name="Séminaire annuel du comité exécutif élargi : expérience client, alignement et priorités 2027",
        organisation="Groupement des Mutuelles Régionales d'Assurance et de Prévoyance du Grand Sud-Ouest",
    )
    folders = TemplateFolders()
    document = HTML(string=render_html(folder), base_url=folders.base_url,
                    url_fetcher=make_url_fetcher(folders)).render(**PDF_OPTIONS)
    cover = document.pages[0]
    (note,) = _boxes(cover, "cover-note")
    (foot,) = _boxes(cover, "cover-foot")
    assert note.position_y + note.margin_height() <= foot.position_y + 0.5
    assert foot.position_y + foot.margin_height() - foot.margin_bottom <= cover.height


def test_import_refuses_a_participant_being_filled_in_right_now(capsys, demo_folder, tmp_path):
    """The interface would later save its copy over the imported answers: nothing may be lost."""
    path = tmp_path / "wide.csv"
    assert run(capsys, "export", demo_folder.path, "--csv", path, "--wide")[0] == 0
    before = {p.name: p.read_bytes() for p in demo_folder.responses_dir.glob("*.toml")}
    with demo_folder.lock("karim-benali"):
        code, _, err = run(capsys, "import", demo_folder.path, path, "--replace")
    assert code == 2 and "'karim-benali' is already being filled in" in err
    assert {p.name: p.read_bytes() for p in demo_folder.responses_dir.glob("*.toml")} == before
    assert not list(demo_folder.responses_dir.glob("*.lock"))
    assert run(capsys, "import", demo_folder.path, path, "--replace")[0] == 0


def test_pdf_and_html_on_the_same_path_is_bad_input(capsys, empty_workshop, tmp_path):
    same = tmp_path / "report.out"
    code, _, err = run(capsys, "report", empty_workshop.path, "-o", same, "--html", same)
    assert code == 2 and f"{same}: is given for both the PDF and the HTML" in err
    assert not same.exists()


def test_validate_and_import_read_workshop_toml_once_not_once_per_participant(monkeypatch, demo_folder, tmp_path):
    """With 10,000 participants, re-reading workshop.toml for each one made ``validate`` run for
    more than 20 minutes (quadratic); it now reads it a fixed number of times."""
    from cxalign.checks import check_workshop
    from cxalign.csvio import export_csv, import_csv

    path = tmp_path / "wide.csv"
    export_csv(demo_folder, path, wide=True)
    loads = []
    original = WorkshopFolder.load
    monkeypatch.setattr(WorkshopFolder, "load", lambda self: loads.append(1) or original(self))
    check_workshop(demo_folder)
    assert len(loads) <= 2
    loads.clear()
    assert import_csv(demo_folder, path, replace=True) == len(demo_folder.load().participants)
    assert len(loads) <= 3  # the third: the import commit reads workshop.toml again under the workshop lock


def test_custom_templates_are_sandboxed(tmp_path):
    """A template folder lays the report out; it cannot reach Python internals."""
    import pytest
    from jinja2.exceptions import SecurityError

    from cxalign.report.render import TemplateFolders, make_environment

    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "evil.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    env = make_environment(TemplateFolders(custom), lambda key, **_: key)
    with pytest.raises(SecurityError):
        env.get_template("evil.html.j2").render()
