"""The report's parts without laying out a PDF: lazy imports, template folders, formatting, progress, views."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from report_workshops import build_workshop

from cxalign.errors import InputError
from cxalign.report import render as render_module
from cxalign.report.formatting import heat as _heat
from cxalign.report.formatting import number
from cxalign.report.positions import answer_view


def test_import_is_lazy_until_a_report_is_made(tmp_path):
    """``import cxalign.report`` loads neither WeasyPrint nor pygal (nor Textual); making the HTML
    loads pygal only; WeasyPrint comes with the PDF."""
    folder = build_workshop(tmp_path, [("Anna Blum", "ceo"), ("Marc Roy", "sales")])
    code = (
        "import json, sys\n"
        "def heavy(): return sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pygal', 'textual'})\n"
        "import cxalign.report\n"
        "before = heavy()\n"
        f"cxalign.report.render_html({str(folder.path)!r}, lang='en')\n"
        "print(json.dumps([before, heavy()]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    before, after_html = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == []
    assert after_html == ["pygal"]


def test_template_folders_lookup_and_errors(tmp_path):
    default = render_module.TemplateFolders()
    assert default.find("report.html.j2") is not None
    assert default.find("../pyproject.toml") is None  # no climbing out of the folder
    assert default.url("logo.svg").startswith("file://")
    with pytest.raises(InputError, match="template folder not found"):
        render_module.TemplateFolders(tmp_path / "missing")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(InputError, match="not a template folder"):
        render_module.TemplateFolders(a_file)
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "report.css").write_text("body {}")
    folders = render_module.TemplateFolders(custom)
    assert folders.find("report.css") == (custom / "report.css").resolve()
    assert folders.find("logo.svg") == default.find("logo.svg")
    assert folders.base_url == custom.resolve().as_uri() + "/"
    # a missing file asked for in the custom folder falls back to the default one
    assert folders.fallback(custom / "logo.svg") == default.default / "logo.svg"


def test_broken_custom_template_is_bad_input(tmp_path):
    folder = build_workshop(tmp_path, [("Anna Blum", "ceo")])
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "cover.html.j2").write_text("{% if %}", encoding="utf-8")
    from cxalign.report import render_html

    with pytest.raises(InputError, match="template error") as info:
        render_html(folder, template_dir=custom)
    assert "cover.html.j2" in str(info.value)


def test_css_string_cannot_break_out_of_the_style_element():
    value = str(render_module.css_string('Page"} </style><script>x</script>'))
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner and "}" not in inner


@pytest.mark.parametrize(("value", "digits", "lang", "expected"), [
    (0.725, 2, "fr", "0,72"), (0.725, 2, "en", "0.72"), (None, 1, "fr", "—"), (-0.01, 1, "en", "0.0"), (3, 0, "fr", "3"),
    (3.0, 1, "en", "3"), (0.5, 2, "en", "0.50"), (2.5, 1, "fr", "2,5"),
])
def test_number(value, digits, lang, expected):
    assert number(value, digits, lang) == expected


def test_heat_colours_are_the_terminal_scale():
    """Issue 8 item 3: one colour scale (``thresholds.matrix_colour``) for the terminal and the PDF."""
    from cxalign.analysis import thresholds

    for value in (0.0, 0.3, 0.5, 0.6, 0.7, 0.85, 1.0, None):
        bg, fg = _heat(value)
        assert bg == "#%02x%02x%02x" % thresholds.matrix_colour(value)
        assert fg == "#%02x%02x%02x" % thresholds.matrix_text_colour(value)
    low, mid, high = _heat(0.0), _heat(0.5), _heat(1.0)
    assert low[0] != mid[0] != high[0]
    assert _heat(None)[0] == "#eef0f3"


def test_report_numbers_delegate_to_the_one_formatter():
    from cxalign.present import numbers

    for value in (None, 0.0, 0.5, 0.725, 1.0, 3.0, 2.25, -0.001):
        for lang in ("fr", "en"):
            assert number(value, 2, lang) == numbers.index(value, lang)
            assert number(value, 1, lang) == numbers.number(value, lang, 1)


def test_progress_callback_gets_every_step_in_order(tmp_path):
    from cxalign.report import make_report

    folder = build_workshop(tmp_path, [("Anna Blum", "ceo"), ("Marc Roy", "sales")])
    seen: list[tuple[str, float, str]] = []
    make_report(folder, tmp_path / "r.pdf", lang="en",
                progress=lambda label, fraction: seen.append((label, fraction, threading.current_thread().name)))
    fractions = [f for _, f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) >= 5
    assert all(isinstance(label, str) and label for label, _, _ in seen)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".r.pdf.part"))


def test_anonymous_workshop_is_always_reported_anonymously(tmp_path):
    from cxalign.report import render_html

    folder = build_workshop(tmp_path, [("Anna Blum", "ceo"), ("Marc Roy", "sales")])
    workshop = folder.load()
    workshop.anonymous = True
    workshop.min_group_size = 2  # two respondents: below the default 5 the report is refused
    folder.save(workshop)
    html = render_html(folder, lang="fr", anonymous=False)
    assert "Anna" not in html and "Blum" not in html and "Roy" not in html


def test_named_report_groups_identical_answers_and_marks_matrices(reference_questionnaire):
    from cxalign.models.response import Answer

    q = reference_questionnaire.question("cx_owner")
    a, b = q.option_ids[:2]
    answers = [("p1", Answer(choice=a)), ("p2", Answer(choice=a)), ("p3", Answer(choice=b)), ("p4", Answer(dont_know=True))]
    view = answer_view(q, answers, lang="en", namer=str.upper, outliers={"p3"}, words=lambda k: k,
                       fmt=lambda v, d: f"{v:.{d}f}", pair=lambda x, y: f"{x}: {y}")
    rows = view["rows"]
    assert [r["count"] for r in rows] == [2, 1, 1]
    assert rows[0]["who"] == "P1, P2" and rows[1]["outlier"] and rows[2]["answer"] == "dont_know"

    ranking = reference_questionnaire.question("cx_pyramid")
    order = ranking.option_ids
    view = answer_view(ranking, [("p1", Answer(ranking=order)), ("p2", Answer(ranking=order[::-1]))],
                       lang="en", namer=str.upper, outliers=set(), words=lambda k: k,
                       fmt=lambda v, d: f"{v:.{d}f}", pair=lambda x, y: f"{x}: {y}")
    assert view["kind"] == "matrix"
    assert [c["label"] for c in view["columns"]] == ["P1", "P2"]
    assert all(row["summary"] == "2.0" for row in view["rows"])  # each item ranked 1st once and 3rd once
