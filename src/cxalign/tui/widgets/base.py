"""What every question widget shares: its question, the saved answer, its language."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.containers import Vertical

from cxalign.i18n import tr
from cxalign.models.response import Answer


def hanging(mark: str, label: str) -> Table:
    """``mark label`` where a long label wraps under itself, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(mark, label)
    return grid


class QuestionWidget(Vertical):
    """Shows one question's input; reports changes with :class:`AnswerChanged`.

    ``value()`` returns the answer fields for the value on screen (``None`` when
    nothing is chosen yet); the filling screen adds note, "don't know" and time.
    """

    DEFAULT_CLASSES = "question-widget"

    def __init__(self, question: Any, answer: Answer | None, lang: str):
        super().__init__()
        self.question = question
        self.answer = answer
        self.lang = lang

    def tr(self, key: str, **fields: object) -> str:
        return tr(key, self.lang, "tui", **fields)

    def value(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def clear(self) -> None:
        """Forget the value on screen (after "don't know")."""

    def focus_input(self) -> None:
        """Give the keyboard to the first input of the widget."""
        for child in self.query("*"):
            if child.focusable:
                child.focus()
                return
