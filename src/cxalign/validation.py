"""Check that a response fits its questionnaire; name every problem.

Pydantic checks each file's shape; this module checks what only the
questionnaire knows: unknown question ids, the right fields for each kind,
options that exist, values in range, rankings without duplicates,
allocations that sum to their total.
"""

from __future__ import annotations

from cxalign.kinds import VALUE_FIELDS, kind_of
from cxalign.models.questionnaire import Question, Questionnaire
from cxalign.models.response import Answer, Response

#: id(question) -> (question, kind, allowed fields, parts): what every answer to it is checked
#: against, worked out once per question rather than once per answer (10,000 responses × 30).
_RULES: dict[int, tuple] = {}
_RULES_MAX = 4096


def _rules(question: Question) -> tuple:
    kind = kind_of(question)  # asked each time: a kind may be registered again
    found = _RULES.get(id(question))
    if found is not None and found[0] is question and found[1] is kind:
        return found
    found = (question, kind, frozenset(kind.allowed_fields(question)),
             [p for p in kind.parts(question) if p is not None])
    if len(_RULES) >= _RULES_MAX:
        _RULES.clear()
    _RULES[id(question)] = found  # holds the question, so its id is not reused meanwhile
    return found


def answer_problems(question: Question, answer: Answer) -> list[tuple[str, str]]:
    """Problems of one answer as (field, message) pairs; empty when it fits."""
    if answer.dont_know:
        return []
    _, kind, allowed, parts = _rules(question)
    problems = [
        (name, f"not a field of a {question.kind} question (expected {', '.join(sorted(allowed))})")
        for name in VALUE_FIELDS if getattr(answer, name) is not None and name not in allowed
    ]
    for part in answer.dont_know_parts or ():
        if part not in parts:
            expected = ", ".join(parts) if parts else "none: this question has one value"
            problems.append(("dont_know_parts", f"{part!r} is not a part of a {question.kind} question (parts: {expected})"))
    return problems or kind.problems(question, answer)


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
