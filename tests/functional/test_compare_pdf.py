"""The compare PDF and the groups section as PDFs, read back with pypdf."""

from __future__ import annotations

import re

import datetime as dt

import pytest

pypdf = pytest.importorskip("pypdf")

from cxalign.analysis.engine import analyze_folder  # noqa: E402
from cxalign.cli import main  # noqa: E402
from cxalign.compare.report import write_groups_pdf  # noqa: E402
from tests.compare_helpers import make_workshop  # noqa: E402
from tests.functional.test_compare import NEW, OLD  # noqa: E402
from tests.unit.test_groups import PEOPLE  # noqa: E402


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages).split())


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory):
    from cxalign.demo import create_demos

    root = tmp_path_factory.mktemp("demo")
    first, later = create_demos(root / "w")
    out = {}
    for lang in ("fr", "en"):
        out[lang] = root / f"compare-{lang}.pdf"
        assert main(["compare", str(first.path), str(later.path), "-o", str(out[lang]), "--lang", lang]) == 0
    out["groups"] = write_groups_pdf(analyze_folder(later), root / "groups.pdf", lang="en")
    return out


def test_compare_pdf_pages_in_both_languages(demo_pdfs):
    fr, en = _text(demo_pdfs["fr"]), _text(demo_pdfs["en"])
    for words in ("Ce qui a bougé", "Maturité par dimension", "Accord par question", "Résolus", "Nouveaux",
                  "Les définitions, avant et après", "Claire Dubois", "arrivé"):
        assert words in fr, words
    for words in ("What moved", "Maturity by dimension", "Agreement by question", "Resolved", "New",
                  "The definitions, before and after", "joined", "left"):
        assert words in en, words
    assert len(pypdf.PdfReader(str(demo_pdfs["en"])).pages) >= 4
    # a person's concepts gained or lost: "label: concepts" in English, no space before the colon
    assert re.search(r"Concepts (gained|lost): \w", en) and not re.search(r"Concepts (gained|lost) :", en)
    assert re.search(r"Concepts (gagnés|perdus)\s:\s\w", fr)


def test_groups_section_of_the_demo(demo_pdfs):
    text = _text(demo_pdfs["groups"])
    assert "Leadership team" in text and "Managers" in text
    assert "Where Leadership team and Managers answer differently" in text
    assert "customers' feedback" in text  # feedback_use separates the groups


def test_compare_pdf_anonymous_names_nobody(tmp_path):
    old = make_workshop(tmp_path / "w", OLD, name="Janvier", date=dt.date(2026, 1, 10))
    new = make_workshop(tmp_path / "w", NEW, name="Juillet", date=dt.date(2026, 7, 10))
    pdf = tmp_path / "c.pdf"
    assert main(["compare", str(old.path), str(new.path), "-o", str(pdf), "--anonymous", "--lang", "en"]) == 0
    text = _text(pdf)
    assert "What moved" in text and "Chief executive" in text
    for name in ("Alice", "Bruno", "Chloé", "David", "Martin", "Petit"):
        assert name not in text


def test_groups_pdf_hides_a_small_group_when_anonymous(tmp_path):
    # comex has 2 respondents, below min_group_size 3: its name and count only, no figure, no gap
    folder = make_workshop(tmp_path / "w", PEOPLE, anonymous=True, min_group_size=3)
    pdf = write_groups_pdf(analyze_folder(folder), tmp_path / "g.pdf", lang="en")
    text = _text(pdf)
    assert "Leadership team" in text and "2 respondent(s)" in text
    assert "fewer than 3 respondents: no figure (anonymity)" in text
    assert "answer differently" not in text  # no gap involves the hidden group
    for name in ("Alice", "Bruno", "Chloé", "David", "Emma"):
        assert name not in text
    # the managers' own figures are there: leadership today 2.0; the comex's 3.0 is not
    assert "Leadership 2.0" in text and "3.0" not in text


def test_groups_pdf_shows_both_groups_when_not_anonymous(tmp_path):
    folder = make_workshop(tmp_path / "w", PEOPLE, min_group_size=3)
    text = _text(write_groups_pdf(analyze_folder(folder), tmp_path / "g.pdf", lang="fr"))
    assert "Comité de direction" in text and "Managers" in text
    # maturity gap managers − comex, worked by hand: 2,0 − 3,0 = −1,0
    assert "−1,0" in text
    assert "0,67" in text  # owner: total variation 2/3
