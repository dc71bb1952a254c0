"""Input fields that never take a control character: what is pasted or typed is cleaned
before it reaches the answer (a ``\\x01`` or an ESC in a saved answer would make the
response file unreadable)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input, TextArea

from cxalign.textfit import strip_controls


class CleanInput(Input):
    """A one-line input without control characters (tabs and newlines pasted become spaces)."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(strip_controls(text, multiline=False), start, end)

    def insert(self, text: str, index: int) -> None:
        super().insert(strip_controls(text, multiline=False), index)


class AnswerArea(TextArea):
    """A text area for answers: control characters are dropped (tabs and newlines kept);
    Ctrl+A (or F7) selects everything, F8 clears it (Ctrl+Z brings it back)."""

    BINDINGS = [
        Binding("ctrl+a,f7", "select_all", "Select all", show=False),
        Binding("f8", "clear_all", "Clear", show=False),
    ]

    def _replace_via_keyboard(self, insert: str, start, end):  # typing, pasting, Ctrl+V
        return super()._replace_via_keyboard(strip_controls(insert), start, end)

    def action_clear_all(self) -> None:
        """Delete all the text, as one step that Ctrl+Z undoes."""
        if self.read_only or not self.text:
            return
        self.select_all()
        self._delete_via_keyboard(*self.selection)

    def clean(self) -> bool:
        """Drop any control character that got in another way; True when something was dropped."""
        cleaned = strip_controls(self.text)
        if cleaned == self.text:
            return False
        cursor = self.cursor_location
        self.load_text(cleaned)
        try:
            self.move_cursor(cursor)
        except Exception:
            self.move_cursor(self.document.end)
        return True
