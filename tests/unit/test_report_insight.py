"""The report shows the wave-2 insight (issues 11 and 12): the verdict leads the summary, each hot
spot its pattern and who to set aside, "Who stands where", camps, and the groups section —
named and anonymous, French and English. HTML level, plus one PDF read back with pypdf."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from cxalign.analysis.engine import analyze_folder
from cxalign.present import wording
from cxalign.report import make_report, render_html
from tests.compare_helpers import make_workshop
from tests.unit.test_analysis_insight import TEAM, base_answers, one_dissenter, pid, run, two_camps
from tests.unit.test_groups import PEOPLE as GROUPED

NAMES = [name for name, _ in TEAM]


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, entities decoded, whitespace collapsed."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, anchor: str) -> str:
    """The ``<section … id="anchor">`` element ("" when the report has none)."""
    found = re.search(rf'<section[^>]*\bid="{anchor}".*?</section>', html, flags=re.S)
    return found.group(0) if found else ""


def toc(html: str) -> list[str]:
    nav = re.search(r"<nav class=\"toc\".*?</nav>", html, flags=re.S).group(0)
    return re.findall(r'href="#([^"]+)"', nav)


def first_summary_sentence(html: str) -> str:
    summary = section(html, "summary")
    first = re.search(r"<p\b[^>]*>(.*?)</p>", summary, flags=re.S)
    return text_of(first.group(1))


# -- one dissenter ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_dissenter_is_named_first_in_the_summary_and_in_who_stands_where(reference_questionnaire, lang):
    q = reference_questionnaire
    a = run(q, one_dissenter(q))
    html = render_html(a, lang=lang)
    first = first_summary_sentence(html)
    assert "Isabelle Faure" in first
    assert first == html_lib.unescape(wording.verdict_sentence(a, lang, wording.default_namer(a, False, lang)))
    # the overall label is the verdict's, never a bare "aligned"
    summary = text_of(section(html, "summary"))
    assert wording.verdict_label(a, lang) in summary
    assert ("aligned on most questions" if lang == "en" else "aligné sur la plupart des questions") in summary
    # who stands where: she is the first row, apart on five questions, and has her sentence
    people = section(html, "people")
    assert people and "people" in toc(html)
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\">([^<]+)</th>.*?</tr>", people, flags=re.S)
    assert rows[0] == "Isabelle Faure" and set(rows) == set(NAMES)
    first_row = re.search(r"<tr class=\"apart\">.*?</tr>", people, flags=re.S).group(0)
    assert ">5<" in first_row.replace(" ", "")
    person = a.person("isabelle-faure")
    assert html_lib.escape(wording.person_sentence(a, person, lang, wording.default_namer(a, False, lang)), quote=False) \
        in people.replace("&#39;", "'").replace("&#34;", '"')
    # one dissenter is no camp
    assert "camps" not in toc(html) and 'id="camps"' not in html


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lone_dissent_hot_spots_show_their_pattern_and_who_to_set_aside(reference_questionnaire, lang):
    q = reference_questionnaire
    a = run(q, one_dissenter(q))
    hot = text_of(section(html := render_html(a, lang=lang), "alignment").split('id="hotspots"', 1)[1])
    assert "pattern-lone_dissent" in section(html, "alignment")
    assert wording.pattern_label("lone_dissent", lang).lower() in hot.lower()
    without = "Without Isabelle Faure, agreement would rise from" if lang == "en" else \
        "Sans Isabelle Faure, l'accord passerait de"
    assert hot.count(without) >= 5
    h = next(h for h in a.hotspots if h.key == "cx_owner")
    assert wording.without_sentence(h, lang, wording.default_namer(a, False, lang)) in hot
    # ranked in discussion order: the first five are hers
    ranks = [int(n) for n in re.findall(r"<h3>(\d+)\. ", section(html, "alignment"))]
    assert ranks == list(range(1, len(a.hotspots) + 1))
    # the summary's strongest disagreements are the first hot spots, with the same "without" line
    summary = text_of(section(html, "summary"))
    assert summary.count(without) == 3


# -- two camps, an aligned team -------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_two_camps_are_shown_with_their_members(reference_questionnaire, lang):
    q = reference_questionnaire
    a = run(q, two_camps(q))
    html = render_html(a, lang=lang)
    assert "camps" in toc(html)
    camps = text_of(section(html, "people").split('id="camps"', 1)[1])
    namer = wording.default_namer(a, False, lang)
    for camp in a.camps:
        assert " ".join(wording.camp_sentence(a, camp, lang, namer).split()) in camps
    assert ("camps" in first_summary_sentence(html))
    # a three-three split is no lone dissent: nobody is set aside on a hot spot
    hot = text_of(section(html, "alignment").split('id="hotspots"', 1)[1])
    assert "Without" not in hot and "Sans " not in hot
    assert "pattern-lone_dissent" not in section(html, "alignment") and "pattern-split" in section(html, "alignment")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_aligned_team_shows_no_hot_spot_and_no_camps(reference_questionnaire, lang):
    q = reference_questionnaire
    a = run(q, {pid(n): base_answers(q, i) for i, (n, _) in enumerate(TEAM)})
    html = render_html(a, lang=lang)
    first = first_summary_sentence(html)
    assert first == wording.verdict_sentence(a, lang, wording.default_namer(a, False, lang))
    assert ("The team is aligned" if lang == "en" else "L'équipe est alignée") in first
    assert "<article class=\"hotspot\">" not in html
    assert 'id="camps"' not in html and "camps" not in toc(html)
    people = text_of(section(html, "people"))
    assert ("Nobody stands apart" if lang == "en" else "Personne ne se tient à l'écart") in people
    assert 'class="apart"' not in section(html, "people")


# -- anonymity --------------------------------------------------------------------------------------

@pytest.mark.parametrize("team", [one_dissenter, two_camps])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_anonymous_report_names_nobody_and_has_no_person_section(reference_questionnaire, team, lang):
    q = reference_questionnaire
    a = run(q, team(q), anonymous=True)
    html = render_html(a, lang=lang)
    for name in NAMES:
        assert name not in html
        for part in name.split():
            assert part not in text_of(html), part
    assert section(html, "people") == "" and "people" not in toc(html) and "camps" not in toc(html)
    first = first_summary_sentence(html)
    assert first == wording.verdict_sentence(a, lang, wording.default_namer(a, True, lang), anonymous=True)
    method = text_of(section(html, "method"))
    assert ("no “Who stands where” part" if lang == "en" else "pas de partie « Qui se tient où »") in method
    if team is one_dissenter:
        # the lone dissents are counted, not named
        assert ("1 of 6 people stand apart" if lang == "en" else "1 personne(s) sur 6") in text_of(section(html, "alignment"))


# -- the groups section (issue 12) -------------------------------------------------------------------

def test_groups_section_only_with_two_groups(tmp_path, reference_questionnaire):
    q = reference_questionnaire
    html = render_html(run(q, one_dissenter(q)), lang="en")
    assert section(html, "groups") == "" and "groups" not in toc(html)
    grouped = analyze_folder(make_workshop(tmp_path / "g", GROUPED))
    html = render_html(grouped, lang="en")
    groups = text_of(section(html, "groups"))
    assert "groups" in toc(html)
    assert "Leadership team" in groups
    assert "Managers" in groups and "3 respondent" in groups
    # listed after the alignment chapter, before the recommendations
    order = toc(html)
    assert order.index("alignment") < order.index("groups") < order.index("recommendations")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_groups_section_hides_a_small_group_when_anonymous(tmp_path, lang):
    folder = make_workshop(tmp_path / "g", GROUPED, anonymous=True, min_group_size=3)
    a = analyze_folder(folder)
    html = render_html(a, lang=lang)
    groups = section(html, "groups")
    assert groups and "groups" in toc(html)
    for name, *_ in GROUPED:
        for part in name.split():
            assert part not in text_of(html), part
    # the comex (2 people, below 3) shows its count and the note, no figure; the managers (3) their figures
    rows = re.findall(r"<tr><td>(.*?)</tr>", groups, flags=re.S)
    comex = next(r for r in rows if "hidden-note" in r)
    assert not re.search(r"\d[.,]\d", text_of(comex))
    maturity_head = re.search(r"<thead><tr><th>[^<]*</th>(.*?)</tr></thead>", groups.split("<h3>", 1)[1], flags=re.S)
    assert maturity_head.group(1).count("<th") == 1  # the managers' column only
    # the hidden group takes part in no gap
    assert groups.count("<h3>") == 1


# -- one PDF, read back ------------------------------------------------------------------------------

def test_pdf_of_a_one_dissenter_team(tmp_path, reference_questionnaire):
    import pypdf

    q = reference_questionnaire
    a = run(q, one_dissenter(q))
    pdf = make_report(a, tmp_path / "r.pdf", lang="en")
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf).pages]
    summary = next(p for p in pages if p.startswith("Executive summary"))
    assert summary.split("Executive summary", 1)[1].strip().startswith("Aligned on most questions")
    assert "Isabelle Faure" in summary.split(".")[1] or "Isabelle Faure" in summary[:200]
    who = next(p for p in pages if p.startswith("Who stands where"))
    assert "Isabelle Faure stands apart on 5 question" in who
    contents = next(p for p in pages if p.startswith("Contents"))
    assert "Who stands where" in contents and "Camps" not in contents


def test_question_block_names_the_pattern_and_who_to_set_aside(reference_questionnaire):
    q = reference_questionnaire
    a = run(q, one_dissenter(q))
    html = render_html(a, lang="en")
    block = re.search(r'id="q-cx_owner".*?</header>', html, flags=re.S).group(0)
    sentence = text_of("".join(re.findall(r'<p class="hotspot-sentence">(.*?)</p>', block, flags=re.S)))
    assert sentence.startswith("Lone dissent —")
    assert "Without Isabelle Faure, agreement would rise from 0.67 to" in sentence
    anonymous = render_html(run(q, one_dissenter(q), anonymous=True), lang="en")
    block = re.search(r'id="q-cx_owner".*?</header>', anonymous, flags=re.S).group(0)
    assert "Lone dissent —" in text_of(block) and "1 of 6 people stand apart" in text_of(block)
