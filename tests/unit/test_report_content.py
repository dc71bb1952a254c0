"""What the report says (HTML level, no PDF unless said): anonymity threshold and name masking,
unreadable responses, turnout, question consensus, reference sources, large workshops."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from report_workshops import ROLES, build_workshop

from cxalign.analysis.thresholds import PERSON_LIST_MAX
from cxalign.cli import main
from cxalign.errors import InputError
from cxalign.models.workshop import Consensus
from cxalign.report import make_report, render_html


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _update(folder, **fields):
    folder.save(folder.load().model_copy(update=fields))
    return folder


SIX = [("Claire Martin", "ceo"), ("Marc Roy", "sales"), ("Hélène Dupont", "marketing"),
       ("Paul Morel", "sales"), ("Ana Silva", "sales"), ("Luc Petit", "sales")]


# -- anonymity ------------------------------------------------------------------------------

def test_anonymous_report_below_min_group_size_is_refused(capsys, tmp_path):
    """Issue 9 item 10: 3 respondents, threshold 5: no report with counts, roles or texts — exit 2."""
    folder = _update(build_workshop(tmp_path / "ws", SIX[:3]), anonymous=True)
    out = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", folder.path, "-o", out)
    assert code == 2
    assert f"{folder.path / 'workshop.toml'}: min_group_size: an anonymous report needs at least 5 respondents" in err
    assert "only 3 answered" in err
    assert not out.exists()
    with pytest.raises(InputError, match="at least 5 respondents"):
        render_html(folder, anonymous=True)
    # a named workshop asked for an anonymous report: the same rule
    named = build_workshop(tmp_path / "named", SIX[:2])
    assert run(capsys, "report", named.path, "-o", out, "--anonymous")[0] == 2


def test_anonymous_report_at_the_threshold_is_made(tmp_path):
    folder = _update(build_workshop(tmp_path / "ws", SIX[:5]), anonymous=True)
    html = render_html(folder)
    assert "Claire Martin" not in html


def test_anonymous_report_counts_only_roles_at_least_as_large_as_the_threshold(tmp_path):
    folder = _update(build_workshop(tmp_path / "ws", SIX), anonymous=True, min_group_size=4)
    html = render_html(folder, lang="en")
    table = html[html.index('<table class="participants">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td></tr>", table)
    assert rows == [("Sales", "4"), ("Other roles", "2")]


def test_names_typed_in_free_text_are_masked_in_the_anonymous_pdf(tmp_path):
    """Issue 9 item 10: names in definitions, case- and accent-insensitive, replaced in the PDF."""
    from pypdf import PdfReader

    texts = {0: "Comme dit HELENE, et contrairement à marc roy, le client avant tout.",
             1: "Claire pense que Dupont a tort : l'expérience se vit sur tout le parcours."}
    folder = _update(build_workshop(tmp_path / "ws", SIX, texts=texts), anonymous=True)
    out = make_report(folder, tmp_path / "anon.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    flat = re.sub(r"\s+", " ", text).lower()
    for name in ("helene", "hélène", "marc roy", "claire", "dupont", "martin", "morel", "silva"):
        assert not re.search(rf"(?<!\w){name}(?!\w)", flat), name
    assert "[…] pense que […] a tort" in re.sub(r"\s+", " ", text)


def test_named_reports_keep_names_in_free_text(tmp_path):
    folder = build_workshop(tmp_path / "ws", SIX[:2], texts={0: "Marc Roy a raison."})
    assert "Marc Roy a raison." in render_html(folder)


# -- unreadable responses, turnout -------------------------------------------------------------

def test_an_unreadable_response_is_named_and_the_report_made_from_the_others(tmp_path):
    """Issue 9 item 4: one broken file does not block the report; the cover names it."""
    folder = build_workshop(tmp_path / "ws", SIX[:3])
    broken = folder.response_file("marc-roy")
    broken.write_text("this is = not [valid toml\n")
    said: list[str] = []
    pdf = make_report(folder, tmp_path / "r.pdf", html_path=tmp_path / "r.html", lang="en", warn=said.append)
    assert pdf.exists()
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Unreadable response, left out: marc-roy.toml (Marc Roy)" in html
    assert "2 of 3 participants" in html
    assert any("marc-roy.toml" in m and "left out" in m for m in said)


def test_the_cover_warns_when_fewer_than_half_submitted(tmp_path):
    """Issue 13 item 5: 1 of 4 submitted -> a warning with the counts; 2 of 4 -> none."""
    folder = build_workshop(tmp_path / "ws", SIX[:4])
    questions = len(folder.questionnaire.questions)
    for pid in ("marc-roy", "helene-dupont", "paul-morel"):
        response = folder.load_response(pid)
        folder.save_response(response.model_copy(update={"status": "in_progress", "answers": {}}))
    html = render_html(folder, lang="en")
    assert (f"Caution: only 1 of 4 participant(s) finished the questionnaire ({questions} of {4 * questions} answers)"
            in html)
    response = folder.load_response("marc-roy")
    folder.save_response(response.model_copy(update={"status": "submitted"}))
    assert "Caution: only" not in render_html(folder, lang="en")


# -- consensus on a question, reference sources ----------------------------------------------------

def test_a_consensus_on_a_question_is_shown_beside_its_figures(tmp_path):
    """Issue 9 item 15: scope "question" reached neither the report nor the JSON."""
    folder = build_workshop(tmp_path / "ws", SIX[:3])
    question = folder.questionnaire.section("objectives").questions[0]
    consensus = Consensus(scope="question", ref=question.id, comment="On part du parcours de réclamation",
                          recorded_at=dt.datetime(2026, 1, 5, 10, 0))
    _update(folder, consensus=[consensus])
    html = render_html(folder, lang="fr")
    block = html[html.index(f'id="q-{question.id}"'):]
    block = block[:block.index("</article>")]
    assert "Consensus de la salle\u00a0: On part du parcours de réclamation" in block


def test_each_reference_definition_has_a_source_line(tmp_path):
    """Issue 13 item 17: who, title, publication, year — not a seed file name."""
    html = render_html(build_workshop(tmp_path / "ws", SIX[:2]), lang="en")
    sources = re.findall(r'<p class="source">([^<]+)</p>', html)
    assert len(sources) == 4
    assert "Source: Online article (author not stated), “Définition CX : expérience client (Customer eXperience)”, " \
           "web article, 20 March 2017" in [s.replace("&#39;", "'") for s in sources]
    assert not any(".txt" in s for s in sources)


# -- large workshops -----------------------------------------------------------------------------

def test_above_the_person_list_size_the_appendix_and_participants_are_summarised(tmp_path):
    """Issue 9 item 12: a named report of many people lists no person per closed answer."""
    n = PERSON_LIST_MAX + 2
    people = [(f"Prénom{i:03d} Nom{i:03d}", ROLES[i % len(ROLES)]) for i in range(n)]
    folder = build_workshop(tmp_path / "ws", people)
    html = render_html(folder, lang="en")
    appendix = html[html.index('id="answers"'):]
    assert f"More than {PERSON_LIST_MAX} respondents ({n})" in appendix
    assert "Prénom001" not in appendix
    assert f"{n} text(s), too many to print: see the CSV export" in appendix
    participants = html[html.index('id="participants"'):html.index('id="definitions"')]
    assert "Prénom001" not in participants and f"More than {PERSON_LIST_MAX} participants ({n})" in participants


def test_a_memory_error_is_exit_1_with_a_message(capsys, monkeypatch, tmp_path):
    from cxalign.report import render

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(render, "write_pdf", exhausted)
    folder = build_workshop(tmp_path / "ws", SIX[:2])
    out = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", folder.path, "-o", out)
    assert code == 1
    assert err.strip() == f"cxalign: {out}: not enough memory to make the report; close other programs and try again"
    assert not out.exists() and not list(tmp_path.glob(".r.pdf*"))
