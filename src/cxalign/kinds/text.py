"""``text``: free text. Only the definition of CX is compared, by the concepts found in it."""

from __future__ import annotations

from cxalign.analysis import stats
from cxalign.kinds import register
from cxalign.kinds.base import Kind

DONT_KNOW = "dont_know"


def _looks_like_dont_know(text: str) -> bool:
    """A text that a wide cell would read as "don't know" once one leading quote is removed."""
    return text.lstrip("'").strip().lower() == DONT_KNOW


@register
class TextKind(Kind):
    name = "text"
    fields = ("text",)
    method = "concept_jaccard"
    family = "sets"

    def compared(self, question) -> bool:
        return bool(getattr(question, "definition", False))

    def problems(self, question, answer):
        if answer.text is not None and len(answer.text) > question.max_length:
            return [("text", f"is {len(answer.text)} characters long; at most {question.max_length}")]
        return []

    def encode(self, question, answer, part, concepts=None):
        return None if concepts is None else frozenset(concepts)

    def index(self, question, values):
        return stats.mean_pairwise_jaccard(values)

    def pair(self, question, a, b):
        return stats.jaccard(a, b)

    # A typed text "dont_know" is written with a leading quote so that it does not read back
    # as "don't know"; one more quote keeps a text that already starts with quotes exact.
    def write_cell(self, question, part, answer):
        text = answer.text or ""
        return "'" + text if _looks_like_dont_know(text) else text

    def read_cell(self, question, part, cell, raw, error, column):
        if raw.startswith("'") and _looks_like_dont_know(raw[1:]):
            raw = raw[1:]
        return {"text": raw}

    def tidy_values(self, question, part, answer):
        return [("", answer.text or "")]

    def read_tidy(self, question, part, rows, error):
        return {"text": rows[0][2]}

    def words(self, question, answer, part, lang, style, say):
        if style.strip_text:
            return answer.text.strip() if answer.text and answer.text.strip() else None
        return answer.text or ""
