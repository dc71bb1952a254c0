"""Groups inside one workshop: figures worked by hand on the mini questionnaire."""

from __future__ import annotations

import json

import pytest

from cxalign.present.jsonout import analysis_to_json
from cxalign.analysis.engine import analyze_folder
from cxalign.compare.groups import compare_analysis_groups, group_ids
from cxalign.compare.jsonout import analysis_groups_json
from tests.compare_helpers import answers, make_workshop

# Group "comex": Alice, Bruno; group "managers": Chloé, David, Emma.
PEOPLE = [
    ("Alice Martin", "ceo", "comex", answers(
        definition="The journey.", includes=["ads"], owner="ceo", silos=1, goals=(50, 50, 0),
        leave=["bill", "channels", "perso"], cur=2, tgt=4)),
    ("Bruno Petit", "marketing", "comex", answers(
        definition="Emotion along the journey.", includes=["ads", "service"], owner="ceo", silos=3,
        goals=(30, 30, 40), leave=["bill", "perso", "channels"], cur=4, tgt=5)),
    ("Chloé Roux", "customer_relations", "managers", answers(
        definition="An emotion.", includes=["journey"], owner="ceo", silos=4, goals=(0, 0, 100),
        leave=["perso", "channels", "bill"], cur=1, tgt=3)),
    ("David Noir", "sales", "managers", answers(
        definition="A feeling.", includes=["service", "journey"], owner="marketing", silos=4, goals=(0, 60, 40),
        leave=["perso", "channels", "bill"], cur=2, tgt=3)),
    ("Emma Blanc", "operations", "managers", answers(
        definition="The journey.", includes=["service"], owner="nobody", silos=1, goals=(30, 30, 40),
        leave=["channels", "perso", "bill"], cur=3, tgt=4)),
]


@pytest.fixture
def grouped(tmp_path):
    return make_workshop(tmp_path / "w", PEOPLE)


def test_groups_in_order_of_first_appearance(grouped):
    assert group_ids(grouped.load()) == ["comex", "managers"]


def test_each_group_analysed_alone(grouped):
    result = compare_analysis_groups(analyze_folder(grouped))
    comex, managers = result.groups
    assert comex.n == 2 and managers.n == 3 and not comex.hidden
    # maturity of the leadership dimension: comex (2 + 4) / 2 = 3, managers (1 + 2 + 3) / 3 = 2
    assert comex.analysis.dimension("leadership").current == pytest.approx(3.0)
    assert managers.analysis.dimension("leadership").current == pytest.approx(2.0)
    # agreement inside a group: comex all name the CEO → 1; managers ceo/marketing/nobody → 0 agreeing pairs of 3
    assert comex.analysis.agreement("owner").index == pytest.approx(1.0)
    assert managers.analysis.agreement("owner").index == pytest.approx(0.0)


def test_gaps_between_groups_worked_by_hand(grouped):
    gap = compare_analysis_groups(analyze_folder(grouped)).gap("comex", "managers")
    by_key = {q.key: q for q in gap.questions}
    # likert 4 points: means 2 vs 3 → |2 − 3| / (4 − 1) = 1/3
    assert by_key["silos"].value == pytest.approx(1 / 3)
    # single: comex {ceo: 1}, managers {ceo, marketing, nobody: 1/3 each} → ½(2/3 + 1/3 + 1/3) = 2/3
    assert by_key["owner"].value == pytest.approx(2 / 3)
    # multi: choice rates ads 1 vs 0, service 1/2 vs 2/3, journey 0 vs 2/3 → (1 + 1/6 + 2/3) / 3 = 11/18
    assert by_key["includes"].value == pytest.approx(11 / 18)
    # allocation: means (40, 40, 20) vs (10, 30, 60) → L1 80 / 200
    assert by_key["goals"].value == pytest.approx(0.4)
    # ranking: mean ranks bill 1 vs 3, channels 2.5 vs 5/3, perso 2.5 vs 4/3 → 4 / ⌊3²/2⌋ = 1
    assert by_key["leave"].value == pytest.approx(1.0)
    # maturity item, today: means 3 vs 2 over a 5-point scale → 1/4 (exactly the threshold: differs)
    assert by_key["m_sponsor:current"].value == pytest.approx(0.25)
    assert by_key["m_sponsor:current"].differs
    # target: 4.5 vs 10/3 → (7/6) / 4 = 7/24
    assert by_key["m_sponsor:target"].value == pytest.approx(7 / 24)
    assert [q.key for q in gap.differing] == [
        "leave", "owner", "includes", "goals", "silos", "m_sponsor:target", "m_sponsor:current"]
    # maturity gap managers − comex: today 2 − 3 = −1, target 10/3 − 4.5 = −7/6
    dim = gap.dimensions[0]
    assert dim.id == "leadership" and dim.gap == pytest.approx(-1.0)
    assert dim.target_gap == pytest.approx(-7 / 6)
    assert dim.items[0].id == "m_sponsor" and dim.items[0].gap == pytest.approx(-1.0)


