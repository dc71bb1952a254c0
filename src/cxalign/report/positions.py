"""Who answered what, laid out so that divergence shows at a glance (named reports only).

* single choice and scales: one row per distinct answer, with the people who gave it;
* multiple choice, ranking and points allocation: an option × person matrix
  (ticks, ranks or points), options ordered by how the room sees them.

Above :data:`MATRIX_MAX` people a matrix no longer fits the page width and
lists of names stop being readable: grouped answers then give counts only
(outliers still named), and the caller shows the spread of answers instead
of a matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cxalign.models.questionnaire import (
    AllocationQuestion,
    LikertQuestion,
    MultiQuestion,
    RankingQuestion,
    SingleQuestion,
)
from cxalign.models.response import Answer

#: Most people shown as columns of an option × person matrix.
MATRIX_MAX = 12
TICK = "✓"


def shade(t: float) -> tuple[str, str]:
    """Background and text colour for an intensity in [0, 1] (white to the report's blue)."""
    t = min(1.0, max(0.0, t))
    low, high = (255, 255, 255), (29, 78, 137)
    rgb = tuple(round(low[i] + (high[i] - low[i]) * t) for i in range(3))
    return "#%02x%02x%02x" % rgb, "#ffffff" if t > 0.55 else "#1f2a37"


def answer_view(
    question,
    answers: Sequence[tuple[str, Answer]],
    *,
    lang: str,
    namer: Callable[[str], str],
    outliers: set[str],
    words: Callable[[str], str],
    fmt: Callable[[float, int], str],
    pair: Callable[[str, str], str],
) -> dict[str, Any] | None:
    """The view of one question's answers; ``answers`` are (participant id, answer) in respondent order.

    ``words(key)`` gives the labels (dont_know, current, target, count, mean_rank, mean);
    ``pair(label, text)`` writes "label: text" in the report's language.

    Returns None when the question kind has no grouped or matrix view (free text).
    """
    given = [(pid, a) for pid, a in answers if a is not None and a.is_answered]
    unsure = [pid for pid, a in given if a.dont_know]
    given = [(pid, a) for pid, a in given if not a.dont_know]
    footnote = pair(words("dont_know"), ", ".join(namer(p) for p in unsure)) if unsure else ""

    def group(key_of, label_of, order) -> dict[str, Any]:
        groups: dict[Any, list[str]] = {}
        for pid, a in given:
            key = key_of(a)
            if key is not None:
                groups.setdefault(key, []).append(pid)
        keys = sorted(groups, key=order(groups))
        named = len(answers) <= MATRIX_MAX
        rows = [{
            "answer": label_of(k),
            "who": ", ".join(namer(p) for p in groups[k]) if named or any(p in outliers for p in groups[k]) else "",
            "count": len(groups[k]),
            "outlier": any(p in outliers for p in groups[k]),
        } for k in keys]
        if unsure:
            rows.append({"answer": words("dont_know"), "who": ", ".join(namer(p) for p in unsure) if named else "",
                         "count": len(unsure), "outlier": any(p in outliers for p in unsure)})
        return {"kind": "grouped", "rows": rows, "footnote": ""}

    if isinstance(question, SingleQuestion):
        def label(oid):
            option = question.option(oid)
            return option.label.get(lang) if option else oid
        return group(lambda a: a.choice, label, lambda g: lambda k: -len(g[k]))

    if isinstance(question, LikertQuestion):
        def point(v):
            return f"{v} — {question.points[v - 1].get(lang)}" if v and 1 <= v <= question.size else "—"
        if question.current_target:
            arrow = words("current") + " {c} → " + words("target").lower() + " {t}"
            return group(
                lambda a: (a.current, a.target) if a.current is not None or a.target is not None else None,
                lambda k: arrow.format(c=k[0] if k[0] is not None else "—", t=k[1] if k[1] is not None else "—"),
                lambda g: lambda k: (k[0] or 0, k[1] or 0),
            )
        return group(lambda a: a.value, point, lambda g: lambda k: k)

    if not isinstance(question, (MultiQuestion, RankingQuestion, AllocationQuestion)):
        return None
    people = [pid for pid, _ in given]
    if not people or len(people) > MATRIX_MAX:
        return None
    columns = [{"label": namer(pid), "outlier": pid in outliers} for pid in people]
    rows = []
    if isinstance(question, MultiQuestion):
        for option in question.options:
            ticks = [option.id in (a.choices or []) for _, a in given]
            if not any(ticks):
                continue
            cells = [{"text": TICK if t else "", "bg": shade(0.18)[0] if t else "", "fg": "#1d4e89"} for t in ticks]
            rows.append((-sum(ticks), {"label": option.label.get(lang), "cells": cells,
                                       "summary": f"{sum(ticks)} / {len(people)}"}))
        summary_header = words("count")
    elif isinstance(question, RankingQuestion):
        k = len(question.options)
        for option in question.options:
            ranks = [(a.ranking.index(option.id) + 1) if a.ranking and option.id in a.ranking else None for _, a in given]
            known = [r for r in ranks if r is not None]
            mean = sum(known) / len(known) if known else None
            cells = []
            for r in ranks:
                bg, fg = shade(0.75 * (k - r) / (k - 1) if r is not None and k > 1 else 0)
                cells.append({"text": str(r) if r is not None else "—", "bg": bg, "fg": fg})
            rows.append((mean if mean is not None else k + 1,
                         {"label": option.label.get(lang), "cells": cells,
                          "summary": fmt(mean, 1) if mean is not None else "—"}))
        summary_header = words("mean_rank")
    else:
        total = question.total
        for option in question.options:
            points = [(a.allocation or {}).get(option.id, 0) for _, a in given]
            mean = sum(points) / len(points)
            cells = []
            for p in points:
                bg, fg = shade(min(1.0, 1.6 * p / total))
                cells.append({"text": str(p), "bg": bg if p else "", "fg": fg if p else "#8a93a0"})
            rows.append((-mean, {"label": option.label.get(lang), "cells": cells, "summary": fmt(mean, 0)}))
        summary_header = words("mean")
    rows.sort(key=lambda r: r[0])
    return {
        "kind": "matrix",
        "columns": columns,
        "rows": [r for _, r in rows],
        "summary_header": summary_header,
        "size": "small" if len(people) <= 7 else "large",
        "footnote": footnote,
    }
