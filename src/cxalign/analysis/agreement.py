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

from cxalign.analysis import stats
from cxalign.analysis.result import QuestionAgreement
from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    Questionnaire,
    RankingQuestion,
    SingleQuestion,
    TextQuestion,
)
from cxalign.models.response import Answer, Response

METHODS = {
    "likert": "rwg",
    "ranking": "kendall_w",
    "allocation": "allocation_l1",
    "multi": "jaccard",
    "single": "pairwise_share",
    "text": "concept_jaccard",
}


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
        return METHODS[self.kind]

    # -- statistics ------------------------------------------------------------
    def index_of(self, values: list) -> float | None:
        """The group index of this column's kind over ``values``."""
        q = self.question
        if isinstance(q, LikertQuestion):
            return stats.rwg(values, q.size)
        if isinstance(q, RankingQuestion):
            return stats.kendall_w(values)
        if isinstance(q, AllocationQuestion):
            return stats.allocation_index(values, q.total)
        if isinstance(q, SingleQuestion):
            return stats.agreeing_pairs_share(values)
        return stats.mean_pairwise_jaccard(values)  # multi, text concepts

    def pair(self, a, b) -> float:
        """Similarity of two people's answers on [0, 1] (the pairwise form of the index)."""
        q = self.question
        if isinstance(q, LikertQuestion):
            return stats.likert_pair(a, b, q.size)
        if isinstance(q, RankingQuestion):
            return stats.ranking_pair(a, b)
        if isinstance(q, AllocationQuestion):
            return stats.allocation_pair(a, b, q.total)
        if isinstance(q, SingleQuestion):
            return 1.0 if a == b else 0.0
        return stats.jaccard(a, b)

    def index(self) -> float | None:
        return self.index_of(self.values)


def encode(question, answer: Answer, part: str | None, concepts: tuple[str, ...] | None = None):
    """The usable value of an answer for the statistics, or None when it gives none."""
    if isinstance(question, LikertQuestion):
        return getattr(answer, part) if part else answer.value
    if isinstance(question, SingleQuestion):
        return answer.choice
    if isinstance(question, MultiQuestion):
        return None if answer.choices is None else frozenset(answer.choices)
    if isinstance(question, RankingQuestion):
        if not answer.ranking:
            return None
        return tuple(stats.ranks_from_order(answer.ranking, question.option_ids))
    if isinstance(question, AllocationQuestion):
        if answer.allocation is None:
            return None
        return tuple(float(answer.allocation.get(o, 0)) for o in question.option_ids)
    if isinstance(question, TextQuestion):
        return None if concepts is None else frozenset(concepts)
    return None  # pragma: no cover - every kind is handled above


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
    for section in questionnaire.sections:
        for q in section.questions:
            if isinstance(q, TextQuestion) and not q.definition:
                continue
            parts: tuple[str | None, ...] = ("current", "target") if isinstance(q, LikertQuestion) and q.current_target else (None,)
            made = [Column(q, section.id, part) for part in parts]
            for pid in order:
                answer = responses[pid].answers.get(q.id)
                if answer is None:
                    continue
                if answer.dont_know:
                    for col in made:
                        col.dont_know += 1
                        col.dont_know_pids.append(pid)
                    continue
                for col in made:
                    value = encode(q, answer, col.part, definition_concepts.get(pid) if isinstance(q, TextQuestion) else None)
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
    adm = aligned = None
    if isinstance(q, LikertQuestion):
        adm = stats.ad_m(column.values)
        aligned = stats.ad_m_agrees(column.values, q.size)
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

