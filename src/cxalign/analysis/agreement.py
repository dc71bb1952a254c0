"""Agreement per question: the answers of one question as a column, and its index.

A *column* is one question — or one part (``current`` / ``target``) of a
current+target maturity item — with the usable answers of every respondent,
encoded for the statistics:

========== ================================================ ==================
kind       encoded answer                                   index (method)
========== ================================================ ==================
likert     the point, 1..A                                  r_wg (``rwg``) + AD_M
single     the option id                                    ``pairwise_share``
multi      frozenset of option ids                          ``jaccard``
ranking    tuple of ranks over the options, 1 = first        ``kendall_w``
allocation tuple of points over the options                 ``allocation_l1``
text       frozenset of concept ids (definition only)       ``concept_jaccard``
========== ================================================ ==================

"Don't know" answers are counted, never used. Free-text questions other than
the definition have no agreement index (their words are not compared).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cxalign import kinds
from cxalign.analysis import stats
from cxalign.analysis.result import QuestionAgreement
from cxalign.models.questionnaire import Questionnaire
from cxalign.models.response import Answer, Response


@dataclass
class Column:
    """The usable answers to one question (part), in respondent order."""

    question: object
    section: str
    part: str | None
    pids: list[str] = field(default_factory=list)
    values: list = field(default_factory=list)
    dont_know: int = 0
    dont_know_pids: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def key(self) -> str:
        return self.id if self.part is None else f"{self.id}:{self.part}"

    @property
    def method(self) -> str:
        return kinds.kind_of(self.question).method

    # -- statistics ------------------------------------------------------------
    def index_of(self, values: list) -> float | None:
        """The group index of this column's kind over ``values``."""
        return kinds.kind_of(self.question).index(self.question, values)

    def pair(self, a, b) -> float:
        """Similarity of two people's answers on [0, 1] (the pairwise form of the index)."""
        return kinds.kind_of(self.question).pair(self.question, a, b)

    def index(self) -> float | None:
        return self.index_of(self.values)


def encode(question, answer: Answer, part: str | None, concepts: tuple[str, ...] | None = None):
    """The usable value of an answer for the statistics, or None when it gives none."""
    return kinds.kind_of(question).encode(question, answer, part, concepts)


def build_columns(
    questionnaire: Questionnaire,
    responses: Mapping[str, Response],
    order: list[str],
    definition_concepts: Mapping[str, tuple[str, ...]],
) -> list[Column]:
    """One column per comparable question (part), in questionnaire order.

    ``order`` lists the respondents to read; ``definition_concepts`` maps a
    respondent to the concepts found in their definition text.
    """
    columns: list[Column] = []
    answer_sets = [(pid, responses[pid].answers, definition_concepts.get(pid)) for pid in order]
    for section in questionnaire.sections:
        for q in section.questions:
            kind = kinds.kind_of(q)
            if not kind.compared(q):
                continue
            made = [Column(q, section.id, part) for part in kind.parts(q)]
            qid, encode = q.id, kind.encode
            if len(made) == 1 and made[0].part is None:  # the common case, without the inner loop
                col = made[0]
                pids, values, unknown = col.pids, col.values, col.dont_know_pids
                for pid, answers, concepts in answer_sets:
                    answer = answers.get(qid)
                    if answer is None:
                        continue
                    if answer.part_unknown(None):
                        unknown.append(pid)
                        continue
                    value = encode(q, answer, None, concepts)
                    if value is not None:
                        pids.append(pid)
                        values.append(value)
                col.dont_know = len(unknown)
                columns.append(col)
                continue
            for pid, answers, concepts in answer_sets:
                answer = answers.get(qid)
                if answer is None:
                    continue
                for col in made:
                    part = col.part
                    if answer.part_unknown(part):
                        col.dont_know += 1
                        col.dont_know_pids.append(pid)
                        continue
                    value = encode(q, answer, part, concepts)
                    if value is not None:
                        col.pids.append(pid)
                        col.values.append(value)
            columns.extend(made)
    return columns


_UNSET = object()


def agreement_row(
    column: Column, outliers: tuple[str, ...] = (), without: float | None = None, index=_UNSET
) -> QuestionAgreement:
    """The agreement of a column (``index`` may be passed when already computed)."""
    q = column.question
    if index is _UNSET:
        index = column.index()
    adm, aligned = kinds.kind_of(q).dispersion(q, column.values)
    return QuestionAgreement(
        id=q.id, section=column.section, kind=q.kind, part=column.part, method=column.method,
        index=index, n=len(column.values), dont_know=column.dont_know, ad_m=adm, ad_m_aligned=aligned,
        outliers=outliers, index_without_outliers=without,
    )


def overall_alignment(rows: list[QuestionAgreement]) -> float | None:
    """Mean over sections of the mean index of their questions: each section counts once,
    so the many maturity items do not outweigh the four questions."""
    by_section: dict[str, list[float]] = {}
    for row in rows:
        if row.index is not None:
            by_section.setdefault(row.section, []).append(row.index)
    means = [sum(v) / len(v) for v in by_section.values()]
    return stats.mean(means)

