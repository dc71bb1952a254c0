"""Check that a response fits its questionnaire; name every problem.

Pydantic checks each file's shape; this module checks what only the
questionnaire knows: unknown question ids, the right fields for each kind,
options that exist, values in range, rankings without duplicates,
allocations that sum to their total.
"""

from __future__ import annotations

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
from cxalign.models.response import Answer, Response

_FIELDS = {
    "text": {"text"},
    "single": {"choice"},
    "multi": {"choices"},
    "ranking": {"ranking"},
    "allocation": {"allocation"},
    "likert": {"value"},
    "likert_ct": {"current", "target"},
}
_VALUE_FIELDS = ("text", "choice", "choices", "ranking", "allocation", "value", "current", "target")


def answer_problems(question: Question, answer: Answer) -> list[tuple[str, str]]:
    """Problems of one answer as (field, message) pairs; empty when it fits."""
    problems: list[tuple[str, str]] = []
    if answer.dont_know:
        return problems
    kind = question.kind
    if isinstance(question, LikertQuestion) and question.current_target:
        kind = "likert_ct"
    allowed = _FIELDS[kind]
    for name in _VALUE_FIELDS:
        if getattr(answer, name) is not None and name not in allowed:
            problems.append((name, f"not a field of a {question.kind} question (expected {', '.join(sorted(allowed))})"))
    if problems:
        return problems

    if isinstance(question, TextQuestion):
        if answer.text is not None and len(answer.text) > question.max_length:
            problems.append(("text", f"is {len(answer.text)} characters long; at most {question.max_length}"))
    elif isinstance(question, SingleQuestion):
        if answer.choice is not None and answer.choice not in question.option_ids:
            problems.append(("choice", f"unknown option {answer.choice!r}"))
    elif isinstance(question, MultiQuestion):
        if answer.choices is not None:
            unknown = [c for c in answer.choices if c not in question.option_ids]
            if unknown:
                problems.append(("choices", f"unknown options {unknown}"))
            if len(set(answer.choices)) != len(answer.choices):
                problems.append(("choices", "an option is chosen twice"))
            if question.max_choices and len(answer.choices) > question.max_choices:
                problems.append(("choices", f"{len(answer.choices)} chosen; at most {question.max_choices}"))
    elif isinstance(question, RankingQuestion):
        if answer.ranking is not None:
            dupes = sorted({r for r in answer.ranking if answer.ranking.count(r) > 1})
            unknown = [r for r in answer.ranking if r not in question.option_ids]
            if dupes:
                problems.append(("ranking", f"duplicates {dupes}"))
            if unknown:
                problems.append(("ranking", f"unknown options {unknown}"))
            if not dupes and not unknown and len(answer.ranking) != len(question.options):
                missing = [o for o in question.option_ids if o not in answer.ranking]
                problems.append(("ranking", f"must rank every option; missing {missing}"))
    elif isinstance(question, AllocationQuestion):
        if answer.allocation is not None:
            unknown = [k for k in answer.allocation if k not in question.option_ids]
            if unknown:
                problems.append(("allocation", f"unknown options {unknown}"))
            negative = [k for k, v in answer.allocation.items() if v < 0]
            if negative:
                problems.append(("allocation", f"negative points for {negative}"))
            total = sum(answer.allocation.values())
            if total != question.total:
                problems.append(("allocation", f"points sum to {total}; they must sum to {question.total}"))
    elif isinstance(question, LikertQuestion):
        for name in ("value", "current", "target"):
            v = getattr(answer, name)
            if v is not None and not 1 <= v <= question.size:
                problems.append((name, f"{v} is out of range 1..{question.size}"))
    return problems


def response_problems(response: Response, questionnaire: Questionnaire) -> list[tuple[str, str]]:
    """Every problem of a response as (field path, message) pairs."""
    problems: list[tuple[str, str]] = []
    for qid, answer in response.answers.items():
        question = questionnaire.question(qid)
        if question is None:
            problems.append((f"answers.{qid}", f"unknown question id {qid!r} (not in questionnaire {questionnaire.id} {questionnaire.version})"))
            continue
        for name, message in answer_problems(question, answer):
            problems.append((f"answers.{qid}.{name}", message))
    if response.cursor is not None and questionnaire.question(response.cursor) is None:
        problems.append(("cursor", f"unknown question id {response.cursor!r}"))
    return problems
