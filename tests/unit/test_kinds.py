"""Question kinds live in one place: a seventh kind defined in this one module is
validated, imported from CSV, exported and analysed without touching any other module."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Literal

import pytest
from helpers import DATA
from pydantic import Field

from cxalign import kinds
from cxalign.analysis.agreement import agreement_row, build_columns
from cxalign.analysis.pairwise import person_matrix, role_matrix
from cxalign.compare.groups import compare_groups
from cxalign.csvio import csv_text, parse_csv
from cxalign.errors import InputErrors
from cxalign.kinds.base import Kind, whole_number
from cxalign.kinds.words import BLOCK, SHORT, answer_words
from cxalign.models.common import FORMAT_VERSION
from cxalign.models.questionnaire import LikertQuestion, _Question
from cxalign.models.response import Answer, Response
from cxalign.models.workshop import Participant, QuestionnaireRef, Workshop
from cxalign.store import load_questionnaire
from cxalign.validation import answer_problems, response_problems

MINI = load_questionnaire(DATA / "mini-questionnaire.toml")
HASH = "sha256:" + "0" * 64


# -- the toy kind: a number in a range (e.g. "what share of customers leave each year, in %") ----

class NumberQuestion(_Question):
    kind: Literal["number"] = "number"
    low: int = 0
    high: int = Field(default=100, ge=1)


class NumberKind(Kind):
    name = "number"
    fields = ("value",)
    method = "number_spread"
    family = "distance"
    measure = "mean_gap_over_span"

    def problems(self, question, answer):
        if answer.value is not None and not question.low <= answer.value <= question.high:
            return [("value", f"{answer.value} is out of range {question.low}..{question.high}")]
        return []

    def encode(self, question, answer, part, concepts=None):
        return answer.value

    def pair(self, question, a, b):
        return 1 - abs(a - b) / (question.high - question.low)

    def index(self, question, values):
        if len(values) < 2:
            return None
        pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]]
        return sum(self.pair(question, a, b) for a, b in pairs) / len(pairs)

    def norm(self, question):
        return float(question.high - question.low)

    def group_gap(self, question, part, a, b):
        va = [x.value for x in a if x.value is not None]
        vb = [x.value for x in b if x.value is not None]
        if not va or not vb:
            return None, len(va), len(vb)
        return abs(Fraction(sum(va), len(va)) - Fraction(sum(vb), len(vb))) / (question.high - question.low), len(va), len(vb)

    def write_cell(self, question, part, answer):
        return "" if answer.value is None else str(answer.value)

    def read_cell(self, question, part, cell, raw, error, column):
        value = whole_number(cell, error, column)
        return None if value is None else {"value": value}

    def tidy_values(self, question, part, answer):
        return [] if answer.value is None else [("", str(answer.value))]

    def read_tidy(self, question, part, rows, error):
        line, _, text = rows[0]
        value = whole_number(text, lambda c, m: error(line, c, m), "value")
        return None if value is None else {"value": value}

    def words(self, question, answer, part, lang, style, say):
        return None if answer.value is None else f"{answer.value} %"


@pytest.fixture
def toy():
    kinds.register(NumberKind)
    yield NumberQuestion(id="churn_rate", prompt={"fr": "Taux d'attrition ?", "en": "Churn rate?"}, source="003")
    kinds.unregister("number")


def _questionnaire(question):
    section = MINI.sections[-1]
    sections = [*MINI.sections[:-1], section.model_copy(update={"questions": [*section.questions, question]})]
    return MINI.model_copy(update={"sections": sections})


def _workshop(people, groups=None):
    groups = groups or {}
    return Workshop(format_version=FORMAT_VERSION, name="Atelier", organisation="Testco", date=dt.date(2026, 1, 5),
                    questionnaire=QuestionnaireRef(id="mini", version="0.1", hash=HASH),
                    participants=[Participant(id=p, name=p.title(), role=r, group=groups.get(p)) for p, r in people])


def _response(pid, answers):
    return Response(format_version=FORMAT_VERSION, participant=pid, questionnaire_hash=HASH, status="submitted",
                    answers=answers)


def test_toy_kind_is_validated(toy):
    assert answer_problems(toy, Answer(value=40)) == []
    assert answer_problems(toy, Answer(value=140)) == [("value", "140 is out of range 0..100")]
    assert answer_problems(toy, Answer(choice="x")) == [("choice", "not a field of a number question (expected value)")]
    assert answer_problems(toy, Answer(value=1, dont_know_parts=["target"]))[0][0] == "dont_know_parts"
    q = _questionnaire(toy)
    bad = _response("ann", {"churn_rate": Answer(value=-1)})
    assert response_problems(bad, q) == [("answers.churn_rate.value", "-1 is out of range 0..100")]


@pytest.mark.parametrize("wide", [True, False], ids=["wide", "tidy"])
def test_toy_kind_exports_and_imports(toy, tmp_path, wide):
    q = _questionnaire(toy)
    workshop = _workshop([("ann", "ceo"), ("bob", "sales"), ("cy", "hr")])
    responses = {
        "ann": _response("ann", {"churn_rate": Answer(value=12, note="=1+1")}),
        "bob": _response("bob", {"churn_rate": Answer(dont_know=True)}),
        "cy": _response("cy", {"churn_rate": Answer(value=0), "owner": Answer(choice="ceo")}),
    }
    text, _ = csv_text(workshop, q, responses, wide=wide)
    path = tmp_path / "out.csv"
    path.write_text(text, encoding="utf-8")
    got = {row["participant"]: answers for _, row, answers in parse_csv(path, q)}
    for pid, response in responses.items():
        for qid, answer in response.answers.items():
            assert got[pid][qid].model_copy(update={"answered_at": None}) == answer, (pid, qid)
    # A bad cell of the toy kind is named by row and column.
    column = "churn_rate" if wide else "value"
    bad = text.replace("12", "douze", 1)
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        parse_csv(path, q)
    assert any(e.field.endswith(f"column {column}") and "douze" in str(e) for e in caught.value.errors)


def test_toy_kind_is_analysed(toy):
    q = _questionnaire(toy)
    values = {"ann": 10, "bob": 30, "cy": 30, "dee": None}
    responses = {pid: _response(pid, {"churn_rate": Answer(value=v) if v is not None else Answer(dont_know=True)})
                 for pid, v in values.items()}
    columns = [c for c in build_columns(q, responses, list(values), {}) if c.id == "churn_rate"]
    assert len(columns) == 1
    row = agreement_row(columns[0])
    assert (row.kind, row.method, row.n, row.dont_know) == ("number", "number_spread", 3, 1)
    assert row.index == pytest.approx((0.8 + 0.8 + 1.0) / 3)
    matrix = person_matrix(["ann", "bob", "cy"], columns)
    assert matrix.matrix[0][1] == pytest.approx(0.8) and matrix.matrix[1][2] == 1.0
    roles = role_matrix(["ann", "bob", "cy"], {"ann": "ceo", "bob": "sales", "cy": "sales"}, columns)
    assert roles.matrix[0][1] == pytest.approx(0.8) and roles.matrix[1][1] == 1.0
    assert answer_words(toy, Answer(value=12), "en") == "12 %"
    assert answer_words(toy, Answer(value=12, note="x"), "en", style=BLOCK) == "12 %"


def test_toy_kind_is_compared_between_groups(toy):
    q = _questionnaire(toy)
    people = [("ann", "ceo"), ("bob", "sales"), ("cy", "hr"), ("dee", "it")]
    workshop = _workshop(people, groups={"ann": "comex", "bob": "comex", "cy": "field", "dee": "field"})
    values = {"ann": 10, "bob": 30, "cy": 70, "dee": None}
    responses = {pid: _response(pid, {"churn_rate": Answer(value=v) if v is not None else Answer(dont_know=True)})
                 for pid, v in values.items()}
    comparison = compare_groups(workshop, q, responses, anonymous=False)
    diff = next(d for d in comparison.gap("comex", "field").questions if d.id == "churn_rate")
    # |mean(10, 30) − 70| / 100; "don't know" left out of the field group's count.
    assert (diff.kind, diff.measure, diff.part, diff.n_a, diff.n_b) == ("number", "mean_gap_over_span", None, 2, 1)
    assert diff.value == pytest.approx(0.5) and diff.differs


def test_a_kind_without_a_measure_is_not_compared_between_groups():
    assert kinds.kind_of("text").measure is None
    measured = {name: kinds.kind_of(name).measure for name in kinds.names() if kinds.kind_of(name).measure}
    assert measured == {"likert": "mean_gap_over_range", "single": "total_variation", "multi": "mean_choice_rate_gap",
                        "ranking": "mean_rank_footrule", "allocation": "mean_allocation_l1"}


def test_unknown_kind_is_named():
    with pytest.raises(KeyError, match="unknown question kind 'number'"):
        kinds.kind_of("number")


# -- the built-in kinds ------------------------------------------------------------------------

def test_every_builtin_kind_is_registered_once():
    assert sorted(kinds.names()) == ["allocation", "likert", "multi", "ranking", "single", "text"]
    for question in MINI.questions:
        assert kinds.kind_of(question).name == question.kind


def test_value_fields_are_listed_once_and_cover_the_kinds():
    from cxalign import answer_fields
    from cxalign.models import response

    assert response.VALUE_FIELDS is answer_fields.VALUE_FIELDS is kinds.VALUE_FIELDS
    assert {f for n in kinds.names() for f in kinds.kind_of(n).fields} == set(answer_fields.VALUE_FIELDS)


def test_kinds_are_listed_in_reader_order_and_say_how_the_report_shows_them(toy):
    # The method appendix lists the kinds in this order; a new kind comes last unless it says otherwise.
    assert kinds.names() == ["likert", "ranking", "allocation", "multi", "single", "text", "number"]
    assert [n for n in kinds.names() if kinds.kind_of(n).free_text] == ["text"]
    assert {n: kinds.kind_of(n).chart for n in kinds.names() if kinds.kind_of(n).chart} == {"allocation": "allocation"}


def test_french_colon_and_quotes_have_their_no_break_spaces():
    from cxalign.i18n import pair
    from cxalign.present.wording import quote

    assert pair("Source", "x", "fr") == "Source\u00a0: x" and pair("Source", "x", "en") == "Source: x"
    assert quote("x", "fr") == "«\u00a0x\u00a0»" and quote("x", "en") == "“x”"
    item = next(q for q in MINI.questions if isinstance(q, LikertQuestion) and q.current_target)
    lines = answer_words(item, Answer(current=3, target=4), "fr", style=BLOCK).splitlines()
    assert len(lines) == 2 and all("\u00a0: " in line and " :" not in line for line in lines)


def test_answer_in_words_three_layouts():
    leave = MINI.question("leave")
    ranking = Answer(ranking=["perso", "bill", "channels"])
    inline = answer_words(leave, ranking, "en")
    assert inline.startswith("1. ") and " · 2. " in inline
    assert "\n2. " in answer_words(leave, ranking, "en", style=BLOCK)
    assert " › " in answer_words(leave, ranking, "en", style=SHORT)
    assert answer_words(leave, None, "en", style=SHORT) == "—"
    assert answer_words(leave, None, "en") is None


def test_a_maturity_part_says_dont_know_on_its_own():
    item = next(q for q in MINI.questions if isinstance(q, LikertQuestion) and q.current_target)
    answer = Answer(current=3, dont_know_parts=["target"])
    assert answer_problems(item, answer) == []
    assert answer_words(item, answer, "en", part="current").startswith("3 — ")
    assert answer_words(item, answer, "en", part="target") == answer_words(item, Answer(dont_know=True), "en")
    both = answer_words(item, answer, "en", style=SHORT)
    assert "3" in both and "know" in both.lower()
    with pytest.raises(ValueError, match="cannot also carry a value"):
        Answer(current=3, target=4, dont_know_parts=["target"])
    with pytest.raises(ValueError):
        Answer(dont_know=True, dont_know_parts=["target"])


def test_questionnaire_looks_up_concepts_references_and_narrow_views():
    concept = MINI.concepts[1]
    assert MINI.concept(concept.id) is concept and MINI.concept("nope") is None
    assert MINI.reference(MINI.references[0].id) is MINI.references[0] and MINI.reference("nope") is None
    assert MINI.narrow_view(MINI.narrow_views[0].id) is MINI.narrow_views[0] and MINI.narrow_view("nope") is None
    ids = [c.id for c in MINI.concepts]
    assert [c.id for c in MINI.concepts_of(reversed(ids))] == ids
    assert MINI.narrow_views_of(["nope"]) == []


def test_a_part_not_known_is_valid_on_disk_and_analysed(tmp_path, capsys):
    from cxalign.analysis.engine import analyze
    from cxalign.cli import main
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder.create(tmp_path, name="Atelier", organisation="Testco",
                                   participants=[("Alice Martin", "ceo"), ("Bruno Petit", "hr"), ("Chloé Roux", "it")],
                                   questionnaire_path=DATA / "mini-questionnaire.toml")
    given = {"alice-martin": Answer(current=3, dont_know_parts=["target"]), "bruno-petit": Answer(current=2, target=4),
             "chloe-roux": Answer(dont_know_parts=["current"], target=5)}
    for pid, answer in given.items():
        folder.save_response(folder.new_response(pid).model_copy(update={"answers": {"m_sponsor": answer},
                                                                          "status": "submitted"}))
    assert main(["validate", str(folder.path)]) == 0, capsys.readouterr()
    a = analyze(folder.load(), folder.questionnaire, folder.responses())
    rows = {(r.id, r.part): r for r in a.questions}
    assert (rows[("m_sponsor", "current")].n, rows[("m_sponsor", "current")].dont_know) == (2, 1)
    assert (rows[("m_sponsor", "target")].n, rows[("m_sponsor", "target")].dont_know) == (2, 1)