def test_definition_distance_worked_by_hand(grouped):
    dd = compare_analysis_groups(analyze_folder(grouped)).gap("comex", "managers").definitions
    # comex {journey}, {journey, emotion}; managers {emotion}, {emotion}, {journey}
    # cross Jaccard: 0, 0, 1, ½, ½, ½ → 5/12; distance 7/12
    assert dd.distance == pytest.approx(7 / 12)
    assert dd.within_a == pytest.approx(0.5)
    assert dd.within_b == pytest.approx(1 / 3)
    assert dd.only_a == () and dd.only_b == ()


def test_json_shape(grouped):
    analysis = analyze_folder(grouped)
    data = analysis_to_json(analysis)
    assert [g["id"] for g in data["groups"]] == ["comex", "managers"]
    assert data["groups"][0]["n"] == 2
    assert {d["id"] for d in data["groups"][1]["maturity"]["dimensions"]} == {"leadership"}
    assert any(q["key"] == "owner" for q in data["groups"][0]["questions"])
    gap = data["group_gaps"][0]
    assert gap["groups"] == ["comex", "managers"]
    assert gap["dimensions"][0]["gap"] == -1.0
    assert {q["key"]: q["difference"] for q in gap["questions"]}["goals"] == 0.4
    assert gap["definitions"]["distance"] == round(7 / 12, 4)
    json.dumps(data)


def test_no_groups_key_with_fewer_than_two_groups(tmp_path):
    people = [(n, r, "comex" if i < 2 else None, a) for i, (n, r, _, a) in enumerate(PEOPLE)]
    folder = make_workshop(tmp_path / "w", people)
    data = analysis_to_json(analyze_folder(folder))
    assert "groups" not in data and "group_gaps" not in data


def test_anonymity_per_group_hides_a_small_group(tmp_path):
    folder = make_workshop(tmp_path / "w", PEOPLE, anonymous=True, min_group_size=3)
    analysis = analyze_folder(folder)
    result = compare_analysis_groups(analysis)
    comex, managers = result.groups
    assert comex.hidden and comex.analysis is None and not managers.hidden
    assert result.gaps == ()  # no gap involves a hidden group
    data = analysis_groups_json(analysis, anonymous=True)
    assert data["groups"][0] == {"id": "comex", "n": 2, "members": 2, "hidden": True}
    assert data["group_gaps"] == []
    assert all(r.startswith("r") for r in data["groups"][1]["respondents"])
    assert "Chloé" not in json.dumps(data, ensure_ascii=False)


def test_ungrouped_participants_count_in_no_group(tmp_path):
    people = PEOPLE + [("Zoé Vert", "hr", None, answers(silos=4, cur=5, tgt=5))]
    folder = make_workshop(tmp_path / "w", people)
    result = compare_analysis_groups(analyze_folder(folder))
    assert result.ungrouped == ("zoe-vert",) or len(result.ungrouped) == 1
    assert result.group("managers").analysis.dimension("leadership").current == pytest.approx(2.0)


@pytest.mark.parametrize("lang, words", [
    ("en", ("The groups", "Leadership team (2)", "Managers (3)", "Where Leadership team and Managers answer differently",
            "Rank why customers leave.", "1.00", "0.58")),
    ("fr", ("Les groupes", "Comité de direction (2)", "Managers (3)", "Classez les causes de départ.", "1,00", "0,58")),
])
def test_console_groups_section(grouped, lang, words):
    import io

    from cxalign.compare.present import render_groups

    analysis = analyze_folder(grouped)
    out = io.StringIO()
    render_groups(compare_analysis_groups(analysis), analysis, lang, out)
    text = " ".join(out.getvalue().split())
    for w in words:
        assert w in text, w
