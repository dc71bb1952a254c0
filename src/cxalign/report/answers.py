"""Answers in words, and their aggregates for anonymous reports.

These are presentation helpers over raw responses: one answer as a readable
phrase (for the answers appendix), and the spread of all answers to a
question without attribution (what an anonymous report shows instead of
individual positions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cxalign import kinds
from cxalign.i18n import tr
from cxalign.kinds import words
from cxalign.models.response import Answer


def _rp(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "report", **fields)


def answer_words(question, answer: Answer, lang: str, fmt: Callable[[float, int], str]) -> str:
    """One answer as a phrase: the option labels, the ranking, the points, the scale point."""
    return words.answer_words(question, answer, lang, style=words.BLOCK)


def distribution(question, answers: Iterable[Answer], lang: str, fmt: Callable[[float, int], str],
                 part: str | None = None) -> list[tuple[str, str]]:
    """The spread of all answers to a question, unattributed: (label, figure) rows."""
    answers = [a for a in answers if a is not None and a.is_answered]
    dont_know = sum(1 for a in answers if a.part_unknown(part))
    given = [a for a in answers if not a.part_unknown(part)]
    rows: list[tuple[str, str]] = []
    count = lambda n: _rp("agg.count", lang, n=n)  # noqa: E731
    if given:
        rows = kinds.kind_of(question).distribution(question, given, part, lang, fmt, lambda key, **f: _rp(key, lang, **f))
    if dont_know:
        rows.append((_rp("agg.dont_know", lang), count(dont_know)))
    return rows
