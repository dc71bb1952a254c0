"""``cxalign compare OLD NEW``: hand-worked comparisons on the mini questionnaire."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cxalign.cli import main
from cxalign.compare.cli import load_comparison
from tests.compare_helpers import MINI, answers, make_workshop

JAN, JUL = dt.date(2026, 1, 10), dt.date(2026, 7, 10)

OLD = [
    ("Alice Martin", "ceo", None, answers(definition="The journey.", includes=["ads"], owner="ceo", silos=2, cur=2, tgt=4)),
    ("Bruno Petit", "marketing", None, answers(includes=["service"], owner="marketing", silos=2, cur=2, tgt=4)),
    ("Chloé Roux", "customer_relations", None, answers(includes=["journey"], owner="nobody", silos=2, cur=1, tgt=3)),
]
NEW = [
    ("Alice Martin", "ceo", None, answers(definition="Emotion along the journey.", includes=["ads"], owner="ceo",
                                          silos=1, cur=4, tgt=5)),
    # the same Bruno, under another id: matched by name
    ("Bruno Petit", "marketing", None, answers(includes=["service"], owner="ceo", silos=4, cur=4, tgt=5), "bruno"),
    ("David Noir", "sales", None, answers(includes=["journey"], owner="ceo", silos=1, cur=4, tgt=5)),
]


@pytest.fixture
def pair(tmp_path):
    old = make_workshop(tmp_path / "w", OLD, name="Janvier", date=JAN)
    new = make_workshop(tmp_path / "w", NEW, name="Juillet", date=JUL)
    return old, new


def test_a_dimension_moved_by_a_known_amount(pair):
    comparison = load_comparison(pair[0].path, pair[1].path)
    dim = comparison.dimension("leadership")
    # before (2 + 2 + 1) / 3 = 5/3, after (4 + 4 + 4) / 3 = 4: change 7/3
    assert dim.before == pytest.approx(5 / 3) and dim.after == pytest.approx(4.0)
    assert dim.change == pytest.approx(7 / 3)
    # spreads: 2 − 1 = 1 before, 0 after → 7/3 > 1: beyond the spread
    assert dim.spread_before == pytest.approx(1.0) and dim.spread_after == pytest.approx(0.0)
    assert dim.exceeds_spread is True


def test_resolved_persisting_and_new_hot_spots(pair):
    comparison = load_comparison(pair[0].path, pair[1].path)
    # owner: ceo/marketing/nobody → 0 agreeing pairs; then ceo ×3 → 1: resolved
    assert comparison.resolved == ("owner",)
    # includes: three disjoint sets at both times → Jaccard 0: persisting
    assert comparison.persisting == ("includes",)
    # silos (4 points): 2, 2, 2 → r_wg 1; then 1, 4, 1: s² = 3 > σ²_EU = 15/12 → 0: new
    assert comparison.new == ("silos",)
    owner = comparison.question("owner")
    assert (owner.before, owner.after, owner.change) == (0.0, 1.0, 1.0)
    assert comparison.question("silos").change == pytest.approx(-1.0)


def test_people_who_stayed_left_and_joined(pair):
    comparison = load_comparison(pair[0].path, pair[1].path)
    by_name = {p.name: p for p in comparison.people}
    alice, bruno = by_name["Alice Martin"], by_name["Bruno Petit"]
    assert (alice.where, alice.matched_by) == ("both", "id")
    assert (bruno.where, bruno.matched_by, bruno.before_id, bruno.after_id) == ("both", "name", "bruno-petit", "bruno")
    assert by_name["Chloé Roux"].where == "before"  # left
    assert by_name["David Noir"].where == "after"  # joined
    assert alice.maturity_before == pytest.approx(2.0) and alice.maturity_after == pytest.approx(4.0)
    assert alice.maturity_change == pytest.approx(2.0)
    # definitions: {journey} → {journey, emotion}
    assert alice.gained == ("emotion",) and alice.lost == ()
    assert comparison.concepts_gained == ("emotion",) and comparison.concepts_lost == ()


def test_compare_json_shape(pair, capsys):
    assert main(["compare", str(pair[0].path), str(pair[1].path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"before", "after", "dimensions", "questions", "hotspots", "people"} <= set(data)
    assert data["before"]["name"] == "Janvier" and data["after"]["name"] == "Juillet"
    assert data["dimensions"] == [pytest.approx({
        "id": "leadership", "before": 1.6667, "after": 4.0, "change": 2.3333, "target_before": 3.6667,
        "target_after": 5.0, "spread_before": 1.0, "spread_after": 0.0, "exceeds_spread": True,
        "level_before": 2, "level_after": 4})]
    owner = next(q for q in data["questions"] if q["key"] == "owner")
    assert (owner["before"], owner["after"], owner["change"]) == (0.0, 1.0, 1.0)
    assert data["hotspots"] == {"resolved": ["owner"], "persisting": ["includes"], "new": ["silos"]}
    assert [(p["id"], p["in"]) for p in data["people"]] == [
        ("alice-martin", "both"), ("bruno", "both"), ("david-noir", "after"), ("chloe-roux", "before")]


def test_compare_tables_in_both_languages(pair, capsys):
    assert main(["compare", str(pair[0].path), str(pair[1].path), "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "what moved" in out and "Resolved" in out and "joined" in out and "Chloé" in out
    assert main(["compare", str(pair[0].path), str(pair[1].path), "--lang", "fr"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "ce qui a bougé" in out and "Résolus" in out and "arrivé" in out


def _variant(tmp_path, name: str, *, version="0.2", qid=None, drop_silos=False, add_item=False):
    text = MINI.read_text(encoding="utf-8").replace('version = "0.1"', f'version = "{version}"')
    if qid:
        text = text.replace('id = "mini"', f'id = "{qid}"')
    if drop_silos:
        start = text.index('[[sections.questions]]\nid = "silos"')
        end = text.index("[[sections]]", start)
        text = text[:start] + text[end:]
    if add_item:
        text += '''
[[sections.questions]]
id = "ambition"
kind = "likert"
source = "003_9710717283d6f3ca.txt"
prompt = { fr = "Notre ambition est claire.", en = "Our ambition is clear." }
points = [{ fr = "Non", en = "No" }, { fr = "Plutôt non", en = "Rather not" }, { fr = "Plutôt oui", en = "Rather yes" }, { fr = "Oui", en = "Yes" }]
'''
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_questionnaire_version_mismatch_compares_the_shared_questions(tmp_path, capsys):
    old = make_workshop(tmp_path / "w", OLD, name="Janvier", date=JAN)
    q2 = _variant(tmp_path, "mini-0.2.toml", drop_silos=True, add_item=True)
    new_people = [(n, r, g, {k: v for k, v in a.items() if k != "silos"} | {"ambition": {"value": 3}}) for n, r, g, a, *_ in NEW]
    new = make_workshop(tmp_path / "w", new_people, name="Juillet", date=JUL, questionnaire=q2)
    comparison = load_comparison(old.path, new.path)
    assert comparison.left_out_before == ("silos",) and comparison.left_out_after == ("ambition",)
    keys = {q.key for q in comparison.questions}
    assert "silos" not in keys and "ambition" not in keys and "owner" in keys
    assert comparison.new == ()  # silos was the new hot spot; it is not compared
    assert main(["compare", str(old.path), str(new.path), "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Left out: silos, ambition" in out and "0.1 and 0.2" in out
    assert main(["compare", str(old.path), str(new.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["left_out"] == {"before_only": ["silos"], "after_only": ["ambition"]}


def test_unrelated_questionnaires_exit_2(tmp_path, capsys):
    old = make_workshop(tmp_path / "w", OLD, date=JAN)
    other = _variant(tmp_path, "other.toml", qid="other")
    new = make_workshop(tmp_path / "w", NEW, date=JUL, questionnaire=other)
    assert main(["compare", str(old.path), str(new.path)]) == 2
    err = capsys.readouterr().err
    assert "questionnaire" in err and "'other'" in err and "'mini'" in err and "Traceback" not in err


def test_another_organisation_exit_2(tmp_path, capsys):
    old = make_workshop(tmp_path / "w", OLD, date=JAN)
    new = make_workshop(tmp_path / "w", NEW, date=JUL, organisation="Otherco")
    assert main(["compare", str(old.path), str(new.path)]) == 2
    assert "organisation" in capsys.readouterr().err


@pytest.mark.parametrize("case", ["missing", "file", "empty_dir", "bad_toml", "wrong_type", "same"])
def test_malformed_inputs_exit_2(tmp_path, capsys, case):
    good = make_workshop(tmp_path / "w", OLD, date=JAN)
    other = tmp_path / "other"
    if case == "file":
        other.write_text("hello", encoding="utf-8")
    elif case == "empty_dir":
        other.mkdir()
    elif case == "bad_toml":
        other = make_workshop(tmp_path / "w", NEW, date=JUL).path
        (other / "workshop.toml").write_text("name = [unclosed", encoding="utf-8")
    elif case == "wrong_type":
        other = make_workshop(tmp_path / "w", NEW, date=JUL).path
        text = (other / "workshop.toml").read_text(encoding="utf-8")
        (other / "workshop.toml").write_text(text.replace("anonymous = false", 'anonymous = "maybe"'), encoding="utf-8")
    elif case == "same":
        other = good.path
    assert main(["compare", str(good.path), str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cxalign") and "Traceback" not in err


def test_reversed_dates_warn(pair, capsys):
    assert main(["compare", str(pair[1].path), str(pair[0].path), "--lang", "en"]) == 0
    assert "later than" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["cxalign.compare.groups", "cxalign.compare.over_time", "cxalign.compare.jsonout"])
def test_number_modules_import_no_interface_words_or_pdf(module):
    import subprocess
    import sys

    code = (f"import sys, {module}\n"
            "print(sorted({m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'weasyprint', 'pygal')"
            " or m == 'cxalign.i18n'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_cli_still_loads_nothing_heavy():
    from tests.unit.test_imports import loaded_after

    assert loaded_after("cxalign.cli") == set()


@pytest.mark.parametrize("case", ["dir", "no_folder", "own_file"])
def test_bad_pdf_output_exit_2(pair, tmp_path, capsys, case):
    target = {"dir": tmp_path, "no_folder": tmp_path / "nope" / "c.pdf",
              "own_file": pair[1].path / "workshop.toml"}[case]
    before = (pair[1].path / "workshop.toml").read_bytes()
    assert main(["compare", str(pair[0].path), str(pair[1].path), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and (target.name in err or target.parent.name in err)
    assert (pair[1].path / "workshop.toml").read_bytes() == before


def test_anonymous_json_names_nobody(pair, capsys):
    assert main(["compare", str(pair[0].path), str(pair[1].path), "--json", "--anonymous"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["anonymous"] is True
    assert [p["id"] for p in data["people"]] == ["p1", "p2", "p3", "p4"]
    for name in ("Alice", "alice", "Bruno", "bruno", "Chloé", "chloe", "David", "david"):
        assert name not in out
    # a person is a group of one: no personal figure in an anonymous output
    assert all(p["maturity_before"] is None and p["similarity_after"] is None for p in data["people"])
    assert data["dimensions"][0]["change"] == 2.3333  # the room's figures stay


def test_an_unreadable_response_is_left_out_loudly(pair, capsys):
    broken = pair[1].response_file("david-noir")
    broken.write_text("answers = [", encoding="utf-8")
    assert main(["compare", str(pair[0].path), str(pair[1].path), "--json"]) == 0
    captured = capsys.readouterr()
    assert "david-noir.toml" in captured.err and "left out" in captured.err
    data = json.loads(captured.out)
    assert data["after"]["respondents"] == 2
