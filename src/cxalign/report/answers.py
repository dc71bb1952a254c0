"""Answers in words, and their aggregates for anonymous reports.

These are presentation helpers over raw responses: one answer as a readable
phrase (for the answers appendix), and the spread of all answers to a
question without attribution (what an anonymous report shows instead of
individual positions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from cxalign.i18n import tr
from cxalign.kinds import words
from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    RankingQuestion,
    SingleQuestion,
)
from cxalign.models.response import Answer


def _rp(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, "report", **fields)


def option_label(question, option_id: str, lang: str) -> str:
    option = question.option(option_id) if hasattr(question, "option") else None
    return option.label.get(lang) if option is not None else option_id


def likert_label(question: LikertQuestion, value: int | None, lang: str) -> str:
    if value is None:
        return "—"
    if 1 <= value <= question.size:
        return f"{value} — {question.points[value - 1].get(lang)}"
    return str(value)


def answer_words(question, answer: Answer, lang: str, fmt: Callable[[float, int], str]) -> str:
    """One answer as a phrase: the option labels, the ranking, the points, the scale point."""
    return words.answer_words(question, answer, lang, style=words.BLOCK)


def _counted(question, tally: Counter, lang: str, count) -> list[tuple[str, str]]:
    """Options chosen at least once, most chosen first (ties in questionnaire order)."""
    chosen = [o for o in question.options if tally[o.id]]
    chosen.sort(key=lambda o: -tally[o.id])
    return [(o.label.get(lang), count(tally[o.id])) for o in chosen]


def distribution(question, answers: Iterable[Answer], lang: str, fmt: Callable[[float, int], str],
                 part: str | None = None) -> list[tuple[str, str]]:
    """The spread of all answers to a question, unattributed: (label, figure) rows."""
    answers = [a for a in answers if a is not None and a.is_answered]
    dont_know = sum(1 for a in answers if a.dont_know)
    given = [a for a in answers if not a.dont_know]
    rows: list[tuple[str, str]] = []
    count = lambda n: _rp("agg.count", lang, n=n)  # noqa: E731
    if isinstance(question, SingleQuestion):
        tally = Counter(a.choice for a in given if a.choice)
        rows = _counted(question, tally, lang, count)
    elif isinstance(question, MultiQuestion):
        tally = Counter(c for a in given for c in (a.choices or []))
        rows = _counted(question, tally, lang, count)
    elif isinstance(question, RankingQuestion):
        ranks: dict[str, list[int]] = {o.id: [] for o in question.options}
        for a in given:
            for i, oid in enumerate(a.ranking or [], 1):
                ranks.setdefault(oid, []).append(i)
        stats = [(o, ranks[o.id]) for o in question.options if ranks.get(o.id)]
        stats.sort(key=lambda s: sum(s[1]) / len(s[1]))
        rows = [
            (o.label.get(lang), _rp("agg.mean_rank", lang, rank=fmt(sum(r) / len(r), 1), best=min(r), worst=max(r)))
            for o, r in stats
        ]
    elif isinstance(question, AllocationQuestion):
        if given:
            stats = []
            for o in question.options:
                pts = [(a.allocation or {}).get(o.id, 0) for a in given]
                stats.append((o, sum(pts) / len(pts), min(pts), max(pts)))
            stats.sort(key=lambda s: -s[1])
            rows = [
                (o.label.get(lang), _rp("agg.mean_points", lang, mean=fmt(m, 0), low=lo, high=hi))
                for o, m, lo, hi in stats
            ]
    elif isinstance(question, LikertQuestion):
        attr = "value" if not question.current_target else (part or "current")
        tally = Counter(getattr(a, attr) for a in given if getattr(a, attr) is not None)
        rows = [(likert_label(question, v, lang), count(tally[v])) for v in range(1, question.size + 1) if tally[v]]
    if dont_know:
        rows.append((_rp("agg.dont_know", lang), count(dont_know)))
    return rows
