"""Hypothesis strategies: valid answers and responses for any questionnaire."""

from __future__ import annotations

from hypothesis import strategies as st

from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    SingleQuestion,
    TextQuestion,
)
from cxalign.models.response import Answer

# Printable text without control characters (tab and newline allowed), any script.
safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"),
    max_size=200,
)


@st.composite
def allocations(draw, option_ids: list[str], total: int) -> dict[str, int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=len(option_ids) - 1, max_size=len(option_ids) - 1)))
    bounds = [0, *cuts, total]
    return {o: bounds[i + 1] - bounds[i] for i, o in enumerate(option_ids)}


def answer_values(question: Question) -> st.SearchStrategy[Answer]:
    """A valid answer (value or "don't know", maybe a note) for ``question``."""
    note = st.one_of(st.just(""), safe_text.filter(str.strip))
    if isinstance(question, TextQuestion):
        value = safe_text.filter(str.strip).map(lambda t: {"text": t})
    elif isinstance(question, SingleQuestion):
        value = st.sampled_from(question.option_ids).map(lambda c: {"choice": c})
    elif isinstance(question, MultiQuestion):
        limit = question.max_choices or len(question.options)
        value = st.lists(st.sampled_from(question.option_ids), unique=True, max_size=limit).map(lambda c: {"choices": c})
    elif isinstance(question, RankingQuestion):
        value = st.permutations(question.option_ids).map(lambda r: {"ranking": list(r)})
    elif isinstance(question, AllocationQuestion):
        value = allocations(question.option_ids, question.total).map(lambda a: {"allocation": a})
    elif isinstance(question, LikertQuestion) and question.current_target:
        point = st.integers(1, question.size)
        value = st.tuples(point, point).map(lambda ct: {"current": ct[0], "target": ct[1]})
    else:
        value = st.integers(1, question.size).map(lambda v: {"value": v})
    return st.builds(
        lambda v, dk, n: Answer(**({"dont_know": True} if dk else v), note=n),
        value, st.sampled_from([False, False, False, True]), note,
    )


@st.composite
def answer_sets(draw, questionnaire: Questionnaire) -> dict[str, Answer]:
    """Answers to a random subset of the questionnaire's questions."""
    chosen = draw(st.lists(st.sampled_from([q.id for q in questionnaire.questions]), unique=True))
    return {qid: draw(answer_values(questionnaire.question(qid))) for qid in chosen}
