"""Allocation: share a total of points among options, with the remaining points shown live."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from cxalign.textfit import fit
from cxalign.tui.messages import AnswerChanged
from cxalign.tui.widgets.base import QuestionWidget


class AllocationWidget(QuestionWidget):
    """One number field per option.

    Going past the total or typing a letter is refused with a message on the status line
    under the fields (one message, replaced by the next, never a pile of notifications).
    A split that does not add up yet is a draft: it stays on screen, is shown again when the
    person comes back to the question, and the status line says how many points are missing.
    """

    DEFAULT_CSS = """
    AllocationWidget .alloc-row {
        height: auto;
        margin-bottom: 1;
    }
    AllocationWidget .alloc-input {
        width: 8;
        background: $boost;
    }
    AllocationWidget .alloc-input:focus {
        background: $accent 30%;
    }
    AllocationWidget .alloc-label {
        padding: 0 1;
        width: 1fr;
    }
    """

    def __init__(self, question: Any, answer: Any, lang: str):
        super().__init__(question, answer, lang)
        saved = answer.allocation if answer and answer.allocation else {}
        self.points: dict[str, int] = {o.id: int(saved.get(o.id, 0)) for o in question.options}
        self.refusal = ""

    def compose(self) -> ComposeResult:
        self._load_draft()
        digits = len(str(self.question.total))
        for option in self.question.options:
            with Horizontal(classes="alloc-row"):
                yield Input(
                    str(self.points[option.id]) if self.points[option.id] else "",
                    placeholder="0", max_length=digits,
                    id=f"alloc-{option.id}", classes="alloc-input", compact=True,
                )
                yield Label(fit(option.label.get(self.lang)), classes="alloc-label")
        yield Static(self._status(), id="alloc-remaining", classes="status")
        yield Static(fit(self.tr("allocation.hint", total=self.question.total)), classes="hint")

    # -- the widget API -------------------------------------------------------------
    @property
    def remaining(self) -> int:
        """Points still to share (negative never happens: going over is refused)."""
        return self.question.total - sum(self.points.values())

    @property
    def incomplete(self) -> bool:
        """Some points are given but they do not add up to the total yet."""
        return self.remaining not in (0, self.question.total)

    #: The name the filling screen used first; same meaning as ``incomplete``.
    unfinished = incomplete

    def missing(self) -> str:
        if not self.incomplete:
            return ""
        return self.tr("allocation.missing", n=self.remaining, total=self.question.total)

    def draft(self) -> dict[str, int] | None:
        return dict(self.points) if self.incomplete else None

    def restore_draft(self, draft: Any) -> None:
        if isinstance(draft, dict) and set(draft) == set(self.points):
            self.points = {k: int(v) for k, v in draft.items()}

    def value(self) -> dict[str, Any] | None:
        if self.remaining != 0:
            return None
        return {"allocation": dict(self.points)}

    def clear(self) -> None:
        self.points = dict.fromkeys(self.points, 0)
        for field in self.query(".alloc-input").results(Input):
            with field.prevent(Input.Changed):
                field.value = ""
        self.refusal = ""
        self._keep_draft()
        self._show_status()

    # -- status line ----------------------------------------------------------------
    def _status(self) -> str:
        total = self.question.total
        left = self.remaining
        if left == 0:
            text = self.tr("allocation.complete", total=total)
        elif self.incomplete:
            text = self.tr("allocation.draft", n=left, total=total)
        else:
            text = self.tr("allocation.remaining", n=left, total=total)
        return f"{self.refusal}  {text}" if self.refusal else text

    def _show_status(self) -> None:
        status = self.query_one("#alloc-remaining", Static)
        status.update(fit(self._status()))
        status.set_class(self.remaining == 0 and not self.refusal, "complete")
        status.set_class(bool(self.refusal), "refused")
        if self.refusal:
            self.call_after_refresh(status.scroll_visible, animate=False)

    def _refuse(self, field: Input, reason: str, option_id: str) -> None:
        old = self.points[option_id]
        with field.prevent(Input.Changed):
            field.value = str(old) if old else ""
        self.refusal = reason
        self._show_status()
        self.app.bell()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        option_id = (event.input.id or "").removeprefix("alloc-")
        if option_id not in self.points:
            return
        text = event.value.strip()
        if text and not (text.isascii() and text.isdigit()):
            self._refuse(event.input, self.tr("allocation.not_number"), option_id)
            return
        new = int(text) if text else 0
        if new == self.points[option_id]:
            return
        others = sum(v for k, v in self.points.items() if k != option_id)
        if others + new > self.question.total:
            self._refuse(event.input, self.tr("allocation.over", total=self.question.total,
                                              n=self.question.total - others), option_id)
            return
        self.points[option_id] = new
        self.refusal = ""
        self._keep_draft()
        self._show_status()
        self.post_message(AnswerChanged())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
