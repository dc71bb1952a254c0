"""Allocation: share a total of points among options, with the remaining points shown live."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from cxalign.tui.messages import AnswerChanged, InputRefused
from cxalign.tui.widgets.base import QuestionWidget


class AllocationWidget(QuestionWidget):
    """One number field per option; going past the total is refused with a message."""

    def __init__(self, question: Any, answer: Any, lang: str):
        super().__init__(question, answer, lang)
        saved = answer.allocation if answer and answer.allocation else {}
        self.points: dict[str, int] = {o.id: int(saved.get(o.id, 0)) for o in question.options}

    def compose(self) -> ComposeResult:
        digits = len(str(self.question.total))
        for option in self.question.options:
            with Horizontal(classes="alloc-row"):
                yield Input(
                    str(self.points[option.id]) if self.points[option.id] else "",
                    placeholder="0", max_length=digits,
                    id=f"alloc-{option.id}", classes="alloc-input", compact=True,
                )
                yield Label(option.label.get(self.lang), classes="alloc-label")
        yield Static(self._remaining_text(), id="alloc-remaining", classes="status")
        yield Static(self.tr("allocation.hint", total=self.question.total), classes="hint")

    @property
    def remaining(self) -> int:
        return self.question.total - sum(self.points.values())

    @property
    def unfinished(self) -> bool:
        """Some points are given but they do not add up to the total yet."""
        return self.remaining not in (0, self.question.total)

    def _remaining_text(self) -> str:
        left = self.remaining
        if left == 0:
            return self.tr("allocation.complete", total=self.question.total)
        return self.tr("allocation.remaining", n=left, total=self.question.total)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        option_id = (event.input.id or "").removeprefix("alloc-")
        if option_id not in self.points:
            return
        text = event.value.strip()
        if text and not (text.isascii() and text.isdigit()):
            old = self.points[option_id]
            event.input.value = str(old) if old else ""
            self.post_message(InputRefused(self.tr("allocation.not_number")))
            return
        new = int(text) if text else 0
        if new == self.points[option_id]:
            return
        others = sum(v for k, v in self.points.items() if k != option_id)
        if others + new > self.question.total:
            old = self.points[option_id]
            event.input.value = str(old) if old else ""
            self.post_message(InputRefused(self.tr("allocation.over", total=self.question.total,
                                                   n=self.question.total - others)))
            return
        self.points[option_id] = new
        remaining = self.query_one("#alloc-remaining", Static)
        remaining.update(self._remaining_text())
        remaining.set_class(self.remaining == 0, "complete")
        self.post_message(AnswerChanged())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def value(self) -> dict[str, Any] | None:
        if self.remaining != 0:
            return None
        return {"allocation": dict(self.points)}
