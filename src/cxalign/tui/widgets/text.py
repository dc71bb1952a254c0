"""Free text (the executive's own definition of customer experience, and other open questions)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from cxalign.textfit import fit
from cxalign.tui.messages import AnswerChanged, InputRefused
from cxalign.tui.widgets.base import QuestionWidget
from cxalign.tui.widgets.clean import AnswerArea


class TextWidget(QuestionWidget):
    """A text area; saved a moment after the typing stops, and when leaving the question.

    Control characters never get in (pasted or typed); Ctrl+A selects all, F8 clears.
    """

    DEFAULT_CSS = """
    TextWidget #text {
        height: 8;
    }
    """

    def compose(self) -> ComposeResult:
        text = self.answer.text if self.answer and self.answer.text else ""
        area = AnswerArea(text, id="text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield area
        yield Static(fit(self.tr("text.keys", n=self.question.max_length)), classes="hint")

    def on_mount(self) -> None:
        # resuming: the cursor goes after the saved text, so typing continues it
        area = self.query_one(AnswerArea)
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        if isinstance(area, AnswerArea) and area.clean():
            return  # load_text sends Changed again, with the clean text
        limit = self.question.max_length
        if len(area.text) > limit:
            # a long paste: keep what fits rather than refusing (and later losing) all of it
            area.load_text(area.text[:limit])
            area.move_cursor(area.document.end)
            self.post_message(InputRefused(self.tr("text.too_long", n=limit)))
            return  # load_text sends Changed again, with the text that fits
        self.post_message(AnswerChanged(urgent=False))

    def value(self) -> dict[str, Any] | None:
        text = self.query_one(AnswerArea).text.strip()
        return {"text": text} if text else None
