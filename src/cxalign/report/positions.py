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

from cxalign import kinds
from cxalign.analysis.thresholds import MATRIX_MAX
from cxalign.models.response import Answer
from cxalign.present.numbers import EMPTY

TICK = "✓"


def shade(t: float) -> tuple[str, str]:
    """Background and text colour for an intensity in [0, 1] (white to the report's blue)."""
    t = min(1.0, max(0.0, t))
    low, high = (255, 255, 255), (29, 78, 137)
    rgb = tuple(round(low[i] + (high[i] - low[i]) * t) for i in range(3))
    return "#%02x%02x%02x" % rgb, "#ffffff" if t > 0.55 else "#1f2a37"


def _cell(style: str, value, scale) -> dict[str, str]:
    """One cell of an option × person matrix: a tick, a rank out of ``scale`` options, or points out of ``scale``."""
    if style == "tick":
        return {"text": TICK if value else "", "bg": shade(0.18)[0] if value else "", "fg": "#1d4e89"}
    if style == "rank":
        bg, fg = shade(0.75 * (scale - value) / (scale - 1) if value is not None and scale > 1 else 0)
        return {"text": str(value) if value is not None else EMPTY, "bg": bg, "fg": fg}
    bg, fg = shade(min(1.0, 1.6 * value / scale))
    return {"text": str(value), "bg": bg if value else "", "fg": fg if value else "#8a93a0"}


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

    kind = kinds.kind_of(question)
    grouping = kind.grouping(question, lang, words)
    if grouping is not None:
        return group(*grouping)
    people = [pid for pid, _ in given]
    if not people or len(people) > MATRIX_MAX:
        return None
    made = kind.matrix(question, [a for _, a in given], lang, fmt, _cell)
    if made is None:
        return None
    rows, summary_key = made
    columns = [{"label": namer(pid), "outlier": pid in outliers} for pid in people]
    summary_header = words(summary_key)
    rows.sort(key=lambda r: r[0])
    return {
        "kind": "matrix",
        "columns": columns,
        "rows": [r for _, r in rows],
        "summary_header": summary_header,
        "size": "small" if len(people) <= 7 else "large",
        "footnote": footnote,
    }
