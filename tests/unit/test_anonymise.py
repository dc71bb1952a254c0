"""Names typed inside free text, masked for anonymous outputs (cxalign.anonymise)."""

from __future__ import annotations

import subprocess
import sys

from cxalign.anonymise import MARKER, fold, name_masker

PEOPLE = ["Claire Martin", "Jean-Pierre Le Gall", "Hélène Dûpont", "Marc Roy"]


def test_full_first_and_last_names_in_any_case_and_accent():
    mask = name_masker(PEOPLE)
    assert mask("Comme le dit Claire Martin, tout est parcours.") == f"Comme le dit {MARKER}, tout est parcours."
    assert mask("claire pense que MARTIN a tort") == f"{MARKER} pense que {MARKER} a tort"
    assert mask("Helene et DUPONT et hélène") == f"{MARKER} et {MARKER} et {MARKER}"
    assert mask("jean pierre, Jean-Pierre, le gall, LE GALL") == f"{MARKER}, {MARKER}, {MARKER}, {MARKER}"
    assert mask("Voir Marc.") == f"Voir {MARKER}."


def test_words_that_only_contain_a_name_and_particles_are_left_alone():
    mask = name_masker(PEOPLE)
    text = "Le marché de Marcel, la Royauté et le client : rien à masquer."
    assert mask(text) == text


def test_no_names_no_change():
    assert name_masker([])("Claire Martin") == "Claire Martin"
    assert name_masker(["  "])("x") == "x"


def test_fold_keeps_one_character_for_one():
    for text in ("Hélène Dûpont", "ÆSØ ß İstanbul ﬁ", "Ǆ"):
        assert len(fold(text)) == len(text)


def test_the_module_imports_neither_the_report_nor_the_analysis():
    code = ("import sys, cxalign.anonymise\n"
            "print(sorted(m for m in sys.modules if m.startswith(('cxalign.report', 'cxalign.analysis', 'textual'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
